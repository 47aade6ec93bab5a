using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SamCompiler.StepFunctions;

/// <summary>
/// A readable step-by-step account of an execution from its history: each state with its input, its output and how
/// long it took, task failures and retries, Map iterations and Parallel branches, and the outcome.
/// </summary>
public sealed class ExecutionTrace
{
    private const int MaxJson = 240;
    private readonly Dictionary<long, HistoryEvent> _byId = [];
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);

    /// <summary>The lines for <paramref name="events"/> (call again with later events; ids are remembered).</summary>
    public IEnumerable<string> Lines(IEnumerable<HistoryEvent> events)
    {
        foreach (var e in events)
        {
            _byId[e.Id] = e;
            if (Line(e) is { } line)
            {
                yield return line;
            }
        }
    }

    private string? Line(HistoryEvent e)
    {
        var d = e.Details;
        var depth = Depth(e);
        var indent = new string(' ', 2 * depth);
        switch (e.Type)
        {
            case "ExecutionStarted":
                return $"{indent}execution started, input {Short(d?["input"])}";
            case var t when t.EndsWith("StateEntered", StringComparison.Ordinal):
                var name = AslJson.AsString(d?["name"]) ?? "?";
                _attempts[Key(e)] = 0;
                return $"{indent}-> {name} ({t[..^"StateEntered".Length]}) input {Short(d?["input"])}";
            case var t when t.EndsWith("StateExited", StringComparison.Ordinal):
                var exited = AslJson.AsString(d?["name"]) ?? "?";
                var entered = FindEntered(e, exited);
                var took = entered is null ? string.Empty : " in " + Duration(e.Timestamp - entered.Timestamp);
                var assigned = d?["assignedVariables"] is JsonObject vars && vars.Count > 0 ? " assigned " + string.Join(", ", vars.Select(v => "$" + v.Key)) : string.Empty;
                return $"{indent}<- {exited} output {Short(d?["output"])}{took}{assigned}";
            case "TaskScheduled" or "LambdaFunctionScheduled":
                var key = Key(e);
                var attempt = _attempts.TryGetValue(key, out var a) ? a + 1 : 1;
                _attempts[key] = attempt;
                var resource = AslJson.AsString(d?["resource"]) ?? string.Empty;
                var type = AslJson.AsString(d?["resourceType"]);
                var target = type is null ? resource : type + ":" + resource;
                return attempt == 1 ? $"{indent}   calls {target}" : $"{indent}   retry {(attempt - 1).ToString(CultureInfo.InvariantCulture)}: calls {target} again";
            case "TaskFailed" or "LambdaFunctionFailed" or "TaskTimedOut" or "LambdaFunctionTimedOut":
                return $"{indent}   failed: {AslJson.AsString(d?["error"])}: {ShortText(AslJson.AsString(d?["cause"]))}";
            case "TaskSubmitted":
                return $"{indent}   waiting for a task token (SendTaskSuccess / SendTaskFailure)";
            case "MapIterationStarted":
                return $"{indent} [item {d?["index"]}]";
            case "MapIterationFailed":
                return $"{indent} [item {d?["index"]} failed]";
            case "ExecutionSucceeded":
                return $"{indent}SUCCEEDED output {Short(d?["output"])}";
            case "ExecutionFailed":
                return $"{indent}FAILED {AslJson.AsString(d?["error"])}: {ShortText(AslJson.AsString(d?["cause"]))}";
            case "ExecutionTimedOut":
                return $"{indent}TIMED_OUT {AslJson.AsString(d?["cause"])}";
            case "ExecutionAborted":
                return $"{indent}ABORTED {AslJson.AsString(d?["error"])}";
            default:
                return null;
        }
    }

    private HistoryEvent? FindEntered(HistoryEvent exited, string name)
    {
        for (var id = exited.PreviousEventId; id > 0 && _byId.TryGetValue(id, out var e); id = e.PreviousEventId)
        {
            if (e.Type.EndsWith("StateEntered", StringComparison.Ordinal) && e.StateName == name)
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>How many Map/Parallel levels the event is inside (followed through previous event ids).</summary>
    private int Depth(HistoryEvent e)
    {
        var depth = 0;
        var open = 0;
        for (var id = e.PreviousEventId; id > 0 && _byId.TryGetValue(id, out var p); id = p.PreviousEventId)
        {
            if (p.Type is "MapStateSucceeded" or "MapStateFailed" or "ParallelStateSucceeded" or "ParallelStateFailed")
            {
                open++;
            }
            else if (p.Type is "MapStateStarted" or "ParallelStateStarted")
            {
                if (open > 0)
                {
                    open--;
                }
                else
                {
                    depth++;
                }
            }
        }

        return depth;
    }

    private string Key(HistoryEvent e)
    {
        // The state a task event belongs to: the nearest StateEntered up the chain.
        for (var id = e.Type.EndsWith("StateEntered", StringComparison.Ordinal) ? e.Id : e.PreviousEventId; id > 0 && _byId.TryGetValue(id, out var p); id = p.PreviousEventId)
        {
            if (p.Type.EndsWith("StateEntered", StringComparison.Ordinal))
            {
                return p.Id.ToString(CultureInfo.InvariantCulture);
            }
        }

        return "0";
    }

    private static string Short(JsonNode? json) => ShortText(AslJson.AsString(json));

    private static string ShortText(string? text)
    {
        if (text is null)
        {
            return string.Empty;
        }

        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= MaxJson ? oneLine : string.Concat(oneLine.AsSpan(0, MaxJson), "...");
    }

    /// <summary>A duration as people read it (ms under a second).</summary>
    public static string Duration(TimeSpan t) => t.TotalSeconds < 1
        ? t.TotalMilliseconds.ToString("0.#", CultureInfo.InvariantCulture) + " ms"
        : t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    /// <summary>All lines joined (for tests).</summary>
    public static string Format(IEnumerable<HistoryEvent> events)
    {
        var sb = new StringBuilder();
        foreach (var line in new ExecutionTrace().Lines(events))
        {
            sb.Append(line).Append('\n');
        }

        return sb.ToString();
    }
}
