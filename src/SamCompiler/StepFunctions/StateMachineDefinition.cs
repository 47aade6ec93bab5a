using System.Globalization;
using System.Text.Json.Nodes;

namespace SamCompiler.StepFunctions;

/// <summary>What kind of problem a definition check found (each maps to a lint diagnostic).</summary>
public enum AslProblemKind
{
    /// <summary>A field is missing, has the wrong type, or the document is not ASL.</summary>
    Structure,

    /// <summary>StartAt, Next, Default or a Catch's Next names no state.</summary>
    MissingState,

    /// <summary>No path from StartAt reaches the state (a warning).</summary>
    Unreachable,

    /// <summary>Next/End is missing, doubled, or present on a terminal state.</summary>
    Transition,

    /// <summary>A JSONPath, reference path or intrinsic function is invalid.</summary>
    Path,

    /// <summary>A JSONata expression is invalid, or a field is used in the wrong query language.</summary>
    Jsonata,

    /// <summary>A Retry or Catch is malformed.</summary>
    RetryCatch,

    /// <summary>A Map or Parallel state's branches are missing or malformed.</summary>
    Branch,
}

/// <summary>A problem in a definition, at a JSON pointer (e.g. <c>/States/Check/Next</c>) into the definition.</summary>
/// <param name="Pointer">Where: RFC 6901 pointer segments joined with '/'.</param>
/// <param name="Kind">What kind of problem.</param>
/// <param name="Message">Sentence-case message.</param>
public sealed record AslProblem(string Pointer, AslProblemKind Kind, string Message)
{
    /// <summary>True for problems that stop the state machine from running (all but unreachable states).</summary>
    public bool IsError => Kind != AslProblemKind.Unreachable;
}

/// <summary>A Retry entry.</summary>
public sealed record Retrier(IReadOnlyList<string> ErrorEquals, double IntervalSeconds, int MaxAttempts, double BackoffRate, double? MaxDelaySeconds, bool FullJitter);

/// <summary>A Catch entry.</summary>
public sealed record Catcher(IReadOnlyList<string> ErrorEquals, string Next, JsonObject Raw);

/// <summary>One state of a definition.</summary>
public sealed class AslState
{
    internal AslState(string name, string type, JsonObject raw, string pointer, string queryLanguage)
    {
        Name = name;
        Type = type;
        Raw = raw;
        Pointer = pointer;
        QueryLanguage = queryLanguage;
    }

    /// <summary>The state's name.</summary>
    public string Name { get; }

    /// <summary>Task, Pass, Choice, Wait, Succeed, Fail, Parallel or Map.</summary>
    public string Type { get; }

    /// <summary>The state as written.</summary>
    public JsonObject Raw { get; }

    /// <summary>Pointer of the state in the document.</summary>
    public string Pointer { get; }

    /// <summary>JSONPath or JSONata (the state's own, else the machine's).</summary>
    public string QueryLanguage { get; }

    /// <summary>True in JSONata mode.</summary>
    public bool IsJsonata => QueryLanguage == "JSONata";

    /// <summary>The Next field.</summary>
    public string? Next => AslJson.AsString(Raw["Next"]);

    /// <summary>End: true.</summary>
    public bool End => Raw["End"] is JsonValue v && AslJson.IsBoolean(v) && v.GetValue<bool>();

    /// <summary>Retry entries.</summary>
    public List<Retrier> Retriers { get; } = [];

    /// <summary>Catch entries.</summary>
    public List<Catcher> Catchers { get; } = [];

    /// <summary>Parallel branches.</summary>
    public List<StateMachineDefinition> Branches { get; } = [];

    /// <summary>Map ItemProcessor (or Iterator).</summary>
    public StateMachineDefinition? Processor { get; internal set; }

    /// <summary>A field of the state.</summary>
    public JsonNode? this[string field] => Raw[field];

    /// <summary>True when the field is present (even as null).</summary>
    public bool Has(string field) => Raw.ContainsKey(field);

