using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// ReservedConcurrentExecutions summed over the template must leave 100 unreserved of the account limit (from
/// configuration, default 1000). Reported at the function whose reservation passes the limit.
/// </summary>
public sealed class AccountConcurrencyRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.AccountConcurrency;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var account = template.Options.AccountConcurrency;
        var available = account - Quotas.UnreservedConcurrency.Value;
        double sum = 0;
        foreach (var fn in template.Model.Functions)
        {
            var value = fn.ReservedConcurrentExecutions;
            if (value.AsNumber() is not { } reserved)
            {
                continue;
            }

            var before = sum;
            sum += reserved;
            if (sum > available && before <= available)
            {
                context.Report(value, fn.KeySpan, $"Reserved concurrency adds up to {RuleText.Num(sum)} with \"{fn.LogicalId}\"; the account can reserve at most {RuleText.Num(available)} (account limit {RuleText.Num(account)} minus {Quotas.UnreservedConcurrency.Value} kept unreserved). Set the account limit in .samc.yaml (lint.account.concurrency) if it was raised.", fn.LogicalId);
            }
        }
    }
}
