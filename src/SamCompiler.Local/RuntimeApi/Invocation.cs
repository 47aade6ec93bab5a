namespace SamCompiler.Local.RuntimeApi;

/// <summary>The outcome the runtime (or samc, for timeouts and crashes) gave an invocation.</summary>
/// <param name="Payload">The response body: the function result, or a Lambda error object.</param>
/// <param name="ErrorType">Null for a success; otherwise the error type (e.g. Sandbox.Timedout).</param>
public sealed record InvocationResult(byte[] Payload, string? ErrorType)
{
    /// <summary>True when the invocation failed (the caller sees X-Amz-Function-Error).</summary>
    public bool IsError => ErrorType is not null;
}

/// <summary>One event handed to a runtime through the Runtime API, and the promise of its result.</summary>
public sealed class Invocation
{
    private const int Queued = 0;
    private const int InFlight = 1;
    private const int Done = 2;

    private readonly TaskCompletionSource<DateTimeOffset> _dispatched = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<InvocationResult> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    /// <summary>Creates an invocation.</summary>
    public Invocation(string requestId, byte[] payload, string functionArn, TimeSpan timeout)
    {
        RequestId = requestId;
        Payload = payload;
        FunctionArn = functionArn;
        Timeout = timeout;
    }

    /// <summary>A stand-in for an invocation that finished and was forgotten (its payload is gone).</summary>
    internal static Invocation Finished(string requestId)
    {
        var invocation = new Invocation(requestId, [], string.Empty, TimeSpan.Zero);
        invocation.TryComplete(new InvocationResult([], null));
        return invocation;
    }

    /// <summary>The request id (a lower-case UUID).</summary>
    public string RequestId { get; }

    /// <summary>The event.</summary>
    public byte[] Payload { get; }

    /// <summary>The invoked function ARN.</summary>
    public string FunctionArn { get; }

    /// <summary>The function timeout; the deadline is the dispatch time plus this.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The X-Ray trace header value.</summary>
    public string TraceId { get; init; } = string.Empty;

    /// <summary>Client context JSON, if any.</summary>
    public string? ClientContext { get; init; }

    /// <summary>Cognito identity JSON, if any.</summary>
    public string? CognitoIdentity { get; init; }

    /// <summary>The deadline, set when the runtime takes the invocation.</summary>
    public DateTimeOffset Deadline { get; private set; }

    /// <summary>Completes when a runtime has taken the invocation (value: the time it did).</summary>
    public Task<DateTimeOffset> Dispatched => _dispatched.Task;

    /// <summary>Completes with the result.</summary>
    public Task<InvocationResult> Completed => _completed.Task;

    /// <summary>True once the runtime has taken the invocation and before it completes.</summary>
    public bool IsInFlight => Volatile.Read(ref _state) == InFlight;

    /// <summary>True once completed.</summary>
    public bool IsDone => Volatile.Read(ref _state) == Done;

    /// <summary>Marks the invocation taken by a runtime at <paramref name="now"/>; false when it is no longer queued.</summary>
    internal bool TryDispatch(DateTimeOffset now)
    {
        if (Interlocked.CompareExchange(ref _state, InFlight, Queued) != Queued)
        {
            return false;
        }

        Deadline = now + Timeout;
        _dispatched.TrySetResult(now);
        return true;
    }

    /// <summary>Completes a dispatched invocation (a runtime's response or error); false in any other state.</summary>
    internal bool TryCompleteFromRuntime(InvocationResult result)
    {
        if (Interlocked.CompareExchange(ref _state, Done, InFlight) != InFlight)
        {
            return false;
        }

        _completed.TrySetResult(result);
        return true;
    }

    /// <summary>Completes the invocation whatever its state (timeouts, crashes, init errors); false when already done.</summary>
    public bool TryComplete(InvocationResult result)
    {
        if (Interlocked.Exchange(ref _state, Done) == Done)
        {
            return false;
        }

        _completed.TrySetResult(result);
        return true;
    }
}
