using SamCompiler.Diagnostics;
using SamCompiler.StepFunctions;

namespace SamCompiler.Validation.Rules;

/// <summary>Next and End: exactly one on non-terminal states, neither on Choice, Succeed and Fail.</summary>
public sealed class StepFunctionsTransitionRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.AslTransition;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context) =>
        StepFunctionsDefinitions.Report(template, context, AslProblemKind.Transition);
}
