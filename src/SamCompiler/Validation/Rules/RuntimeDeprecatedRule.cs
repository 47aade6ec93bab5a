using SamCompiler.Diagnostics;

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
        foreach (var fn in template.Functions)
        {
            var node = fn["Runtime"];
            if (template.String(node) is not { } runtime || RuntimeLifecycles.Find(runtime) is not { } life ||
                today < life.Deprecated || today >= life.BlockCreate)
            {
                continue;
            }

            context.Report(node, fn.KeySpan, $"Runtime \"{runtime}\" of \"{fn.LogicalId}\" was deprecated on {RuntimeBlockedRule.Date(life.Deprecated)}; Lambda blocks new functions on it from {RuntimeBlockedRule.Date(life.BlockCreate)}.{RuntimeBlockedRule.Successor(life)}", fn.LogicalId);
        }
    }
}
