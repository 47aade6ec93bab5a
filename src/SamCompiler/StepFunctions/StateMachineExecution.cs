using System.Globalization;
using System.Text.Json.Nodes;

namespace SamCompiler.StepFunctions;

/// <summary>What an execution needs from outside: a clock, randomness, the task runner and the token registry.</summary>
public sealed record ExecutionServices
{
    /// <summary>The clock (timestamps, Wait states, retry intervals, timeouts).</summary>
    public required TimeProvider Time { get; init; }

    /// <summary>Randomness (States.UUID, States.MathRandom, $random, jitter, task tokens).</summary>
    public Random Random { get; init; } = Random.Shared;

    /// <summary>Runs Task states.</summary>
    public required ITaskHandler Tasks { get; init; }

    /// <summary>Task tokens for <c>.waitForTaskToken</c>.</summary>
    public TaskTokenRegistry Tokens { get; init; } = new();

    /// <summary>The most events one history may have before the execution fails (Step Functions: 25,000).</summary>
    public int HistoryLimit { get; init; } = checked((int)StepFunctionsQuotas.HistoryEvents.Value);

    /// <summary>The largest state input or output in bytes (Step Functions: 256 KiB).</summary>
    public int PayloadLimit { get; init; } = checked((int)StepFunctionsQuotas.Payload.Value);
}

/// <summary>The identity of an execution.</summary>
public sealed record ExecutionStart
{
    /// <summary>The state machine's ARN.</summary>
    public required string StateMachineArn { get; init; }

    /// <summary>The execution's name.</summary>
    public required string Name { get; init; }

    /// <summary>The execution's ARN.</summary>
    public required string ExecutionArn { get; init; }

    /// <summary>The role ARN reported in ExecutionStarted and <c>$$.Execution.RoleArn</c>.</summary>
    public string RoleArn { get; init; } = "arn:aws:iam::123456789012:role/samc-local";

    /// <summary>The input JSON text.</summary>
    public string Input { get; init; } = "{}";
}

/// <summary>
/// One run of a state machine: started with <see cref="Start"/>, observed through <see cref="Status"/>,
/// <see cref="History"/> and <see cref="Completion"/>, stopped with <see cref="Stop"/>.
/// </summary>
public sealed class StateMachineExecution
{
    private readonly Lock _gate = new();
    private readonly List<HistoryEvent> _history = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly ExecutionServices _services;
    private string? _stopError;
    private string? _stopCause;

    private StateMachineExecution(StateMachineDefinition definition, ExecutionStart start, ExecutionServices services)
    {
        Definition = definition;
        Arguments = start;
        _services = services;
        StartDate = services.Time.GetUtcNow();
        Input = start.Input;
    }

    /// <summary>The definition being run.</summary>
    public StateMachineDefinition Definition { get; }

    /// <summary>The start arguments.</summary>
    public ExecutionStart Arguments { get; }

    /// <summary>The execution's ARN.</summary>
    public string ExecutionArn => Arguments.ExecutionArn;

    /// <summary>The execution's name.</summary>
    public string Name => Arguments.Name;

    /// <summary>The state machine's ARN.</summary>
    public string StateMachineArn => Arguments.StateMachineArn;

    /// <summary>The input JSON.</summary>
    public string Input { get; }

    /// <summary>Current status.</summary>
    public ExecutionStatus Status { get; private set; } = ExecutionStatus.Running;

    /// <summary>The output JSON, after success.</summary>
    public string? Output { get; private set; }

    /// <summary>The error name, after failure.</summary>
    public string? Error { get; private set; }

    /// <summary>The cause, after failure.</summary>
    public string? Cause { get; private set; }

    /// <summary>When it started.</summary>
    public DateTimeOffset StartDate { get; }

    /// <summary>When it stopped.</summary>
    public DateTimeOffset? StopDate { get; private set; }

    /// <summary>Completes when the execution has stopped, whatever the status.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>A copy of the history so far.</summary>
    public IReadOnlyList<HistoryEvent> History
    {
        get
        {
            lock (_gate)
            {
                return [.. _history];
            }
        }
    }

    /// <summary>Starts running <paramref name="definition"/> (on the thread pool; returns at once).</summary>
    public static StateMachineExecution Start(StateMachineDefinition definition, ExecutionStart start, ExecutionServices services)
    {
        var execution = new StateMachineExecution(definition, start, services);
        execution.Completion = Task.Run(execution.RunAsync);
        return execution;
    }

    /// <summary>Stops a running execution (StopExecution): it ends ABORTED with the given error and cause.</summary>
    public bool Stop(string? error, string? cause)
    {
        if (Status != ExecutionStatus.Running)
        {
            return false;
        }

        _stopError = error;
        _stopCause = cause;
        _stop.Cancel();
        return true;
    }

    internal long AddEvent(long previous, string type, string? member, JsonObject? details)
    {
        lock (_gate)
        {
            if (_history.Count >= _services.HistoryLimit && type is not ("ExecutionFailed" or "ExecutionSucceeded" or "ExecutionAborted" or "ExecutionTimedOut"))
            {
                throw new HistoryLimitException();
            }

            var id = _history.Count + 1;
            _history.Add(new HistoryEvent(id, previous, _services.Time.GetUtcNow(), type, member, details));
            return id;
        }
    }

