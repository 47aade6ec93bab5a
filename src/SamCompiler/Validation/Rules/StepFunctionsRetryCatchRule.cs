using SamCompiler.Diagnostics;
using SamCompiler.StepFunctions;

namespace SamCompiler.Validation.Rules;

/// <summary>The shape of Retry and Catch: ErrorEquals, States.ALL last and alone, intervals, attempts, backoff, jitter, Next.</summary>
public sealed class StepFunctionsRetryCatchRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.AslRetryCatch;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context) =>
        StepFunctionsDefinitions.Report(template, context, AslProblemKind.RetryCatch);
}