    /// <summary>Every state name this state can go to (Next, Default, Choices, Catch).</summary>
    public IEnumerable<string> Successors()
    {
        if (Next is { } n)
        {
            yield return n;
        }

        if (AslJson.AsString(Raw["Default"]) is { } d)
        {
            yield return d;
        }

        if (Raw["Choices"] is JsonArray choices)
        {
            foreach (var c in choices.OfType<JsonObject>())
            {
                if (AslJson.AsString(c["Next"]) is { } cn)
                {
                    yield return cn;
                }
            }
        }

        foreach (var c in Catchers)
        {
            yield return c.Next;
        }
    }
}

/// <summary>
/// A state machine (or a Parallel branch / Map processor) in the Amazon States Language, parsed and checked against
/// the specification (https://states-language.net/spec.html): what the interpreter runs and lint reports on.
/// </summary>
public sealed class StateMachineDefinition
{
    private static readonly HashSet<string> StateTypes = new(StringComparer.Ordinal) { "Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map" };

    private static readonly HashSet<string> JsonPathOnly = new(StringComparer.Ordinal) { "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "ItemsPath", "SecondsPath", "TimestampPath", "ErrorPath", "CausePath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath", "Iterator" };

    private static readonly HashSet<string> JsonataOnly = new(StringComparer.Ordinal) { "Arguments", "Output", "Items" };

    private readonly Dictionary<string, AslState> _states = new(StringComparer.Ordinal);

    private StateMachineDefinition(JsonObject raw, string pointer, string queryLanguage)
    {
        Raw = raw;
        Pointer = pointer;
        QueryLanguage = queryLanguage;
    }

    /// <summary>The document as written.</summary>
    public JsonObject Raw { get; }

    /// <summary>Pointer of this (sub-)machine in the top-level document ("" for the top).</summary>
    public string Pointer { get; }

    /// <summary>The default query language of the states.</summary>
    public string QueryLanguage { get; }

    /// <summary>StartAt.</summary>
    public string StartAt => AslJson.AsString(Raw["StartAt"]) ?? string.Empty;

    /// <summary>TimeoutSeconds of the whole machine, when set.</summary>
    public double? TimeoutSeconds => AslJson.IsNumber(Raw["TimeoutSeconds"]) ? AslJson.ToDouble(Raw["TimeoutSeconds"]) : null;

    /// <summary>The states in document order.</summary>
    public List<AslState> States { get; } = [];

    /// <summary>A state by name, or null.</summary>
    public AslState? Find(string name) => _states.GetValueOrDefault(name);

    /// <summary>Parses and checks JSON text. Null when the text is not a JSON object; problems list everything found.</summary>
    public static StateMachineDefinition? Parse(string json, List<AslProblem> problems)
    {
        if (!AslJson.TryParse(json, out var node, out var error))
        {
            problems.Add(new AslProblem(string.Empty, AslProblemKind.Structure, $"The definition is not JSON: {error}"));
            return null;
        }

        if (node is not JsonObject o)
        {
            problems.Add(new AslProblem(string.Empty, AslProblemKind.Structure, "The definition must be a JSON object."));
            return null;
        }

        return FromObject(o, problems);
    }

    /// <summary>Parses and checks a definition object.</summary>
    public static StateMachineDefinition FromObject(JsonObject document, List<AslProblem> problems)
    {
        var ql = AslJson.AsString(document["QueryLanguage"]) ?? "JSONPath";
        if (ql is not ("JSONPath" or "JSONata"))
        {
            problems.Add(new AslProblem("/QueryLanguage", AslProblemKind.Structure, $"QueryLanguage must be \"JSONPath\" or \"JSONata\", not \"{ql}\"."));
            ql = "JSONPath";
        }

        return Build(document, string.Empty, ql, problems, top: true);
    }

    private static StateMachineDefinition Build(JsonObject raw, string pointer, string ql, List<AslProblem> problems, bool top)
    {
        var def = new StateMachineDefinition(raw, pointer, ql);
        var startAt = raw["StartAt"];
        if (startAt is null)
        {
            problems.Add(new AslProblem(pointer, top ? AslProblemKind.Structure : AslProblemKind.Branch, "StartAt is required."));
        }
        else if (!AslJson.IsString(startAt))
        {
            problems.Add(new AslProblem(pointer + "/StartAt", AslProblemKind.Structure, "StartAt must be a string."));
        }

        if (raw["States"] is not JsonObject states)
        {
            problems.Add(new AslProblem(pointer + (raw.ContainsKey("States") ? "/States" : string.Empty), top ? AslProblemKind.Structure : AslProblemKind.Branch, "States must be an object with at least one state."));
            return def;
        }

        if (states.Count == 0)
        {
            problems.Add(new AslProblem(pointer + "/States", top ? AslProblemKind.Structure : AslProblemKind.Branch, "States must have at least one state."));
        }

        if (top && raw["TimeoutSeconds"] is { } ts && !IsNonNegativeInteger(ts))
        {
            problems.Add(new AslProblem(pointer + "/TimeoutSeconds", AslProblemKind.Structure, "TimeoutSeconds must be a positive integer."));
        }

        foreach (var (name, value) in states)
        {
            var sp = pointer + "/States/" + Escape(name);
            if (name.Length > StepFunctionsQuotas.NameLength.Value)
            {
                problems.Add(new AslProblem(sp, AslProblemKind.Structure, $"The state name \"{name}\" is {name.Length.ToString(CultureInfo.InvariantCulture)} characters long; the limit is {StepFunctionsQuotas.NameLength.Value.ToString(CultureInfo.InvariantCulture)}."));
            }

            if (value is not JsonObject so)
            {
                problems.Add(new AslProblem(sp, AslProblemKind.Structure, $"The state \"{name}\" must be an object."));
                continue;
            }

            var type = AslJson.AsString(so["Type"]);
            if (type is null || !StateTypes.Contains(type))
            {
                problems.Add(new AslProblem(sp + (so.ContainsKey("Type") ? "/Type" : string.Empty), AslProblemKind.Structure, type is null
                    ? $"The state \"{name}\" has no Type."
                    : $"The state \"{name}\" has the unknown Type \"{type}\" (expected Task, Pass, Choice, Wait, Succeed, Fail, Parallel or Map)."));
                continue;
            }

            var stateQl = AslJson.AsString(so["QueryLanguage"]) ?? ql;
            if (stateQl is not ("JSONPath" or "JSONata"))
            {
                problems.Add(new AslProblem(sp + "/QueryLanguage", AslProblemKind.Structure, $"QueryLanguage must be \"JSONPath\" or \"JSONata\", not \"{stateQl}\"."));
                stateQl = ql;
            }
            else if (ql == "JSONata" && stateQl == "JSONPath")
            {
                problems.Add(new AslProblem(sp + "/QueryLanguage", AslProblemKind.Jsonata, $"The state \"{name}\" cannot use JSONPath when its state machine uses JSONata."));
            }

            var state = new AslState(name, type, so, sp, stateQl);
            def._states[name] = state;
            def.States.Add(state);
            CheckState(state, problems, stateQl);
        }

        // References and reachability.
        if (AslJson.AsString(startAt) is { } sa && states.Count > 0 && !def._states.ContainsKey(sa))
        {
            problems.Add(new AslProblem(pointer + "/StartAt", AslProblemKind.MissingState, $"StartAt names the state \"{sa}\", which is not in States."));
        }

        foreach (var state in def.States)
        {
            CheckTargets(state, def, problems);
        }

        if (def._states.ContainsKey(def.StartAt))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { def.StartAt };
            var queue = new Queue<string>([def.StartAt]);
            while (queue.Count > 0)
            {
                var s = def._states[queue.Dequeue()];
                foreach (var next in s.Successors())
                {
                    if (def._states.ContainsKey(next) && seen.Add(next))
                    {
                        queue.Enqueue(next);
                    }
                }
            }

            foreach (var state in def.States.Where(s => !seen.Contains(s.Name)))
            {
                problems.Add(new AslProblem(state.Pointer, AslProblemKind.Unreachable, $"The state \"{state.Name}\" cannot be reached from StartAt \"{def.StartAt}\"."));
            }
        }

        return def;
    }

