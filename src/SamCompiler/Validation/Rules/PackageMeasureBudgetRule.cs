using SamCompiler.Diagnostics;

namespace SamCompiler.Validation.Rules;

/// <summary>Says when lint stopped measuring a local package at its budget (files, bytes deflated or time): the sizes it checked are lower bounds.</summary>
public sealed class PackageMeasureBudgetRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.PackageMeasureBudget;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context) => PackageProblems.Report(template, context, refused: false);
}
