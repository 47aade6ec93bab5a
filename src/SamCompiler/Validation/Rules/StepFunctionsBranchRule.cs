using SamCompiler.Diagnostics;
using SamCompiler.StepFunctions;

namespace SamCompiler.Validation.Rules;

/// <summary>Parallel Branches and Map ItemProcessor: present, with StartAt and States, a valid ProcessorConfig.</summary>
public sealed class StepFunctionsBranchRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.AslBranch;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context) =>
        StepFunctionsDefinitions.Report(template, context, AslProblemKind.Branch);
}
