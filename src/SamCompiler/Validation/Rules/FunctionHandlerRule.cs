using SamCompiler.Diagnostics;

namespace SamCompiler.Validation.Rules;

/// <summary>Handler: at most 128 characters, no whitespace (CreateFunction API pattern <c>[^\s]+</c>).</summary>
public sealed class FunctionHandlerRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.FunctionHandler;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var max = Quotas.HandlerLength.Value;
        foreach (var fn in template.Functions)
        {
            var node = fn["Handler"];
            if (template.String(node) is not { } handler)
            {
                continue;
            }

            if (handler.Length > max)
            {
                context.Report(node, fn.KeySpan, $"Handler of \"{fn.LogicalId}\" is {handler.Length} characters; Lambda allows at most {max}.", fn.LogicalId);
            }
            else if (handler.Any(char.IsWhiteSpace))
            {
                context.Report(node, fn.KeySpan, $"Handler \"{handler}\" of \"{fn.LogicalId}\" contains whitespace, which Lambda rejects.", fn.LogicalId);
            }
        }
    }
}
