using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;

namespace SamCompiler.Validation.Rules;

/// <summary>EphemeralStorage.Size: 512-10240 MB.</summary>
public sealed class FunctionEphemeralStorageRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.FunctionEphemeralStorage;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        foreach (var fn in template.Model.Functions)
        {
            RuleText.Range(context, fn, fn.EphemeralStorageSize, "EphemeralStorage Size", Quotas.EphemeralStorageMin, Quotas.EphemeralStorageMax);
        }
    }
}