    private static void CheckTargets(AslState state, StateMachineDefinition def, List<AslProblem> problems)
    {
        void Check(string? target, string at, string what)
        {
            if (target is not null && def.Find(target) is null)
            {
                problems.Add(new AslProblem(at, AslProblemKind.MissingState, $"{what} of the state \"{state.Name}\" names \"{target}\", which is not a state of {(def.Pointer.Length == 0 ? "the state machine" : "this branch")}."));
            }
        }

        Check(state.Next, state.Pointer + "/Next", "Next");
        Check(AslJson.AsString(state["Default"]), state.Pointer + "/Default", "Default");
        if (state["Choices"] is JsonArray choices)
        {
            for (var i = 0; i < choices.Count; i++)
            {
                Check(AslJson.AsString(choices[i]?["Next"]), $"{state.Pointer}/Choices/{i.ToString(CultureInfo.InvariantCulture)}/Next", "A choice rule");
            }
        }

        for (var i = 0; i < state.Catchers.Count; i++)
        {
            Check(state.Catchers[i].Next, $"{state.Pointer}/Catch/{i.ToString(CultureInfo.InvariantCulture)}/Next", "A Catch");
        }
    }

    private static void CheckState(AslState state, List<AslProblem> problems, string ql)
    {
        var p = state.Pointer;
        var raw = state.Raw;
        var terminal = state.Type is "Succeed" or "Fail";
        var hasNext = raw.ContainsKey("Next");
        var hasEnd = raw.ContainsKey("End");
        if (hasNext && !AslJson.IsString(raw["Next"]))
        {
            problems.Add(new AslProblem(p + "/Next", AslProblemKind.Transition, $"Next of the state \"{state.Name}\" must be a state name."));
        }

        if (hasEnd && !(AslJson.IsBoolean(raw["End"]) && raw["End"]!.GetValue<bool>()))
        {
            problems.Add(new AslProblem(p + "/End", AslProblemKind.Transition, $"End of the state \"{state.Name}\" must be true (leave it out otherwise)."));
        }

        if (terminal || state.Type == "Choice")
        {
            if (hasNext || hasEnd)
            {
                problems.Add(new AslProblem(p + (hasNext ? "/Next" : "/End"), AslProblemKind.Transition, $"A {state.Type} state cannot have {(hasNext ? "Next" : "End")} (the state \"{state.Name}\")."));
            }
        }
        else if (hasNext && hasEnd)
        {
            problems.Add(new AslProblem(p + "/End", AslProblemKind.Transition, $"The state \"{state.Name}\" has both Next and End; it must have exactly one."));
        }
        else if (!hasNext && !hasEnd)
        {
            problems.Add(new AslProblem(p, AslProblemKind.Transition, $"The state \"{state.Name}\" has neither Next nor End: true."));
        }

        // Fields of the other query language.
        foreach (var (field, _) in raw)
        {
            if (ql == "JSONata" && JsonPathOnly.Contains(field))
            {
                problems.Add(new AslProblem(p + "/" + field, AslProblemKind.Jsonata, $"The field {field} is JSONPath-only; the state \"{state.Name}\" uses JSONata (use {(field is "Parameters" or "ItemSelector" ? "Arguments" : field is "ItemsPath" ? "Items" : "Output")} instead)."));
            }
            else if (ql == "JSONPath" && JsonataOnly.Contains(field))
            {
                problems.Add(new AslProblem(p + "/" + field, AslProblemKind.Jsonata, $"The field {field} is JSONata-only; the state \"{state.Name}\" uses JSONPath."));
            }
        }

        if (ql == "JSONPath")
        {
            CheckPath(raw, "InputPath", p, problems, nullable: true);
            CheckPath(raw, "OutputPath", p, problems, nullable: true);
            CheckPath(raw, "ItemsPath", p, problems, nullable: false);
            CheckReferencePath(raw["ResultPath"], raw.ContainsKey("ResultPath"), p + "/ResultPath", problems);
            foreach (var f in new[] { "Parameters", "ResultSelector", "ItemSelector", "Assign" })
            {
                if (raw[f] is { } template)
                {
                    CheckTemplate(template, p + "/" + f, problems);
                }
            }

            foreach (var f in new[] { "SecondsPath", "TimestampPath", "ErrorPath", "CausePath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath" })
            {
                if (raw[f] is { } v)
                {
                    if (AslJson.AsString(v) is not { } text)
                    {
                        problems.Add(new AslProblem(p + "/" + f, AslProblemKind.Path, $"{f} must be a string."));
                    }
                    else if (!(text.StartsWith('$') ? TryPath(text, out var err) : IntrinsicFunctions.TryParse(text, out err)))
                    {
                        problems.Add(new AslProblem(p + "/" + f, AslProblemKind.Path, err!));
                    }
                }
            }
        }
        else
        {
            CheckJsonata(raw, p, problems);
        }

        switch (state.Type)
        {
            case "Task":
                if (ql == "JSONPath" || !(AslJson.AsString(raw["Resource"]) is { } r && r.StartsWith("{%", StringComparison.Ordinal)))
                {
                    if (AslJson.AsString(raw["Resource"]) is not { Length: > 0 })
                    {
                        problems.Add(new AslProblem(p + (raw.ContainsKey("Resource") ? "/Resource" : string.Empty), AslProblemKind.Structure, $"The Task state \"{state.Name}\" needs a Resource (an ARN)."));
                    }
                }

                CheckPositiveInteger(raw, "TimeoutSeconds", p, problems);
                CheckPositiveInteger(raw, "HeartbeatSeconds", p, problems);
                if (AslJson.IsNumber(raw["TimeoutSeconds"]) && AslJson.IsNumber(raw["HeartbeatSeconds"]) && AslJson.ToDouble(raw["HeartbeatSeconds"]) >= AslJson.ToDouble(raw["TimeoutSeconds"]))
                {
                    problems.Add(new AslProblem(p + "/HeartbeatSeconds", AslProblemKind.Structure, $"HeartbeatSeconds must be smaller than TimeoutSeconds (the state \"{state.Name}\")."));
                }

                break;
            case "Choice":
                if (raw["Choices"] is not JsonArray { Count: > 0 } rules)
                {
                    problems.Add(new AslProblem(p + (raw.ContainsKey("Choices") ? "/Choices" : string.Empty), AslProblemKind.Structure, $"The Choice state \"{state.Name}\" needs a non-empty Choices array."));
                }
                else
                {
                    for (var i = 0; i < rules.Count; i++)
                    {
                        var rp = $"{p}/Choices/{i.ToString(CultureInfo.InvariantCulture)}";
                        if (rules[i] is not JsonObject rule)
                        {
                            problems.Add(new AslProblem(rp, AslProblemKind.Structure, "A choice rule must be an object."));
                            continue;
                        }

                        if (!rule.ContainsKey("Next"))
                        {
                            problems.Add(new AslProblem(rp, AslProblemKind.Transition, $"A top-level choice rule of the state \"{state.Name}\" needs Next."));
                        }

                        ChoiceRules.Check(rule, rp, ql, problems, top: true);
                    }
                }

                break;
            case "Wait":
                var waits = new[] { "Seconds", "Timestamp", "SecondsPath", "TimestampPath" }.Count(raw.ContainsKey);
                if (waits != 1)
                {
                    problems.Add(new AslProblem(p, AslProblemKind.Structure, $"The Wait state \"{state.Name}\" needs exactly one of Seconds, Timestamp, SecondsPath or TimestampPath."));
                }
                else if (ql == "JSONPath" && raw["Seconds"] is { } sec && !IsNonNegativeInteger(sec))
                {
                    problems.Add(new AslProblem(p + "/Seconds", AslProblemKind.Structure, "Seconds must be a non-negative integer."));
                }

                break;
            case "Pass":
                break;
            case "Parallel":
                if (raw["Branches"] is not JsonArray { Count: > 0 } branches)
                {
                    problems.Add(new AslProblem(p + (raw.ContainsKey("Branches") ? "/Branches" : string.Empty), AslProblemKind.Branch, $"The Parallel state \"{state.Name}\" needs a non-empty Branches array."));
                }
                else
                {
                    for (var i = 0; i < branches.Count; i++)
                    {
                        var bp = $"{p}/Branches/{i.ToString(CultureInfo.InvariantCulture)}";
                        if (branches[i] is JsonObject b)
                        {
                            state.Branches.Add(Build(b, bp, AslJson.AsString(b["QueryLanguage"]) ?? state.QueryLanguage, problems, top: false));
                        }
                        else
                        {
                            problems.Add(new AslProblem(bp, AslProblemKind.Branch, "A branch must be an object with StartAt and States."));
                        }
                    }
                }

                break;
            case "Map":
                var field = raw.ContainsKey("ItemProcessor") ? "ItemProcessor" : raw.ContainsKey("Iterator") ? "Iterator" : null;
                if (field is null || raw[field] is not JsonObject processor)
                {
                    problems.Add(new AslProblem(p + (field is null ? string.Empty : "/" + field), AslProblemKind.Branch, $"The Map state \"{state.Name}\" needs an ItemProcessor with StartAt and States."));
                }
                else
                {
                    state.Processor = Build(processor, p + "/" + field, AslJson.AsString(processor["QueryLanguage"]) ?? state.QueryLanguage, problems, top: false);
                    if (processor["ProcessorConfig"] is JsonObject config && AslJson.AsString(config["Mode"]) is { } mode && mode is not ("INLINE" or "DISTRIBUTED"))
                    {
                        problems.Add(new AslProblem(p + "/" + field + "/ProcessorConfig/Mode", AslProblemKind.Branch, $"ProcessorConfig Mode must be INLINE or DISTRIBUTED, not \"{mode}\"."));
                    }
                }

                if (raw["MaxConcurrency"] is { } mc && !IsNonNegativeInteger(mc))
                {
                    problems.Add(new AslProblem(p + "/MaxConcurrency", AslProblemKind.Structure, "MaxConcurrency must be a non-negative integer."));
                }

                if (raw["ToleratedFailurePercentage"] is { } tfp && (!AslJson.IsNumber(tfp) || AslJson.ToDouble(tfp) is < 0 or > 100))
                {
                    problems.Add(new AslProblem(p + "/ToleratedFailurePercentage", AslProblemKind.Structure, "ToleratedFailurePercentage must be a number from 0 to 100."));
                }

                break;
        }

        CheckRetryCatch(state, problems);
    }

