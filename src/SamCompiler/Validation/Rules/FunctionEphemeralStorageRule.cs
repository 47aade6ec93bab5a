using SamCompiler.Diagnostics;
using SamCompiler.Syntax;

namespace SamCompiler.Validation.Rules;

/// <summary>EphemeralStorage.Size: 512-10240 MB.</summary>
public sealed class FunctionEphemeralStorageRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.FunctionEphemeralStorage;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        foreach (var fn in template.Functions)
        {
            RuleText.Range(template, context, fn, fn["EphemeralStorage"].Get("Size"), "EphemeralStorage Size", Quotas.EphemeralStorageMin, Quotas.EphemeralStorageMax);
        }
    }
}
