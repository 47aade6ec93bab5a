using SamCompiler.Syntax;

namespace SamCompiler.Transform.Events;

/// <summary>
/// What the event sources are attached to: the Lambda function, or its alias when AutoPublishAlias is set (the
/// reference passes the alias as "function" then).
/// </summary>
internal sealed class EventTarget
{
    /// <summary>Wraps the generated function or alias.</summary>
    public EventTarget(CfnResource resource, bool isAlias)
    {
        Resource = resource;
        IsAlias = isAlias;
        PassThrough = new MapNode();
        foreach (var name in SamResource.PassThroughAttributes)
        {
            if (resource.Attributes[name] is { } value)
            {
                PassThrough[name] = value;
            }
        }
    }

    /// <summary>The function or alias resource.</summary>
    public CfnResource Resource { get; }

    /// <summary>True for an alias.</summary>
    public bool IsAlias { get; }

    /// <summary>Its logical id.</summary>
    public string LogicalId => Resource.LogicalId;

    /// <summary>get_passthrough_resource_attributes(): Condition, DeletionPolicy, UpdateReplacePolicy.</summary>
    public MapNode PassThrough { get; }

    /// <summary>The Condition attribute, or null.</summary>
    public Node? Condition => PassThrough["Condition"];

    /// <summary>get_runtime_attr("arn"): GetAtt Arn of a function, Ref of an alias.</summary>
    public Node Arn() => IsAlias ? Resource.Ref() : Resource.GetAtt("Arn");

    /// <summary>get_runtime_attr("name"), or "arn" where there is no name (an alias).</summary>
    public Node NameOrArn() => Resource.Ref();
}
