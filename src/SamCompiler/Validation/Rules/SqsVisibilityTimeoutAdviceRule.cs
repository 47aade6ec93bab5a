using SamCompiler.Diagnostics;
using SamCompiler.Model;
using SamCompiler.Model.Aws;

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
        foreach (var fn in template.Model.ServerlessFunctions)
        {
            foreach (var e in fn.Events.OfType<SqsEvent>())
            {
                if (SqsVisibilityTimeoutRule.Times(fn, e) is { } t && t.Visibility >= t.Timeout && t.Visibility < factor * t.Timeout)
                {
                    context.Report(e.QueueNode, e.KeySpan, $"Queue \"{t.QueueId}\" has a visibility timeout of {RuleText.Num(t.Visibility)} seconds; AWS advises at least {factor} times the {RuleText.Num(t.Timeout)} second timeout of \"{fn.LogicalId}\" ({RuleText.Num(factor * t.Timeout)} seconds).", fn.LogicalId);
                }
            }
        }
    }
}
