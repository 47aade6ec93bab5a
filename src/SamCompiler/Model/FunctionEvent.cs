using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Model;

/// <summary>
/// One event source of a Serverless function or state machine (an entry of its Events), typed by its Type:
/// <see cref="ApiEvent"/>, <see cref="HttpApiEvent"/>, <see cref="SqsEvent"/>, <see cref="StreamEvent"/> (Kinesis,
/// DynamoDB), <see cref="BrokerEvent"/> (MSK, SelfManagedKafka, MQ, DocumentDB), <see cref="S3Event"/>,
/// <see cref="SnsEvent"/>, <see cref="ScheduleEvent"/> (Schedule, ScheduleV2), <see cref="EventBridgeEvent"/>
/// (EventBridgeRule, CloudWatchEvent), and <see cref="FunctionEvent"/> itself for the others.
/// To add a type: a subclass here with its properties, and a line in <see cref="Create"/>.
/// </summary>
public class FunctionEvent
{
    /// <summary>Wraps an event entry.</summary>
    protected internal FunctionEvent(TemplateResource owner, string id, SourceSpan keySpan, string type, MapNode definition)
    {
        Owner = owner;
        Id = id;
        KeySpan = keySpan;
        Type = type;
        Definition = definition;
        Properties = definition["Properties"] as MapNode ?? new MapNode { Span = definition.Span };
    }

    /// <summary>The function or state machine the event belongs to.</summary>
    public TemplateResource Owner { get; }

    /// <summary>The event's key in Events.</summary>
    public string Id { get; }

    /// <summary>The span of the key (where findings about the event point).</summary>
    public SourceSpan KeySpan { get; }

    /// <summary>The Type (Api, SQS, ...).</summary>
    public string Type { get; }

    /// <summary>The event mapping as written.</summary>
    public MapNode Definition { get; }

    /// <summary>The event's Properties (an empty map when there are none).</summary>
    public MapNode Properties { get; }

    /// <summary>How the source invokes the function.</summary>
    public InvocationKind Invocation => EventTypes.InvocationOf(Type);

    /// <summary>A property as written, or null.</summary>
    public Node? this[string property] => Properties[property];

    /// <summary>A property, evaluated.</summary>
    public ModelValue Value(string property) => Owner.Template.Evaluator.Evaluate(Properties[property]);

    /// <summary>The resource of this template a property names with Ref or Fn::GetAtt, or null.</summary>
    public TemplateResource? Referenced(string property) => Owner.Template.Referenced(Properties[property]);

    /// <summary>The typed view of one event entry.</summary>
    public static FunctionEvent Create(TemplateResource owner, string id, SourceSpan keySpan, string type, MapNode definition) => type switch
    {
        "Api" => new ApiEvent(owner, id, keySpan, type, definition),
        "HttpApi" => new HttpApiEvent(owner, id, keySpan, type, definition),
        "SQS" => new SqsEvent(owner, id, keySpan, type, definition),
        "Kinesis" or "DynamoDB" => new StreamEvent(owner, id, keySpan, type, definition),
        "MSK" or "SelfManagedKafka" or "MQ" or "DocumentDB" => new BrokerEvent(owner, id, keySpan, type, definition),
        "S3" => new S3Event(owner, id, keySpan, type, definition),
        "SNS" => new SnsEvent(owner, id, keySpan, type, definition),
        "Schedule" or "ScheduleV2" => new ScheduleEvent(owner, id, keySpan, type, definition),
        "EventBridgeRule" or "CloudWatchEvent" => new EventBridgeEvent(owner, id, keySpan, type, definition),
        _ => new FunctionEvent(owner, id, keySpan, type, definition),
    };

    /// <summary>The events of a resource's Events mapping, in order.</summary>
    internal static IReadOnlyList<FunctionEvent> Read(TemplateResource owner)
    {
        if (owner.Properties["Events"] is not MapNode events)
        {
            return [];
        }

        var result = new List<FunctionEvent>(events.Count);
        foreach (var (id, value) in events)
        {
            if (value is MapNode e && e["Type"].AsString() is { } type)
            {
                result.Add(Create(owner, id, events.KeySpan(id), type, e));
            }
        }

        return result;
    }
}
