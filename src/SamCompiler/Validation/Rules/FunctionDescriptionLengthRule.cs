using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;

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
        foreach (var fn in template.Model.Functions)
        {
            var description = fn.Description;
            if (description.AsString() is { } text && text.Length > max)
            {
                context.Report(description, fn.KeySpan, $"Description of \"{fn.LogicalId}\" is {text.Length} characters; Lambda allows at most {max}.", fn.LogicalId);
            }
        }
    }
}
