using SamCompiler.Diagnostics;
using SamCompiler.Model;
using SamCompiler.Model.Aws;

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
        foreach (var fn in template.Model.ServerlessFunctions)
        {
            foreach (var e in fn.Events.OfType<SqsEvent>())
            {
                if (Times(fn, e) is { } t && t.Visibility < t.Timeout)
                {
                    context.Report(e.QueueNode, e.KeySpan, $"Queue \"{t.QueueId}\" has a visibility timeout of {RuleText.Num(t.Visibility)} seconds, shorter than the {RuleText.Num(t.Timeout)} second timeout of \"{fn.LogicalId}\"; Lambda rejects the event source mapping.", fn.LogicalId);
                }
            }
        }
    }

    /// <summary>The queue's visibility timeout (SQS's default when unset) and the function's timeout, when both are known.</summary>
    internal static (string QueueId, double Visibility, double Timeout)? Times(FunctionResource fn, SqsEvent e)
    {
        if (e.QueueResource is not { } queue || fn.TimeoutSeconds is not { } timeout)
        {
            return null;
        }

        var visibility = queue.Value("VisibilityTimeout");
        double? seconds = visibility.Kind == ValueKind.Absent ? Quotas.SqsDefaultVisibilityTimeout.Value : visibility.AsNumber();
        return seconds is { } v ? (queue.LogicalId, v, timeout) : null;
    }
}
