using System.Globalization;
using System.Text.Json.Nodes;
using SamCompiler.StepFunctions;

namespace SamCompiler.Graph;

/// <summary>What happened to a state in an execution (for <c>samc local execute --graph</c>).</summary>
public enum StateOutcome
{
    /// <summary>Entered and left normally.</summary>
    Succeeded,

    /// <summary>Failed (the error left the state).</summary>
    Failed,

    /// <summary>Failed at least once, then left normally (a retry worked, or a Catch handled the error).</summary>
    Recovered,
}

/// <summary>Draws a state machine's states and transitions, optionally with the path an execution took.</summary>
public static class StateMachineGraph
{
    /// <summary>The picture of <paramref name="definition"/>; with <paramref name="history"/>, executed edges are bold and states coloured by outcome.</summary>
    public static GraphDocument Build(string title, StateMachineDefinition definition, IReadOnlyList<HistoryEvent>? history = null)
    {
        var doc = new GraphDocument { Title = title };
        var outcomes = history is null ? null : Outcomes(history);
        var taken = history is null ? null : TakenEdges(history);
        var ids = new Dictionary<(string Scope, string Name), string>();
        var counter = 0;
        Add(definition, null, "m", doc, ids, ref counter, outcomes, taken);
        return doc;
    }

    private static void Add(StateMachineDefinition def, string? group, string scope, GraphDocument doc, Dictionary<(string, string), string> ids, ref int counter, Dictionary<string, StateOutcome>? outcomes, HashSet<(string, string)>? taken)
    {
        string Id(string name) => ids[(scope, name)];
        foreach (var s in def.States)
        {
            ids[(scope, s.Name)] = "s" + (counter++).ToString(CultureInfo.InvariantCulture);
        }

        var start = "start_" + (counter++).ToString(CultureInfo.InvariantCulture);
        var end = "end_" + (counter++).ToString(CultureInfo.InvariantCulture);
        doc.Nodes.Add(new GraphNode(start, "Start", NodeShape.Circle, null, group));
        if (def.Find(def.StartAt) is not null)
        {
            doc.Edges.Add(new GraphEdge(start, Id(def.StartAt), Bold: taken is not null && outcomes!.ContainsKey(def.StartAt)));
        }

        var needsEnd = false;
        foreach (var s in def.States)
        {
            var id = Id(s.Name);
            var shape = s.Type switch
            {
                "Choice" => NodeShape.Diamond,
                "Succeed" or "Fail" => NodeShape.Rounded,
                _ => NodeShape.Box,
            };
            var label = s.Name + "\n" + s.Type + (s.Type == "Task" && AslJson.AsString(s["Resource"]) is { } r ? ": " + ShortResource(r) : string.Empty);
            string? cls = null;
            if (outcomes is not null)
            {
                cls = outcomes.TryGetValue(s.Name, out var o) ? o switch { StateOutcome.Failed => "failed", StateOutcome.Recovered => "recovered", _ => "succeeded" } : "notrun";
            }

            if (s.Type is "Parallel" or "Map")
            {
                var g = "g" + (counter++).ToString(CultureInfo.InvariantCulture);
                doc.Groups.Add(new GraphGroup(g, s.Name + " (" + s.Type + ")", group));
                doc.Nodes.Add(new GraphNode(id, label, shape, cls, g));
                var inner = s.Type == "Map" ? (IEnumerable<StateMachineDefinition>)(s.Processor is null ? [] : [s.Processor]) : s.Branches;
                var i = 0;
                foreach (var branch in inner)
                {
                    var bg = g + "b" + (i++).ToString(CultureInfo.InvariantCulture);
                    doc.Groups.Add(new GraphGroup(bg, s.Type == "Map" ? "each item" : "branch " + i.ToString(CultureInfo.InvariantCulture), g));
                    Add(branch, bg, scope + "/" + s.Name + "/" + i.ToString(CultureInfo.InvariantCulture), doc, ids, ref counter, outcomes, taken);
                }
            }
            else
            {
                doc.Nodes.Add(new GraphNode(id, label, shape, cls, group));
            }

            bool Taken(string to) => taken is not null && taken.Contains((s.Name, to));
            if (s.Next is { } next && def.Find(next) is not null)
            {
                doc.Edges.Add(new GraphEdge(id, Id(next), Bold: Taken(next)));
            }

            if (s.Raw["Choices"] is JsonArray choices)
            {
                foreach (var c in choices.OfType<JsonObject>())
                {
                    if (AslJson.AsString(c["Next"]) is { } cn && def.Find(cn) is not null)
                    {
                        doc.Edges.Add(new GraphEdge(id, Id(cn), RuleLabel(c), Bold: Taken(cn)));
                    }
                }
            }

            if (AslJson.AsString(s["Default"]) is { } d && def.Find(d) is not null)
            {
                doc.Edges.Add(new GraphEdge(id, Id(d), "Default", Bold: Taken(d)));
            }

            foreach (var c in s.Catchers)
            {
                if (def.Find(c.Next) is not null)
                {
                    doc.Edges.Add(new GraphEdge(id, Id(c.Next), "Catch " + string.Join(", ", c.ErrorEquals), Dashed: true, Bold: Taken(c.Next)));
                }
            }

            if (s.Retriers.Count > 0)
            {
                doc.Edges.Add(new GraphEdge(id, id, "Retry " + string.Join(", ", s.Retriers.SelectMany(r => r.ErrorEquals)), Dashed: true));
            }

            if (s.End || s.Type == "Succeed")
            {
                doc.Edges.Add(new GraphEdge(id, end, Bold: outcomes is not null && outcomes.TryGetValue(s.Name, out var o) && o == StateOutcome.Succeeded));
                needsEnd = true;
            }
        }

        if (needsEnd)
        {
            doc.Nodes.Add(new GraphNode(end, "End", NodeShape.Circle, null, group));
        }
    }

