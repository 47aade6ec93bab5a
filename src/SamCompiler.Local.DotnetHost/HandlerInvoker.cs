using System.Reflection;
using System.Runtime.Loader;

namespace SamCompiler.Local.DotnetHost;

/// <summary>An error in the handler string or the code it names, reported as Lambda's .NET runtime does.</summary>
public sealed class LambdaValidationException : Exception
{
    /// <summary>Creates the error.</summary>
    public LambdaValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    public LambdaValidationException()
    {
    }

    /// <summary>Creates the error.</summary>
    public LambdaValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>What the host knows of one invocation.</summary>
/// <param name="RequestId">The request id.</param>
/// <param name="DeadlineMs">The deadline in Unix milliseconds.</param>
/// <param name="InvokedFunctionArn">The ARN the function was invoked with.</param>
/// <param name="TraceId">The X-Ray trace header.</param>
public sealed record InvocationContext(string RequestId, long DeadlineMs, string InvokedFunctionArn, string TraceId);

/// <summary>Resolves dependencies of the handler assembly from the function's folder.</summary>
internal sealed class HandlerLoadContext : AssemblyLoadContext
{
    private readonly string _root;
    private readonly AssemblyDependencyResolver? _resolver;

    public HandlerLoadContext(string mainAssembly)
        : base("samc-handler")
    {
        _root = Path.GetDirectoryName(mainAssembly)!;
        _resolver = File.Exists(Path.ChangeExtension(mainAssembly, ".deps.json")) ? new AssemblyDependencyResolver(mainAssembly) : null;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (_resolver?.ResolveAssemblyToPath(assemblyName) is { } resolved)
        {
            return LoadFromAssemblyPath(resolved);
        }

        var candidate = Path.Combine(_root, assemblyName.Name + ".dll");
        if (!File.Exists(candidate))
        {
            return null;
        }

        // A framework assembly copied into the folder is taken from the framework unless the folder's is newer.
        try
        {
            var framework = Default.LoadFromAssemblyName(assemblyName);
            if (framework.GetName().Version >= AssemblyName.GetAssemblyName(candidate).Version)
            {
                return framework;
            }
        }
        catch (FileNotFoundException)
        {
            // Not a framework assembly.
        }

        return LoadFromAssemblyPath(candidate);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver?.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}

/// <summary>The loaded handler: how to turn the event bytes into arguments and the result into response bytes.</summary>
internal sealed class HandlerInvoker
{
    private const string ContextInterface = "Amazon.Lambda.Core.ILambdaContext";
    private const string SerializerAttribute = "Amazon.Lambda.Core.LambdaSerializerAttribute";

    private readonly MethodInfo _method;
    private readonly object? _instance;
    private readonly ParameterInfo[] _parameters;
    private readonly object? _serializer;
    private readonly MethodInfo? _deserialize;
    private readonly MethodInfo? _serialize;
    private readonly Type? _resultType;

    private HandlerInvoker(MethodInfo method, object? instance, object? serializer, Type? resultType)
    {
        _method = method;
        _instance = instance;
        _parameters = method.GetParameters();
        _serializer = serializer;
        _resultType = resultType;
        if (serializer is not null)
        {
            var type = serializer.GetType();
            _deserialize = FindGeneric(type, "Deserialize", 1);
            _serialize = FindGeneric(type, "Serialize", 2);
        }
    }

    private static MethodInfo? FindGeneric(Type type, string name, int parameters)
    {
        var direct = type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(m => m.Name == name && m.IsGenericMethodDefinition && m.GetParameters().Length == parameters);
        if (direct is not null)
        {
            return direct;
        }

        // An explicit interface implementation: call it through the interface.
        return type.GetInterfaces()
            .SelectMany(i => i.GetMethods())
            .FirstOrDefault(m => m.Name == name && m.IsGenericMethodDefinition && m.GetParameters().Length == parameters);
    }

