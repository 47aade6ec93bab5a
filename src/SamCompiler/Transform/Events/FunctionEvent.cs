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
