using SamCompiler.Diagnostics;
using SamCompiler.Model;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// Says when lint did not measure a local CodeUri/ContentUri: it resolves outside the template's folder (an
/// untrusted template must not make lint read the whole disk; <c>--allow-outside</c> allows it), it is not a path
/// (a NUL character), or it is a FIFO, socket or device. The package size rules then have nothing to check there.
/// </summary>
public sealed class PackageLocationRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.PackageLocationRefused;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context) => PackageProblems.Report(template, context, refused: true);
}

/// <summary>The local package locations of a template and what the probe said about them.</summary>
internal static class PackageProblems
{
    public static void Report(LintTemplate template, RuleContext context, bool refused)
    {
        if (template.Options.CodeSizes is not { } probe)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
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

            // The problem is known once the location has been measured (the size rules may not have asked for it).
            probe.Measure(location, needZipped: false);
            if (probe.Problem(location) is { } problem && problem.Refused == refused && seen.Add(resource.LogicalId))
            {
                context.Report(artifact.Node, resource.KeySpan, problem.Message, resource.LogicalId);
            }
        }
    }
}
