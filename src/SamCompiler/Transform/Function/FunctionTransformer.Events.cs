using SamCompiler.Syntax;
using SamCompiler.Transform.Events;

namespace SamCompiler.Transform.Function;

/// <summary>The Events of a function (samtranslator SamFunction._generate_event_resources and friends).</summary>
public sealed partial class FunctionTransformer
{
    /// <summary>
    /// Generates the resources of the function's <c>Events</c> (SamFunction._generate_event_resources): called
    /// after the function, its role, version and alias are built. <paramref name="lambdaAlias"/> is null without
    /// AutoPublishAlias; <paramref name="executionRole"/> is the generated role (event sources add their policies
    /// to its Properties, as the reference does) or null when the function names its own Role. Returns the
    /// generated resources in the reference's order. Throws EventException for invalid events; the caller
    /// turns it into a ResourceException of the function, as the reference does.
    /// </summary>
    /// <remarks>
    /// Like the reference, every event is first resolved and linked (resources_to_link, in the order of Events:
    /// type and property checks, the S3 bucket or Cognito user pool it refers to), then the events are generated in
    /// the order of order_events (by Properties.Path, else by event id). S3 buckets and Cognito user pools are
    /// edited in the input template and emitted again among the returned resources, under their own logical id.
    /// Some errors are ResourceExceptions of the event's logical id or of a linked resource, as in the reference.
    /// </remarks>
    internal static IReadOnlyList<CfnResource> GenerateEventResources(
        SamResource function,
        CfnResource lambdaFunction,
        CfnResource? executionRole,
        CfnResource? lambdaAlias,
        TranslationContext context)
    {
        if (function["Events"] is not MapNode { Count: > 0 } events)
        {
            return [];
        }

        var linked = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (eventId, entry) in events)
        {
            var (source, ev) = EventSourceRegistry.Resolve(function.LogicalId, eventId, entry, events.KeySpan(eventId));
            linked[eventId] = source.ResourcesToLink(ev, context.SamResources, context);
        }

        var target = lambdaAlias is null ? new EventTarget(lambdaFunction, isAlias: false) : new EventTarget(lambdaAlias, isAlias: true);
        var resources = new List<CfnResource>();
        var ordered = EventSourceRegistry.IterationOrder(events, context)
            .Select(id => new KeyValuePair<string, Node>(id, events[id]!))
            .OrderBy(OrderKey, StringComparer.Ordinal);
        foreach (var (eventId, entry) in ordered)
        {
            var (source, ev) = EventSourceRegistry.Resolve(lambdaFunction.LogicalId, eventId, entry, events.KeySpan(eventId));
            var eventContext = new EventSourceContext(function, lambdaFunction, target, executionRole, context, linked[eventId]);
            resources.AddRange(source.ToCloudFormation(ev, eventContext));
        }

        return resources;
    }

    /// <summary>SamFunction.order_events: events sort by their Properties.Path, else by their id ("$default" first).</summary>
    private static string OrderKey(KeyValuePair<string, Node> entry) =>
        entry.Value is MapNode m && m["Properties"] is MapNode p && p.TryGetValue("Path", out var path) ? path.AsString() ?? entry.Key : entry.Key;
}