    private static void CheckRetryCatch(AslState state, List<AslProblem> problems)
    {
        var p = state.Pointer;
        var raw = state.Raw;
        if (state.Type is not ("Task" or "Parallel" or "Map"))
        {
            foreach (var f in new[] { "Retry", "Catch" })
            {
                if (raw.ContainsKey(f))
                {
                    problems.Add(new AslProblem(p + "/" + f, AslProblemKind.RetryCatch, $"Only Task, Parallel and Map states can have {f} (the state \"{state.Name}\" is a {state.Type})."));
                }
            }

            return;
        }

        if (raw["Retry"] is { } retry)
        {
            if (retry is not JsonArray retries)
            {
                problems.Add(new AslProblem(p + "/Retry", AslProblemKind.RetryCatch, "Retry must be an array of retriers."));
            }
            else
            {
                for (var i = 0; i < retries.Count; i++)
                {
                    var rp = $"{p}/Retry/{i.ToString(CultureInfo.InvariantCulture)}";
                    if (retries[i] is not JsonObject r)
                    {
                        problems.Add(new AslProblem(rp, AslProblemKind.RetryCatch, "A retrier must be an object."));
                        continue;
                    }

                    var errors = ErrorEquals(r, rp, i, retries.Count, problems);
                    var interval = NumberField(r, "IntervalSeconds", rp, 1, problems, v => v >= 1 && v == Math.Floor(v), "a positive integer");
                    var attempts = NumberField(r, "MaxAttempts", rp, 3, problems, v => v >= 0 && v == Math.Floor(v), "a non-negative integer");
                    var backoff = NumberField(r, "BackoffRate", rp, 2, problems, v => v >= 1, "a number >= 1.0");
                    double? maxDelay = r.ContainsKey("MaxDelaySeconds") ? NumberField(r, "MaxDelaySeconds", rp, 0, problems, v => v >= 1 && v == Math.Floor(v), "a positive integer") : null;
                    var jitter = AslJson.AsString(r["JitterStrategy"]);
                    if (r.ContainsKey("JitterStrategy") && jitter is not ("FULL" or "NONE"))
                    {
                        problems.Add(new AslProblem(rp + "/JitterStrategy", AslProblemKind.RetryCatch, "JitterStrategy must be FULL or NONE."));
                    }

                    foreach (var (k, _) in r)
                    {
                        if (k is not ("ErrorEquals" or "IntervalSeconds" or "MaxAttempts" or "BackoffRate" or "MaxDelaySeconds" or "JitterStrategy" or "Comment"))
                        {
                            problems.Add(new AslProblem(rp + "/" + Escape(k), AslProblemKind.RetryCatch, $"A retrier has the unknown field \"{k}\"."));
                        }
                    }

                    state.Retriers.Add(new Retrier(errors, interval, (int)Math.Min(attempts, int.MaxValue), backoff, maxDelay, jitter == "FULL"));
                }
            }
        }

        if (raw["Catch"] is { } @catch)
        {
            if (@catch is not JsonArray catchers)
            {
                problems.Add(new AslProblem(p + "/Catch", AslProblemKind.RetryCatch, "Catch must be an array of catchers."));
                return;
            }

            for (var i = 0; i < catchers.Count; i++)
            {
                var cp = $"{p}/Catch/{i.ToString(CultureInfo.InvariantCulture)}";
                if (catchers[i] is not JsonObject c)
                {
                    problems.Add(new AslProblem(cp, AslProblemKind.RetryCatch, "A catcher must be an object."));
                    continue;
                }

                var errors = ErrorEquals(c, cp, i, catchers.Count, problems);
                var next = AslJson.AsString(c["Next"]);
                if (next is null)
                {
                    problems.Add(new AslProblem(cp, AslProblemKind.RetryCatch, "A catcher needs Next (the state to go to)."));
                }

                if (state.IsJsonata)
                {
                    if (c.ContainsKey("ResultPath"))
                    {
                        problems.Add(new AslProblem(cp + "/ResultPath", AslProblemKind.Jsonata, "ResultPath is JSONPath-only; use Output in a JSONata catcher."));
                    }
                }
                else
                {
                    CheckReferencePath(c["ResultPath"], c.ContainsKey("ResultPath"), cp + "/ResultPath", problems);
                }

                state.Catchers.Add(new Catcher(errors, next ?? string.Empty, c));
            }
        }
    }

