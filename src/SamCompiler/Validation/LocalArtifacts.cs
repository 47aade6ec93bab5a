using SamCompiler.Syntax;

namespace SamCompiler.Validation;

/// <summary>
/// Lint runs before packaging, when CodeUri, ContentUri and DefinitionUri name local folders, which the translator
/// (like samtranslator) only accepts as S3 URIs. Before translating, lint replaces them the way <c>sam validate</c>
/// does (aws-sam-cli SamTemplateValidator): a local string becomes <c>s3://bucket/value</c>, and a Zip function with
/// no CodeUri or InlineCode (here or in Globals) gets <c>s3://bucket/value</c>. The replacement keeps the span of the
/// value it replaces. The input is not modified.
/// <para>
/// The Function and LayerVersion sections of Globals are merged here with <see cref="GlobalsMerge"/> (the same rules
/// as samtranslator) and removed, so the transformed graph lint measures has them whether or not the translator's
/// Globals plugin merges them yet; a section with a property samtranslator does not support is left in place for the
/// translator to reject.
/// </para>
/// </summary>
public static class LocalArtifacts
{
    private const string Placeholder = "s3://bucket/value";

    private static readonly Dictionary<string, string> UriProperties = new(StringComparer.Ordinal)
    {
        ["AWS::Serverless::Function"] = "CodeUri",
        ["AWS::Serverless::LayerVersion"] = "ContentUri",
        ["AWS::Serverless::Api"] = "DefinitionUri",
        ["AWS::Serverless::HttpApi"] = "DefinitionUri",
        ["AWS::Serverless::StateMachine"] = "DefinitionUri",
    };

    /// <summary>A copy of <paramref name="root"/> whose local artifact locations are S3 placeholders.</summary>
    public static MapNode AsPackaged(MapNode root)
    {
        var copy = (MapNode)root.Clone();
        var globals = copy["Globals"].Get("Function") as MapNode;
        if (globals is not null)
        {
            Replace(globals, "CodeUri");
        }

        if (copy["Resources"] is not MapNode resources)
        {
            return copy;
        }

        MergeGlobals(copy, resources);
        globals = copy["Globals"].Get("Function") as MapNode;

        foreach (var resource in resources.Values.OfType<MapNode>())
        {
            if (resource["Type"].AsString() is not { } type || !UriProperties.TryGetValue(type, out var property) || resource["Properties"] is not MapNode properties)
            {
                continue;
            }

            Replace(properties, property);
            var isZipFunction = type == "AWS::Serverless::Function" && properties["PackageType"].AsString() != "Image" && globals?["PackageType"].AsString() != "Image";
            if (isZipFunction && properties["CodeUri"] is null && properties["InlineCode"] is null && globals?["CodeUri"] is null && globals?["InlineCode"] is null && properties["ImageUri"] is null)
            {
                properties.Set("CodeUri", ScalarNode.String(Placeholder, resource.Span), properties.Span);
            }
        }

        return copy;
    }

    private static void MergeGlobals(MapNode template, MapNode resources)
    {
        if (template["Globals"] is not MapNode sections)
        {
            return;
        }

        foreach (var (type, section) in GlobalsMerge.Sections)
        {
            if (sections[section] is not MapNode values || values.Keys.Any(k => !GlobalsMerge.SupportedProperties[section].Contains(k)))
            {
                continue;
            }

            foreach (var resource in resources.Values.OfType<MapNode>().Where(r => r["Type"].AsString() == type))
            {
                var merged = (MapNode)GlobalsMerge.Merge(template, type, resource).Clone();
                resource.Set("Properties", merged, resource.KeySpan("Properties"));
                resource.Remove("IgnoreGlobals");
            }

            sections.Remove(section);
        }

        if (sections.Count == 0)
        {
            template.Remove("Globals");
        }
    }

    private static void Replace(MapNode properties, string property)
    {
        if (properties[property] is ScalarNode { Kind: ScalarKind.String } s && !s.Text.StartsWith("s3://", StringComparison.Ordinal))
        {
            properties.Set(property, ScalarNode.String("s3://bucket/" + s.Text, s.Span), properties.KeySpan(property));
        }
    }
}
