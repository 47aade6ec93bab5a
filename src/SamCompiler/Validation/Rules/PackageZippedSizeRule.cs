using SamCompiler.Diagnostics;
using SamCompiler.Model;
using SamCompiler.Model.Aws;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// A local CodeUri or ContentUri whose zip is over 50 MB cannot be uploaded directly; it must go through S3 (which
/// sam deploy and samc package do). A warning: the deployment still works through S3.
/// </summary>
public sealed class PackageZippedSizeRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.PackageZippedSize;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        if (template.Options.CodeSizes is not { } probe)
        {
            return;
        }

        var max = Quotas.PackageZippedDirect.Value;
        foreach (var resource in template.Model.Resources)
        {
            var artifact = resource switch
            {
                ServerlessFunction fn when !fn.IsImage => fn.Code,
                LayerResource { IsServerless: true } layer => layer.Content,
                _ => null,
            };
            if (artifact is null || LocalCode.Location(artifact) is not { } location)
            {
                continue;
            }

            // Compressing is the expensive part: a package whose files add up to less than half the limit cannot zip past it.
            var quick = probe.Measure(location, needZipped: false);
            if (quick is null || quick.UnzippedBytes <= max / 2)
            {
                continue;
            }

            if (probe.Measure(location, needZipped: true) is { ZippedBytes: { } zipped } && zipped > max)
            {
                context.Report(artifact.Node, resource.KeySpan, $"\"{location}\" of \"{resource.LogicalId}\" is {RuleText.Count(zipped)} bytes zipped; a direct upload allows at most {RuleText.Count(max)} bytes (50 MB), so it must be deployed through S3.", resource.LogicalId);
            }
        }
    }
}
