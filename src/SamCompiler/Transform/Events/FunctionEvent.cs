using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Transform.Events;

/// <summary>
/// One entry of a function's Events, as an event source object of the reference sees itself: its logical id
/// (function id + event id), its relative id (the event id), its Type and its Properties.
/// </summary>
internal sealed class FunctionEvent
{
    /// <summary>Wraps an event entry.</summary>
    public FunctionEvent(string logicalId, string relativeId, string type, MapNode definition, MapNode properties, SourceSpan span)
    {
        LogicalId = logicalId;
        RelativeId = relativeId;
        Type = type;
        Definition = definition;
        Properties = properties;
        Span = span;
    }

    /// <summary>Function logical id + event id (the reference's logical_id).</summary>
    public string LogicalId { get; }

    /// <summary>The event id (the reference's relative_id).</summary>
    public string RelativeId { get; }

    /// <summary>The event Type.</summary>
    public string Type { get; }

    /// <summary>The whole event entry.</summary>
    public MapNode Definition { get; }

    /// <summary>The event's Properties (an empty map when absent).</summary>
    public MapNode Properties { get; }

    /// <summary>The span of the event id.</summary>
    public SourceSpan Span { get; }

    /// <summary>A property value; null when absent or null (the reference's attribute is None then).</summary>
    public Node? this[string name] => Properties[name] is { IsNull: false } v ? v : null;

    /// <summary>The span of a property value, or of the event.</summary>
    public SourceSpan SpanOf(string? property) =>
        property is not null && Properties[property] is { } v && v.Span.IsKnown ? v.Span : Span;

    /// <summary>InvalidEventException(relative_id, message).</summary>
    public EventException Error(string message, string? property = null) => new(RelativeId, message, SpanOf(property));

    /// <summary>InvalidEventException(logical_id, message): the reference names some errors by the full logical id.</summary>
    public EventException ErrorById(string message, string? property = null) => new(LogicalId, message, SpanOf(property));

    /// <summary>InvalidResourceException(logical_id, message).</summary>
    public ResourceException ResourceError(string message, string? property = null) => new(LogicalId, message, SpanOf(property));
}

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

/// <summary>The keyword arguments the reference passes to an event source's to_cloudformation.</summary>
internal sealed class EventSourceContext
{
    /// <summary>Creates the context.</summary>
    public EventSourceContext(EventTarget function, CfnResource? role, TranslationContext translation, object? linked)
    {
        Function = function;
        Role = role;
        Translation = translation;
        Linked = linked;
    }

    /// <summary>The function (or alias) the event invokes.</summary>
    public EventTarget Function { get; }

    /// <summary>The function's generated execution role, or null when the function names its own.</summary>
    public CfnResource? Role { get; }

    /// <summary>The translation.</summary>
    public TranslationContext Translation { get; }

    /// <summary>What <see cref="EventSource.ResourcesToLink"/> returned for this event.</summary>
    public object? Linked { get; }

    /// <summary>The partition of the region (ArnGenerator.get_partition_name()).</summary>
    public string Partition => Translation.Partition;

    /// <summary>A new resource with the function's pass-through attributes.</summary>
    public CfnResource NewResource(string logicalId, string type, FunctionEvent ev) =>
        new CfnResource(logicalId, type, ev.Span).PassThrough(Function.PassThrough);

    /// <summary>arn:PARTITION:iam::aws:policy/NAME (ArnGenerator.generate_aws_managed_policy_arn).</summary>
    public string ManagedPolicyArn(string name) => $"arn:{Partition}:iam::aws:policy/{name}";
}
