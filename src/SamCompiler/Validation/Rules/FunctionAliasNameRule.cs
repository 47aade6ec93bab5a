using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;

namespace SamCompiler.Validation.Rules;

/// <summary>AutoPublishAlias: 1 to 128 characters of letters, digits, hyphens and underscores, not all digits (CreateAlias API).</summary>
public sealed class FunctionAliasNameRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.FunctionAliasName;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var max = Quotas.AliasNameLength.Value;
        foreach (var fn in template.Model.ServerlessFunctions)
        {
            var value = fn.AutoPublishAlias;
            if (value.AsString() is not { } alias)
            {
                continue;
            }

            if (alias.Length > max)
            {
                context.Report(value, fn.KeySpan, $"AutoPublishAlias of \"{fn.LogicalId}\" is {alias.Length} characters; Lambda allows at most {max}.", fn.LogicalId);
            }
            else if (alias.Length == 0 || !alias.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') || alias.All(char.IsAsciiDigit))
            {
                context.Report(value, fn.KeySpan, $"AutoPublishAlias \"{alias}\"{RuleText.Via(value)} of \"{fn.LogicalId}\" is not a valid alias name: use letters, digits, hyphens and underscores, not only digits.", fn.LogicalId);
            }
        }
    }
}
