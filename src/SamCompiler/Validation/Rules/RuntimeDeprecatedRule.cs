using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;

namespace SamCompiler.Validation.Rules;

/// <summary>A runtime past its deprecation date but still open for new functions (<see cref="RuntimeLifecycles"/>).</summary>
public sealed class RuntimeDeprecatedRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.RuntimeDeprecated;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var today = template.Options.Today;
        foreach (var fn in template.Model.Functions)
        {
            var value = fn.Runtime;
            if (value.AsString() is not { } runtime || RuntimeLifecycles.Find(runtime) is not { } life ||
                today < life.Deprecated || today >= life.BlockCreate)
            {
                continue;
            }

            context.Report(value, fn.KeySpan, $"Runtime \"{runtime}\" of \"{fn.LogicalId}\" was deprecated on {RuntimeBlockedRule.Date(life.Deprecated)}; Lambda blocks new functions on it from {RuntimeBlockedRule.Date(life.BlockCreate)}.{RuntimeBlockedRule.Successor(life)}", fn.LogicalId);
        }
    }
}
