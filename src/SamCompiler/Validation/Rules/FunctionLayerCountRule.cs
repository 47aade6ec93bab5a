using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;

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
        foreach (var fn in template.Model.Functions)
        {
            var layers = fn.Layers;
            if (layers.Count > max)
            {
                context.Report(layers[(int)max].Node, fn.KeySpan, $"Function \"{fn.LogicalId}\" has {layers.Count} layers (Globals included); Lambda allows at most {max}.", fn.LogicalId);
            }
        }
    }
}
