using SamCompiler.Syntax;

namespace SamCompiler.Model;

/// <summary>Where the code or document a property names lives.</summary>
public enum ArtifactKind
{
    /// <summary>The property is not written.</summary>
    Absent,

    /// <summary>A path on this machine, relative to the template's folder (before packaging).</summary>
    LocalPath,

    /// <summary>An S3 object (an <c>s3://</c> URI or a Bucket/Key map).</summary>
    S3Object,

    /// <summary>Code written in the template (InlineCode, Code.ZipFile).</summary>
    Inline,

    /// <summary>A container image (ImageUri).</summary>
    Image,

    /// <summary>An http(s) URL (an application's template URL).</summary>
    Url,

    /// <summary>A Serverless Application Repository application (ApplicationId and SemanticVersion).</summary>
    Repository,

    /// <summary>An intrinsic whose value is known only at deployment.</summary>
    DeployTime,
}

/// <summary>
/// One artifact location of a resource (CodeUri, ContentUri, DefinitionUri, InlineCode, ImageUri, Location, Code,
/// Content), recognised once for every consumer: lint measures local paths, local runs read them, package uploads
/// them, the Pulumi target turns them into archives.
/// </summary>
public sealed record ArtifactLocation
{
    /// <summary>The property it was read from (CodeUri, InlineCode, ...).</summary>
    public required string Property { get; init; }

    /// <summary>What kind of location it is.</summary>
    public required ArtifactKind Kind { get; init; }

    /// <summary>The value as written (spans); null when absent.</summary>
    public Node? Node { get; init; }

    /// <summary>A local path as written (relative to the template's folder), a URL, an image URI or the inline code.</summary>
    public string? Text { get; init; }

    /// <summary>The bucket of an S3 object.</summary>
    public string? Bucket { get; init; }

    /// <summary>The key of an S3 object.</summary>
    public string? Key { get; init; }

    /// <summary>The object version of an S3 object, if given.</summary>
    public string? Version { get; init; }

    /// <summary>True for a local path.</summary>
    public bool IsLocal => Kind == ArtifactKind.LocalPath;

    /// <summary>True when the value is a plain string in the template (not produced by an intrinsic).</summary>
    public bool IsLiteral => Node is ScalarNode { Kind: ScalarKind.String };

    /// <summary>The absent location of <paramref name="property"/>.</summary>
    public static ArtifactLocation Absent(string property) => new() { Property = property, Kind = ArtifactKind.Absent };
}

/// <summary>The rules that recognise artifact locations, and the placeholder rewrite of local ones.</summary>
public static class Artifacts
{
    /// <summary>
    /// A location written as a string or a map: <c>s3://bucket/key?versionId=v</c> or <c>{Bucket, Key, Version}</c>
    /// (<c>{S3Bucket, S3Key, S3ObjectVersion}</c> in Lambda's Code) is an S3 object, <c>http(s)://</c> a URL,
    /// <c>{ZipFile}</c> inline code, <c>{ImageUri}</c> an image, <c>{ApplicationId, SemanticVersion}</c> a repository
    /// application, any other string a local path. Intrinsics are evaluated first; one known only at deployment is
    /// <see cref="ArtifactKind.DeployTime"/>.
    /// </summary>
    public static ArtifactLocation Classify(string property, Node? node, IntrinsicEvaluator evaluator)
    {
        if (node is null)
        {
            return ArtifactLocation.Absent(property);
        }

        var value = evaluator.Evaluate(node);
        switch (value.Kind)
        {
            case ValueKind.Absent:
                return ArtifactLocation.Absent(property);
            case ValueKind.DeployTime or ValueKind.Invalid:
                return new ArtifactLocation { Property = property, Kind = ArtifactKind.DeployTime, Node = node };
        }

        if (value.AsString() is { } text)
        {
            return FromString(property, node, text);
        }

        if (value.Value is not MapNode map)
        {
            return new ArtifactLocation { Property = property, Kind = ArtifactKind.DeployTime, Node = node };
        }

        string? Field(string name) => evaluator.Evaluate(map[name]).AsString();
        if (map.ContainsKey("Bucket") || map.ContainsKey("S3Bucket"))
        {
            return new ArtifactLocation
            {
                Property = property,
                Kind = ArtifactKind.S3Object,
                Node = node,
                Bucket = Field("Bucket") ?? Field("S3Bucket"),
                Key = Field("Key") ?? Field("S3Key"),
                Version = Field("Version") ?? Field("S3ObjectVersion"),
            };
        }

        if (map.ContainsKey("ZipFile"))
        {
            return new ArtifactLocation { Property = property, Kind = ArtifactKind.Inline, Node = node, Text = Field("ZipFile") };
        }

        if (map.ContainsKey("ImageUri"))
        {
            return new ArtifactLocation { Property = property, Kind = ArtifactKind.Image, Node = node, Text = Field("ImageUri") };
        }

        if (map.ContainsKey("ApplicationId"))
        {
            return new ArtifactLocation { Property = property, Kind = ArtifactKind.Repository, Node = node, Text = Field("ApplicationId"), Version = Field("SemanticVersion") };
        }

        return new ArtifactLocation { Property = property, Kind = ArtifactKind.DeployTime, Node = node };
    }

