using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Deploy.Packaging;

/// <summary>
/// One place where an artifact property was found: the mapping that holds it, its key, its current value (null when
/// absent) and what SAM CLI's table says about it.
/// </summary>
/// <param name="LogicalId">The resource's logical id (or the metadata/transform it belongs to).</param>
/// <param name="ResourceType">The resource type.</param>
/// <param name="Rule">The packageable-resources row.</param>
/// <param name="Container">The mapping that holds (or will hold) the property.</param>
/// <param name="Key">The property's key in <paramref name="Container"/>.</param>
/// <param name="PropertyPath">The full property path for messages, e.g. Command.ScriptLocation.</param>
/// <param name="Span">Where diagnostics about it point.</param>
public sealed record ArtifactSite(string LogicalId, string ResourceType, PackageableProperty Rule, MapNode Container, string Key, string PropertyPath, SourceSpan Span)
{
    /// <summary>The property's current value, or null.</summary>
    public Node? Value => Container[Key];

    /// <summary>Writes the packaged value, keeping the span of the value it replaces.</summary>
    public void Set(Node value)
    {
        ArgumentNullException.ThrowIfNull(value);
        value.Span = Value?.Span is { IsKnown: true } span ? span : Span;
        Container.Set(Key, value, Container.KeySpan(Key));
    }
}

/// <summary>
/// Reads a raw SAM/CloudFormation template for its artifact properties, as SAM CLI's exporter reads it
/// (artifact_exporter.Template.export): Globals.Function.CodeUri is copied to functions that have none (the only
/// global SAM CLI applies when packaging), functions with InlineCode and resources whose PackageType does not match
/// a row are skipped. This is the one class that reads the template's shape for packaging, so it can move to the
/// typed Model later.
/// </summary>
public static class TemplateArtifacts
{
    /// <summary>The AWS::Include transform's name.</summary>
    public const string IncludeTransform = "AWS::Include";

    /// <summary>Every artifact site of <paramref name="template"/> (which is modified only by the CodeUri global).</summary>
    public static IEnumerable<ArtifactSite> Find(MapNode template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template["Metadata"] is MapNode metadata)
        {
            foreach (var (type, properties) in PackageableResources.Metadata)
            {
                if (metadata[type] is MapNode section)
                {
                    foreach (var property in properties)
                    {
                        var rule = new PackageableProperty(type, property, ArtifactShape.S3Uri, false, false, null, null, null, []);
                        yield return new ArtifactSite(type, type, rule, section, property, property, section.KeySpan(property));
                    }
                }
            }
        }

        if (template["Resources"] is not MapNode resources)
        {
            yield break;
        }

        var globalCodeUri = template["Globals"].Get("Function").Get("CodeUri");
        foreach (var (logicalId, node) in resources)
        {
            if (node is not MapNode resource || resource["Type"].AsString() is not { } type)
            {
                continue;
            }

            var properties = resource["Properties"] as MapNode;
            if (properties is not null && type == "AWS::Serverless::Function" && !properties.ContainsKey("CodeUri") && globalCodeUri is not null)
            {
                properties.Set("CodeUri", globalCodeUri.Clone(), SourceSpan.None);
            }

            var packageType = properties?["PackageType"].AsString() ?? "Zip";
            foreach (var rule in PackageableResources.For(type))
            {
                var wantsImage = rule.Shape == ArtifactShape.Image;
                if (wantsImage != (packageType == "Image"))
                {
                    continue;
                }

                if (properties is null || properties.ContainsKey("InlineCode"))
                {
                    continue;
                }

                if (rule.SearchUnder.Count > 0)
                {
                    foreach (var site in FindNested(logicalId, type, rule, properties))
                    {
                        yield return site;
                    }

                    continue;
                }

                var (container, key) = Resolve(properties, rule.Property);
                if (container is null)
                {
                    continue;
                }

                yield return new ArtifactSite(logicalId, type, rule, container, key, rule.Property, container[key]?.Span is { IsKnown: true } s ? s : resources.KeySpan(logicalId));
            }
        }
    }

    /// <summary>Every <c>Fn::Transform: {Name: AWS::Include, Parameters: {Location: ...}}</c> with a local Location.</summary>
    public static IEnumerable<(MapNode Parameters, SourceSpan Span)> Includes(Node node)
    {
        switch (node)
        {
            case MapNode map:
                foreach (var (key, value) in map)
                {
                    if (key == "Fn::Transform" && value is MapNode t && t["Name"].AsString() == IncludeTransform && t["Parameters"] is MapNode p)
                    {
                        yield return (p, p["Location"]?.Span ?? t.Span);
                    }
                    else
                    {
                        foreach (var inner in Includes(value))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case ListNode list:
                foreach (var item in list)
                {
                    foreach (var inner in Includes(item))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private static (MapNode? Container, string Key) Resolve(MapNode properties, string path)
    {
        var parts = path.Split('.');
        var current = properties;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (current[parts[i]] is not MapNode next)
            {
                return (null, string.Empty);
            }

            current = next;
        }

        return (current, parts[^1]);
    }

    private static IEnumerable<ArtifactSite> FindNested(string logicalId, string type, PackageableProperty rule, MapNode properties)
    {
        // samcli.lib.utils.graphql_api.find_all_paths_and_values: every CodeUri under Resolvers and Functions.
        var stack = new Stack<(MapNode Map, string Path)>();
        foreach (var under in rule.SearchUnder)
        {
            if (properties[under] is MapNode m)
            {
                stack.Push((m, under + "."));
            }
        }

        while (stack.Count > 0)
        {
            var (map, path) = stack.Pop();
            foreach (var (key, value) in map)
            {
                if (key == rule.Property)
                {
                    yield return new ArtifactSite(logicalId, type, rule, map, key, path + key, value.Span);
                }
                else if (value is MapNode inner)
                {
                    stack.Push((inner, path + key + "."));
                }
            }
        }
    }
}
