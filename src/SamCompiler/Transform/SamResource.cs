using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Transform;

/// <summary>A SAM resource as the transform sees it: its logical id and its entry in Resources (after Globals).</summary>
public sealed class SamResource
{
    /// <summary>Resource attributes every SAM macro accepts (samtranslator Resource._supported_resource_attributes).</summary>
    public static readonly string[] SupportedAttributes = ["DeletionPolicy", "UpdatePolicy", "Condition", "UpdateReplacePolicy", "Metadata"];

    /// <summary>Attributes copied onto generated resources (Resource._pass_through_attributes).</summary>
    public static readonly string[] PassThroughAttributes = ["Condition", "DeletionPolicy", "UpdateReplacePolicy"];

    /// <summary>Wraps a resource entry.</summary>
    public SamResource(string logicalId, MapNode definition, SourceSpan keySpan)
    {
        LogicalId = logicalId;
        Definition = definition;
        KeySpan = keySpan.IsKnown ? keySpan : definition.Span;
    }

    /// <summary>The logical id.</summary>
    public string LogicalId { get; }

    /// <summary>The whole entry (Type, Properties, attributes).</summary>
    public MapNode Definition { get; }

    /// <summary>The span of the logical id key.</summary>
    public SourceSpan KeySpan { get; }

    /// <summary>The Type.</summary>
    public string Type => Definition["Type"].AsString() ?? string.Empty;

    /// <summary>Properties (an empty map when absent).</summary>
    public MapNode Properties => Definition["Properties"] as MapNode ?? new MapNode { Span = Definition.Span };

    /// <summary>A property, or null when absent.</summary>
    public Node? this[string property] => Properties[property];

    /// <summary>The Condition attribute, or null.</summary>
    public string? Condition => Definition["Condition"].AsString();

    /// <summary>DependsOn as given, or null.</summary>
    public Node? DependsOn => Definition["DependsOn"];

    /// <summary>The attributes passed on to generated resources.</summary>
    public MapNode PassThrough()
    {
        var map = new MapNode();
        foreach (var a in PassThroughAttributes)
        {
            if (Definition[a] is { } v)
            {
                map[a] = v;
            }
        }

        return map;
    }

    /// <summary>The span of a property value, or of the logical id when absent.</summary>
    public SourceSpan SpanOf(string property) =>
        Properties[property] is { } v && v.Span.IsKnown ? v.Span : KeySpan;

    /// <summary>A ResourceException for this resource, pointing at <paramref name="property"/> when given.</summary>
    public ResourceException Error(string message, string? property = null) =>
        new(LogicalId, message, property is null ? KeySpan : SpanOf(property));

    /// <summary>
    /// SamResource.valid (samtranslator/sdk/resource.py), which every plugin's resource iteration applies: a truthy
    /// Condition must be a string.
    /// </summary>
    public static void ValidateCondition(MapNode resource)
    {
        if (resource["Condition"] is { } condition && Intrinsics.Truthy(condition) && condition.AsString() is null)
        {
            throw new TemplateException("Every Condition member must be a string.", condition.Span);
        }
    }
}
