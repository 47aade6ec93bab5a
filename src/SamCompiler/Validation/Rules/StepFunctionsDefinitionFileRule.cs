using SamCompiler.Diagnostics;

namespace SamCompiler.Validation.Rules;

/// <summary>A state machine's DefinitionUri file (or DefinitionString) that cannot be read or is not one JSON/YAML object.</summary>
public sealed class StepFunctionsDefinitionFileRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.AslDefinitionUnreadable;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        foreach (var c in StepFunctionsDefinitions.Of(template))
        {
            if (c.FileError is { } error)
            {
                context.Report(c.FileSpan, error, c.Machine.LogicalId);
            }
        }
    }
}
