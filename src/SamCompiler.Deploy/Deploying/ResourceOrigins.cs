using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Deploy.Deploying;

/// <summary>The SAM resource a CloudFormation resource came from, and where it is written.</summary>
/// <param name="SamLogicalId">The SAM resource's logical id.</param>
/// <param name="Span">The span of its logical id in the user's template.</param>
public sealed record ResourceOrigin(string SamLogicalId, SourceSpan Span);

/// <summary>
/// Maps each logical id of the transformed template to the SAM resource that produced it. The transform keeps
/// spans: a generated resource carries the span of the SAM text it was made from (its resource, property or event),
/// so the SAM resource whose text contains that span is its origin. Resources without a span fall back to the
/// longest SAM logical id their own id starts with (samtranslator's ids are the SAM id plus a suffix:
/// <c>HelloFunctionRole</c>, <c>HelloFunctionApiEventPermissionProd</c>).
/// </summary>
public static class ResourceOrigins
{
    /// <summary>Builds the map from the SAM template (as written) and the transformed one.</summary>
    public static IReadOnlyDictionary<string, ResourceOrigin> Build(MapNode samTemplate, MapNode transformed)
    {
        ArgumentNullException.ThrowIfNull(samTemplate);
        ArgumentNullException.ThrowIfNull(transformed);
        var result = new Dictionary<string, ResourceOrigin>(StringComparer.Ordinal);
        if (samTemplate["Resources"] is not MapNode samResources || transformed["Resources"] is not MapNode cfnResources)
        {
            return result;
        }

        var sam = new List<(string Id, SourceSpan Key, SourceSpan Value)>();
        foreach (var (id, node) in samResources)
        {
            sam.Add((id, samResources.KeySpan(id), node.Span));
        }

        foreach (var (id, node) in cfnResources)
        {
            if (samResources.ContainsKey(id))
            {
                result[id] = new ResourceOrigin(id, samResources.KeySpan(id));
                continue;
            }

            if (ImplicitApiOwner(samResources, id) is { } apiOwner)
            {
                result[id] = new ResourceOrigin(apiOwner, samResources.KeySpan(apiOwner));
                continue;
            }

            var span = FirstKnownSpan(node, cfnResources.KeySpan(id));
            var owner = span is { } s ? sam.FirstOrDefault(r => Contains(r.Value, s) || Contains(r.Key, s)) : default;
            if (owner.Id is null && span is { } at && InResources(samTemplate, at))
            {
                // The SAM resource whose text encloses the span: the last resource key at or before it.
                owner = sam.Where(r => r.Key.IsKnown && r.Key.Path == at.Path && r.Key.Start.Offset <= at.Start.Offset)
                    .OrderByDescending(r => r.Key.Start.Offset).FirstOrDefault();
            }

            if (owner.Id is null)
            {
                owner = sam.Where(r => id.StartsWith(r.Id, StringComparison.Ordinal)).OrderByDescending(r => r.Id.Length).FirstOrDefault();
            }

            if (owner.Id is not null)
            {
                result[id] = new ResourceOrigin(owner.Id, owner.Key);
            }
            else if (span is { } known)
            {
                result[id] = new ResourceOrigin(id, known);
            }
        }

        return result;
    }

    /// <summary>
    /// The implicit APIs (ServerlessRestApi, ServerlessHttpApi and their stages and deployments) are made from the
    /// functions' Api/HttpApi events that name no API; the first such function is their origin.
    /// </summary>
    private static string? ImplicitApiOwner(MapNode samResources, string id)
    {
        var eventType = id.StartsWith("ServerlessRestApi", StringComparison.Ordinal) ? "Api"
            : id.StartsWith("ServerlessHttpApi", StringComparison.Ordinal) ? "HttpApi" : null;
        if (eventType is null)
        {
            return null;
        }

        var apiKey = eventType == "Api" ? "RestApiId" : "ApiId";
        foreach (var (samId, node) in samResources)
        {
            if (node.Get("Type").AsString() == "AWS::Serverless::Function" && node.Get("Properties").Get("Events") is MapNode events
                && events.Values.Any(e => e.Get("Type").AsString() == eventType && e.Get("Properties").Get(apiKey) is null))
            {
                return samId;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="span"/> lies after the Resources key and before any later top-level key.</summary>
    private static bool InResources(MapNode template, SourceSpan span)
    {
        var resources = template.KeySpan("Resources");
        if (!resources.IsKnown || resources.Path != span.Path || span.Start.Offset < resources.Start.Offset)
        {
            return false;
        }

        foreach (var key in template.Keys)
        {
            var k = template.KeySpan(key);
            if (key != "Resources" && k.IsKnown && k.Path == span.Path && k.Start.Offset > resources.Start.Offset && k.Start.Offset <= span.Start.Offset)
            {
                return false;
            }
        }

        return true;
    }

    private static SourceSpan? FirstKnownSpan(Node node, SourceSpan keySpan)
    {
        if (keySpan.IsKnown)
        {
            return keySpan;
        }

        if (node.Span.IsKnown)
        {
            return node.Span;
        }

        // The resource map itself may be new while its properties were copied from the SAM resource.
        if (node is MapNode map && map["Properties"] is MapNode properties)
        {
            foreach (var (_, value) in properties)
            {
                if (value.Span.IsKnown)
                {
                    return value.Span;
                }
            }
        }

        return null;
    }

    private static bool Contains(SourceSpan outer, SourceSpan inner) =>
        outer.IsKnown && inner.IsKnown && outer.Path == inner.Path
        && outer.Start.Offset <= inner.Start.Offset && inner.End.Offset <= outer.End.Offset
        && outer.End.Offset > outer.Start.Offset;
}
