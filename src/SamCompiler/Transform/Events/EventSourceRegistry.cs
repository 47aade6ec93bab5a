using System.Text.RegularExpressions;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Transform.Events;

/// <summary>
/// The event source types of AWS::Serverless::Function (samtranslator's event_resolver): type name to source. The
/// Api and HttpApi sources are registered from Transform/Api/ApiEventSources.cs through
/// <see cref="AddApiEventSources"/>, which stays empty until that file implements it.
/// </summary>
internal static partial class EventSourceRegistry
{
    private static readonly Dictionary<string, EventSource> Sources = Build();

    /// <summary>The source for an event Type, or null.</summary>
    public static EventSource? Find(string type) => Sources.GetValueOrDefault(type);

    /// <summary>Every registered Type.</summary>
    public static IEnumerable<string> Types => Sources.Keys;

    /// <summary>
    /// Resolves one event entry as the reference's ResourceTypeResolver + Resource.from_dict do: the entry must be
    /// a mapping with a known Type, the logical id alphanumeric, Properties a mapping with known, well-typed values.
    /// </summary>
    public static (EventSource Source, FunctionEvent Event) Resolve(string functionId, string eventId, Node entry, SourceSpan span)
    {
        if (entry is not MapNode definition)
        {
            throw new EventException(eventId, $"'{PyRepr.TypeName(entry)}' object has no attribute 'get'", entry.Span.IsKnown ? entry.Span : span);
        }

        var typeNode = definition["Type"];
        if (typeNode is not ScalarNode { Kind: ScalarKind.String } t || Find(t.Text) is not { } source)
        {
            var shown = typeNode is null ? "None" : PyRepr.Str(typeNode);
            throw new EventException(eventId, $"Resource dict has missing or invalid value for key Type. Event Type is: {shown}.", typeNode?.Span ?? span);
        }

        var logicalId = functionId + eventId;
        if (!LogicalIdPattern().IsMatch(logicalId))
        {
            throw new ResourceException(logicalId, "Logical ids must be alphanumeric.", span);
        }

        var propertiesNode = definition["Properties"];
        if (propertiesNode is not null && propertiesNode is not MapNode)
        {
            throw new ResourceException(logicalId, "Properties of a resource must be an object.", propertiesNode.Span);
        }

        var ev = new FunctionEvent(logicalId, eventId, t.Text, definition, propertiesNode as MapNode ?? new MapNode { Span = span }, span);
        source.Validate(ev);
        return (source, ev);
    }

    private static Dictionary<string, EventSource> Build()
    {
        var sources = new Dictionary<string, EventSource>(StringComparer.Ordinal);
        EventSource[] all =
        [
            new ScheduleEventSource(),
            new CloudWatchEventSource(),
            new EventBridgeRuleSource(),
            new S3EventSource(),
            new SnsEventSource(),
            new AlexaSkillEventSource(),
            new IoTRuleEventSource(),
            new CognitoEventSource(),
            new CloudWatchLogsEventSource(),
            new KinesisEventSource(),
            new DynamoDbEventSource(),
            new SqsEventSource(),
            new MskEventSource(),
            new MqEventSource(),
            new SelfManagedKafkaEventSource(),
            new DocumentDbEventSource(),
            new SchedulerEventSource(),
        ];
        foreach (var source in all)
        {
            sources.Add(source.Type, source);
        }

        AddApiEventSources(sources);
        return sources;
    }

    /// <summary>
    /// Extension point for the Api and HttpApi event sources: implemented in Transform/Api/ApiEventSources.cs, which
    /// adds its sources to <paramref name="sources"/> (type name to source).
    /// </summary>
    static partial void AddApiEventSources(Dictionary<string, EventSource> sources);

    /// <summary>
    /// The order the reference iterates a function's Events in before sorting them by path (order_events). It is the
    /// order of the template, except where the reference made Events a Py27Dict (templates with an API), whose order
    /// the API code knows; ties in the sort (Api events on the same path) keep this order.
    /// </summary>
    public static List<string> IterationOrder(MapNode events, TranslationContext context)
    {
        List<string> order = [.. events.Keys];
        ApiEventOrder(events, context, ref order);
        return order;
    }

    /// <summary>
    /// Extension point for the API code (Transform/Api): replaces <paramref name="order"/> with the Python 2.7 dict
    /// order of <paramref name="events"/> when the reference converts the template for its py27 hashing.
    /// </summary>
    static partial void ApiEventOrder(MapNode events, TranslationContext context, ref List<string> order);

    [GeneratedRegex("^[A-Za-z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex LogicalIdPattern();
}
