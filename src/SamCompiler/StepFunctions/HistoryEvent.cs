using System.Text.Json.Nodes;

namespace SamCompiler.StepFunctions;

/// <summary>
/// One event of an execution's history, named as the Step Functions API names them (<c>ExecutionStarted</c>,
/// <c>TaskStateEntered</c>, <c>LambdaFunctionScheduled</c>, <c>MapIterationStarted</c> ...), with its details object
/// under the API's member name (<c>stateEnteredEventDetails</c> ...).
/// </summary>
/// <param name="Id">1-based event id.</param>
/// <param name="PreviousEventId">The id of the event before it in the same branch (0 for the first).</param>
/// <param name="Timestamp">When it happened (the execution's clock).</param>
/// <param name="Type">The HistoryEventType.</param>
/// <param name="DetailsMember">The API member holding the details (e.g. <c>stateEnteredEventDetails</c>), or null.</param>
/// <param name="Details">The details, or null.</param>
public sealed record HistoryEvent(long Id, long PreviousEventId, DateTimeOffset Timestamp, string Type, string? DetailsMember, JsonObject? Details)
{
    /// <summary>The state name in the details (name field), when there is one.</summary>
    public string? StateName => AslJson.AsString(Details?["name"]);
}

/// <summary>The status of an execution, as DescribeExecution reports it.</summary>
public enum ExecutionStatus
{
    /// <summary>Running.</summary>
    Running,

    /// <summary>Succeeded.</summary>
    Succeeded,

    /// <summary>Failed.</summary>
    Failed,

    /// <summary>Timed out (the machine's TimeoutSeconds).</summary>
    TimedOut,

    /// <summary>Stopped by StopExecution.</summary>
    Aborted,
}

/// <summary>API spellings of <see cref="ExecutionStatus"/>.</summary>
public static class ExecutionStatusNames
{
    /// <summary>RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED.</summary>
    public static string ToApi(this ExecutionStatus status) => status switch
    {
        ExecutionStatus.Running => "RUNNING",
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        _ => "ABORTED",
    };
}
