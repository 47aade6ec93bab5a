using System.Globalization;
using System.Text.Json.Nodes;

namespace SamCompiler.StepFunctions;

/// <summary>
/// Runs states as the ASL specification defines them: input and output processing (JSONPath: InputPath,
/// Parameters, ResultSelector, ResultPath, OutputPath; JSONata: Arguments, Output, Assign), Retry and Catch, and
/// each state type. Events go to the execution's history.
/// </summary>
internal sealed partial class Interpreter(StateMachineExecution execution, ExecutionServices services)
{
    private readonly TimeProvider _time = services.Time;

    /// <summary>Runs a (sub-)machine from StartAt to a terminal state and returns its output.</summary>
    public async Task<JsonNode?> RunMachineAsync(StateMachineDefinition definition, JsonNode? input, BranchThread thread, Variables variables, JsonObject? mapItem, CancellationToken cancellationToken)
    {
        var name = definition.StartAt;
        var current = input;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var state = definition.Find(name) ?? throw new AslError(ErrorNames.Runtime, $"The state \"{name}\" does not exist.");
            var (next, output) = await RunStateAsync(state, current, thread, variables, cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                return output;
            }

            name = next;
            current = output;
        }
    }

    private async Task<(string? Next, JsonNode? Output)> RunStateAsync(AslState state, JsonNode? input, BranchThread thread, Variables variables, CancellationToken cancellationToken)
    {
        var entered = _time.GetUtcNow();
        var inputText = AslJson.Write(input);
        thread.Last = execution.AddEvent(thread.Last, state.Type + "StateEntered", "stateEnteredEventDetails", new JsonObject
        {
            ["name"] = state.Name,
            ["input"] = inputText,
            ["inputDetails"] = new JsonObject { ["truncated"] = false },
        });
        var step = new StepContext(state, input, entered, variables, thread) { ExecutionContext = ExecutionContextObject(), Random = services.Random };
        string? next;
        JsonNode? output;
        (next, output) = state.Type switch
        {
            "Pass" => RunPass(step),
            "Choice" => RunChoice(step),
            "Wait" => await RunWaitAsync(step, cancellationToken).ConfigureAwait(false),
            "Succeed" => (null, step.IsJsonata ? JsonataOutput(step, step.Input, null) : OutputPath(state, EffectiveInput(step))),
            "Fail" => throw FailError(step),
            _ => await RunWithRetryAsync(step, cancellationToken).ConfigureAwait(false),
        };

        var outputText = AslJson.Write(output);
        CheckSize(outputText, $"output of the state \"{state.Name}\"");
        var exited = new JsonObject
        {
            ["name"] = state.Name,
            ["output"] = outputText,
            ["outputDetails"] = new JsonObject { ["truncated"] = false },
        };
        if (step.Assigned is { Count: > 0 } assigned)
        {
            var map = new JsonObject();
            foreach (var (k, v) in assigned)
            {
                map[k] = AslJson.Write(v);
            }

            exited["assignedVariables"] = map;
            exited["assignedVariablesDetails"] = new JsonObject { ["truncated"] = false };
        }

        thread.Last = execution.AddEvent(thread.Last, state.Type + "StateExited", "stateExitedEventDetails", exited);
        return (next, output);
    }

    private JsonObject? _executionContext;

    private JsonObject ExecutionContextObject()
    {
        if (_executionContext is null)
        {
            var args = execution.Arguments;
            var smName = args.StateMachineArn.Split(':') is { Length: > 6 } parts ? parts[6] : args.StateMachineArn;
            AslJson.TryParse(execution.Input, out var input, out _);
            _executionContext = new JsonObject
            {
                ["Execution"] = new JsonObject
                {
                    ["Id"] = args.ExecutionArn,
                    ["Input"] = input,
                    ["StartTime"] = Timestamps.Format(execution.StartDate),
                    ["Name"] = args.Name,
                    ["RoleArn"] = args.RoleArn,
                    ["RedriveCount"] = 0,
                },
                ["StateMachine"] = new JsonObject
                {
                    ["Id"] = args.StateMachineArn,
                    ["Name"] = smName,
                },
            };
        }

        return _executionContext;
    }

    /// <summary>Fails with States.DataLimitExceeded when <paramref name="json"/> is over the payload quota.</summary>
    public void CheckSize(string json, string what)
    {
        var size = AslJson.Utf8Size(json);
        if (size > services.PayloadLimit)
        {
            throw new AslError(ErrorNames.DataLimitExceeded, $"The {what} is {size.ToString(CultureInfo.InvariantCulture)} bytes, more than the Step Functions limit of {services.PayloadLimit.ToString(CultureInfo.InvariantCulture)} bytes (256 KiB).");
        }
    }

    // ---- Pass, Choice, Wait, Fail -------------------------------------------------------------------------------

    private (string? Next, JsonNode? Output) RunPass(StepContext step)
    {
        var state = step.State;
        if (step.IsJsonata)
        {
            var result = state.Has("Output") ? null : step.Input;
            var output = JsonataOutput(step, step.Input, null);
            Assign(step, result ?? output, null);
            return (NextOf(state), output);
        }

        var effective = EffectiveInput(step);
        JsonNode? value = state.Has("Result") ? AslJson.Clone(state["Result"]) : state.Has("Parameters") ? PayloadTemplate.Apply(state["Parameters"], step.Scope(effective)) : effective;
        Assign(step, value, null);
        return (NextOf(state), OutputPath(state, ResultPath(state, step.Input, value)));
    }

    private (string? Next, JsonNode? Output) RunChoice(StepContext step)
    {
        var state = step.State;
        var rules = (JsonArray)state["Choices"]!;
        var effective = step.IsJsonata ? step.Input : EffectiveInput(step);
        foreach (var rule in rules.OfType<JsonObject>())
        {
            bool matched;
            if (step.IsJsonata)
            {
                var value = JsonataTemplate.Evaluate(AslJson.AsString(rule["Condition"])!, step.Bindings(null, null), _time.GetUtcNow(), services.Random, out _);
                matched = AslJson.IsBoolean(value)
                    ? value!.GetValue<bool>()
                    : throw new AslError(ErrorNames.QueryEvaluationError, $"The Condition {AslJson.AsString(rule["Condition"])} of the state \"{state.Name}\" returned {AslJson.Write(value)}, not a boolean.");
            }
            else
            {
                matched = ChoiceRules.Evaluate(rule, step.Scope(effective));
            }

            if (matched)
            {
                var output = step.IsJsonata ? JsonataOutput(step, rule.ContainsKey("Output") ? null : step.Input, rule["Output"], rule.ContainsKey("Output")) : OutputPath(state, effective);
                Assign(step, step.IsJsonata ? step.Input : effective, null, rule["Assign"]);
                return (AslJson.AsString(rule["Next"]), output);
            }
        }

        if (AslJson.AsString(state["Default"]) is { } fallback)
        {
            var output = step.IsJsonata ? JsonataOutput(step, step.Input, null) : OutputPath(state, effective);
            Assign(step, effective, null);
            return (fallback, output);
        }

        throw new AslError(ErrorNames.NoChoiceMatched, $"No Matches! (the state \"{state.Name}\" has no Default)");
    }

    private async Task<(string? Next, JsonNode? Output)> RunWaitAsync(StepContext step, CancellationToken cancellationToken)
    {
        var state = step.State;
        var effective = step.IsJsonata ? step.Input : EffectiveInput(step);
        DateTimeOffset until;
        JsonNode? seconds = null;
        JsonNode? timestamp = null;
        if (step.IsJsonata)
        {
            seconds = state.Has("Seconds") ? EvalJsonataField(step, state["Seconds"], null) : null;
            timestamp = state.Has("Timestamp") ? EvalJsonataField(step, state["Timestamp"], null) : null;
        }
        else
        {
            seconds = state.Has("Seconds") ? state["Seconds"] : state.Has("SecondsPath") ? PayloadTemplate.EvaluatePath(AslJson.AsString(state["SecondsPath"])!, step.Scope(effective), "SecondsPath") : null;
            timestamp = state.Has("Timestamp") ? state["Timestamp"] : state.Has("TimestampPath") ? PayloadTemplate.EvaluatePath(AslJson.AsString(state["TimestampPath"])!, step.Scope(effective), "TimestampPath") : null;
        }

        if (seconds is not null || state.Has("Seconds") || state.Has("SecondsPath"))
        {
            if (!AslJson.IsInteger(seconds) || AslJson.ToDouble(seconds) < 0)
            {
                throw new AslError(ErrorNames.Runtime, $"The Wait state \"{state.Name}\" needs a non-negative integer number of seconds; got {AslJson.Write(seconds)}.");
            }

            until = step.Entered + TimeSpan.FromSeconds(AslJson.ToDouble(seconds));
        }
        else
        {
            if (AslJson.AsString(timestamp) is not { } ts || !Timestamps.TryParse(ts, out until))
            {
                throw new AslError(ErrorNames.Runtime, $"The Wait state \"{state.Name}\" needs an RFC 3339 timestamp; got {AslJson.Write(timestamp)}.");
            }
        }

        var delay = until - _time.GetUtcNow();
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }

        Assign(step, effective, null);
        return (NextOf(state), step.IsJsonata ? JsonataOutput(step, step.Input, null) : OutputPath(state, effective));
    }

    private static AslError FailError(StepContext step)
    {
        var state = step.State;
        string? error;
        string? cause;
        if (step.IsJsonata)
        {
            error = state.Has("Error") ? AsText(EvalJsonataFieldStatic(step, state["Error"])) : null;
            cause = state.Has("Cause") ? AsText(EvalJsonataFieldStatic(step, state["Cause"])) : null;
        }
        else
        {
            var scope = step.Scope(step.Input);
            error = state.Has("ErrorPath") ? AsText(PayloadTemplate.EvaluateExpression(AslJson.AsString(state["ErrorPath"])!, scope, "ErrorPath")) : AslJson.AsString(state["Error"]);
            cause = state.Has("CausePath") ? AsText(PayloadTemplate.EvaluateExpression(AslJson.AsString(state["CausePath"])!, scope, "CausePath")) : AslJson.AsString(state["Cause"]);
        }

        return new AslError(error ?? string.Empty, cause);
    }

    /// <summary>The state after <paramref name="state"/> when it succeeds: null for an End state.</summary>
    private static string? NextOf(AslState state) => state.End ? null : state.Next;

    private static string? AsText(JsonNode? v) => v is null ? null : AslJson.AsString(v) ?? AslJson.Write(v);

    // ---- JSONPath input/output processing -----------------------------------------------------------------------

    private static JsonNode? EffectiveInput(StepContext step)
    {
        var state = step.State;
        if (!state.Has("InputPath"))
        {
            return step.Input;
        }

        return state["InputPath"] is null ? new JsonObject() : PayloadTemplate.EvaluatePath(AslJson.AsString(state["InputPath"])!, step.Scope(step.Input), "InputPath");
    }

    private static JsonNode? ResultPath(AslState state, JsonNode? rawInput, JsonNode? result) => ApplyResultPath(state.Has("ResultPath"), state["ResultPath"], rawInput, result);

    private static JsonNode? ApplyResultPath(bool present, JsonNode? resultPath, JsonNode? rawInput, JsonNode? result)
    {
        if (!present)
        {
            return result;
        }

        if (resultPath is null)
        {
            return AslJson.Clone(rawInput);
        }

        var path = JsonPath.Parse(AslJson.AsString(resultPath)!);
        return path.SetIn(AslJson.Clone(rawInput), result);
    }

    private static JsonNode? OutputPath(AslState state, JsonNode? value)
    {
        if (!state.Has("OutputPath"))
        {
            return value;
        }

        if (state["OutputPath"] is null)
        {
            return new JsonObject();
        }

        var text = AslJson.AsString(state["OutputPath"])!;
        var path = JsonPath.Parse(text);
        return path.TryEvaluate(value, out var output)
            ? output
            : throw new AslError(ErrorNames.Runtime, $"Invalid path '{text}' : No results for path: {text}");
    }

    // ---- JSONata -------------------------------------------------------------------------------------------------

    private JsonNode? EvalJsonataField(StepContext step, JsonNode? field, JsonNode? result) =>
        JsonataTemplate.Apply(field, step.Bindings(result, null), _time.GetUtcNow(), services.Random);

    private static JsonNode? EvalJsonataFieldStatic(StepContext step, JsonNode? field) =>
        JsonataTemplate.Apply(field, step.Bindings(null, null), step.Entered, Random.Shared);

    /// <summary>The state's Output (JSONata), or <paramref name="fallback"/> when it has none.</summary>
    private JsonNode? JsonataOutput(StepContext step, JsonNode? fallback, JsonNode? result, bool? hasOutput = null, JsonNode? outputField = null)
    {
        var has = hasOutput ?? step.State.Has("Output");
        if (!has)
        {
            return AslJson.Clone(fallback);
        }

        return JsonataTemplate.Apply(outputField ?? step.State["Output"], step.Bindings(result, null), _time.GetUtcNow(), services.Random);
    }

    private JsonNode? JsonataOutput(StepContext step, JsonNode? fallback, JsonNode? outputField, bool hasOutput) =>
        JsonataOutput(step, fallback, null, hasOutput, outputField);

    /// <summary>Evaluates Assign (all values first, then assigned together) and records the assignments.</summary>
    private void Assign(StepContext step, JsonNode? result, JsonNode? errorOutput, JsonNode? assignField = null)
    {
        var assign = assignField ?? step.State["Assign"];
        if (assign is not JsonObject o)
        {
            return;
        }

        var values = new List<(string, JsonNode?)>();
        if (step.IsJsonata)
        {
            var bindings = step.Bindings(result, errorOutput);
            foreach (var (k, v) in o)
            {
                values.Add((k, JsonataTemplate.Apply(v, bindings, _time.GetUtcNow(), services.Random)));
            }
        }
        else
        {
            var scope = step.Scope(errorOutput ?? result);
            foreach (var (k, v) in o)
            {
                if (k.EndsWith(".$", StringComparison.Ordinal))
                {
                    values.Add((k[..^2], PayloadTemplate.EvaluateExpression(AslJson.AsString(v) ?? string.Empty, scope, k)));
                }
                else
                {
                    values.Add((k, PayloadTemplate.Apply(v, scope)));
                }
            }
        }

        step.Assigned ??= [];
        foreach (var (k, v) in values)
        {
            step.Variables.Set(k, v);
            step.Assigned[k] = v;
        }
    }
}
