using SamCompiler.Diagnostics;

namespace SamCompiler.Validation.Rules;

/// <summary>Description: at most 256 characters (CreateFunction API).</summary>
public sealed class FunctionDescriptionLengthRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.FunctionDescriptionLength;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var max = Quotas.DescriptionLength.Value;
        foreach (var fn in template.Functions)
        {
            var node = fn["Description"];
            if (template.String(node) is { } text && text.Length > max)
            {
                context.Report(node, fn.KeySpan, $"Description of \"{fn.LogicalId}\" is {text.Length} characters; Lambda allows at most {max}.", fn.LogicalId);
            }
        }
    }
}
