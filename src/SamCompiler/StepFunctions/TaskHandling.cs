using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace SamCompiler.StepFunctions;

/// <summary>One call of a Task state's resource.</summary>
public sealed record TaskInvocation
{
    /// <summary>The state's name.</summary>
    public required string StateName { get; init; }

    /// <summary>The Resource ARN as written (after JSONata evaluation), e.g. <c>arn:aws:states:::lambda:invoke</c>.</summary>
    public required string Resource { get; init; }

    /// <summary>The effective parameters (Parameters / Arguments, or the effective input).</summary>
    public JsonNode? Parameters { get; init; }

    /// <summary>0 for the first attempt, then 1, 2 ... (what mock files number).</summary>
    public int Attempt { get; init; }

    /// <summary>The task token when the resource ends in <c>.waitForTaskToken</c>.</summary>
    public string? TaskToken { get; init; }

    /// <summary>The state machine's name (mock files are keyed by it).</summary>
    public required string StateMachineName { get; init; }

    /// <summary>The execution's ARN.</summary>
    public required string ExecutionArn { get; init; }

    /// <summary>The task's deadline as a timeout (TimeoutSeconds), or null.</summary>
    public TimeSpan? Timeout { get; init; }
}

/// <summary>
/// Runs Task states' resources. Return the resource's result (for <c>lambda:invoke</c>, Lambda's invoke response
/// with <c>Payload</c>; for a plain function ARN, the payload) or throw <see cref="AslError"/> with the error name.
/// </summary>
public interface ITaskHandler
{
    /// <summary>Runs one invocation.</summary>
    Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>A handler that fails every task: for runs where no integration is available.</summary>
public sealed class UnavailableTaskHandler : ITaskHandler
{
    /// <inheritdoc />
    public Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken) =>
        throw new AslError(ErrorNames.TaskFailed, $"The state \"{invocation.StateName}\" calls {invocation.Resource}, which samc cannot run here and no mock answers. Add a mock for it (--mock-config, --test-case).");
}

/// <summary>
/// Task tokens handed out to <c>.waitForTaskToken</c> tasks, completed by SendTaskSuccess / SendTaskFailure and kept
/// alive by SendTaskHeartbeat. One registry is shared by every execution of a server.
/// </summary>
public sealed class TaskTokenRegistry
{
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    /// <summary>Registers a new token; the returned pending entry completes when a client answers.</summary>
    public Pending Register(string token, DateTimeOffset now)
    {
        var pending = new Pending(now);
        _pending[token] = pending;
        return pending;
    }

    /// <summary>Forgets a token (the task finished, timed out or was stopped).</summary>
    public void Remove(string token) => _pending.TryRemove(token, out _);

    /// <summary>SendTaskSuccess; false when the token is unknown or already answered.</summary>
    public bool Succeed(string token, JsonNode? output) =>
        _pending.TryRemove(token, out var p) && p.Completion.TrySetResult(output);

    /// <summary>SendTaskFailure; false when the token is unknown or already answered.</summary>
    public bool Fail(string token, string? error, string? cause) =>
        _pending.TryRemove(token, out var p) && p.Completion.TrySetException(new AslError(error ?? string.Empty, cause));

    /// <summary>SendTaskHeartbeat; false when the token is unknown.</summary>
    public bool Heartbeat(string token, DateTimeOffset now)
    {
        if (!_pending.TryGetValue(token, out var p))
        {
            return false;
        }

        p.LastHeartbeat = now;
        return true;
    }

    /// <summary>A task waiting for its token.</summary>
    public sealed class Pending(DateTimeOffset registered)
    {
        /// <summary>Completes with the output, or faults with an <see cref="AslError"/>.</summary>
        public TaskCompletionSource<JsonNode?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>When the last heartbeat (or the registration) happened.</summary>
        public DateTimeOffset LastHeartbeat { get; set; } = registered;
    }
}
