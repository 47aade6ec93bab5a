using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Model;

/// <summary>
/// A resource of the template as the model sees it: its logical id, type, the mapping as written
/// (<see cref="Definition"/>, for exact-output work) and its Properties, with Globals merged for the SAM types the
/// Globals section covers (values are shared with the written tree, so every value keeps its span). Typed views
/// (<see cref="ServerlessFunction"/>, <see cref="LayerResource"/>, ...) derive from it.
/// </summary>
public class TemplateResource
{
    /// <summary>Wraps one entry of Resources.</summary>
    public TemplateResource(SamTemplate template, string logicalId, SourceSpan keySpan, MapNode definition, MapNode properties)
    {
        Template = template;
        LogicalId = logicalId;
        KeySpan = keySpan.IsKnown ? keySpan : definition.Span;
        Definition = definition;
        Properties = properties;
    }

    /// <summary>The template the resource belongs to.</summary>
    public SamTemplate Template { get; }

    /// <summary>The logical id.</summary>
    public string LogicalId { get; }

    /// <summary>The Type (empty when absent or not a string).</summary>
    public string Type => Definition["Type"].AsString() ?? string.Empty;

    /// <summary>The span of the logical id's key text (where findings about the resource point).</summary>
    public SourceSpan KeySpan { get; }

    /// <summary>The resource mapping as written (Type, Properties, attributes); never modified.</summary>
    public MapNode Definition { get; }

    /// <summary>The Properties, with Globals merged for SAM types (an empty map when there are none).</summary>
    public MapNode Properties { get; }

    /// <summary>True for AWS::Serverless::* types.</summary>
    public bool IsServerless => Type.StartsWith("AWS::Serverless::", StringComparison.Ordinal);

    /// <summary>The Metadata attribute, or null.</summary>
    public MapNode? Metadata => Definition["Metadata"] as MapNode;

    /// <summary>The name of the Condition attribute, or null.</summary>
    public string? Condition => Definition["Condition"].AsString();

    /// <summary>Whether the resource's Condition holds: true without one, null when it depends on deploy-time values.</summary>
    public bool? IsCreated => Condition is { } c ? Template.Evaluator.Condition(c) : true;

    /// <summary>A property as written (after the Globals merge), or null.</summary>
    public Node? this[string property] => Properties[property];

    /// <summary>A property, evaluated (<see cref="IntrinsicEvaluator.Evaluate"/>).</summary>
    public ModelValue Value(string property) => Template.Evaluator.Evaluate(Properties[property]);

    /// <summary>A value nested under a property (<c>Value("EventInvokeConfig", "MaximumRetryAttempts")</c>), evaluated.</summary>
    public ModelValue Value(string property, params string[] path)
    {
        var node = Properties[property];
        foreach (var key in path)
        {
            node = node.Get(key);
        }

        return Template.Evaluator.Evaluate(node);
    }

    /// <inheritdoc />
    public override string ToString() => $"{LogicalId} ({Type})";
}

/// <summary>A resource that another resource names with Ref or Fn::GetAtt.</summary>
/// <param name="Node">The Ref or Fn::GetAtt as written.</param>
/// <param name="Resource">The resource of this template it names, or null when it names something else (an ARN, a parameter, another stack).</param>
/// <param name="Value">The evaluated value (an ARN string when it is one).</param>
public sealed record ResourceReference(Node Node, TemplateResource? Resource, ModelValue Value);
