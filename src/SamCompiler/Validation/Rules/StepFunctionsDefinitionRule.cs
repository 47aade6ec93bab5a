using SamCompiler.Diagnostics;
using SamCompiler.StepFunctions;

namespace SamCompiler.Validation.Rules;

/// <summary>A state machine definition that is not valid Amazon States Language: a missing or mistyped field, an unknown state type, a name over 80 characters.</summary>
public sealed class StepFunctionsDefinitionRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.AslInvalidDefinition;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context) =>
        StepFunctionsDefinitions.Report(template, context, AslProblemKind.Structure);
}