    private static List<string> ErrorEquals(JsonObject o, string pointer, int index, int count, List<AslProblem> problems)
    {
        var result = new List<string>();
        if (o["ErrorEquals"] is not JsonArray { Count: > 0 } errors)
        {
            problems.Add(new AslProblem(pointer + (o.ContainsKey("ErrorEquals") ? "/ErrorEquals" : string.Empty), AslProblemKind.RetryCatch, "ErrorEquals must be a non-empty array of error names."));
            return result;
        }

        foreach (var e in errors)
        {
            if (AslJson.AsString(e) is { } s)
            {
                result.Add(s);
            }
            else
            {
                problems.Add(new AslProblem(pointer + "/ErrorEquals", AslProblemKind.RetryCatch, "Error names must be strings."));
            }
        }

        if (result.Contains(ErrorNames.All) && (result.Count > 1 || index != count - 1))
        {
            problems.Add(new AslProblem(pointer + "/ErrorEquals", AslProblemKind.RetryCatch, "States.ALL must appear alone in ErrorEquals and in the last retrier or catcher."));
        }

        return result;
    }

    private static double NumberField(JsonObject o, string field, string pointer, double fallback, List<AslProblem> problems, Func<double, bool> valid, string expected)
    {
        if (!o.ContainsKey(field))
        {
            return fallback;
        }

        var v = o[field];
        if (!AslJson.IsNumber(v) || !valid(AslJson.ToDouble(v)))
        {
            problems.Add(new AslProblem(pointer + "/" + field, AslProblemKind.RetryCatch, $"{field} must be {expected}; it is {AslJson.Write(v)}."));
            return fallback;
        }

        return AslJson.ToDouble(v);
    }

