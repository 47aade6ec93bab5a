using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// The function's local CodeUri plus the local ContentUri of the layers it references must stay within 250 MB
/// unzipped. Measured through <see cref="LintOptions.CodeSizes"/>; S3 locations and layers given by ARN are not counted
/// (so the sum is a lower bound when they exist).
/// </summary>
public sealed class PackageUnzippedSizeRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.PackageUnzippedSize;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        if (template.Options.CodeSizes is not { } probe)
        {
            return;
        }

        var max = Quotas.PackageUnzipped.Value;
        foreach (var fn in template.Model.Functions)
        {
            var code = LocalCode.FunctionCode(fn);
            long total = 0;
            var parts = new List<string>();
            if (code is { } c && probe.Measure(c.Location, needZipped: false) is { } size)
            {
                total += size.UnzippedBytes;
                parts.Add($"code \"{c.Location}\" {RuleText.Count(size.UnzippedBytes)}");
            }

            foreach (var (layerId, location) in LocalCode.FunctionLayers(fn))
            {
                if (probe.Measure(location, needZipped: false) is { } layerSize)
                {
                    total += layerSize.UnzippedBytes;
                    parts.Add($"layer \"{layerId}\" {RuleText.Count(layerSize.UnzippedBytes)}");
                }
            }

            if (total > max)
            {
                context.Report(code?.Code.Node, fn.KeySpan, $"The deployment package of \"{fn.LogicalId}\" is {RuleText.Count(total)} bytes unzipped with its layers ({string.Join(", ", parts)}); Lambda allows at most {RuleText.Count(max)} bytes (250 MB).", fn.LogicalId);
            }
        }
    }
}
