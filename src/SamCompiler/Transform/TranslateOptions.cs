using SamCompiler.Syntax;

namespace SamCompiler.Transform;

/// <summary>Options of one translation.</summary>
public sealed record TranslateOptions
{
    /// <summary>The region the template is translated for.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>
    /// Parameter values given by the caller. The default mirrors the reference test harness
    /// (param1/param2), which makes no difference to templates that do not declare those names.
    /// </summary>
    public IReadOnlyDictionary<string, Node> ParameterOverrides { get; init; } = new Dictionary<string, Node>(StringComparer.Ordinal);
}
