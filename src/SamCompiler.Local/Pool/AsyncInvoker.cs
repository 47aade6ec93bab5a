using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using SamCompiler.Local.Invoke;
using SamCompiler.Local.Model;
using SamCompiler.Local.RuntimeApi;

namespace SamCompiler.Local.Pool;

/// <summary>Where an asynchronous invocation ended up.</summary>
/// <param name="RequestId">The request id the caller got.</param>
/// <param name="FunctionId">The function's logical id.</param>
/// <param name="Succeeded">True when an attempt succeeded.</param>
/// <param name="Attempts">How many times the function ran.</param>
/// <param name="ErrorType">The last attempt's error type, if it failed.</param>
/// <param name="Deliveries">The destination records (DeadLetterQueue message, OnFailure/OnSuccess invocation records).</param>
public sealed record AsyncOutcome(string RequestId, string FunctionId, bool Succeeded, int Attempts, string? ErrorType, IReadOnlyList<AsyncDelivery> Deliveries);

/// <summary>A record sent to a destination.</summary>
/// <param name="Destination">The destination.</param>
/// <param name="Body">The JSON body (the event for a DeadLetterQueue, Lambda's invocation record for OnFailure/OnSuccess).</param>
public sealed record AsyncDelivery(AsyncDestination Destination, string Body);

/// <summary>
/// Asynchronous (Event) invocations, dispatched as Lambda's internal queue does: events wait in a queue per function
/// and at most as many run at once as the function may run (its ReservedConcurrentExecutions, else the unreserved
/// account concurrency), further capped by <see cref="ServeOptions.AsyncConcurrency"/> so a burst does not start more
/// runtimes than the machine can carry. An event the pool throttles anyway (synchronous traffic took the
/// concurrency) goes back to the queue and is retried with a back-off of 1 s doubling to 5 minutes
/// (<see cref="ServeOptions.ThrottleRetryDelay"/>, <see cref="ServeOptions.ThrottleRetryMaxDelay"/>) until it is
/// older than MaximumEventAgeInSeconds; a function error is retried MaximumRetryAttempts times after 1 and 2 minutes
/// (<see cref="ServeOptions.AsyncRetryDelay"/>). Each event has one owner at a time, so it never runs twice unless a
/// retry is due, and an event is never dropped without a log line saying so.
/// </summary>
public sealed class AsyncInvoker : IAsyncDisposable
{
    /// <summary>Lambda's wait before the first retry of a failed asynchronous invocation (doubled for the second).</summary>
    public static readonly TimeSpan LambdaRetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>How many finished events are kept for <see cref="Finished"/> and <see cref="WhenFinished"/>.</summary>
    public const int FinishedKept = 1000;

    private readonly EnvironmentPool _pool;
    private readonly ServeOptions _options;
    private readonly TimeProvider _time;
    private readonly LogSink _log;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource<AsyncOutcome>> _outcomes = new(StringComparer.Ordinal);
    private readonly Queue<AsyncOutcome> _finished = new();
    private readonly HashSet<AsyncEvent> _waiting = [];
    private readonly List<Task> _workers = [];
    private int _pending;
    private int _attempts;
    private bool _stopped;

    /// <summary>An invoker running events in <paramref name="pool"/>.</summary>
    public AsyncInvoker(EnvironmentPool pool, ServeOptions options, TimeProvider time, LogSink log)
    {
        _pool = pool;
        _options = options;
        _time = time;
        _log = log;
    }

    /// <summary>Events queued, running or waiting for a retry.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Attempts started so far (every run of the function, retries included).</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>The last <see cref="FinishedKept"/> finished events, in the order they finished.</summary>
    public IReadOnlyList<AsyncOutcome> Finished
    {
        get
        {
            lock (_gate)
            {
                return [.. _finished];
            }
        }
    }

    /// <summary>How many events of <paramref name="function"/> may run at once.</summary>
    public int ConcurrencyOf(ServeFunction function) =>
        Math.Max(1, Math.Min(function.ReservedConcurrency ?? _pool.UnreservedLimit, _options.AsyncConcurrency));

