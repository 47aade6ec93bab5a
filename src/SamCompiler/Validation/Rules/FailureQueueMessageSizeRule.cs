using SamCompiler.Diagnostics;
using SamCompiler.Model;
using SamCompiler.Model.Aws;
using SamCompiler.Syntax;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// A function's dead-letter queue or on-failure destination is an AWS::SQS::Queue of the template that states a
/// MaximumMessageSize below Lambda's asynchronous payload limit (1 MB): a failed event larger than the queue accepts
/// cannot be delivered there and is lost. Queues that leave MaximumMessageSize unset (262,144 bytes) are not reported:
/// the rule checks limits the template states.
/// </summary>
public sealed class FailureQueueMessageSizeRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.FailureQueueMessageSize;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        foreach (var resource in template.Model.Resources)
        {
            switch (resource)
            {
                case ServerlessFunction fn:
                    Check(template, context, fn, "DeadLetterQueue", fn.DeadLetterTarget);
                    Check(template, context, fn, "EventInvokeConfig OnFailure", fn.OnFailure?["Destination"]);
                    break;
                case LambdaFunction fn:
                    Check(template, context, fn, "DeadLetterConfig", fn.DeadLetterTarget);
                    break;
                case { Type: "AWS::Lambda::EventInvokeConfig" }:
                    Check(template, context, resource, "OnFailure destination", resource["DestinationConfig"].Get("OnFailure").Get("Destination"));
                    break;
            }
        }
    }

    private static void Check(LintTemplate template, RuleContext context, TemplateResource owner, string what, Node? arn)
    {
        if (template.Model.Referenced(arn) is not { Type: "AWS::SQS::Queue" } queue)
        {
            return;
        }

        var size = queue.Value("MaximumMessageSize");
        if (size.AsNumber() is not { } bytes || bytes >= Quotas.AsyncPayload.Value)
        {
            return;
        }

        context.Report(arn, owner.KeySpan, $"Queue \"{queue.LogicalId}\", the {what} of \"{owner.LogicalId}\", accepts messages up to {RuleText.Count((long)bytes)} bytes{RuleText.Via(size)}, but an asynchronous event can be up to {RuleText.Count(Quotas.AsyncPayload.Value)} bytes; a failed event larger than the queue accepts cannot be delivered and is lost.", owner.LogicalId);
    }
}
