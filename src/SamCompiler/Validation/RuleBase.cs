using SamCompiler.Diagnostics;

namespace SamCompiler.Validation;

/// <summary>A lint rule: one descriptor, one check. Subclasses are sealed and listed in <see cref="RuleRegistry.All"/>.</summary>
public abstract class RuleBase
{
    /// <summary>The diagnostic the rule reports.</summary>
    public abstract DiagnosticDescriptor Descriptor { get; }

    /// <summary>False for rules that run only when configuration turns them on.</summary>
    public virtual bool EnabledByDefault => true;

    /// <summary>Reports what the rule finds in <paramref name="template"/> through <paramref name="context"/>.</summary>
    public abstract void Analyze(LintTemplate template, RuleContext context);
}
