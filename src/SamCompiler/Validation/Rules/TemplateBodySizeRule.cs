using System.Text;
using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;
using SamCompiler.Syntax;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// The template body CloudFormation accepts is at most 1 MB (through S3). Checked on the SAM text as written and on
/// the transformed template serialized as compact JSON (what the transform hands CloudFormation).
/// </summary>
public sealed class TemplateBodySizeRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.TemplateBodySize;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var max = Quotas.TemplateBodyS3.Value;
        var source = Encoding.UTF8.GetByteCount(template.Source.Text);
        if (source > max)
        {
            context.Report(template.Root.Span, $"The template is {RuleText.Count(source)} bytes; CloudFormation accepts at most {RuleText.Count(max)} bytes (1 MB, through S3).");
            return;
        }

        if (template.Translation.Document is { } document && !ReferenceEquals(document, template.Root))
        {
            var transformed = Encoding.UTF8.GetByteCount(PyJson.Dumps(document, sortKeys: false));
            if (transformed > max)
            {
                context.Report(template.Root.Span, $"The template is {RuleText.Count(transformed)} bytes after the SAM transform (compact JSON); CloudFormation accepts at most {RuleText.Count(max)} bytes (1 MB).");
            }
        }
    }
}
