using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;

namespace SamCompiler.Validation.Rules;

/// <summary>MemorySize: 128-10240 MB.</summary>
public sealed class FunctionMemorySizeRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.FunctionMemorySize;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        foreach (var fn in template.Model.Functions)
        {
            RuleText.Range(context, fn, fn.MemorySize, "MemorySize", Quotas.MemorySizeMin, Quotas.MemorySizeMax);
        }
    }
}
