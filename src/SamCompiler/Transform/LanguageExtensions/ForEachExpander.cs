using System.Text;
using SamCompiler.Diagnostics;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Transform.LanguageExtensions;

/// <summary>
/// Expands <c>Fn::ForEach::LoopName: [Identifier, Collection, {OutputKey: OutputValue}]</c> in the Conditions,
/// Resources (and each resource's Properties) and Outputs sections: the fragment is copied once per item of the
/// collection, in order, with <c>${Identifier}</c> replaced by the item, <c>&amp;{Identifier}</c> by the item without
/// its non-alphanumeric characters and <c>{"Ref": "Identifier"}</c> by the item as a string. Loops nest up to
/// <see cref="MaxDepth"/> levels. Copies keep the spans of the fragment, so diagnostics point at the loop's text.
/// </summary>
internal sealed class ForEachExpander(TemplateValues values, IntrinsicEvaluator evaluator)
{
    /// <summary>The key prefix of a loop.</summary>
    public const string Prefix = "Fn::ForEach::";

    /// <summary>CloudFormation's limit on nested Fn::ForEach loops.</summary>
    /// <remarks>https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-foreach.html</remarks>
    public const int MaxDepth = 5;

    private static readonly string[] Sections = ["Conditions", "Resources", "Outputs"];

