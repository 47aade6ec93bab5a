using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
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
/// Asynchronous (Event) invocations: queued, run in the pool, retried MaximumRetryAttempts times (Lambda: 2) after
/// a function error with a back-off (Lambda: 1 then 2 minutes, shortened by <see cref="ServeOptions.AsyncRetryDelay"/>),
/// retried after throttling too; then sent to the DeadLetterQueue and the OnFailure destination (or OnSuccess).
/// </summary>
public sealed class AsyncInvoker : IAsyncDisposable
{
    /// <summary>Throttled events are retried at most this many times before they count as failed.</summary>
    public const int MaxThrottleRetries = 10;

    /// <summary>Lambda's wait before the first retry of a failed asynchronous invocation (doubled for the second).</summary>
    public static readonly TimeSpan LambdaRetryDelay = TimeSpan.FromMinutes(1);

    private readonly EnvironmentPool _pool;
    private readonly ServeOptions _options;
    private readonly TimeProvider _time;
    private readonly LogSink _log;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<AsyncOutcome>> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<AsyncOutcome> _finished = new();
    private int _pending;

    /// <summary>An invoker running events in <paramref name="pool"/>.</summary>
    public AsyncInvoker(EnvironmentPool pool, ServeOptions options, TimeProvider time, LogSink log)
    {
        _pool = pool;
        _options = options;
        _time = time;
        _log = log;
    }

    /// <summary>Events queued or being retried.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Finished events, in the order they finished.</summary>
    public IReadOnlyList<AsyncOutcome> Finished => [.. _finished];

    /// <summary>Queues an event; returns its request id at once.</summary>
    public string Enqueue(ServeFunction function, byte[] payload, string? qualifier)
    {
        var requestId = Guid.NewGuid().ToString("D");
        var done = _outcomes.GetOrAdd(requestId, _ => new TaskCompletionSource<AsyncOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        Interlocked.Increment(ref _pending);
        _ = Task.Run(async () =>
        {
            try
            {
                var outcome = await RunAsync(function, payload, qualifier, requestId).ConfigureAwait(false);
                _finished.Enqueue(outcome);
                done.TrySetResult(outcome);
            }
            catch (OperationCanceledException)
            {
                done.TrySetCanceled();
            }
            catch (ObjectDisposedException)
            {
                done.TrySetCanceled();
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        });
        return requestId;
    }

    /// <summary>Completes when the event <paramref name="requestId"/> has finished (all retries included).</summary>
    public Task<AsyncOutcome> WhenFinished(string requestId) =>
        _outcomes.TryGetValue(requestId, out var done) ? done.Task : Task.FromException<AsyncOutcome>(new KeyNotFoundException(requestId));

    private async Task<AsyncOutcome> RunAsync(ServeFunction function, byte[] payload, string? qualifier, string requestId)
    {
        var token = _stopping.Token;
        var attempts = 0;
        var throttles = 0;
        var expired = false;
        EnvironmentResult? last = null;

        // The event's age as Lambda would see it: the time it has really been here, plus the part of Lambda's retry
        // back-off (1 then 2 minutes) that AsyncRetryDelay shortened.
        var received = _time.GetTimestamp();
        var skipped = TimeSpan.Zero;
        while (true)
        {
            var result = await _pool.InvokeAsync(new PoolRequest { Function = function, Payload = payload, Qualifier = qualifier, RequestId = attempts == 0 ? requestId : null }, token).ConfigureAwait(false);
            if (result.Throttled)
            {
                if (++throttles > MaxThrottleRetries)
                {
                    break;
                }

                await Task.Delay(_options.AsyncRetryDelay, _time, token).ConfigureAwait(false);
                continue;
            }

            attempts++;
            last = result.Result!;
            if (!last.Result.IsError)
            {
                var deliveries = function.OnSuccess is { } success ? new[] { new AsyncDelivery(success, Record(function, qualifier, requestId, payload, last, "Success", attempts)) } : [];
                Report(function, requestId, attempts, deliveries, null);
                return new AsyncOutcome(requestId, function.LogicalId, true, attempts, null, deliveries);
            }

            if (attempts > function.MaximumRetryAttempts)
            {
                break;
            }

            var delay = _options.AsyncRetryDelay * Math.Pow(2, attempts - 1);
            var lambdaDelay = LambdaRetryDelay * Math.Pow(2, attempts - 1);
            var ageAtRetry = _time.GetElapsedTime(received) + skipped + lambdaDelay;
            if (ageAtRetry > function.MaximumEventAge)
            {
                _log.WriteLine($"samc: asynchronous invocation {requestId} of \"{function.LogicalId}\" failed ({last.Result.ErrorType}); its retry would come {ageAtRetry.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s after the event arrived, past MaximumEventAgeInSeconds {function.MaximumEventAge.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)}: discarded.");
                expired = true;
                break;
            }

            skipped += lambdaDelay - delay;
            _log.WriteLine($"samc: asynchronous invocation {requestId} of \"{function.LogicalId}\" failed ({last.Result.ErrorType}); retry {attempts.ToString(CultureInfo.InvariantCulture)} of {function.MaximumRetryAttempts.ToString(CultureInfo.InvariantCulture)} in {delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.");
            await Task.Delay(delay, _time, token).ConfigureAwait(false);
        }

        var failures = new List<AsyncDelivery>();
        var errorType = last?.Result.ErrorType ?? "TooManyRequestsException";
        if (function.DeadLetter is { } dlq)
        {
            failures.Add(new AsyncDelivery(dlq, DeadLetterMessage(requestId, payload, last)));
        }

        if (function.OnFailure is { } failure)
        {
            failures.Add(new AsyncDelivery(failure, Record(function, qualifier, requestId, payload, last, expired || last is null ? "EventAgeExceeded" : "RetriesExhausted", attempts)));
        }

        Report(function, requestId, attempts, failures, errorType);
        return new AsyncOutcome(requestId, function.LogicalId, false, attempts, errorType, failures);
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

    /// <summary>Stops retrying; events still queued are reported on the log and dropped.</summary>
    public async ValueTask DisposeAsync()
    {
        var pending = Pending;
        if (pending > 0)
        {
            _log.WriteLine($"samc: {pending.ToString(CultureInfo.InvariantCulture)} asynchronous invocation{(pending == 1 ? " was" : "s were")} still queued or waiting for a retry at shutdown and {(pending == 1 ? "is" : "are")} dropped.");
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
