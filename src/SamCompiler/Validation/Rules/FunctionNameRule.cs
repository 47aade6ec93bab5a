using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;

namespace SamCompiler.Validation.Rules;

/// <summary>FunctionName: 1 to 64 characters of letters, digits, hyphens and underscores (CreateFunction API).</summary>
public sealed class FunctionNameRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.FunctionName;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var max = Quotas.FunctionNameLength.Value;
        foreach (var fn in template.Model.Functions)
        {
            var value = fn.FunctionName;
            if (value.AsString() is not { } name)
            {
                continue;
            }

            if (name.Length > max)
            {
                context.Report(value, fn.KeySpan, $"FunctionName \"{name}\"{RuleText.Via(value)} is {name.Length} characters; Lambda allows at most {max}.", fn.LogicalId);
            }
            else if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                context.Report(value, fn.KeySpan, $"FunctionName \"{name}\"{RuleText.Via(value)} must be letters, digits, hyphens and underscores only.", fn.LogicalId);
            }
        }
    }
}
