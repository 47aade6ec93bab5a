using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;

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
        foreach (var fn in template.Model.ServerlessFunctions)
        {
            foreach (var e in fn.Events)
            {
                var value = e.Value("MaximumBatchingWindowInSeconds");
                if (value.AsNumber() is not { } window)
                {
                    continue;
                }

                if (window > max || window < 0)
                {
                    context.Report(value, e.KeySpan, $"MaximumBatchingWindowInSeconds {RuleText.Num(window)}{RuleText.Via(value)} of event \"{e.Id}\" is outside the Lambda range of 0 to {max} seconds.", fn.LogicalId);
                }
            }
        }
    }
}
