using SamCompiler.Model;
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
    /// place, with the model's one recognition of local paths (<see cref="Artifacts.RewriteLocalPaths"/>); returns
    /// how many were rewritten.
    /// </summary>
    public static int Rewrite(MapNode template) => Artifacts.RewriteLocalPaths(template, Bucket, definitions: false);

    /// <summary>The local path marked by an S3 bucket/key pair, or null.</summary>
    public static string? LocalPath(Node? bucket, Node? key) =>
        bucket.AsString() == Bucket ? key.AsString() : null;
}
