using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Transform;

/// <summary>A CloudFormation resource the transform generates. <see cref="ToNode"/> gives its entry in Resources.</summary>
public sealed class CfnResource
{
    /// <summary>Creates a resource.</summary>
    public CfnResource(string logicalId, string type, SourceSpan span = default)
    {
        LogicalId = logicalId;
        Type = type;
        Span = span.IsKnown ? span : SourceSpan.None;
    }

    /// <summary>The logical id.</summary>
    public string LogicalId { get; set; }

    /// <summary>The CloudFormation type.</summary>
    public string Type { get; }

    /// <summary>The SAM text this resource came from.</summary>
    public SourceSpan Span { get; }

    /// <summary>Properties, in the order they are set.</summary>
    public MapNode Properties { get; } = new();

    /// <summary>DependsOn (null when none).</summary>
    public Node? DependsOn { get; set; }

    /// <summary>Resource attributes (Condition, DeletionPolicy, UpdatePolicy, UpdateReplacePolicy, Metadata).</summary>
    public MapNode Attributes { get; } = new();

    /// <summary>Sets a property when <paramref name="value"/> is not null (the reference skips None).</summary>
    public CfnResource Set(string name, Node? value)
    {
        if (value is not null)
        {
            Properties[name] = value;
        }

        return this;
    }

    /// <summary>Copies the pass-through attributes (Condition, DeletionPolicy, UpdateReplacePolicy) from a SAM resource.</summary>
    public CfnResource PassThrough(MapNode passThrough)
    {
        foreach (var (k, v) in passThrough)
        {
            Attributes[k] = v.Clone();
        }

        return this;
    }

    /// <summary>{"Ref": logicalId}.</summary>
    public MapNode Ref() => Intrinsics.Ref(LogicalId);

    /// <summary>{"Fn::GetAtt": [logicalId, attribute]}.</summary>
    public MapNode GetAtt(string attribute) => Intrinsics.GetAtt(LogicalId, attribute);

    /// <summary>The resource's entry: Type, DependsOn, attributes, Properties.</summary>
    public MapNode ToNode()
    {
        var node = new MapNode { Span = Span };
        node["Type"] = ScalarNode.String(Type);
        if (DependsOn is not null && !(DependsOn is ListNode { Count: 0 }))
        {
            node["DependsOn"] = DependsOn;
        }

        foreach (var (k, v) in Attributes)
        {
            node[k] = v;
        }

        node["Properties"] = Properties;
        return node;
    }
}
