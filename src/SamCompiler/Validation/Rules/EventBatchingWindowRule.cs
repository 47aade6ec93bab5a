using SamCompiler.Diagnostics;

namespace SamCompiler.Validation.Rules;

/// <summary>MaximumBatchingWindowInSeconds 0-300 on every polled event source.</summary>
public sealed class EventBatchingWindowRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.EventBatchingWindow;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var max = Quotas.BatchingWindow.Value;
        foreach (var fn in template.Functions)
        {
            foreach (var e in fn.Events())
            {
                var node = e.Properties["MaximumBatchingWindowInSeconds"];
                if (template.Number(node) is not { } window)
                {
                    continue;
                }

                if (window > max || window < 0)
                {
                    context.Report(node, e.KeySpan, $"MaximumBatchingWindowInSeconds {RuleText.Num(window)}{RuleText.Via(node)} of event \"{e.Id}\" is outside the Lambda range of 0 to {max} seconds.", fn.LogicalId);
                }
            }
        }
    }
}