    /// <summary>True for a string that names an S3 object (the <c>s3://</c> scheme, in any case, as the reference's URL parser reads it).</summary>
    public static bool IsS3Uri(string text) => text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Replaces, in place, every local path written as a plain string in CodeUri (Serverless functions and
    /// Globals.Function), ContentUri (Serverless layers) and, with <paramref name="definitions"/>, DefinitionUri (Api,
    /// HttpApi, StateMachine) by <c>s3://<paramref name="bucket"/>/path</c> (backslashes become slashes), as
    /// <c>sam validate</c> does, so the translator (which needs S3 locations) accepts a template before packaging.
    /// Spans are kept. Returns how many values were replaced.
    /// </summary>
    public static int RewriteLocalPaths(MapNode template, string bucket, bool definitions)
    {
        var count = 0;
        if (template.Get("Globals").Get("Function") is MapNode globals)
        {
            count += RewriteLocal(globals, "CodeUri", bucket);
        }

        foreach (var resource in (template["Resources"] as MapNode ?? new MapNode()).Values)
        {
            if (resource.Get("Properties") is not MapNode properties)
            {
                continue;
            }

            var property = resource.Get("Type").AsString() switch
            {
                "AWS::Serverless::Function" => "CodeUri",
                "AWS::Serverless::LayerVersion" => "ContentUri",
                "AWS::Serverless::Api" or "AWS::Serverless::HttpApi" or "AWS::Serverless::StateMachine" when definitions => "DefinitionUri",
                _ => null,
            };
            if (property is not null)
            {
                count += RewriteLocal(properties, property, bucket);
            }
        }

        return count;
    }

    private static ArtifactLocation FromString(string property, Node node, string text)
    {
        if (IsS3Uri(text))
        {
            var rest = text[5..];
            var query = rest.IndexOf('?', StringComparison.Ordinal);
            var version = query >= 0 ? rest[(query + 1)..].Split('&').Where(p => p.StartsWith("versionId=", StringComparison.Ordinal)).Select(p => p[10..]).FirstOrDefault() : null;
            var path = query >= 0 ? rest[..query] : rest;
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            return new ArtifactLocation
            {
                Property = property,
                Kind = ArtifactKind.S3Object,
                Node = node,
                Text = text,
                Bucket = slash >= 0 ? path[..slash] : path,
                Key = slash >= 0 ? path[(slash + 1)..] : string.Empty,
                Version = version,
            };
        }

        var kind = property switch
        {
            "InlineCode" => ArtifactKind.Inline,
            "ImageUri" => ArtifactKind.Image,
            _ when text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) => ArtifactKind.Url,
            _ => ArtifactKind.LocalPath,
        };
        return new ArtifactLocation { Property = property, Kind = kind, Node = node, Text = text };
    }

    private static int RewriteLocal(MapNode properties, string name, string bucket)
    {
        if (properties[name] is ScalarNode { Kind: ScalarKind.String } value && !IsS3Uri(value.Text))
        {
            properties.Set(name, ScalarNode.String($"s3://{bucket}/{value.Text.Replace('\\', '/')}", value.Span), properties.KeySpan(name));
            return 1;
        }

        return 0;
    }
}
