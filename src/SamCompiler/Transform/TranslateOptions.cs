using SamCompiler.Syntax;

namespace SamCompiler.Transform;

/// <summary>Options of one translation.</summary>
public sealed record TranslateOptions
{
    /// <summary>The region the template is translated for.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Parameter values given by the caller (--parameter-overrides); template defaults fill the rest.</summary>
    public IReadOnlyDictionary<string, Node> ParameterOverrides { get; init; } = new Dictionary<string, Node>(StringComparer.Ordinal);

    /// <summary>
    /// Accept local CodeUri/ContentUri folders (for targets that package code themselves, like Pulumi's
    /// FileArchive): they are rewritten to placeholder S3 locations before translation, as `sam validate` does.
    /// </summary>
    public bool LocalArtifacts { get; init; }
}
