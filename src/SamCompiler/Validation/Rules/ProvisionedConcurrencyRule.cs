using SamCompiler.Diagnostics;
using SamCompiler.Syntax;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions must not exceed the function's
/// ReservedConcurrentExecutions when one is set, nor what the account can reserve (limit minus 100).
/// </summary>
public sealed class ProvisionedConcurrencyRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.ProvisionedConcurrency;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var available = template.Options.AccountConcurrency - Quotas.UnreservedConcurrency.Value;
        foreach (var fn in template.Functions.Where(f => f.IsSamFunction))
        {
            var node = fn["ProvisionedConcurrencyConfig"].Get("ProvisionedConcurrentExecutions");
            if (template.Number(node) is not { } provisioned)
            {
                continue;
            }

            if (template.Number(fn["ReservedConcurrentExecutions"]) is { } reserved && provisioned > reserved)
            {
                context.Report(node, fn.KeySpan, $"Provisioned concurrency {RuleText.Num(provisioned)} of \"{fn.LogicalId}\" exceeds its reserved concurrency of {RuleText.Num(reserved)}.", fn.LogicalId);
            }
            else if (provisioned > available)
            {
                context.Report(node, fn.KeySpan, $"Provisioned concurrency {RuleText.Num(provisioned)} of \"{fn.LogicalId}\" exceeds the {RuleText.Num(available)} the account can allocate (account limit {RuleText.Num(template.Options.AccountConcurrency)} minus {Quotas.UnreservedConcurrency.Value}).", fn.LogicalId);
            }
        }
    }
}
