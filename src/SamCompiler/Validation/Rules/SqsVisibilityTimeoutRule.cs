using SamCompiler.Diagnostics;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// An SQS event's queue (an AWS::SQS::Queue of the template) must have a VisibilityTimeout (default 30 s) at least the
/// function's Timeout (default 3 s); Lambda rejects the event source mapping otherwise.
/// </summary>
public sealed class SqsVisibilityTimeoutRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.SqsVisibilityTimeout;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        foreach (var fn in template.Functions)
        {
            foreach (var e in fn.Events().Where(e => e.Type == "SQS"))
            {
                if (Times(template, fn, e) is { } t && t.Visibility < t.Timeout)
                {
                    context.Report(e.Properties["Queue"], e.KeySpan, $"Queue \"{t.QueueId}\" has a visibility timeout of {RuleText.Num(t.Visibility)} seconds, shorter than the {RuleText.Num(t.Timeout)} second timeout of \"{fn.LogicalId}\"; Lambda rejects the event source mapping.", fn.LogicalId);
                }
            }
        }
    }

    /// <summary>The queue's visibility timeout and the function's timeout, when both are known.</summary>
    internal static (string QueueId, double Visibility, double Timeout)? Times(LintTemplate template, LintResource fn, LintEvent e)
    {
        if (EventSources.Queue(template, e) is not { } queue || EventSources.Timeout(template, fn) is not { } timeout)
        {
            return null;
        }

        var visibilityNode = queue["VisibilityTimeout"];
        double? visibility = visibilityNode is null ? Quotas.SqsDefaultVisibilityTimeout.Value : template.Number(visibilityNode);
        return visibility is { } v ? (queue.LogicalId, v, timeout) : null;
    }
}