    private static void CheckPositiveInteger(JsonObject o, string field, string pointer, List<AslProblem> problems)
    {
        if (o[field] is { } v && !(AslJson.IsString(v) && AslJson.AsString(v)!.StartsWith("{%", StringComparison.Ordinal)) && (!AslJson.IsInteger(v) || AslJson.ToDouble(v) < 1))
        {
            problems.Add(new AslProblem(pointer + "/" + field, AslProblemKind.Structure, $"{field} must be a positive integer."));
        }
    }

    private static bool IsNonNegativeInteger(JsonNode v) => AslJson.IsInteger(v) && AslJson.ToDouble(v) >= 0;

    private static void CheckPath(JsonObject raw, string field, string pointer, List<AslProblem> problems, bool nullable)
    {
        if (!raw.ContainsKey(field))
        {
            return;
        }

        var v = raw[field];
        if (v is null && nullable)
        {
            return;
        }

        if (AslJson.AsString(v) is not { } text)
        {
            problems.Add(new AslProblem(pointer + "/" + field, AslProblemKind.Path, $"{field} must be a JSONPath string{(nullable ? " or null" : string.Empty)}."));
            return;
        }

        if (!TryPath(text, out var error))
        {
            problems.Add(new AslProblem(pointer + "/" + field, AslProblemKind.Path, error!));
        }
    }

