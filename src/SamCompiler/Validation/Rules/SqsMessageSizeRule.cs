using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;

namespace SamCompiler.Validation.Rules;

/// <summary>An AWS::SQS::Queue's MaximumMessageSize: 1,024-1,048,576 bytes (SQS CreateQueue).</summary>
public sealed class SqsMessageSizeRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.SqsMessageSize;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        foreach (var queue in template.Model.Resources.Where(r => r.Type == "AWS::SQS::Queue"))
        {
            RuleText.Range(context, queue, queue.Value("MaximumMessageSize"), "MaximumMessageSize", Quotas.SqsMessageSizeMin, Quotas.SqsMessageSizeMax, "SQS");
        }
    }
}
