using SamCompiler.Syntax;
using SamCompiler.Transform.Globals;

namespace SamCompiler.Validation;

/// <summary>
/// The Globals merge lint needs, for AWS::Serverless::Function, AWS::Serverless::LayerVersion and AWS::Serverless::Api properties
/// (samtranslator/plugins/globals/globals.py, GlobalProperties): mappings merge key by key, lists are the global
/// items followed by the local ones, and for anything else (scalars, intrinsics, mismatched kinds) the local value
/// wins. Values are shared, not copied, so every merged value keeps the span of the text it came from (a sixth layer
/// that came from Globals is reported in Globals). Lint only reads the result. It does not validate the Globals
/// section; the translator reports a bad one (SAM2004).
/// </summary>
public static class GlobalsMerge
{
    /// <summary>
    /// Resource types whose Globals lint merges before translating (<see cref="LocalArtifacts"/>), with the Globals
    /// section name. Api is not among them: the translator also applies Api Globals to the implicit APIs it creates.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Sections { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AWS::Serverless::Function"] = "Function",
        ["AWS::Serverless::LayerVersion"] = "LayerVersion",
    };

    /// <summary>Resource types whose properties lint rules read with Globals merged, with the Globals section name.</summary>
    public static IReadOnlyDictionary<string, string> PropertySections { get; } = new Dictionary<string, string>(Sections, StringComparer.Ordinal)
    {
        ["AWS::Serverless::Api"] = "Api",
    };

    /// <summary>
    /// The Globals properties samtranslator accepts per section (globals.py, supported_properties), from the
    /// translator's own table.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> SupportedProperties { get; } = PropertySections.ToDictionary(
        kv => kv.Value,
        kv => (IReadOnlySet<string>)new HashSet<string>(GlobalsSection.SupportedProperties[kv.Key], StringComparer.Ordinal),
        StringComparer.Ordinal);

    /// <summary>
    /// The properties of <paramref name="resource"/> (a resource mapping of type <paramref name="type"/>) with the
    /// template's Globals merged in, honouring the IgnoreGlobals attribute ("*" or a list of property names).
    /// </summary>
    public static MapNode Merge(MapNode template, string type, MapNode resource)
    {
        var local = resource["Properties"] as MapNode ?? new MapNode { Span = resource.Span };
        if (!PropertySections.TryGetValue(type, out var section) || template["Globals"].Get(section) is not MapNode globals)
        {
            return local;
        }

        switch (resource["IgnoreGlobals"])
        {
            case ScalarNode { Kind: ScalarKind.String, Text: "*" }:
                return local;
            case ListNode ignored:
                var kept = globals.ShallowCopy();
                foreach (var name in ignored.Select(n => n.AsString()).OfType<string>())
                {
                    kept.Remove(name);
                }

                globals = kept;
                break;
        }

        return (MapNode)MergeValues(globals, local);
    }

    private static Node MergeValues(Node global, Node local)
    {
        if (global is MapNode gm && local is MapNode lm && !gm.IsIntrinsic && !lm.IsIntrinsic)
        {
            var merged = new MapNode { Span = lm.Span.IsKnown ? lm.Span : gm.Span };
            foreach (var (key, value) in gm)
            {
                merged.Set(key, value, gm.KeySpan(key));
            }

            foreach (var (key, value) in lm)
            {
                var mergedValue = gm.TryGetValue(key, out var g) ? MergeValues(g, value) : value;
                merged.Set(key, mergedValue, lm.KeySpan(key));
            }

            return merged;
        }

        if (global is ListNode gl && local is ListNode ll)
        {
            return new ListNode([.. gl, .. ll]) { Span = ll.Span };
        }

        return local;
    }
}
