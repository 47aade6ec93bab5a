using SamCompiler.Diagnostics;
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
        foreach (var resource in template.Resources)
        {
            switch (resource.Type)
            {
                case "AWS::Serverless::Function":
                    Check(template, context, resource, "DeadLetterQueue", resource["DeadLetterQueue"], "TargetArn");
                    Check(template, context, resource, "EventInvokeConfig OnFailure", resource["EventInvokeConfig"].Get("DestinationConfig").Get("OnFailure"), "Destination");
                    break;
                case "AWS::Lambda::Function":
                    Check(template, context, resource, "DeadLetterConfig", resource["DeadLetterConfig"], "TargetArn");
                    break;
                case "AWS::Lambda::EventInvokeConfig":
                    Check(template, context, resource, "OnFailure destination", resource["DestinationConfig"].Get("OnFailure"), "Destination");
                    break;
            }
        }
    }

    private static void Check(LintTemplate template, RuleContext context, LintResource owner, string what, Node? config, string arnProperty)
    {
        var arn = config.Get(arnProperty);
        if (template.Referenced(arn) is not { Type: "AWS::SQS::Queue" } queue)
        {
            return;
        }

        var sizeNode = queue["MaximumMessageSize"];
        if (template.Number(sizeNode) is not { } size || size >= Quotas.AsyncPayload.Value)
        {
            return;
        }

        context.Report(arn, owner.KeySpan, $"Queue \"{queue.LogicalId}\", the {what} of \"{owner.LogicalId}\", accepts messages up to {RuleText.Count((long)size)} bytes{RuleText.Via(sizeNode)}, but an asynchronous event can be up to {RuleText.Count(Quotas.AsyncPayload.Value)} bytes; a failed event larger than the queue accepts cannot be delivered and is lost.", owner.LogicalId);
    }
}