    /// <summary>Queues an event; returns its request id at once.</summary>
    public string Enqueue(ServeFunction function, byte[] payload, string? qualifier)
    {
        var item = new AsyncEvent(Guid.NewGuid().ToString("D"), function, payload, qualifier, _time.GetTimestamp());
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            _outcomes[item.RequestId] = new TaskCompletionSource<AsyncOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending++;
            if (!_queues.TryGetValue(function.LogicalId, out var queue))
            {
                queue = new Queue(Channel.CreateUnbounded<AsyncEvent>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false }));
                _queues[function.LogicalId] = queue;
            }

            // Workers are started as the queue needs them, never more than the function may run at once.
            if (queue.Workers < ConcurrencyOf(function))
            {
                queue.Workers++;
                _workers.Add(Task.Run(() => WorkAsync(queue.Events.Reader)));
            }

            queue.Events.Writer.TryWrite(item);
        }

        return item.RequestId;
    }

    /// <summary>Completes when the event <paramref name="requestId"/> has finished (all retries included).</summary>
    public Task<AsyncOutcome> WhenFinished(string requestId)
    {
        lock (_gate)
        {
            return _outcomes.TryGetValue(requestId, out var done) ? done.Task : Task.FromException<AsyncOutcome>(new KeyNotFoundException(requestId));
        }
    }

    private async Task WorkAsync(ChannelReader<AsyncEvent> events)
    {
        var token = _stopping.Token;
        try
        {
            await foreach (var item in events.ReadAllAsync(token).ConfigureAwait(false))
            {
                await AttemptAsync(item, events, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutdown.
        }
    }

    private async Task AttemptAsync(AsyncEvent item, ChannelReader<AsyncEvent> events, CancellationToken token)
    {
        var function = item.Function;
        PoolResult result;
        try
        {
            Interlocked.Increment(ref _attempts);
            result = await _pool.InvokeAsync(new PoolRequest { Function = function, Payload = item.Payload, Qualifier = item.Qualifier, RequestId = item.Attempts == 0 ? item.RequestId : null }, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            Interlocked.Decrement(ref _attempts);
            lock (_gate)
            {
                _waiting.Add(item); // reported as not run at shutdown
            }

            return;
        }

        if (result.Throttled)
        {
            Interlocked.Decrement(ref _attempts);
            item.Throttles++;
            var backoff = TimeSpan.FromTicks(Math.Min(
                _options.ThrottleRetryMaxDelay.Ticks,
                (long)(_options.ThrottleRetryDelay.Ticks * Math.Pow(2, Math.Min(item.Throttles - 1, 30)))));
            if (item.Age(_time) + backoff > function.MaximumEventAge)
            {
                _log.WriteLine($"samc: asynchronous invocation {item.RequestId} of \"{function.LogicalId}\" was throttled {item.Throttles.ToString(CultureInfo.InvariantCulture)} time(s) ({result.ThrottleReason}) until it was older than MaximumEventAgeInSeconds {function.MaximumEventAge.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)}.");
                Finish(item, succeeded: false, expired: true);
                return;
            }

            Later(item, backoff, token);
            return;
        }

        item.Attempts++;
        item.Last = result.Result!;
        if (!item.Last.Result.IsError)
        {
            Finish(item, succeeded: true, expired: false);
            return;
        }

        if (item.Attempts > function.MaximumRetryAttempts)
        {
            Finish(item, succeeded: false, expired: false);
            return;
        }

        // The event's age as Lambda would see it: the time it has really been here, plus the part of Lambda's
        // retry back-off (1 then 2 minutes) that AsyncRetryDelay shortened.
        var delay = _options.AsyncRetryDelay * Math.Pow(2, item.Attempts - 1);
        var lambdaDelay = LambdaRetryDelay * Math.Pow(2, item.Attempts - 1);
        var ageAtRetry = item.Age(_time) + lambdaDelay;
        if (ageAtRetry > function.MaximumEventAge)
        {
            _log.WriteLine($"samc: asynchronous invocation {item.RequestId} of \"{function.LogicalId}\" failed ({item.Last.Result.ErrorType}); its retry would come {ageAtRetry.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s after the event arrived, past MaximumEventAgeInSeconds {function.MaximumEventAge.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)}: discarded.");
            Finish(item, succeeded: false, expired: true);
            return;
        }

        item.Skipped += lambdaDelay - delay;
        _log.WriteLine($"samc: asynchronous invocation {item.RequestId} of \"{function.LogicalId}\" failed ({item.Last.Result.ErrorType}); retry {item.Attempts.ToString(CultureInfo.InvariantCulture)} of {function.MaximumRetryAttempts.ToString(CultureInfo.InvariantCulture)} in {delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.");
        Later(item, delay, token);
    }

    /// <summary>Puts an event back into its queue after <paramref name="delay"/>; until then it waits outside any worker.</summary>
    private void Later(AsyncEvent item, TimeSpan delay, CancellationToken token)
    {
        lock (_gate)
        {
            _waiting.Add(item);
        }

        _ = Task.Delay(delay, _time, token).ContinueWith(
            t =>
            {
                lock (_gate)
                {
                    if (t.IsCanceled || _stopped)
                    {
                        return; // reported by StopAsync
                    }

                    _waiting.Remove(item);
                    _queues[item.Function.LogicalId].Events.Writer.TryWrite(item);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Finish(AsyncEvent item, bool succeeded, bool expired)
    {
        var function = item.Function;
        var last = item.Last;
        AsyncOutcome outcome;
        if (succeeded)
        {
            var deliveries = function.OnSuccess is { } success ? new[] { new AsyncDelivery(success, Record(function, item.Qualifier, item.RequestId, item.Payload, last, "Success", item.Attempts)) } : [];
            Report(function, item.RequestId, item.Attempts, deliveries, null);
            outcome = new AsyncOutcome(item.RequestId, function.LogicalId, true, item.Attempts, null, deliveries);
        }
        else
        {
            var failures = new List<AsyncDelivery>();
            var errorType = last?.Result.ErrorType ?? "TooManyRequestsException";
            if (function.DeadLetter is { } dlq)
            {
                failures.Add(new AsyncDelivery(dlq, DeadLetterMessage(item.RequestId, item.Payload, last)));
            }

            if (function.OnFailure is { } failure)
            {
                failures.Add(new AsyncDelivery(failure, Record(function, item.Qualifier, item.RequestId, item.Payload, last, expired || last is null ? "EventAgeExceeded" : "RetriesExhausted", item.Attempts)));
            }

            Report(function, item.RequestId, item.Attempts, failures, errorType);
            outcome = new AsyncOutcome(item.RequestId, function.LogicalId, false, item.Attempts, errorType, failures);
        }

        TaskCompletionSource<AsyncOutcome>? done;
        lock (_gate)
        {
            _pending--;
            _outcomes.TryGetValue(item.RequestId, out done);
            _finished.Enqueue(outcome);
            while (_finished.Count > FinishedKept)
            {
                _outcomes.Remove(_finished.Dequeue().RequestId);
            }
        }

        done?.TrySetResult(outcome);
    }

    private void Report(ServeFunction function, string requestId, int attempts, IReadOnlyList<AsyncDelivery> deliveries, string? errorType)
    {
        var what = errorType is null ? "succeeded" : $"failed ({errorType}) after {attempts.ToString(CultureInfo.InvariantCulture)} attempt{(attempts == 1 ? string.Empty : "s")}";
        var where = deliveries.Count == 0
            ? errorType is null ? string.Empty : "; it has no DeadLetterQueue or OnFailure destination, so the event is dropped"
            : "; sent to " + string.Join(" and ", deliveries.Select(d => $"{d.Destination.Kind} {d.Destination.Type} {d.Destination.Arn}"));
        _log.WriteLine($"samc: asynchronous invocation {requestId} of \"{function.LogicalId}\" {what}{where}.");
        foreach (var d in deliveries)
        {
            _log.WriteLine($"samc: {d.Destination.Kind} record: {d.Body}");
        }
    }

    /// <summary>The message a DeadLetterQueue receives: the event, with RequestID/ErrorCode/ErrorMessage attributes.</summary>
    private static string DeadLetterMessage(string requestId, byte[] payload, EnvironmentResult? last)
    {
        var message = last is null ? "Rate Exceeded." : LambdaErrors.Read(last.Result.Payload).Message;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WritePropertyName("body");
            w.WriteRawValue(payload.Length == 0 ? "{}"u8 : payload);
            w.WriteStartObject("messageAttributes");
            w.WriteString("RequestID", requestId);
            w.WriteString("ErrorCode", "200");
            w.WriteString("ErrorMessage", message ?? string.Empty);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Lambda's invocation record for destinations.</summary>
    private string Record(ServeFunction function, string? qualifier, string requestId, byte[] payload, EnvironmentResult? last, string condition, int attempts)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("version", "1.0");
            w.WriteString("timestamp", _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteStartObject("requestContext");
            w.WriteString("requestId", requestId);
            w.WriteString("functionArn", $"arn:{LocalTemplate.PartitionOf(_options.Region)}:lambda:{_options.Region}:{_options.AccountId}:function:{function.LogicalId}:{ServeFunction.ExecutedVersion(qualifier)}");
            w.WriteString("condition", condition);
            w.WriteNumber("approximateInvokeCount", attempts);
            w.WriteEndObject();
            w.WritePropertyName("requestPayload");
            w.WriteRawValue(payload.Length == 0 ? "{}"u8 : payload);
            w.WriteStartObject("responseContext");
            w.WriteNumber("statusCode", 200);
            w.WriteString("executedVersion", ServeFunction.ExecutedVersion(qualifier));
            if (last?.Result.IsError == true)
            {
                w.WriteString("functionError", "Unhandled");
            }

            w.WriteEndObject();
            if (last is not null)
            {
                w.WritePropertyName("responsePayload");
                try
                {
                    using var doc = JsonDocument.Parse(last.Result.Payload);
                    doc.RootElement.WriteTo(w);
                }
                catch (JsonException)
                {
                    w.WriteStringValue(Encoding.UTF8.GetString(last.Result.Payload));
                }
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Stops: no new events; attempts running get up to <paramref name="grace"/> to finish (then they are cancelled);
    /// events still queued or waiting for a retry are reported by request id and dropped (a restart of samc loses them,
    /// as it loses everything in memory).
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        Task[] workers;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            foreach (var queue in _queues.Values)
            {
                queue.Events.Writer.TryComplete();
            }

            workers = [.. _workers];
        }

        // Workers finish the attempt they are in; what is left in the queues is not started.
        var left = new List<AsyncEvent>();
        foreach (var queue in _queues.Values)
        {
            while (queue.Events.Reader.TryRead(out var item))
            {
                left.Add(item);
            }
        }

        try
        {
            await Task.WhenAll(workers).WaitAsync(grace, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Attempts still running are cancelled below.
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        lock (_gate)
        {
            left.AddRange(_waiting);
            _waiting.Clear();
        }

        foreach (var queue in _queues.Values)
        {
            while (queue.Events.Reader.TryRead(out var item))
            {
                left.Add(item);
            }
        }

        if (left.Count > 0)
        {
            var shown = string.Join(", ", left.Take(20).Select(e => $"{e.RequestId} ({e.Function.LogicalId}{(e.Attempts > 0 ? $", {e.Attempts.ToString(CultureInfo.InvariantCulture)} attempt(s)" : string.Empty)})"));
            _log.WriteLine($"samc: {left.Count.ToString(CultureInfo.InvariantCulture)} asynchronous invocation{(left.Count == 1 ? " was" : "s were")} still queued or waiting for a retry at shutdown and {(left.Count == 1 ? "is" : "are")} dropped: {shown}{(left.Count > 20 ? ", ..." : string.Empty)}.");
        }
    }

    /// <summary>Stops at once (no grace).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private sealed record Queue(Channel<AsyncEvent> Events)
    {
        public int Workers { get; set; }
    }

    /// <summary>One event and its progress; owned by one worker (or one retry timer) at a time.</summary>
    private sealed class AsyncEvent(string requestId, ServeFunction function, byte[] payload, string? qualifier, long received)
    {
        public string RequestId { get; } = requestId;

        public ServeFunction Function { get; } = function;

        public byte[] Payload { get; } = payload;

        public string? Qualifier { get; } = qualifier;

        public int Attempts { get; set; }

        public int Throttles { get; set; }

        public EnvironmentResult? Last { get; set; }

        /// <summary>Lambda's back-off that AsyncRetryDelay shortened (counted in the event's age).</summary>
        public TimeSpan Skipped { get; set; }

        public TimeSpan Age(TimeProvider time) => time.GetElapsedTime(received) + Skipped;
    }
}