    /// <summary>Loads "Assembly::Namespace.Type::Method" from <paramref name="taskRoot"/>.</summary>
    public static HandlerInvoker Load(string handler, string taskRoot)
    {
        const string Format = "The valid format is 'ASSEMBLY::TYPE::METHOD'.";
        if (string.IsNullOrWhiteSpace(handler))
        {
            throw new LambdaValidationException("Empty lambda function handler. " + Format);
        }

        var parts = handler.Split("::");
        if (parts.Length != 3)
        {
            throw new LambdaValidationException($"Invalid lambda function handler: '{handler}'. {Format}");
        }

        var (assemblyName, typeName, methodName) = (parts[0].Trim(), parts[1].Trim(), parts[2].Trim());
        if (assemblyName.Length == 0 || typeName.Length == 0 || methodName.Length == 0)
        {
            var missing = assemblyName.Length == 0 ? "assembly" : typeName.Length == 0 ? "type" : "method";
            throw new LambdaValidationException($"Invalid lambda function handler: '{handler}', the {missing} is missing. {Format}");
        }

        var path = Path.Combine(taskRoot, assemblyName + ".dll");
        if (!File.Exists(path))
        {
            throw new LambdaValidationException($"Could not find the specified handler assembly with the file name '{assemblyName}, Culture=neutral, PublicKeyToken=null'. The assembly should be located in the root of your uploaded .zip file.");
        }

        Assembly assembly;
        try
        {
            assembly = new HandlerLoadContext(path).LoadFromAssemblyPath(path);
        }
        catch (BadImageFormatException ex)
        {
            throw new LambdaValidationException($"Unable to load assembly '{assemblyName}'.", ex);
        }

        var type = assembly.GetType(typeName, throwOnError: false)
            ?? throw new LambdaValidationException($"Unable to load type '{typeName}' from assembly '{assemblyName}'.");
        if (type.IsGenericTypeDefinition)
        {
            throw new LambdaValidationException($"The type '{typeName}' cannot be used as a Lambda Handler type because it is generic. Handler methods cannot be located in generic types. Please specify a handler method in a non-generic type.");
        }

        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m.Name == methodName)
            .ToList();
        if (methods.Count == 0)
        {
            throw new LambdaValidationException($"Unable to find method '{methodName}' in type '{typeName}' from assembly '{assemblyName}': Found no methods matching method name '{methodName}'.");
        }

        if (methods.Count > 1)
        {
            var candidates = string.Join("\n", methods.Select(m => m.ToString()));
            throw new LambdaValidationException($"The method '{methodName}' in type '{typeName}' appears to have a number of overloads. To call this method please specify a complete method signature. Possible candidates are:\n{candidates}.");
        }

        var method = methods[0];
        var parameters = method.GetParameters();
        if (parameters.Length > 2)
        {
            throw new LambdaValidationException($"Method '{methodName}' of type '{typeName}' is not supported: the method has more than 2 parameters.");
        }

        if (parameters.Length == 2 && parameters[1].ParameterType.FullName != ContextInterface)
        {
            throw new LambdaValidationException($"Method '{methodName}' of type '{typeName}' is not supported: the method has 2 parameters, but the second parameter is not of type '{ContextInterface}'.");
        }

        if (method.IsGenericMethodDefinition)
        {
            throw new LambdaValidationException($"The method '{methodName}' cannot be used as a Lambda Handler because it is a generic method. Handler methods cannot be generic. Please specify a non-generic handler method.");
        }

        if (method.ReturnType == typeof(void) && method.GetCustomAttributes().Any(a => a.GetType().FullName == "System.Runtime.CompilerServices.AsyncStateMachineAttribute"))
        {
            throw new LambdaValidationException($"The method '{methodName}' cannot be used as a Lambda Handler because it is an 'async void' method. Handler methods cannot be 'async void'. Please specify a method that is not 'async void'.");
        }

