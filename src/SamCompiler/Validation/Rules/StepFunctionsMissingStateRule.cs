using SamCompiler.Diagnostics;
using SamCompiler.StepFunctions;

namespace SamCompiler.Validation.Rules;

/// <summary>StartAt, Next, Default or a Catch that names a state that does not exist.</summary>
public sealed class StepFunctionsMissingStateRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.AslMissingState;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context) =>
        StepFunctionsDefinitions.Report(template, context, AslProblemKind.MissingState);
}
