using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;
using SamCompiler.Syntax;

namespace SamCompiler.Validation;

/// <summary>A level a rule can be configured to: a severity, or off.</summary>
public enum RuleLevel
{
    /// <summary>The rule does not run.</summary>
    Off,

    /// <summary>Findings are information.</summary>
    Info,

    /// <summary>Findings are warnings.</summary>
    Warning,

    /// <summary>Findings are errors.</summary>
    Error,
}

/// <summary>The options of one lint run: account values, rule levels, and the probe that measures local code.</summary>
public sealed record LintOptions
{
    /// <summary>The day lint judges runtime deprecation dates against (pass it from a TimeProvider).</summary>
    public required DateOnly Today { get; init; }

    /// <summary>The account's concurrent-executions limit in the region.</summary>
    public long AccountConcurrency { get; init; } = Quotas.AccountConcurrency.Value;

    /// <summary>The region the template is deployed to.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Levels set by configuration, keyed by diagnostic id.</summary>
    public IReadOnlyDictionary<string, RuleLevel> RuleLevels { get; init; } = new Dictionary<string, RuleLevel>(StringComparer.Ordinal);

    /// <summary>Measures local CodeUri/ContentUri folders; null when lint runs without a file system (no package checks).</summary>
    public ICodeSizeProbe? CodeSizes { get; init; }

    /// <summary>Reads a file named relative to the template (a state machine's DefinitionUri); null when it cannot be read.</summary>
    public Func<string, Text.SourceText?>? ReadTemplateFile { get; init; }

    /// <summary>Parameter values that replace parameter defaults when lint resolves Ref.</summary>
    public IReadOnlyDictionary<string, Node> ParameterOverrides { get; init; } = new Dictionary<string, Node>(StringComparer.Ordinal);

    /// <summary>The level a rule runs at: configured, else its default severity (or off when it is off by default).</summary>
    public RuleLevel LevelOf(DiagnosticDescriptor descriptor, bool enabledByDefault)
    {
        if (RuleLevels.TryGetValue(descriptor.Id, out var level))
        {
            return level;
        }

        return enabledByDefault ? ToLevel(descriptor.DefaultSeverity) : RuleLevel.Off;
    }

    /// <summary>The level of a severity.</summary>
    public static RuleLevel ToLevel(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => RuleLevel.Error,
        DiagnosticSeverity.Warning => RuleLevel.Warning,
        _ => RuleLevel.Info,
    };

    /// <summary>The severity of a level other than off.</summary>
    public static DiagnosticSeverity ToSeverity(RuleLevel level) => level switch
    {
        RuleLevel.Error => DiagnosticSeverity.Error,
        RuleLevel.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };
}

/// <summary>The measured size of a local code folder or archive.</summary>
/// <param name="UnzippedBytes">Sum of the file sizes (or of an archive's uncompressed entries).</param>
/// <param name="ZippedBytes">The size zipped, when it was asked for and could be measured.</param>
public sealed record CodeSize(long UnzippedBytes, long? ZippedBytes)
{
    /// <summary>True when measuring stopped at its budget: the sizes are lower bounds.</summary>
    public bool Partial { get; init; }
}

/// <summary>Why a local code location was not measured, or not completely.</summary>
/// <param name="Refused">True when it was not measured at all (outside the template's folder, not a path, a special file); false when measuring stopped at its budget.</param>
/// <param name="Message">The reason, as a sentence.</param>
public sealed record CodeSizeProblem(bool Refused, string Message);

/// <summary>Measures local code locations named in a template (CodeUri, ContentUri). The CLI implements it on the file system.</summary>
public interface ICodeSizeProbe
{
    /// <summary>
    /// The size of <paramref name="location"/> as written in the template (relative to the template's folder), or null when
    /// it does not exist. <paramref name="needZipped"/> asks for the zipped size as well (it costs a compression pass).
    /// </summary>
    CodeSize? Measure(string location, bool needZipped);

    /// <summary>Why <paramref name="location"/> was refused or measured only in part (after <see cref="Measure"/>), or null.</summary>
    CodeSizeProblem? Problem(string location) => null;
}
