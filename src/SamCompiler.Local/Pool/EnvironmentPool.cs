using System.Globalization;
using SamCompiler.Local.Invoke;
using SamCompiler.Local.Model;
using SamCompiler.Local.RuntimeApi;

namespace SamCompiler.Local.Pool;

/// <summary>One invocation request to the pool.</summary>
public sealed record PoolRequest
{
    /// <summary>The function.</summary>
    public required ServeFunction Function { get; init; }

    /// <summary>The event (JSON bytes).</summary>
    public required byte[] Payload { get; init; }

    /// <summary>The qualifier the caller gave ($LATEST, 1 or the alias), or null.</summary>
    public string? Qualifier { get; init; }

    /// <summary>Client context JSON (decoded X-Amz-Client-Context), if any.</summary>
    public string? ClientContext { get; init; }

    /// <summary>The request id (a new one when null).</summary>
    public string? RequestId { get; init; }

    /// <summary>True when the caller needs the whole invocation log (LogType Tail).</summary>
    public bool WantLog { get; init; }
}

/// <summary>The pool's answer: a result, or the reason the invocation was throttled.</summary>
/// <param name="RequestId">The request id.</param>
/// <param name="Result">The result; null when throttled.</param>
/// <param name="ThrottleReason">ReservedFunctionConcurrentInvocationLimitExceeded or ConcurrentInvocationLimitExceeded.</param>
public sealed record PoolResult(string RequestId, EnvironmentResult? Result, string? ThrottleReason)
{
    /// <summary>True when the request was refused for concurrency.</summary>
    public bool Throttled => ThrottleReason is not null;
}

/// <summary>
/// The execution environments of all functions: one per concurrent invocation up to the function's
/// ReservedConcurrentExecutions (or the unreserved part of the account concurrency), reused while warm, retired
/// when idle. Requests beyond the limit are throttled, as Lambda answers them with TooManyRequestsException.
/// </summary>
public sealed class EnvironmentPool : IAsyncDisposable
{
    /// <summary>Throttle reason when the function's reserved concurrency is used up.</summary>
    public const string ReservedLimit = "ReservedFunctionConcurrentInvocationLimitExceeded";

    /// <summary>Throttle reason when the account's (unreserved) concurrency is used up.</summary>
    public const string AccountLimit = "ConcurrentInvocationLimitExceeded";

    private readonly Dictionary<string, State> _states = new(StringComparer.Ordinal);
    private readonly ServeOptions _options;
    private readonly TimeProvider _time;
    private readonly LogSink _log;
    private readonly Lock _gate = new();
    private readonly List<Task> _retiring = [];
    private readonly int _unreservedLimit;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _unreservedBusy;
    private int _busy;
    private bool _disposed;

    /// <summary>A pool for <paramref name="functions"/>.</summary>
    public EnvironmentPool(IEnumerable<ServeFunction> functions, ServeOptions options, TimeProvider time, LogSink log)
    {
        _options = options;
        _time = time;
        _log = log;
        foreach (var f in functions)
        {
            _states[f.LogicalId] = new State(f);
        }

        _unreservedLimit = Math.Max(0, options.AccountConcurrency - _states.Values.Sum(s => s.Function.ReservedConcurrency ?? 0));
    }

    /// <summary>The functions, in template order.</summary>
    public IEnumerable<ServeFunction> Functions => _states.Values.Select(s => s.Function);

    /// <summary>Metrics per function (logical id).</summary>
    public IEnumerable<KeyValuePair<string, FunctionMetrics>> Metrics => _states.Select(s => new KeyValuePair<string, FunctionMetrics>(s.Key, s.Value.Metrics));

