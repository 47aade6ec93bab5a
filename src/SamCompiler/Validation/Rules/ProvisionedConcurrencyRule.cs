using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;

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
        foreach (var fn in template.Model.ServerlessFunctions)
        {
            var value = fn.ProvisionedConcurrentExecutions;
            if (value.AsNumber() is not { } provisioned)
            {
                continue;
            }

            if (fn.ReservedConcurrentExecutions.AsNumber() is { } reserved && provisioned > reserved)
            {
                context.Report(value, fn.KeySpan, $"Provisioned concurrency {RuleText.Num(provisioned)} of \"{fn.LogicalId}\" exceeds its reserved concurrency of {RuleText.Num(reserved)}.", fn.LogicalId);
            }
            else if (provisioned > available)
            {
                context.Report(value, fn.KeySpan, $"Provisioned concurrency {RuleText.Num(provisioned)} of \"{fn.LogicalId}\" exceeds the {RuleText.Num(available)} the account can allocate (account limit {RuleText.Num(template.Options.AccountConcurrency)} minus {Quotas.UnreservedConcurrency.Value}).", fn.LogicalId);
            }
        }
    }
}
