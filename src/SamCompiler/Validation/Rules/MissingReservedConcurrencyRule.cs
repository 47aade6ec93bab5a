using SamCompiler.Diagnostics;

namespace SamCompiler.Validation.Rules;

/// <summary>A function without ReservedConcurrentExecutions. Off unless configuration turns it on (some teams require a cap on every function).</summary>
public sealed class MissingReservedConcurrencyRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.MissingReservedConcurrency;

    /// <inheritdoc />
    public override bool EnabledByDefault => false;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        foreach (var fn in template.Model.Functions.Where(f => f["ReservedConcurrentExecutions"] is null))
        {
            context.Report(fn.KeySpan, $"Function \"{fn.LogicalId}\" sets no ReservedConcurrentExecutions; it can take the whole account's unreserved concurrency.", fn.LogicalId);
        }
    }
}
