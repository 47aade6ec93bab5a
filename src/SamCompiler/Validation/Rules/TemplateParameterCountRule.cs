using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;
using SamCompiler.Syntax;

namespace SamCompiler.Validation.Rules;

/// <summary>At most 200 parameters in a template (the transform adds none, so the input is counted). Points at the first one past the limit.</summary>
public sealed class TemplateParameterCountRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.TemplateParameterCount;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var max = Quotas.Parameters.Value;
        if (template.Root["Parameters"] is MapNode map && map.Count > max)
        {
            context.Report(map.KeySpan(map.KeyAt((int)max)), $"The template has {map.Count} parameters; CloudFormation allows at most {max}.");
        }
    }
}