        var resultType = ResultType(method.ReturnType);
        var inputType = parameters.Length > 0 && parameters[0].ParameterType.FullName != ContextInterface ? parameters[0].ParameterType : null;
        object? serializer = null;
        if ((inputType is not null && inputType != typeof(Stream)) || (resultType is not null && resultType != typeof(Stream)))
        {
            var attribute = method.GetCustomAttributes().FirstOrDefault(a => a.GetType().FullName == SerializerAttribute)
                ?? assembly.GetCustomAttributes().FirstOrDefault(a => a.GetType().FullName == SerializerAttribute);
            if (attribute is null)
            {
                var (what, data) = inputType is not null && inputType != typeof(Stream) ? ("deserialize input", inputType) : ("serialize output", resultType!);
                throw new LambdaValidationException($"Could not find the LambdaSerializerAttribute on the assembly '{assembly.FullName}' or method '{methodName}' while attempting to {what} data of type '{data}'. To use types other than System.IO.Stream as input/output parameters, the assembly or Lambda function should be annotated with Amazon.Lambda.LambdaSerializerAttribute.");
            }

            var serializerType = attribute.GetType().GetProperty("SerializerType")?.GetValue(attribute) as Type
                ?? throw new LambdaValidationException($"The 'SerializerType' property on attribute class '{attribute.GetType()}' is not set.");
            if (serializerType.GetConstructor(Type.EmptyTypes) is null)
            {
                throw new LambdaValidationException($"The indicated serializer '{serializerType.FullName}' does not define a public zero-parameter constructor.");
            }

            serializer = Activator.CreateInstance(serializerType);
        }

        object? instance = null;
        if (!method.IsStatic)
        {
            if (type.IsAbstract)
            {
                throw new LambdaValidationException($"The instance method '{methodName}' cannot be used as a Lambda Handler because its type '{typeName}' is abstract. Please either use a static handler or specify a type that is not abstract.");
            }

            instance = Activator.CreateInstance(type, nonPublic: true);
        }

        return new HandlerInvoker(method, instance, serializer, resultType);
    }

    /// <summary>The type the handler produces: null for void and Task, T for Task&lt;T&gt;, else the return type.</summary>
    private static Type? ResultType(Type returnType)
    {
        if (returnType == typeof(void) || returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            return null;
        }

        if (returnType.IsGenericType && (returnType.GetGenericTypeDefinition() == typeof(Task<>) || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            return returnType.GetGenericArguments()[0];
        }

        return returnType;
    }

    /// <summary>Runs the handler on one event.</summary>
    public async Task<byte[]> InvokeAsync(byte[] input, InvocationContext context)
    {
        var args = new object?[_parameters.Length];
        for (var i = 0; i < _parameters.Length; i++)
        {
            var type = _parameters[i].ParameterType;
            if (type.FullName == ContextInterface)
            {
                args[i] = LambdaContextProxy.Create(type, context);
            }
            else if (type == typeof(Stream) || type == typeof(MemoryStream))
            {
                args[i] = new MemoryStream(input, writable: false);
            }
            else
            {
                using var stream = new MemoryStream(input, writable: false);
                args[i] = _deserialize!.MakeGenericMethod(type).Invoke(_serializer, [stream]);
            }
        }

        var returned = _method.Invoke(_instance, args);
        object? result = returned;
        switch (returned)
        {
            case Task task:
                await task.ConfigureAwait(false);
                result = _resultType is null ? null : task.GetType().GetProperty("Result")!.GetValue(task);
                break;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                result = null;
                break;
            default:
                if (returned is not null && returned.GetType().IsGenericType && returned.GetType().GetGenericTypeDefinition() == typeof(ValueTask<>))
                {
                    var asTask = (Task)returned.GetType().GetMethod("AsTask")!.Invoke(returned, null)!;
                    await asTask.ConfigureAwait(false);
                    result = asTask.GetType().GetProperty("Result")!.GetValue(asTask);
                }

                break;
        }

        if (_resultType is null)
        {
            return [];
        }

        if (result is null && _serializer is null)
        {
            return [];
        }

        if (result is Stream stream2)
        {
            using var copy = new MemoryStream();
            await stream2.CopyToAsync(copy).ConfigureAwait(false);
            return copy.ToArray();
        }

        using var output = new MemoryStream();
        _serialize!.MakeGenericMethod(_resultType).Invoke(_serializer, [result, output]);
        return output.ToArray();
    }
}
