using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;
using SamCompiler.Syntax;

namespace SamCompiler.Validation.Rules;

/// <summary>At most 200 mappings in a template (the transform adds none, so the input is counted). Points at the first one past the limit.</summary>
public sealed class TemplateMappingCountRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.TemplateMappingCount;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var max = Quotas.Mappings.Value;
        if (template.Root["Mappings"] is MapNode map && map.Count > max)
        {
            context.Report(map.KeySpan(map.KeyAt((int)max)), $"The template has {map.Count} mappings; CloudFormation allows at most {max}.");
        }
    }
}
