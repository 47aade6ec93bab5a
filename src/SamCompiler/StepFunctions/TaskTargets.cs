using System.Text.Json.Nodes;
using SamCompiler.Syntax;

namespace SamCompiler.StepFunctions;

/// <summary>A Lambda function a Task state calls.</summary>
/// <param name="StateName">The Task state.</param>
/// <param name="Pointer">Where the function is named (Resource or Parameters/Arguments FunctionName).</param>
/// <param name="FunctionName">The function's name (the part after <c>function:</c>, without a qualifier).</param>
public sealed record TaskTarget(string StateName, string Pointer, string FunctionName);

/// <summary>Finds the Lambda functions a definition's Task states call, in every branch and Map processor.</summary>
public static class TaskTargets
{
    /// <summary>Every Lambda function named by a Task state of <paramref name="definition"/>.</summary>
    public static IReadOnlyList<TaskTarget> Find(StateMachineDefinition definition)
    {
        var result = new List<TaskTarget>();
        Collect(definition, result);
        return result;
    }

    /// <summary>
    /// A resolver for <see cref="TemplateStateMachines.ToJson"/> that turns <c>!GetAtt F.Arn</c> and <c>!Ref F</c> of
    /// the template's resources into the names they resolve to (a function's FunctionName, else its logical id), so
    /// the function a Task calls can be matched without deploying.
    /// </summary>
    public static Func<MapNode, JsonNode?> NameResolver(MapNode root)
    {
        var resources = root["Resources"].AsMap() ?? new MapNode();
        string NameOf(string id) => resources[id].Get("Properties").Get("FunctionName").AsString() ?? id;
        return m =>
        {
            var key = m.KeyAt(0);
            var value = m.ValueAt(0);
            if (key == "Ref" && value.AsString() is { } r && resources.ContainsKey(r))
            {
                return AslJson.String(NameOf(r));
            }

            if (key == "Fn::GetAtt")
            {
                var parts = value is ListNode l ? l.Select(n => n.AsString() ?? string.Empty).ToList() : (value.AsString() ?? string.Empty).Split('.', 2).ToList();
                if (parts.Count == 2 && resources.ContainsKey(parts[0]))
                {
                    return AslJson.String(parts[1] == "Arn" ? "arn:aws:lambda:::function:" + NameOf(parts[0]) : parts[0] + "." + parts[1]);
                }
            }

            if (key == "Fn::Sub" && (value.AsString() ?? (value as ListNode)?[0].AsString()) is { } text)
            {
                return AslJson.String(text);
            }

            return AslJson.String("${" + key + "}");
        };
    }

    /// <summary>The function name inside a Lambda ARN, partial ARN or name (without qualifier); null when unresolved.</summary>
    public static string? FunctionNameOf(string text)
    {
        if (text.Contains("${", StringComparison.Ordinal) || text.Length == 0)
        {
            return null;
        }

        var parts = text.Split(':');
        if (parts.Length >= 7 && parts[0] == "arn" && parts[5] == "function")
        {
            return parts[6];
        }

        if (parts.Length >= 3 && parts[1] == "function")
        {
            return parts[2];
        }

        return parts[0].StartsWith("arn", StringComparison.Ordinal) ? null : parts[0];
    }

    private static void Collect(StateMachineDefinition definition, List<TaskTarget> result)
    {
        foreach (var state in definition.States)
        {
            if (state.Type == "Task" && AslJson.AsString(state["Resource"]) is { } resource)
            {
                var kind = ResourceKind.Of(resource);
                if (kind.IsLambdaFunction && FunctionNameOf(resource) is { } name)
                {
                    result.Add(new TaskTarget(state.Name, state.Pointer + "/Resource", name));
                }
                else if (kind.ResourceType == "lambda" && kind.Resource.StartsWith("invoke", StringComparison.Ordinal))
                {
                    var field = state.IsJsonata ? "Arguments" : "Parameters";
                    if (state[field] is JsonObject p && AslJson.AsString(p["FunctionName"]) is { } fn && !fn.StartsWith("{%", StringComparison.Ordinal) && FunctionNameOf(fn) is { } n)
                    {
                        result.Add(new TaskTarget(state.Name, state.Pointer + "/" + field + "/FunctionName", n));
                    }
                }
            }

            foreach (var branch in state.Branches)
            {
                Collect(branch, result);
            }

            if (state.Processor is not null)
            {
                Collect(state.Processor, result);
            }
        }
    }
}
