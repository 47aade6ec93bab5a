using SamCompiler.Diagnostics;
using SamCompiler.Model;
using SamCompiler.Model.Aws;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// BatchSize per event source (CreateEventSourceMapping): SQS 1-10 without a batching window and for FIFO queues,
/// 1-10,000 with MaximumBatchingWindowInSeconds of at least 1; Kinesis, DynamoDB, MSK, self-managed Kafka, MQ and
/// DocumentDB 1-10,000.
/// </summary>
public sealed class EventBatchSizeRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.EventBatchSize;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        foreach (var fn in template.Model.ServerlessFunctions)
        {
            foreach (var e in fn.Events.OfType<PolledEvent>())
            {
                var value = e.BatchSize;
                if (value.AsNumber() is not { } size)
                {
                    continue;
                }

                long max;
                string why;
                if (e is SqsEvent sqs)
                {
                    var window = sqs.MaximumBatchingWindowInSeconds.AsNumber() ?? 0;
                    if (sqs.IsFifo)
                    {
                        (max, why) = (Quotas.SqsBatchSize.Value, " for a FIFO queue");
                    }
                    else if (window >= 1)
                    {
                        (max, why) = (Quotas.SqsBatchSizeWithWindow.Value, " with a batching window");
                    }
                    else
                    {
                        (max, why) = (Quotas.SqsBatchSize.Value, " without MaximumBatchingWindowInSeconds of at least 1");
                    }
                }
                else
                {
                    (max, why) = (Quotas.StreamBatchSize.Value, string.Empty);
                }

                if (size > max)
                {
                    context.Report(value, e.KeySpan, $"BatchSize {RuleText.Num(size)}{RuleText.Via(value)} of {e.Type} event \"{e.Id}\" exceeds the Lambda maximum of {RuleText.Count(max)}{why}.", fn.LogicalId);
                }
                else if (size < 1)
                {
                    context.Report(value, e.KeySpan, $"BatchSize {RuleText.Num(size)}{RuleText.Via(value)} of {e.Type} event \"{e.Id}\" is below the Lambda minimum of 1.", fn.LogicalId);
                }
            }
        }
    }
}