    private async Task RunAsync()
    {
        var interpreter = new Interpreter(this, _services);
        JsonNode? input;
        if (!AslJson.TryParse(Input, out input, out var parseError))
        {
            input = null;
        }

        var started = AddEvent(0, "ExecutionStarted", "executionStartedEventDetails", new JsonObject
        {
            ["input"] = Input,
            ["inputDetails"] = new JsonObject { ["truncated"] = false },
            ["roleArn"] = Arguments.RoleArn,
        });
        using var timeout = Definition.TimeoutSeconds is { } ts ? new CancellationTokenSource(TimeSpan.FromSeconds(ts), _services.Time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, timeout.Token);
        var thread = new BranchThread(started);
        try
        {
            if (parseError is not null)
            {
                throw new AslError(ErrorNames.Runtime, "The execution input is not JSON: " + parseError);
            }

            interpreter.CheckSize(Input, "execution input");
            var output = await interpreter.RunMachineAsync(Definition, input, thread, new Variables(null), null, linked.Token).ConfigureAwait(false);
            var text = AslJson.Write(output);
            Output = text;
            Finish(ExecutionStatus.Succeeded, thread, "ExecutionSucceeded", "executionSucceededEventDetails", new JsonObject
            {
                ["output"] = text,
                ["outputDetails"] = new JsonObject { ["truncated"] = false },
            });
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            Error = _stopError;
            Cause = _stopCause;
            var details = new JsonObject();
            if (_stopError is not null)
            {
                details["error"] = _stopError;
            }

            if (_stopCause is not null)
            {
                details["cause"] = _stopCause;
            }

            Finish(ExecutionStatus.Aborted, thread, "ExecutionAborted", "executionAbortedEventDetails", details);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Error = ErrorNames.Timeout;
            Cause = $"The execution ran longer than its TimeoutSeconds ({Definition.TimeoutSeconds!.Value.ToString(CultureInfo.InvariantCulture)}).";
            Finish(ExecutionStatus.TimedOut, thread, "ExecutionTimedOut", "executionTimedOutEventDetails", new JsonObject { ["error"] = Error, ["cause"] = Cause });
        }
        catch (HistoryLimitException)
        {
            Error = ErrorNames.Runtime;
            Cause = $"The execution reached the limit of {_services.HistoryLimit.ToString(CultureInfo.InvariantCulture)} history events (Step Functions quota); a state machine that loops without end stops here.";
            Finish(ExecutionStatus.Failed, thread, "ExecutionFailed", "executionFailedEventDetails", new JsonObject { ["error"] = Error, ["cause"] = Cause });
        }
        catch (AslError e)
        {
            Error = e.Error;
            Cause = e.Cause;
            var details = new JsonObject { ["error"] = e.Error };
            if (e.Cause is not null)
            {
                details["cause"] = e.Cause;
            }

            Finish(ExecutionStatus.Failed, thread, "ExecutionFailed", "executionFailedEventDetails", details);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            // A bug in samc must not leave the execution RUNNING forever or reach the user as a stack trace.
            Error = ErrorNames.Runtime;
            Cause = $"Internal error in samc's interpreter (a bug; please report it): {ex.GetType().Name}: {ex.Message}";
            Finish(ExecutionStatus.Failed, thread, "ExecutionFailed", "executionFailedEventDetails", new JsonObject { ["error"] = Error, ["cause"] = Cause });
        }
    }

    private void Finish(ExecutionStatus status, BranchThread thread, string type, string member, JsonObject details)
    {
        AddEvent(thread.Last, type, member, details);
        StopDate = _services.Time.GetUtcNow();
        Status = status;
    }

    /// <summary>The history grew past its limit.</summary>
    internal sealed class HistoryLimitException : Exception
    {
        public HistoryLimitException()
            : base("history limit")
        {
        }

        public HistoryLimitException(string message)
            : base(message)
        {
        }

        public HistoryLimitException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}

/// <summary>The last event of one thread of events (the top level, a branch, a Map iteration).</summary>
internal sealed class BranchThread(long last)
{
    public long Last { get; set; } = last;
}

/// <summary>Workflow variables: a scope per branch, reading through to the enclosing scopes.</summary>
internal sealed class Variables(Variables? parent)
{
    private readonly Dictionary<string, JsonNode?> _values = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public bool TryGet(string name, out JsonNode? value)
    {
        for (var v = this; v is not null; v = v.Parent)
        {
            lock (v._gate)
            {
                if (v._values.TryGetValue(name, out value))
                {
                    return true;
                }
            }
        }

        value = null;
        return false;
    }

    public Variables? Parent { get; } = parent;

    public void Set(string name, JsonNode? value)
    {
        lock (_gate)
        {
            _values[name] = value;
        }
    }

    public Dictionary<string, JsonNode?> All()
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var chain = new List<Variables>();
        for (var v = this; v is not null; v = v.Parent)
        {
            chain.Add(v);
        }

        for (var i = chain.Count - 1; i >= 0; i--)
        {
            lock (chain[i]._gate)
            {
                foreach (var (k, val) in chain[i]._values)
                {
                    result[k] = val;
                }
            }
        }

        return result;
    }
}
