using System.Globalization;
using System.Reflection;

namespace SamCompiler.Local.DotnetHost;

/// <summary>
/// Implements the function's own Amazon.Lambda.Core ILambdaContext (and ILambdaLogger) at run time, by member name,
/// since samc cannot reference Amazon.Lambda.Core.
/// </summary>
public class LambdaContextProxy : DispatchProxy
{
    private InvocationContext? _context;

    /// <summary>An ILambdaContext of type <paramref name="contextInterface"/> for <paramref name="context"/>.</summary>
    public static object Create(Type contextInterface, InvocationContext context)
    {
        var proxy = (LambdaContextProxy)Create(contextInterface, typeof(LambdaContextProxy));
        proxy._context = context;
        return proxy;
    }

    /// <inheritdoc/>
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod is null)
        {
            return null;
        }

        var context = _context!;
        object? value = targetMethod.Name switch
        {
            "get_AwsRequestId" => context.RequestId,
            "get_FunctionName" => Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME"),
            "get_FunctionVersion" => Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_VERSION"),
            "get_InvokedFunctionArn" => context.InvokedFunctionArn,
            "get_LogGroupName" => Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_GROUP_NAME"),
            "get_LogStreamName" => Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_STREAM_NAME"),
            "get_MemoryLimitInMB" => int.TryParse(Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) ? m : 128,
            "get_RemainingTime" => TimeSpan.FromMilliseconds(Math.Max(context.DeadlineMs - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 0)),
            "get_TraceId" => context.TraceId,
            "get_Logger" => LoggerProxy.Create(targetMethod.ReturnType),
            _ => null,
        };
        return Coerce(value, targetMethod.ReturnType);
    }

    internal static object? Coerce(object? value, Type type)
    {
        if (type == typeof(void))
        {
            return null;
        }

        if (value is not null && type.IsInstanceOfType(value))
        {
            return value;
        }

        return type.IsValueType ? Activator.CreateInstance(type) : null;
    }
}

/// <summary>Implements the function's ILambdaLogger: Log writes the message as is, LogLine adds a newline.</summary>
public class LoggerProxy : DispatchProxy
{
    /// <summary>An ILambdaLogger of type <paramref name="loggerInterface"/>.</summary>
    public static object? Create(Type loggerInterface) =>
        loggerInterface.IsInterface ? Create(loggerInterface, typeof(LoggerProxy)) : null;

    /// <inheritdoc/>
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod is null)
        {
            return null;
        }

        var strings = (args ?? []).OfType<string>().ToList();
        var message = strings.Count == 0 ? string.Empty : strings[^1];
        if (targetMethod.Name.StartsWith("LogLine", StringComparison.Ordinal))
        {
            Console.Out.WriteLine(message);
        }
        else if (targetMethod.Name.StartsWith("Log", StringComparison.Ordinal))
        {
            // Log(string) writes as is; Log(level, message) and LogInformation(...) style methods write one line.
            if (targetMethod.Name == "Log" && args is { Length: 1 })
            {
                Console.Out.Write(message);
            }
            else
            {
                Console.Out.WriteLine(message);
            }
        }

        Console.Out.Flush();
        return LambdaContextProxy.Coerce(null, targetMethod.ReturnType);
    }
}
