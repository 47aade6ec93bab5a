namespace SamCompiler.StepFunctions;

/// <summary>
/// A failure inside an execution, named as Step Functions names it (<c>States.Runtime</c>, <c>States.TaskFailed</c>,
/// a Lambda <c>errorType</c> ...). Retry and Catch match <see cref="Error"/>; the execution fails with both fields.
/// </summary>
public sealed class AslError : Exception
{
    /// <summary>A failure named <paramref name="error"/> with <paramref name="cause"/>.</summary>
    public AslError(string error, string? cause)
        : base(error + (cause is null ? string.Empty : ": " + cause))
    {
        Error = error;
        Cause = cause;
    }

    /// <summary>Required by the analyzers; not used.</summary>
    public AslError()
        : this(ErrorNames.Runtime, (string?)null)
    {
    }

    /// <summary>Required by the analyzers; not used.</summary>
    public AslError(string message)
        : this(ErrorNames.Runtime, message)
    {
    }

    /// <summary>Required by the analyzers; not used.</summary>
    public AslError(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = ErrorNames.Runtime;
        Cause = message;
    }

    /// <summary>The error name (what ErrorEquals matches).</summary>
    public string Error { get; }

    /// <summary>The human-readable cause, or null.</summary>
    public string? Cause { get; }
}

/// <summary>The predefined error names of the ASL specification ("Errors" section).</summary>
public static class ErrorNames
{
    /// <summary>Matches any error name except States.Runtime-type terminal errors where noted.</summary>
    public const string All = "States.ALL";

    /// <summary>A Task state's heartbeat was late.</summary>
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";

    /// <summary>A Task ran longer than TimeoutSeconds, or did not heartbeat.</summary>
    public const string Timeout = "States.Timeout";

    /// <summary>A Task failed.</summary>
    public const string TaskFailed = "States.TaskFailed";

    /// <summary>Insufficient privileges.</summary>
    public const string Permissions = "States.Permissions";

    /// <summary>ResultPath cannot be applied to the input.</summary>
    public const string ResultPathMatchFailure = "States.ResultPathMatchFailure";

    /// <summary>A parameter or template could not be applied.</summary>
    public const string ParameterPathFailure = "States.ParameterPathFailure";

    /// <summary>A Parallel or Map branch failed.</summary>
    public const string BranchFailed = "States.BranchFailed";

    /// <summary>No Choice rule matched and there is no Default.</summary>
    public const string NoChoiceMatched = "States.NoChoiceMatched";

    /// <summary>An intrinsic function failed.</summary>
    public const string IntrinsicFailure = "States.IntrinsicFailure";

    /// <summary>A Map state's failures passed its tolerated threshold.</summary>
    public const string ExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold";

    /// <summary>An ItemReader could not read its items.</summary>
    public const string ItemReaderFailed = "States.ItemReaderFailed";

    /// <summary>A ResultWriter could not write.</summary>
    public const string ResultWriterFailed = "States.ResultWriterFailed";

    /// <summary>A payload larger than the quota.</summary>
    public const string DataLimitExceeded = "States.DataLimitExceeded";

    /// <summary>A runtime error (not retriable; only States.ALL does not catch it in JSONPath Retry).</summary>
    public const string Runtime = "States.Runtime";

    /// <summary>A JSONata expression failed.</summary>
    public const string QueryEvaluationError = "States.QueryEvaluationError";

    /// <summary>The task token is no longer valid.</summary>
    public const string TaskTokenInvalid = "States.Runtime";
}
