using SamCompiler.Model.Aws;

namespace SamCompiler.Local.RuntimeApi;

/// <summary>Routes and header names of the Lambda Runtime API, version 2018-06-01.</summary>
public static class RuntimeApiRoutes
{
    /// <summary>The API version prefix.</summary>
    public const string Prefix = "/2018-06-01";

    /// <summary>GET: the next invocation (long poll).</summary>
    public const string Next = Prefix + "/runtime/invocation/next";

    /// <summary>POST: the result of an invocation.</summary>
    public const string Response = Prefix + "/runtime/invocation/{requestId}/response";

    /// <summary>POST: the error of an invocation.</summary>
    public const string Error = Prefix + "/runtime/invocation/{requestId}/error";

    /// <summary>POST: an initialization error.</summary>
    public const string InitError = Prefix + "/runtime/init/error";

    /// <summary>The route value holding the request id.</summary>
    public const string RequestIdRouteValue = "requestId";

    /// <summary>Header: the request id of the invocation.</summary>
    public const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";

    /// <summary>Header: the deadline, milliseconds since the Unix epoch.</summary>
    public const string DeadlineHeader = "Lambda-Runtime-Deadline-Ms";

    /// <summary>Header: the ARN the function was invoked with.</summary>
    public const string InvokedFunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";

    /// <summary>Header: the X-Ray trace id.</summary>
    public const string TraceIdHeader = "Lambda-Runtime-Trace-Id";

    /// <summary>Header: the client context (mobile SDK), JSON.</summary>
    public const string ClientContextHeader = "Lambda-Runtime-Client-Context";

    /// <summary>Header: the Cognito identity, JSON.</summary>
    public const string CognitoIdentityHeader = "Lambda-Runtime-Cognito-Identity";

    /// <summary>Header the runtime sets on error posts: the error type.</summary>
    public const string FunctionErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    /// <summary>Largest synchronous response payload: the 6 MB quota plus the 100 bytes of slack the emulator allows.</summary>
    public static int MaxResponseBytes { get; } = checked((int)Quotas.SyncPayload.Value + 100);
}
