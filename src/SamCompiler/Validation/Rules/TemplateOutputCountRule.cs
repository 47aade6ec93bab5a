using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;
using SamCompiler.Syntax;

namespace SamCompiler.Validation.Rules;

/// <summary>At most 200 outputs in a template (the transform adds none, so the input is counted). Points at the first one past the limit.</summary>
public sealed class TemplateOutputCountRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.TemplateOutputCount;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var max = Quotas.Outputs.Value;
        if (template.Root["Outputs"] is MapNode map && map.Count > max)
        {
            context.Report(map.KeySpan(map.KeyAt((int)max)), $"The template has {map.Count} outputs; CloudFormation allows at most {max}.");
        }
    }
}
