using System.Text.RegularExpressions;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Transform.StateMachine;

/// <summary>
/// One entry of a state machine's Events, resolved and validated as the reference's event_resolver and
/// ResourceMacro.from_dict do (model/stepfunctions/events.py, model/eventsources/scheduler.py).
/// </summary>
internal sealed partial class StateMachineEvent
{
    private StateMachineEvent(string eventId, string logicalId, string type, MapNode definition, SamResource resource)
    {
        EventId = eventId;
        LogicalId = logicalId;
        Type = type;
        Definition = definition;
        Resource = resource;
    }

    /// <summary>The key under Events (the reference's relative_id).</summary>
    public string EventId { get; }

    /// <summary>The state machine's logical id followed by the event id.</summary>
    public string LogicalId { get; }

    /// <summary>Schedule, ScheduleV2, CloudWatchEvent, EventBridgeRule or Api.</summary>
    public string Type { get; }

    /// <summary>The event's entry (Type, Properties).</summary>
    public MapNode Definition { get; }

    /// <summary>The event seen as a resource (for property validation and spans).</summary>
    public SamResource Resource { get; }

    /// <summary>A property, or null when absent or null (the reference's None).</summary>
    public Node? this[string name] => Resource.Properties[name] is { IsNull: false } v ? v : null;

    /// <summary>A deep copy of a property, or null.</summary>
    public Node? Copy(string name) => this[name]?.Clone();

    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex LogicalIdPattern();

    /// <summary>
    /// resolve_resource_type(...).from_dict(stateMachineId + eventId, eventDict, eventId): the event type must be a
    /// known one, the combined logical id alphanumeric, Properties a mapping, and the properties valid for the type.
    /// </summary>
    /// <exception cref="EventException">The type is missing or unknown (the caller words it as the reference does).</exception>
    /// <exception cref="ResourceException">Invalid logical id, Properties or property (the combined logical id is named).</exception>
    public static StateMachineEvent FromDict(string stateMachineId, string eventId, Node eventDict, SourceSpan keySpan)
    {
        if (eventDict is not MapNode map)
        {
            throw new EventException(eventId, $"'{PyRepr.TypeName(eventDict)}' object has no attribute 'get'", eventDict.Span);
        }

        var typeNode = map["Type"];
        var type = typeNode.AsString();
        var specs = type is null ? null : SpecsOf(type);
        if (specs is null)
        {
            var shown = typeNode is null || typeNode.IsNull ? "None" : PyRepr.Str(typeNode);
            throw new EventException(eventId, $"Resource dict has missing or invalid value for key Type. Event Type is: {shown}.", typeNode?.Span ?? map.Span);
        }

        var logicalId = stateMachineId + eventId;
        if (!LogicalIdPattern().IsMatch(logicalId))
        {
            throw new ResourceException(logicalId, "Logical ids must be alphanumeric.", keySpan);
        }

        if (map.ContainsKey("Properties") && map["Properties"] is not MapNode)
        {
            throw new ResourceException(logicalId, "Properties of a resource must be an object.", map["Properties"]!.Span);
        }

        var resource = new SamResource(logicalId, map, keySpan);
        PropertyTypes.Validate(resource, specs);
        return new StateMachineEvent(eventId, logicalId, type!, map, resource);
    }

    /// <summary>The property table of an event type, or null for a type state machines do not support.</summary>
    private static PropertySpec[]? SpecsOf(string type) => type switch
    {
        "Schedule" => StateMachineProperties.Schedule,
        "CloudWatchEvent" or "EventBridgeRule" => StateMachineProperties.CloudWatchEvent,
        "Api" => StateMachineProperties.Api,
        "ScheduleV2" => StateMachineProperties.ScheduleV2,
        _ => null,
    };
}
