using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;

namespace SamCompiler.Validation.Rules;

/// <summary>Timeout: 1-900 seconds.</summary>
public sealed class FunctionTimeoutRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.FunctionTimeout;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        foreach (var fn in template.Model.Functions)
        {
            RuleText.Range(context, fn, fn.Timeout, "Timeout", Quotas.TimeoutMin, Quotas.TimeoutMax);
        }
    }
}
