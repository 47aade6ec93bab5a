using System.Text;
using SamCompiler.Diagnostics;
using SamCompiler.Model;
using SamCompiler.Model.Aws;
using SamCompiler.Syntax;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// Environment variables at most 4 KB, measured as Lambda measures them: the UTF-8 bytes of the variables serialized
/// as a JSON object (<c>{"KEY":"value",...}</c>), after the Globals merge. Values that are intrinsics are unknown
/// before deployment and count as empty strings, so the size is then a lower bound and the message says so.
/// </summary>
public sealed class FunctionEnvironmentSizeRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.FunctionEnvironmentSize;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var max = Quotas.EnvironmentSize.Value;
        foreach (var fn in template.Model.Functions)
        {
            var variables = fn.EnvironmentVariables;
            if (variables.Count == 0)
            {
                continue;
            }

            var size = Measure(variables, out var unknown);
            if (size > max)
            {
                var bound = unknown > 0 ? $"at least {RuleText.Count(size)} bytes (a lower bound: {unknown} value(s) are intrinsics resolved at deployment)" : $"{RuleText.Count(size)} bytes";
                context.Report(fn.EnvironmentVariablesNode, fn.KeySpan, $"The environment variables of \"{fn.LogicalId}\" take {bound} serialized; Lambda allows at most {RuleText.Count(max)} bytes (4 KB).", fn.LogicalId);
            }
        }
    }

    /// <summary>The serialized size of <paramref name="variables"/>; <paramref name="unknown"/> counts values not known before deployment.</summary>
    public static long Measure(IReadOnlyList<EnvironmentVariable> variables, out int unknown)
    {
        unknown = 0;
        var sb = new StringBuilder("{");
        var first = true;
        foreach (var variable in variables)
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            PyJson.WriteString(sb, variable.Name, ensureAscii: false);
            sb.Append(':');
            var text = variable.Value.Source is ScalarNode s ? s.Text : variable.Value.AsString();
            if (text is null)
            {
                unknown++;
            }

            PyJson.WriteString(sb, text ?? string.Empty, ensureAscii: false);
        }

        sb.Append('}');
        return Encoding.UTF8.GetByteCount(sb.ToString());
    }
}
