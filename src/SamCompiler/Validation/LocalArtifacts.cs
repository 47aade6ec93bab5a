using SamCompiler.Syntax;

namespace SamCompiler.Validation;

/// <summary>
/// Lint runs before packaging, when CodeUri, ContentUri and DefinitionUri name local folders, which the translator
/// (like samtranslator) only accepts as S3 URIs. Before translating, lint replaces them the way <c>sam validate</c>
/// does (aws-sam-cli SamTemplateValidator): a local string becomes <c>s3://bucket/value</c>, and a Zip function with
/// no CodeUri or InlineCode (here or in Globals) gets <c>s3://bucket/value</c>. The replacement keeps the span of the
/// value it replaces. The input is not modified.
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

    private static void Replace(MapNode properties, string property)
    {
        if (properties[property] is ScalarNode { Kind: ScalarKind.String } s && !s.Text.StartsWith("s3://", StringComparison.Ordinal))
        {
            properties.Set(property, ScalarNode.String("s3://bucket/" + s.Text, s.Span), properties.KeySpan(property));
        }
    }
}
