using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SamCompiler.Local.DotnetHost;

/// <summary>
/// samc's host for Lambda dotnet* runtimes: speaks the Lambda Runtime API at AWS_LAMBDA_RUNTIME_API, loads the handler
/// "Assembly::Namespace.Type::Method" from LAMBDA_TASK_ROOT (the <c>dotnet publish</c> output), then loops on
/// invocation/next and posts each result or error in the shapes of Lambda's .NET runtime.
/// </summary>
public static class Program
{
    private const string Base = "/2018-06-01/runtime";

    /// <summary>Runs the host until the Runtime API goes away.</summary>
    public static int Main()
    {
        using var api = new RuntimeApiConnection(Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API") ?? "127.0.0.1:9001");
        var taskRoot = Environment.GetEnvironmentVariable("LAMBDA_TASK_ROOT") ?? Directory.GetCurrentDirectory();
        HandlerInvoker invoker;
        try
        {
            invoker = HandlerInvoker.Load(Environment.GetEnvironmentVariable("_HANDLER") ?? string.Empty, taskRoot);
        }
        catch (Exception ex)
        {
            var error = ex is LambdaValidationException ? ex : Unwrap(ex);
            var body = ErrorJson(error, error is LambdaValidationException);
            Console.Out.WriteLine(body);
            api.Send("POST", Base + "/init/error", Encoding.UTF8.GetBytes(body), error.GetType().Name);
            return 1;
        }

        while (true)
        {
            var next = api.Send("GET", Base + "/invocation/next");
            if (next.Status != 200)
            {
                Console.Error.WriteLine($"samc host: unexpected status {next.Status} from invocation/next");
                return 1;
            }

            var requestId = next.Header("Lambda-Runtime-Aws-Request-Id") ?? string.Empty;
            var trace = next.Header("Lambda-Runtime-Trace-Id");
            Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", trace);
            var deadline = long.TryParse(next.Header("Lambda-Runtime-Deadline-Ms"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) ? d : 0;
            var context = new InvocationContext(requestId, deadline, next.Header("Lambda-Runtime-Invoked-Function-Arn") ?? string.Empty, trace ?? string.Empty);
            var path = Base + "/invocation/" + requestId;
            byte[] output;
            try
            {
                output = invoker.InvokeAsync(next.Body, context).GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                var error = Unwrap(ex);
                Console.Out.WriteLine($"{DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}\t{requestId}\tfail\t{error}");
                Console.Out.Flush();
                api.Send("POST", path + "/error", Encoding.UTF8.GetBytes(ErrorJson(error, bare: false)), error.GetType().Name);
                continue;
            }

            Console.Out.Flush();
            var answer = api.Send("POST", path + "/response", output);
            if (answer.Status == 413)
            {
                Console.Error.WriteLine("[ERROR] " + Encoding.UTF8.GetString(answer.Body));
            }
        }
    }

    /// <summary>The exception the user's code threw, without the reflection and task wrappers around it.</summary>
    internal static Exception Unwrap(Exception ex)
    {
        while (true)
        {
            if (ex is TargetInvocationException { InnerException: { } inner })
            {
                ex = inner;
            }
            else if (ex is AggregateException { InnerExceptions.Count: 1 } aggregate)
            {
                ex = aggregate.InnerExceptions[0];
            }
            else if (ex is TypeInitializationException { InnerException: { } cause })
            {
                ex = cause;
            }
            else
            {
                return ex;
            }
        }
    }

    /// <summary>Lambda's .NET error document: errorType (the type's name), errorMessage, stackTrace, cause.</summary>
    internal static string ErrorJson(Exception ex, bool bare)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteError(writer, ex, bare, 0);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteError(Utf8JsonWriter writer, Exception ex, bool bare, int depth)
    {
        writer.WriteStartObject();
        writer.WriteString("errorType", ex.GetType().Name);
        writer.WriteString("errorMessage", ex.Message);
        if (!bare)
        {
            writer.WriteStartArray("stackTrace");
            foreach (var line in StackLines(ex))
            {
                writer.WriteStringValue(line);
            }

            writer.WriteEndArray();
        }

        if (ex.InnerException is { } inner && depth < 8)
        {
            writer.WritePropertyName("cause");
            WriteError(writer, inner, bare: false, depth + 1);
        }

        writer.WriteEndObject();
    }

    private static IEnumerable<string> StackLines(Exception ex) =>
        (ex.StackTrace ?? string.Empty)
            .Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0
                && !l.Contains(" System.Reflection.", StringComparison.Ordinal)
                && !l.Contains(" System.RuntimeMethodHandle.", StringComparison.Ordinal)
                && !l.Contains("InvokeStub_", StringComparison.Ordinal)
                && !l.Contains(" SamCompiler.Local.DotnetHost.", StringComparison.Ordinal)
                && !l.StartsWith("--- End of stack trace", StringComparison.Ordinal));
}
