using System.Globalization;
using System.Text.Json.Nodes;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.StepFunctions;

/// <summary>
/// A state machine resource of a template (<c>AWS::Serverless::StateMachine</c> or
/// <c>AWS::StepFunctions::StateMachine</c>) as written: where its definition comes from and its substitutions.
/// </summary>
public sealed record TemplateStateMachine
{
    /// <summary>The logical id.</summary>
    public required string LogicalId { get; init; }

    /// <summary>The resource type.</summary>
    public required string Type { get; init; }

    /// <summary>The span of the logical id.</summary>
    public SourceSpan KeySpan { get; init; }

    /// <summary>The resource's Properties.</summary>
    public required MapNode Properties { get; init; }

    /// <summary>An inline definition (SAM Definition, or the Definition property of the CloudFormation type).</summary>
    public Node? Definition { get; init; }

    /// <summary>A definition given as text (DefinitionString), maybe with intrinsics.</summary>
    public Node? DefinitionString { get; init; }

    /// <summary>A definition in a file (SAM DefinitionUri as a local path), relative to the template.</summary>
    public string? DefinitionUri { get; init; }

    /// <summary>The DefinitionUri node (for spans).</summary>
    public Node? DefinitionUriNode { get; init; }

    /// <summary>DefinitionSubstitutions (name → value node).</summary>
    public MapNode? Substitutions { get; init; }

    /// <summary>STANDARD or EXPRESS.</summary>
    public string WorkflowType { get; init; } = "STANDARD";

    /// <summary>The Name property node, if any.</summary>
    public Node? NameNode { get; init; }
}

/// <summary>Finds state machines in a template and turns their YAML/JSON definitions into JSON.</summary>
public static class TemplateStateMachines
{
    /// <summary>True for the two state machine resource types.</summary>
    public static bool IsStateMachine(string? type) => type is "AWS::Serverless::StateMachine" or "AWS::StepFunctions::StateMachine";

    /// <summary>Every state machine resource of <paramref name="root"/>, in template order.</summary>
    public static IReadOnlyList<TemplateStateMachine> Find(MapNode root)
    {
        var result = new List<TemplateStateMachine>();
        if (root["Resources"] is not MapNode resources)
        {
            return result;
        }

        foreach (var (id, value) in resources)
        {
            var type = value.Get("Type").AsString();
            if (!IsStateMachine(type) || value.Get("Properties") is not MapNode properties)
            {
                continue;
            }

            var sam = type == "AWS::Serverless::StateMachine";
            string? uri = null;
            var uriNode = sam ? properties["DefinitionUri"] : properties["DefinitionS3Location"];
            if (sam && uriNode is ScalarNode { Kind: ScalarKind.String } s && !s.Text.StartsWith("s3://", StringComparison.Ordinal))
            {
                uri = s.Text;
            }

            result.Add(new TemplateStateMachine
            {
                LogicalId = id,
                Type = type!,
                KeySpan = resources.KeySpan(id),
                Properties = properties,
                Definition = properties["Definition"],
                DefinitionString = sam ? null : properties["DefinitionString"],
                DefinitionUri = uri,
                DefinitionUriNode = uriNode,
                Substitutions = properties["DefinitionSubstitutions"] as MapNode,
                WorkflowType = (sam ? properties["Type"] : properties["StateMachineType"]).AsString() ?? "STANDARD",
                NameNode = sam ? properties["Name"] : properties["StateMachineName"],
            });
        }

        return result;
    }

    /// <summary>
    /// Converts a YAML/JSON node tree to JSON. Intrinsic functions (<c>Ref</c>, <c>Fn::GetAtt</c> ...) are passed to
    /// <paramref name="intrinsic"/>, which returns their value (null: JSON null).
    /// </summary>
    public static JsonNode? ToJson(Node? node, Func<MapNode, JsonNode?> intrinsic)
    {
        switch (node)
        {
            case null:
                return null;
            case MapNode m when m.IsIntrinsic:
                return intrinsic(m);
            case MapNode m:
                var o = new JsonObject();
                foreach (var (k, v) in m)
                {
                    o[k] = ToJson(v, intrinsic);
                }

                return o;
            case ListNode l:
                var a = new JsonArray();
                foreach (var v in l)
                {
                    a.Add(ToJson(v, intrinsic));
                }

                return a;
            case ScalarNode s:
                return s.Kind switch
                {
                    ScalarKind.Null => null,
                    ScalarKind.Boolean => AslJson.Bool(s.IsTrue),
                    ScalarKind.Integer when long.TryParse(s.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => JsonValue.Create(i),
                    ScalarKind.Integer or ScalarKind.Float when double.TryParse(s.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => AslJson.Number(d),
                    _ => AslJson.String(s.Text),
                };
            default:
                return null;
        }
    }

    /// <summary>Replaces <c>${name}</c> in every string of <paramref name="node"/> by the substitution's value.</summary>
    public static JsonNode? Substitute(JsonNode? node, IReadOnlyDictionary<string, string> substitutions)
    {
        if (substitutions.Count == 0)
        {
            return node;
        }

        switch (node)
        {
            case JsonObject o:
                var r = new JsonObject();
                foreach (var (k, v) in o)
                {
                    r[Replace(k, substitutions)] = Substitute(v, substitutions);
                }

                return r;
            case JsonArray a:
                var arr = new JsonArray();
                foreach (var v in a)
                {
                    arr.Add(Substitute(v, substitutions));
                }

                return arr;
            default:
                return AslJson.AsString(node) is { } s ? AslJson.String(Replace(s, substitutions)) : AslJson.Clone(node);
        }
    }

    private static string Replace(string text, IReadOnlyDictionary<string, string> substitutions)
    {
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }

        foreach (var (k, v) in substitutions)
        {
            text = text.Replace("${" + k + "}", v, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>
    /// The node a JSON pointer into a definition stands for in the YAML/JSON tree <paramref name="definition"/>
    /// (the deepest node reached), so a problem is reported on its line.
    /// </summary>
    public static SourceSpan SpanOf(Node definition, string pointer)
    {
        var node = definition;
        var span = definition.Span;
        foreach (var segment in StateMachineDefinition.Segments(pointer))
        {
            switch (node)
            {
                case MapNode m when m.TryGetValue(segment, out var child):
                    span = m.KeySpan(segment).IsKnown ? m.KeySpan(segment) : child.Span;
                    node = child;
                    continue;
                case ListNode l when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < l.Count:
                    node = l[i];
                    span = node.Span;
                    continue;
            }

            break;
        }

        return span;
    }
}
