using SamCompiler.Diagnostics;

namespace SamCompiler.Validation.Rules;

/// <summary>AWS advises an SQS visibility timeout of at least six times the function timeout (services-sqs-configure.html).</summary>
public sealed class SqsVisibilityTimeoutAdviceRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.SqsVisibilityTimeoutAdvice;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var factor = Quotas.SqsVisibilityFactor.Value;
        foreach (var fn in template.Functions)
        {
            foreach (var e in fn.Events().Where(e => e.Type == "SQS"))
            {
                if (SqsVisibilityTimeoutRule.Times(template, fn, e) is { } t && t.Visibility >= t.Timeout && t.Visibility < factor * t.Timeout)
                {
                    context.Report(e.Properties["Queue"], e.KeySpan, $"Queue \"{t.QueueId}\" has a visibility timeout of {RuleText.Num(t.Visibility)} seconds; AWS advises at least {factor} times the {RuleText.Num(t.Timeout)} second timeout of \"{fn.LogicalId}\" ({RuleText.Num(factor * t.Timeout)} seconds).", fn.LogicalId);
                }
            }
        }
    }
}