    /// <summary>Invocations running now, over all functions.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _busy;
            }
        }
    }

    /// <summary>The unreserved account concurrency (account concurrency minus every reservation).</summary>
    public int UnreservedLimit => _unreservedLimit;

    /// <summary>Environments currently alive (idle or busy) per function.</summary>
    public int EnvironmentCount(string logicalId)
    {
        lock (_gate)
        {
            return _states.TryGetValue(logicalId, out var s) ? s.Idle.Count + s.Busy : 0;
        }
    }

    /// <summary>Starts one environment per function that may run (--warm-containers EAGER).</summary>
    public async Task WarmAsync(CancellationToken cancellationToken)
    {
        foreach (var state in _states.Values.Where(s => s.Function.ReservedConcurrency is not 0))
        {
            try
            {
                var environment = await ExecutionEnvironment.StartAsync(state.Function, _options, _time, _log, preWarmed: true, cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    state.Idle.Push(environment);
                }
            }
            catch (InvalidOperationException ex)
            {
                _log.WriteLine($"samc: cannot pre-warm function \"{state.Function.LogicalId}\": {ex.Message}");
            }
        }
    }

    /// <summary>Runs one invocation in a warm environment (or a new one), unless throttled.</summary>
    public async Task<PoolResult> InvokeAsync(PoolRequest request, CancellationToken cancellationToken)
    {
        var state = _states[request.Function.LogicalId];
        var requestId = request.RequestId ?? Guid.NewGuid().ToString("D");
        ExecutionEnvironment? environment = null;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var reserved = state.Function.ReservedConcurrency;
            if (reserved is { } limit ? state.Busy >= limit : _unreservedBusy >= _unreservedLimit)
            {
                state.Metrics.Throttle();
                return new PoolResult(requestId, null, reserved is null ? AccountLimit : ReservedLimit);
            }

            state.Busy++;
            _busy++;
            if (reserved is null)
            {
                _unreservedBusy++;
            }

            while (environment is null && state.Idle.Count > 0)
            {
                environment = state.Idle.Pop();
                if (environment.IsDead)
                {
                    Retire(environment);
                    environment = null;
                }
            }
        }

        state.Metrics.Enter();
        var cold = environment is null;
        EnvironmentResult? result = null;
        try
        {
            if (environment is null)
            {
                try
                {
                    environment = await ExecutionEnvironment.StartAsync(state.Function, _options, _time, _log, preWarmed: false, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidOperationException ex)
                {
                    result = new EnvironmentResult(LambdaErrors.Result("Runtime.InvalidEntrypoint", ex.Message), TimeSpan.Zero, null, ex.Message + "\n");
                    return new PoolResult(requestId, result, null);
                }
            }

            var function = state.Function.Function;
            var arn = $"arn:{LocalTemplate.PartitionOf(_options.Region)}:lambda:{_options.Region}:{_options.AccountId}:function:{function.LogicalId}"
                + (request.Qualifier is { Length: > 0 } q ? ":" + q : string.Empty);
            var invocation = new Invocation(requestId, request.Payload, arn, TimeSpan.FromSeconds(function.Timeout))
            {
                TraceId = TraceHeader(),
                ClientContext = request.ClientContext,
            };
            result = await environment.InvokeAsync(invocation, ServeFunction.ExecutedVersion(request.Qualifier), request.WantLog, cancellationToken).ConfigureAwait(false);
            return new PoolResult(requestId, result, null);
        }
        finally
        {
            state.Metrics.Leave(result?.Duration ?? TimeSpan.Zero, result?.Result.IsError ?? true, cold);
            lock (_gate)
            {
                state.Busy--;
                _busy--;
                if (state.Function.ReservedConcurrency is null)
                {
                    _unreservedBusy--;
                }

                if (_disposed && _busy == 0)
                {
                    _drained.TrySetResult();
                }

                if (environment is not null)
                {
                    if (environment.IsDead || _disposed)
                    {
                        Retire(environment);
                    }
                    else
                    {
                        state.Idle.Push(environment);
                    }
                }
            }
        }
    }

    /// <summary>Retires environments idle for longer than the idle timeout; returns how many.</summary>
    public int RetireIdle()
    {
        var retired = 0;
        lock (_gate)
        {
            foreach (var state in _states.Values)
            {
                var keep = state.Idle.Reverse().Where(e => !e.IsDead && _time.GetElapsedTime(e.LastUsed) < _options.IdleTimeout).ToList();
                foreach (var e in state.Idle.Where(e => !keep.Contains(e)))
                {
                    Retire(e);
                    retired++;
                }

                state.Idle.Clear();
                foreach (var e in keep)
                {
                    state.Idle.Push(e);
                }
            }
        }

        return retired;
    }

    private void Retire(ExecutionEnvironment environment)
    {
        _retiring.RemoveAll(t => t.IsCompleted);
        _retiring.Add(environment.DisposeAsync().AsTask());
    }

    private string TraceHeader()
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds().ToString("x8", CultureInfo.InvariantCulture);
        var id = Guid.NewGuid().ToString("N");
        return $"Root=1-{now}-{id[..24]};Parent={id[16..]};Sampled=0";
    }

    /// <summary>
    /// Stops every environment: idle ones at once, busy ones when their invocation ends (callers cancel those first;
    /// after two seconds the rest is killed through <see cref="RuntimeProcesses"/>). Returns when every runtime
    /// process samc started for this pool has been killed and its cgroup removed.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var state in _states.Values)
            {
                foreach (var e in state.Idle)
                {
                    Retire(e);
                }

                state.Idle.Clear();
            }

            if (_busy == 0)
            {
                _drained.TrySetResult();
            }
        }

        try
        {
            await _drained.Task.WaitAsync(TimeSpan.FromSeconds(2), _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _log.WriteLine("samc: invocations still running at shutdown are killed.");
        }

        Task[] pending;
        lock (_gate)
        {
            pending = [.. _retiring];
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    private sealed class State(ServeFunction function)
    {
        public ServeFunction Function { get; } = function;

        public Stack<ExecutionEnvironment> Idle { get; } = new();

        public int Busy { get; set; }

        public FunctionMetrics Metrics { get; } = new();
    }
}
