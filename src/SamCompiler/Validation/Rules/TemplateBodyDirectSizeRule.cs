using System.Text;
using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;

namespace SamCompiler.Validation.Rules;

/// <summary>A template body over 51,200 bytes cannot be passed inline (TemplateBody); it must be uploaded to S3 (sam deploy --s3-bucket does).</summary>
public sealed class TemplateBodyDirectSizeRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.TemplateBodyDirectSize;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var max = Quotas.TemplateBodyDirect.Value;
        var size = Encoding.UTF8.GetByteCount(template.Source.Text);
        if (size > max && size <= Quotas.TemplateBodyS3.Value)
        {
            context.Report(template.Root.Span, $"The template is {RuleText.Count(size)} bytes; more than {RuleText.Count(max)} bytes cannot be passed inline, so deploy it through an S3 bucket.");
        }
    }
}
