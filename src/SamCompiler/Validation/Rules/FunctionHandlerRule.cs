using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;

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
        foreach (var fn in template.Model.Functions)
        {
            var value = fn.Handler;
            if (value.AsString() is not { } handler)
            {
                continue;
            }

            if (handler.Length > max)
            {
                context.Report(value, fn.KeySpan, $"Handler of \"{fn.LogicalId}\" is {handler.Length} characters; Lambda allows at most {max}.", fn.LogicalId);
            }
            else if (handler.Any(char.IsWhiteSpace))
            {
                context.Report(value, fn.KeySpan, $"Handler \"{handler}\" of \"{fn.LogicalId}\" contains whitespace, which Lambda rejects.", fn.LogicalId);
            }
        }
    }
}
