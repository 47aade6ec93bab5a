using SamCompiler.Syntax;

namespace SamCompiler.Emit.Pulumi;

/// <summary>
/// Local code folders for Pulumi targets. CloudFormation needs CodeUri/ContentUri in S3, but a Pulumi program can
/// upload a local folder itself (a FileArchive). Before translation, <see cref="Rewrite"/> replaces each local
/// CodeUri/ContentUri string with <c>s3://samc-local-artifact/&lt;path&gt;</c> (the way <c>sam validate</c>
/// substitutes a placeholder bucket), so the translator accepts it; the emitter then turns that bucket back into a
/// FileArchive of the path.
/// </summary>
public static class LocalArtifacts
{
    /// <summary>The placeholder bucket that marks a local path.</summary>
    public const string Bucket = "samc-local-artifact";

    /// <summary>
    /// Rewrites local CodeUri (Function, Globals.Function) and ContentUri (LayerVersion) strings of a SAM template in
    /// place; returns how many were rewritten.
    /// </summary>
    public static int Rewrite(MapNode template)
    {
        var count = 0;
        if (template.Get("Globals").Get("Function") is MapNode globals)
        {
            count += RewriteProperty(globals, "CodeUri");
        }

        foreach (var resource in (template.Get("Resources").AsMap() ?? new MapNode()).Values)
        {
            var properties = resource.Get("Properties").AsMap();
            if (properties is null)
            {
                continue;
            }

            switch (resource.Get("Type").AsString())
            {
                case "AWS::Serverless::Function":
                    count += RewriteProperty(properties, "CodeUri");
                    break;
                case "AWS::Serverless::LayerVersion":
                    count += RewriteProperty(properties, "ContentUri");
                    break;
            }
        }

        return count;
    }

    /// <summary>The local path marked by an S3 bucket/key pair, or null.</summary>
    public static string? LocalPath(Node? bucket, Node? key) =>
        bucket.AsString() == Bucket ? key.AsString() : null;

    private static int RewriteProperty(MapNode properties, string name)
    {
        if (properties[name] is ScalarNode { Kind: ScalarKind.String } value && !value.Text.StartsWith("s3://", StringComparison.Ordinal))
        {
            var path = value.Text.Replace('\\', '/');
            properties.Set(name, ScalarNode.String($"s3://{Bucket}/{path}", value.Span), properties.KeySpan(name));
            return 1;
        }

        return 0;
    }
}