    private static void CheckReferencePath(JsonNode? value, bool present, string pointer, List<AslProblem> problems)
    {
        if (!present || value is null)
        {
            return;
        }

        if (AslJson.AsString(value) is not { } text)
        {
            problems.Add(new AslProblem(pointer, AslProblemKind.Path, "ResultPath must be a reference path string or null."));
            return;
        }

        if (!text.StartsWith('$') || text.StartsWith("$$", StringComparison.Ordinal) || !JsonPath.TryParse(text, out var path, out var error) || !path!.IsReferencePath)
        {
            problems.Add(new AslProblem(pointer, AslProblemKind.Path, $"ResultPath \"{text}\" is not a reference path (only $, .name, ['name'] and [index] steps are allowed){(text.StartsWith('$') && !JsonPath.TryParse(text, out _, out error) ? ": " + error : ".")}"));
        }
    }

    internal static bool TryPath(string text, out string? error)
    {
        if (text.StartsWith("$$", StringComparison.Ordinal))
        {
            return JsonPath.TryParse(text[1..], out _, out error);
        }

        if (text.Length > 1 && (char.IsAsciiLetter(text[1]) || text[1] == '_'))
        {
            var end = 1;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
            {
                end++;
            }

            return JsonPath.TryParse("$" + text[end..], out _, out error);
        }

        return JsonPath.TryParse(text, out _, out error);
    }

