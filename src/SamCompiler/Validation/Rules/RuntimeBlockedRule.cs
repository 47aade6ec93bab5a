using System.Globalization;
using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;

namespace SamCompiler.Validation.Rules;

/// <summary>A runtime past its "block function create" date (<see cref="RuntimeLifecycles"/>): Lambda rejects new functions on it.</summary>
public sealed class RuntimeBlockedRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.RuntimeBlocked;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var today = template.Options.Today;
        foreach (var fn in template.Model.Functions)
        {
            var value = fn.Runtime;
            if (value.AsString() is not { } runtime || RuntimeLifecycles.Find(runtime) is not { } life || today < life.BlockCreate)
            {
                continue;
            }

            var update = today >= life.BlockUpdate
                ? $" and updates since {Date(life.BlockUpdate)}"
                : $"; updates of existing functions stop on {Date(life.BlockUpdate)}";
            context.Report(value, fn.KeySpan, $"Runtime \"{runtime}\" of \"{fn.LogicalId}\" was deprecated on {Date(life.Deprecated)}; Lambda has blocked new functions on it since {Date(life.BlockCreate)}{update}.{Successor(life)}", fn.LogicalId);
        }
    }

    /// <summary>ISO date.</summary>
    internal static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>" Move to "x"." or empty.</summary>
    internal static string Successor(RuntimeLifecycle life) => life.Successor is { } s ? $" Move to \"{s}\"." : string.Empty;
}