    /// <summary>True for a key that declares a loop.</summary>
    public static bool IsForEachKey(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// Checks what can be checked before expanding: the nesting depth, and that loop names are unique, are not
    /// parameter names, identifiers of any loop, or keys of the section the loop is in.
    /// </summary>
    public void CheckLoops(MapNode template)
    {
        var loops = new List<(string Name, SourceSpan Span, MapNode Owner)>();
        var identifiers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in Sections)
        {
            if (template[section] is MapNode map)
            {
                Collect(map, 0, loops, identifiers);
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var resources = template["Resources"] as MapNode;
        foreach (var (name, span, owner) in loops)
        {
            if (!seen.Add(name))
            {
                throw Error(DiagnosticCatalog.ForEachNameConflict, $"The loop name \"{name}\" of {Prefix}{name} is used by another Fn::ForEach loop; loop names must be unique in the template.", span);
            }

            if (values.IsParameter(name))
            {
                throw Error(DiagnosticCatalog.ForEachNameConflict, $"The loop name \"{name}\" of {Prefix}{name} is also a parameter name.", span);
            }

            if (identifiers.Contains(name))
            {
                throw Error(DiagnosticCatalog.ForEachNameConflict, $"The loop name \"{name}\" of {Prefix}{name} is also the identifier of an Fn::ForEach loop.", span);
            }

            if (owner.ContainsKey(name) || (resources is not null && resources.ContainsKey(name)))
            {
                throw Error(DiagnosticCatalog.ForEachNameConflict, $"The loop name \"{name}\" of {Prefix}{name} is also a logical id; loop names must differ from the keys of the template.", span);
            }
        }
    }

    /// <summary>Expands the loops of a Conditions or Outputs section (keys are logical ids).</summary>
    public MapNode ExpandSection(MapNode section) => Expand(section, [], logicalIds: true, loop: null);

    /// <summary>Expands the loops of the Resources section, then those at the top of each resource's Properties.</summary>
    public MapNode ExpandResources(MapNode resources)
    {
        var expanded = Expand(resources, [], logicalIds: true, loop: null);
        foreach (var (id, value) in expanded)
        {
            if (value is MapNode resource && resource["Properties"] is MapNode properties && HasLoop(properties))
            {
                resource.Set("Properties", Expand(properties, [], logicalIds: false, loop: null), resource.KeySpan("Properties"));
            }
        }

        return expanded;
    }

    /// <summary>
    /// Fails on a loop left after expansion (deeper in a resource than its Properties, or in a section that does not
    /// take loops).
    /// </summary>
    public static void RejectLeftovers(MapNode template)
    {
        foreach (var (section, value) in template)
        {
            if (IsForEachKey(section))
            {
                throw Error(DiagnosticCatalog.ForEachLayout, $"{section} is at the top of the template; Fn::ForEach can be used only in the Conditions, Resources and Outputs sections.", template.KeySpan(section));
            }

            var supported = Array.IndexOf(Sections, section) >= 0;
            if (FindLoop(value) is { } found)
            {
                throw supported
                    ? Error(DiagnosticCatalog.ForEachPositionUnsupported, $"{found.Key} is inside a value of the {section} section; samc expands Fn::ForEach directly under Conditions, Resources, Outputs and a resource's Properties.", found.Span)
                    : Error(DiagnosticCatalog.ForEachLayout, $"{found.Key} is in the {section} section; Fn::ForEach can be used only in the Conditions, Resources and Outputs sections.", found.Span);
            }
        }
    }

    private static (string Key, SourceSpan Span)? FindLoop(Node node)
    {
        switch (node)
        {
            case MapNode m:
                foreach (var (k, v) in m)
                {
                    if (IsForEachKey(k))
                    {
                        return (k, m.KeySpan(k));
                    }

                    if (FindLoop(v) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case ListNode l:
                foreach (var item in l)
                {
                    if (FindLoop(item) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool HasLoop(MapNode map)
    {
        foreach (var key in map.Keys)
        {
            if (IsForEachKey(key))
            {
                return true;
            }
        }

        return false;
    }

    private static void Collect(MapNode map, int depth, List<(string, SourceSpan, MapNode)> loops, HashSet<string> identifiers)
    {
        foreach (var (key, value) in map)
        {
            if (IsForEachKey(key))
            {
                var span = map.KeySpan(key);
                if (depth + 1 > MaxDepth)
                {
                    throw Error(DiagnosticCatalog.ForEachNestingDepth, $"{key} is loop number {depth + 1} in a nest of Fn::ForEach loops; CloudFormation allows at most {MaxDepth} nested loops.", span);
                }

                loops.Add((key[Prefix.Length..], span, map));
                if (value is ListNode { Count: 3 } l)
                {
                    if (l[0].AsString() is { } id)
                    {
                        identifiers.Add(id);
                    }

                    if (l[2] is MapNode body)
                    {
                        Collect(body, depth + 1, loops, identifiers);
                    }
                }
            }
            else if (value is MapNode child)
            {
                Collect(child, depth, loops, identifiers);
            }
        }
    }

    private MapNode Expand(MapNode section, IReadOnlyList<string> outer, bool logicalIds, string? loop)
    {
        var result = new MapNode { Span = section.Span };
        foreach (var (key, value) in section)
        {
            var keySpan = section.KeySpan(key);
            if (!IsForEachKey(key))
            {
                Add(result, key, value, keySpan, logicalIds && loop is not null, loop);
                continue;
            }

            var (identifier, items, body) = Read(key, value, keySpan, outer);
            string[] inner = [.. outer, identifier];
            foreach (var item in items)
            {
                var text = ItemText(item);
                var copy = (MapNode)Substitute(body, identifier, text, Alphanumeric(text));
                var expanded = Expand(copy, inner, logicalIds, key);
                foreach (var (k, v) in expanded)
                {
                    Add(result, k, v, expanded.KeySpan(k), logicalIds, key);
                }
            }
        }

        return result;
    }

    private static void Add(MapNode result, string key, Node value, SourceSpan keySpan, bool checkLogicalId, string? loop)
    {
        if (checkLogicalId && !IsAlphanumeric(key))
        {
            throw Error(DiagnosticCatalog.ForEachKeyInvalid, $"{loop} makes the key \"{key}\", which is not alphanumeric; logical ids may use only A-Z, a-z and 0-9 (use &{{Identifier}} to drop other characters of an item).", keySpan);
        }

        if (result.ContainsKey(key))
        {
            var by = loop is null ? string.Empty : $" {loop} makes";
            throw Error(DiagnosticCatalog.ForEachKeyInvalid, $"The key \"{key}\"{by} already exists; every key Fn::ForEach makes must be new (put the identifier in the output key).", keySpan);
        }

        result.Set(key, value, keySpan);
    }

    private (string Identifier, List<ScalarNode> Items, MapNode Body) Read(string key, Node value, SourceSpan keySpan, IReadOnlyList<string> outer)
    {
        if (value is not ListNode { Count: 3 } parts)
        {
            throw Error(DiagnosticCatalog.ForEachLayout, $"{key} must be a list of three items: [Identifier, Collection, {{OutputKey: OutputValue}}].", value.Span.IsKnown ? value.Span : keySpan);
        }

        if (parts[0] is not ScalarNode { Kind: ScalarKind.String, Text.Length: > 0 } id)
        {
            throw Error(DiagnosticCatalog.ForEachLayout, $"The identifier of {key} must be a non-empty string.", Known(parts[0].Span, keySpan));
        }

        if (values.IsParameter(id.Text))
        {
            throw Error(DiagnosticCatalog.ForEachNameConflict, $"The identifier \"{id.Text}\" of {key} is also a parameter name.", Known(id.Span, keySpan));
        }

        if (outer.Contains(id.Text))
        {
            throw Error(DiagnosticCatalog.ForEachNameConflict, $"The identifier \"{id.Text}\" of {key} is already the identifier of an enclosing Fn::ForEach loop.", Known(id.Span, keySpan));
        }

        if (parts[2] is not MapNode body)
        {
            throw Error(DiagnosticCatalog.ForEachLayout, $"The third item of {key} must be a mapping {{OutputKey: OutputValue}}.", Known(parts[2].Span, keySpan));
        }

        return (id.Text, Collection(key, parts[1], keySpan), body);
    }

    private List<ScalarNode> Collection(string key, Node collection, SourceSpan keySpan)
    {
        Node list;
        if (collection is ListNode literal)
        {
            list = literal;
        }
        else if (collection.IsIntrinsic)
        {
            list = evaluator.Require(collection, $"the collection of {key}");
        }
        else
        {
            throw Error(DiagnosticCatalog.ForEachLayout, $"The collection of {key} must be a list, or a Ref to a CommaDelimitedList or List<...> parameter.", Known(collection.Span, keySpan));
        }

        if (list is not ListNode l)
        {
            throw Error(DiagnosticCatalog.ForEachLayout, $"The collection of {key} does not resolve to a list.", Known(collection.Span, keySpan));
        }

        var items = new List<ScalarNode>(l.Count);
        foreach (var item in l)
        {
            var value = item.IsIntrinsic ? evaluator.Require(item, $"an item of the collection of {key}") : item;
            if (value is not ScalarNode { Kind: not ScalarKind.Null } s)
            {
                throw Error(DiagnosticCatalog.ForEachLayout, $"The items of the collection of {key} must be strings, numbers or booleans.", Known(item.Span, keySpan));
            }

            items.Add(s);
        }

        return items;
    }

    private static string ItemText(ScalarNode item) => item.Kind == ScalarKind.Boolean ? (item.IsTrue ? "true" : "false") : item.Text;

    private static Node Substitute(Node node, string identifier, string text, string alphanumeric)
    {
        switch (node)
        {
            case ScalarNode { Kind: ScalarKind.String } s:
                return ScalarNode.String(Replace(s.Text, identifier, text, alphanumeric), s.Span);
            case MapNode { Count: 1 } r when r.KeyAt(0) == "Ref" && r.ValueAt(0).AsString() == identifier:
                return ScalarNode.String(text, r.Span);
            case MapNode m:
                var map = new MapNode { Span = m.Span };
                foreach (var (k, v) in m)
                {
                    map.Set(Replace(k, identifier, text, alphanumeric), Substitute(v, identifier, text, alphanumeric), m.KeySpan(k));
                }

                return map;
            case ListNode l:
                var list = new ListNode { Span = l.Span };
                foreach (var item in l)
                {
                    list.Add(Substitute(item, identifier, text, alphanumeric));
                }

                return list;
            default:
                return node.Clone();
        }
    }

    private static string Replace(string s, string identifier, string text, string alphanumeric)
    {
        if (!s.Contains('{', StringComparison.Ordinal))
        {
            return s;
        }

        return s.Replace("${" + identifier + "}", text, StringComparison.Ordinal)
            .Replace("&{" + identifier + "}", alphanumeric, StringComparison.Ordinal);
    }

    private static string Alphanumeric(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static bool IsAlphanumeric(string s) => s.Length > 0 && s.All(char.IsAsciiLetterOrDigit);

    private static SourceSpan Known(SourceSpan span, SourceSpan fallback) => span.IsKnown ? span : fallback;

    private static LanguageExtensionsException Error(DiagnosticDescriptor descriptor, string message, SourceSpan span) => new(descriptor, message, span);
}
