using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SamCompiler.Local.Pool;
using SamCompiler.StepFunctions;

namespace SamCompiler.Local.StepFunctions;

/// <summary>
/// Runs Task states that call Lambda (<c>arn:aws:states:::lambda:invoke</c>, with or without
/// <c>.waitForTaskToken</c>, and plain function ARNs) in the template's functions through samc's warm environment
/// pool, and reports failures as Step Functions does: the function's <c>errorType</c> (cause: the error payload),
/// <c>Lambda.ResourceNotFoundException</c>, <c>Lambda.TooManyRequestsException</c> when throttled and
/// <c>Lambda.ServiceException</c> when the environment cannot run. Other resources are not run here.
/// </summary>
public sealed class LocalLambdaTaskHandler(EnvironmentPool pool, string region, string accountId) : ITaskHandler
{
    private readonly Dictionary<string, ServeFunction> _byName = Index(pool.Functions);

    /// <summary>True for the resources this handler runs (Lambda).</summary>
    public static bool CanRun(TaskInvocation invocation)
    {
        var kind = ResourceKind.Of(invocation.Resource);
        return kind.IsLambdaFunction || (kind.ResourceType == "lambda" && kind.Resource.StartsWith("invoke", StringComparison.Ordinal));
    }

    /// <inheritdoc />
    public async Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var kind = ResourceKind.Of(invocation.Resource);
        string functionName;
        JsonNode? payload;
        if (kind.IsLambdaFunction)
        {
            functionName = invocation.Resource;
            payload = invocation.Parameters;
        }
        else if (CanRun(invocation))
        {
            functionName = AslJson.AsString(invocation.Parameters?["FunctionName"])
                ?? throw new AslError("States.Runtime", $"The state \"{invocation.StateName}\" calls lambda:invoke without a FunctionName parameter.");
            payload = invocation.Parameters?["Payload"];
            if (AslJson.AsString(payload) is { } payloadText && AslJson.TryParse(payloadText, out var parsed, out _))
            {
                payload = parsed;
            }
        }
        else
        {
            throw new AslError("States.Runtime", $"The state \"{invocation.StateName}\" calls {invocation.Resource}, which samc runs only from a mock config file.");
        }

        var (function, qualifier) = Find(functionName);
        var requestId = Guid.NewGuid().ToString("D");
        if (function is null)
        {
            var arn = functionName.StartsWith("arn:", StringComparison.Ordinal) ? functionName : $"arn:aws:lambda:{region}:{accountId}:function:{functionName}";
            throw new AslError("Lambda.ResourceNotFoundException", $"Function not found: {arn} (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: {requestId}; Proxy: null)");
        }

        var body = Encoding.UTF8.GetBytes(payload is null && !kind.IsLambdaFunction ? "{}" : AslJson.Write(payload));
        PoolResult result;
        try
        {
            result = await pool.InvokeAsync(new PoolRequest { Function = function, Payload = body, Qualifier = qualifier, RequestId = requestId }, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            throw new AslError("Lambda.ServiceException", $"The local Lambda service is shutting down (Service: AWSLambda; Status Code: 500; Error Code: ServiceException; Request ID: {requestId}; Proxy: null)");
        }

        if (result.Throttled)
        {
            throw new AslError("Lambda.TooManyRequestsException", $"Rate Exceeded. (Service: AWSLambda; Status Code: 429; Error Code: TooManyRequestsException; Request ID: {requestId}; Proxy: null) [{result.ThrottleReason}]");
        }

        var outcome = result.Result!.Result;
        var text = Encoding.UTF8.GetString(outcome.Payload);
        if (outcome.IsError)
        {
            throw new AslError(outcome.ErrorType ?? "Lambda.Unknown", text);
        }

        if (!AslJson.TryParse(text.Length == 0 ? "null" : text, out var output, out _))
        {
            output = AslJson.String(text);
        }

        if (kind.IsLambdaFunction)
        {
            return output;
        }

        return new JsonObject
        {
            ["ExecutedVersion"] = ServeFunction.ExecutedVersion(qualifier),
            ["Payload"] = output,
            ["SdkHttpMetadata"] = new JsonObject
            {
                ["AllHttpHeaders"] = new JsonObject { ["X-Amz-Executed-Version"] = new JsonArray(ServeFunction.ExecutedVersion(qualifier)), ["x-amzn-RequestId"] = new JsonArray(requestId) },
                ["HttpHeaders"] = new JsonObject { ["X-Amz-Executed-Version"] = ServeFunction.ExecutedVersion(qualifier), ["x-amzn-RequestId"] = requestId },
                ["HttpStatusCode"] = 200,
            },
            ["SdkResponseMetadata"] = new JsonObject { ["RequestId"] = requestId },
            ["StatusCode"] = 200,
        };
    }

    /// <summary>The function a name, ARN or partial ARN (optionally with a qualifier) stands for, matched by name.</summary>
    private (ServeFunction? Function, string? Qualifier) Find(string name)
    {
        var parts = name.Split(':');
        string bare;
        string? qualifier = null;
        if (parts.Length >= 7 && parts[0] == "arn" && parts[5] == "function")
        {
            bare = parts[6];
            qualifier = parts.Length > 7 ? parts[7] : null;
        }
        else if (parts.Length >= 3 && parts[1] == "function")
        {
            bare = parts[2];
            qualifier = parts.Length > 3 ? parts[3] : null;
        }
        else
        {
            bare = parts[0];
            qualifier = parts.Length > 1 ? parts[1] : null;
        }

        return _byName.TryGetValue(bare, out var f) && f.HasQualifier(qualifier) ? (f, qualifier) : (null, qualifier);
    }

    private static Dictionary<string, ServeFunction> Index(IEnumerable<ServeFunction> functions)
    {
        var map = new Dictionary<string, ServeFunction>(StringComparer.Ordinal);
        foreach (var f in functions)
        {
            map.TryAdd(f.LogicalId, f);
            if (f.Function.FunctionName is { } n)
            {
                map[n] = f;
            }
        }

        return map;
    }

    /// <summary>A duration for messages.</summary>
    internal static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
}
