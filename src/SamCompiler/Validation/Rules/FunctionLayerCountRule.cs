using SamCompiler.Diagnostics;
using SamCompiler.Syntax;

namespace SamCompiler.Validation.Rules;

/// <summary>At most 5 layers per function, counted after the Globals merge (global layers come first). Points at the first layer past the limit.</summary>
public sealed class FunctionLayerCountRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.FunctionLayerCount;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var max = Quotas.Layers.Value;
        foreach (var fn in template.Functions)
        {
            if (fn["Layers"] is ListNode layers && layers.Count > max)
            {
                var first = layers[(int)max];
                context.Report(first, fn.KeySpan, $"Function \"{fn.LogicalId}\" has {layers.Count} layers (Globals included); Lambda allows at most {max}.", fn.LogicalId);
            }
        }
    }
}