    private static void CheckTemplate(JsonNode template, string pointer, List<AslProblem> problems)
    {
        switch (template)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    var at = pointer + "/" + Escape(k);
                    if (k.EndsWith(".$", StringComparison.Ordinal))
                    {
                        if (AslJson.AsString(v) is not { } text)
                        {
                            problems.Add(new AslProblem(at, AslProblemKind.Path, $"The field \"{k}\" ends in .$, so its value must be a path or an intrinsic function string."));
                        }
                        else if (text.StartsWith('$'))
                        {
                            if (!TryPath(text, out var err))
                            {
                                problems.Add(new AslProblem(at, AslProblemKind.Path, err!));
                            }
                        }
                        else if (!IntrinsicFunctions.TryParse(text, out var err))
                        {
                            problems.Add(new AslProblem(at, AslProblemKind.Path, $"The value of \"{k}\" is neither a JSONPath nor a valid intrinsic function: {err}"));
                        }
                    }
                    else if (v is not null)
                    {
                        CheckTemplate(v, at, problems);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is { } item)
                    {
                        CheckTemplate(item, pointer + "/" + i.ToString(CultureInfo.InvariantCulture), problems);
                    }
                }

                break;
        }
    }

    private static void CheckJsonata(JsonNode? node, string pointer, List<AslProblem> problems)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    if (k is "Branches" or "ItemProcessor" or "Iterator" or "Choices" or "Retry")
                    {
                        continue;
                    }

                    CheckJsonata(v, pointer + "/" + Escape(k), problems);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    CheckJsonata(a[i], pointer + "/" + i.ToString(CultureInfo.InvariantCulture), problems);
                }

                break;
            default:
                if (AslJson.AsString(node) is { } s && JsonataTemplate.IsExpression(s) && !JsonataExpressionCheck(s, out var error))
                {
                    problems.Add(new AslProblem(pointer, AslProblemKind.Jsonata, $"Invalid JSONata expression {s}: {error}"));
                }

                break;
        }
    }

    private static bool JsonataExpressionCheck(string s, out string? error) =>
        Jsonata.JsonataExpression.TryParse(JsonataTemplate.Inner(s), out _, out error);

    /// <summary>Escapes a key for a JSON pointer (RFC 6901).</summary>
    public static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>Splits a pointer into its unescaped segments.</summary>
    public static IReadOnlyList<string> Segments(string pointer) =>
        pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
}