    private static string RuleLabel(JsonObject rule)
    {
        if (AslJson.AsString(rule["Condition"]) is { } condition)
        {
            return Trim(JsonataTemplate.IsExpression(condition) ? JsonataTemplate.Inner(condition) : condition);
        }

        var variable = AslJson.AsString(rule["Variable"]);
        var op = rule.Select(p => p.Key).FirstOrDefault(k => k is not ("Variable" or "Next" or "Assign" or "Output" or "Comment"));
        return op is null ? "rule" : Trim(op is "And" or "Or" or "Not" ? op + " ..." : $"{variable} {op} {AslJson.Write(rule[op])}");
    }

    private static string Trim(string s) => s.Length <= 40 ? s : s[..37] + "...";

    private static string ShortResource(string resource)
    {
        var kind = ResourceKind.Of(resource);
        return kind.IsLambdaFunction ? "λ " + (TaskTargets.FunctionNameOf(resource) ?? resource) : kind.ResourceType + ":" + kind.Resource;
    }

    /// <summary>The outcome of each state that ran (last visit wins; any failure marks the state).</summary>
    public static Dictionary<string, StateOutcome> Outcomes(IReadOnlyList<HistoryEvent> history)
    {
        var result = new Dictionary<string, StateOutcome>(StringComparer.Ordinal);
        var byId = history.ToDictionary(e => e.Id);
        foreach (var e in history)
        {
            if (e.Type.EndsWith("StateEntered", StringComparison.Ordinal) && e.StateName is { } n)
            {
                result.TryAdd(n, StateOutcome.Failed);
            }
            else if (e.Type.EndsWith("StateExited", StringComparison.Ordinal) && e.StateName is { } x)
            {
                result[x] = result.TryGetValue(x, out var o) && o == StateOutcome.Recovered ? o : StateOutcome.Succeeded;
            }
            else if (e.Type is "TaskFailed" or "LambdaFunctionFailed" or "TaskTimedOut" or "LambdaFunctionTimedOut" or "MapStateFailed" or "ParallelStateFailed")
            {
                for (var id = e.PreviousEventId; id > 0 && byId.TryGetValue(id, out var p); id = p.PreviousEventId)
                {
                    if (p.Type.EndsWith("StateEntered", StringComparison.Ordinal) && p.StateName is { } owner)
                    {
                        // A failure followed by the state's exit is a caught error (or a retry that later worked).
                        result[owner] = StateOutcome.Recovered;
                        break;
                    }
                }
            }
        }

        // A state marked Recovered that never exited failed for good.
        foreach (var name in result.Keys.ToList())
        {
            if (result[name] == StateOutcome.Recovered && !history.Any(e => e.Type.EndsWith("StateExited", StringComparison.Ordinal) && e.StateName == name))
            {
                result[name] = StateOutcome.Failed;
            }
        }

        return result;
    }

    private static HashSet<(string, string)> TakenEdges(IReadOnlyList<HistoryEvent> history)
    {
        var byId = history.ToDictionary(e => e.Id);
        var edges = new HashSet<(string, string)>();
        foreach (var e in history)
        {
            if (e.Type.EndsWith("StateEntered", StringComparison.Ordinal) && byId.TryGetValue(e.PreviousEventId, out var p)
                && p.Type.EndsWith("StateExited", StringComparison.Ordinal) && p.StateName is { } from && e.StateName is { } to)
            {
                edges.Add((from, to));
            }
        }

        return edges;
    }
}
