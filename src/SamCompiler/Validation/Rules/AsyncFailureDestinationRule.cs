using SamCompiler.Diagnostics;
using SamCompiler.Model;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// A function with an asynchronous event source (S3, SNS, EventBridge, Schedule, CloudWatch Logs, IoT, Cognito) and
/// neither DeadLetterQueue nor EventInvokeConfig.DestinationConfig.OnFailure: events that fail all retries are lost.
/// </summary>
public sealed class AsyncFailureDestinationRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.AsyncFailureDestination;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        foreach (var fn in template.Model.ServerlessFunctions)
        {
            if (fn["DeadLetterQueue"] is not null || fn.OnFailure is not null)
            {
                continue;
            }

            var first = fn.Events.FirstOrDefault(e => e.Invocation == InvocationKind.Asynchronous);
            if (first is not null)
            {
                context.Report(first.KeySpan, $"Function \"{fn.LogicalId}\" is invoked asynchronously by {first.Type} event \"{first.Id}\" but has no DeadLetterQueue or EventInvokeConfig OnFailure destination; failed events are dropped after the retries.", fn.LogicalId);
            }
        }
    }
}
