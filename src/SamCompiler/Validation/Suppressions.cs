using SamCompiler.Diagnostics;
using SamCompiler.Syntax;

namespace SamCompiler.Validation;

/// <summary>
/// Suppressions written in the template: <c>Metadata: { samc-lint: { ignore: [SAM4002, wildcard-policy] } }</c> at the
/// top level silences ids for the whole template; the same under a resource's <c>Metadata</c> silences them for findings
/// about that resource (including values the resource takes from Globals). Entries are ids or kebab-case names.
/// </summary>
public sealed class Suppressions
{
    /// <summary>The metadata key that holds lint settings.</summary>
    public const string MetadataKey = "samc-lint";

    private readonly HashSet<string> _template = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byResource = new(StringComparer.Ordinal);

    private Suppressions()
    {
    }

    /// <summary>Reads the suppressions of <paramref name="template"/>; unknown entries are reported (SAM4007).</summary>
    public static Suppressions Read(LintTemplate template, List<LintFinding> unknown)
    {
        var result = new Suppressions();
        Collect(template.Root["Metadata"], result._template, null, template.Source.Path, unknown);
        foreach (var resource in template.Model.Resources)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            Collect(resource.Definition["Metadata"], set, resource.LogicalId, template.Source.Path, unknown);
            if (set.Count > 0)
            {
                result._byResource[resource.LogicalId] = set;
            }
        }

        return result;
    }

    /// <summary>True when <paramref name="finding"/> is silenced.</summary>
    public bool IsSuppressed(LintFinding finding) =>
        _template.Contains(finding.Diagnostic.Id) ||
        (finding.ResourceId is not null && _byResource.TryGetValue(finding.ResourceId, out var set) && set.Contains(finding.Diagnostic.Id));

    private static void Collect(Node? metadata, HashSet<string> into, string? resourceId, string path, List<LintFinding> unknown)
    {
        if (metadata.Get(MetadataKey).Get("ignore") is not ListNode list)
        {
            return;
        }

        foreach (var item in list)
        {
            if (item.AsString() is not { } text)
            {
                continue;
            }

            if (Lookup(text) is { } descriptor)
            {
                into.Add(descriptor.Id);
            }
            else
            {
                var d = Diagnostic.Create(DiagnosticCatalog.UnknownRuleReference, item.Span, $"The suppression \"{text}\" names no samc diagnostic id or name.");
                unknown.Add(new LintFinding(d, resourceId));
            }
        }
    }

    /// <summary>A descriptor by id (any case) or kebab-case name, or null.</summary>
    public static DiagnosticDescriptor? Lookup(string idOrName) =>
        DiagnosticCatalog.All.FirstOrDefault(d =>
            string.Equals(d.Id, idOrName, StringComparison.OrdinalIgnoreCase) || string.Equals(d.Name, idOrName, StringComparison.Ordinal));
}
