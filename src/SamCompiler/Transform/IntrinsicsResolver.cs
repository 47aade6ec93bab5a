using System.Text.RegularExpressions;
using SamCompiler.Syntax;

namespace SamCompiler.Transform;

/// <summary>
/// samtranslator's IntrinsicsResolver: resolves Ref/Fn::Sub of parameters (and Fn::FindInMap of mappings) where
/// the reference resolves them, and rewrites references to SAM-derived ids (<c>MyFunction.Alias</c>) and to renamed
/// logical ids. Like the reference it rewrites in place; callers pass a clone where the input must survive.
/// </summary>
public sealed partial class IntrinsicsResolver
{
    private const string FindInMap = "Fn::FindInMap";

    private readonly IReadOnlyDictionary<string, Node> _parameters;
    private readonly bool _mappings;

    /// <summary>A resolver over parameter values (name to value), or over the Mappings section when <paramref name="mappings"/>.</summary>
    public IntrinsicsResolver(IReadOnlyDictionary<string, Node> parameters, bool mappings = false)
    {
        _parameters = parameters;
        _mappings = mappings;
    }

    /// <summary>The values this resolver substitutes.</summary>
    public IReadOnlyDictionary<string, Node> Values => _parameters;

    [GeneratedRegex(@"\$\{([A-Za-z0-9\.]+|AWS::[A-Z][A-Za-z]*)\}")]
    private static partial Regex SubRefPattern();

    /// <summary>Resolves parameter references (in place) and returns the resolved node.</summary>
    public Node ResolveParameterRefs(Node input)
    {
        if (_parameters.Count == 0)
        {
            return input;
        }

        return Traverse(input, TryResolveParameterRefs);
    }

    /// <summary>Rewrites <c>{"Ref": "Id.Prop"}</c> and friends through <paramref name="refs"/> (in place).</summary>
    public static Node ResolveSamResourceRefs(Node input, SupportedResourceReferences refs) =>
        refs.Count == 0 ? input : Traverse(input, n => TryResolveResourceRefs(n, refs));

    /// <summary>Rewrites references to logical ids that the transform renamed (in place).</summary>
    public static Node ResolveSamResourceIdRefs(Node input, IReadOnlyDictionary<string, string> changed) =>
        changed.Count == 0 ? input : Traverse(input, n => TryResolveIdRefs(n, changed));

    private static Node Traverse(Node input, Func<Node, Node> resolve)
    {
        input = resolve(input);
        switch (input)
        {
            case MapNode m:
                // resolving a value never adds or removes keys of its parent, so positions are stable
                for (var i = 0; i < m.Count; i++)
                {
                    var value = m.ValueAt(i);
                    var resolved = Traverse(value, resolve);
                    if (!ReferenceEquals(resolved, value))
                    {
                        m.Set(m.KeyAt(i), resolved, default);
                    }
                }

                break;
            case ListNode l:
                for (var i = 0; i < l.Count; i++)
                {
                    l[i] = Traverse(l[i], resolve);
                }

                break;
        }

        return input;
    }

    private static string? IntrinsicName(Node n) => n is MapNode { Count: 1 } m ? m.KeyAt(0) : null;

    private Node TryResolveParameterRefs(Node input)
    {
        var name = IntrinsicName(input);
        var m = input as MapNode;
        if (name is null || m is null)
        {
            return input;
        }

        if (_mappings)
        {
            return name == FindInMap ? ResolveFindInMap(m) : input;
        }

        switch (name)
        {
            case "Ref":
                return m["Ref"] is ScalarNode { Kind: ScalarKind.String } r && Lookup(r.Text) is { } v ? v.Clone() : input;
            case "Fn::Sub":
                HandleSub(m, (full, prop) => Lookup(prop) ?? ScalarNode.String(full));
                return input;
            default:
                return input;
        }
    }

    private Node? Lookup(string name)
    {
        if (!_parameters.TryGetValue(name, out var value))
        {
            return null;
        }

        return value is ScalarNode { Kind: ScalarKind.String } s && s.Text.StartsWith("{{IntrinsicFunction:", StringComparison.Ordinal) ? null : value;
    }

    private Node ResolveFindInMap(MapNode input)
    {
        var value = input[FindInMap];
        if (value is not ListNode { Count: 3 } args)
        {
            throw new TemplateException($"Invalid FindInMap value {PyRepr.Of(value!)}. FindInMap expects an array with 3 values.");
        }

        var mapName = ResolveParameterRefs(args[0]).AsString();
        var top = ResolveParameterRefs(args[1]).AsString();
        var second = ResolveParameterRefs(args[2]).AsString();
        if (mapName is null || top is null || second is null)
        {
            return input;
        }

        if (!_parameters.TryGetValue(mapName, out var map))
        {
            return input;
        }

        var notTwoLevel = $"Cannot use Fn::FindInMap on Mapping '{mapName}' which is not a a two-level map.";
        if (map is not MapNode mm)
        {
            throw new TemplateException(notTwoLevel);
        }

        if (mm[top] is not { } level)
        {
            return input;
        }

        if (level is not MapNode lm)
        {
            throw new TemplateException(notTwoLevel);
        }

        return lm[second] is { } found ? found.Clone() : input;
    }

    private static void HandleSub(MapNode sub, Func<string, string, Node> replace)
    {
        var value = sub["Fn::Sub"]!;
        if (value is ScalarNode { Kind: ScalarKind.String } s)
        {
            sub.Set("Fn::Sub", ScalarNode.String(SubAllRefs(s.Text, replace), s.Span), default);
        }
        else if (value is ListNode { Count: > 0 } l && l[0] is ScalarNode { Kind: ScalarKind.String } first)
        {
            l[0] = ScalarNode.String(SubAllRefs(first.Text, replace), first.Span);
        }
    }

    private static string SubAllRefs(string text, Func<string, string, Node> replace)
    {
        var result = text;
        foreach (var match in SubRefPattern().EnumerateMatches(text))
        {
            // the pattern is ${name}: group 1 is the match without "${" and "}"
            var full = text.Substring(match.Index, match.Length);
            var sub = replace(full, text.Substring(match.Index + 2, match.Length - 3));
            if (sub.AsString() is not { } str)
            {
                throw new TemplateException($"Invalid Fn::Sub variable value {PyRepr.Of(sub)}. Fn::Sub expects all variables to be strings.");
            }

            var at = result.IndexOf(full, StringComparison.Ordinal);
            if (at >= 0)
            {
                result = string.Concat(result.AsSpan(0, at), str, result.AsSpan(at + full.Length));
            }
        }

        return result;
    }

    private static Node TryResolveResourceRefs(Node input, SupportedResourceReferences refs)
    {
        var name = IntrinsicName(input);
        if (name is null)
        {
            return input;
        }

        var m = (MapNode)input;
        switch (name)
        {
            case "Ref":
                {
                    if (m["Ref"].AsString() is not { } refValue)
                    {
                        return input;
                    }

                    var dot = refValue.IndexOf('.', StringComparison.Ordinal);
                    if (dot <= 0 || dot == refValue.Length - 1)
                    {
                        return input;
                    }

                    var resolved = refs.Get(refValue[..dot], refValue[(dot + 1)..]);
                    return resolved is null ? input : new MapNode { Span = input.Span, ["Ref"] = resolved };
                }

            case "Fn::Sub":
                HandleSub(m, (full, refValue) =>
                {
                    var splits = refValue.Split('.');
                    if (splits.Length < 2)
                    {
                        return ScalarNode.String(full);
                    }

                    var resolved = refs.Get(splits[0], splits[1]);
                    return resolved is null
                        ? ScalarNode.String(full)
                        : ScalarNode.String(full.Replace(splits[0] + "." + splits[1], resolved, StringComparison.Ordinal));
                });
                return input;
            case "Fn::GetAtt":
                {
                    if (GetAttParts(m) is not { } parts)
                    {
                        return input;
                    }

                    var resolved = refs.Get(parts[0], parts[1]);
                    if (resolved is not null)
                    {
                        var list = new ListNode { Span = m["Fn::GetAtt"]!.Span };
                        list.Add(resolved);
                        foreach (var rest in parts.Skip(2))
                        {
                            list.Add(rest);
                        }

                        m.Set("Fn::GetAtt", list, default);
                    }

                    return input;
                }

            default:
                return input;
        }
    }

    private static string[]? GetAttParts(MapNode m)
    {
        if (m["Fn::GetAtt"] is not ListNode { Count: >= 2 } l || l.Any(i => i.AsString() is null))
        {
            return null;
        }

        var parts = string.Join('.', l.Select(i => i.AsString())).Split('.');
        return parts.Length < 2 ? null : parts;
    }

    private static Node TryResolveIdRefs(Node input, IReadOnlyDictionary<string, string> changed)
    {
        var name = IntrinsicName(input);
        if (name is null)
        {
            return input;
        }

        var m = (MapNode)input;
        switch (name)
        {
            case "Ref":
                {
                    if (m["Ref"].AsString() is not { } refValue || refValue.Contains('.', StringComparison.Ordinal))
                    {
                        return input;
                    }

                    return changed.TryGetValue(refValue, out var resolved) && resolved.Length > 0
                        ? new MapNode { Span = input.Span, ["Ref"] = resolved }
                        : input;
                }

            case "Fn::Sub":
                HandleSub(m, (full, refValue) =>
                {
                    var logicalId = refValue.Split('.')[0];
                    return changed.TryGetValue(logicalId, out var resolved) && resolved.Length > 0
                        ? ScalarNode.String(full.Replace(logicalId, resolved, StringComparison.Ordinal))
                        : ScalarNode.String(full);
                });
                return input;
            case "Fn::GetAtt":
                {
                    if (m["Fn::GetAtt"] is not ListNode { Count: >= 2 } l || l.Any(i => i.AsString() is null))
                    {
                        return input;
                    }

                    var parts = string.Join('.', l.Select(i => i.AsString())).Split('.');
                    if (changed.TryGetValue(parts[0], out var resolved) && resolved.Length > 0)
                    {
                        var list = new ListNode { Span = l.Span };
                        list.Add(resolved);
                        foreach (var rest in parts.Skip(1))
                        {
                            list.Add(rest);
                        }

                        m.Set("Fn::GetAtt", list, default);
                    }

                    return input;
                }

            default:
                return input;
        }
    }
}

/// <summary>References to SAM-derived values ("MyFunction.Alias" to "MyFunctionAliaslive") collected during the transform.</summary>
public sealed class SupportedResourceReferences
{
    private readonly Dictionary<string, Dictionary<string, string>> _refs = new(StringComparer.Ordinal);

    /// <summary>Number of logical ids with references.</summary>
    public int Count => _refs.Count;

    /// <summary>Records that <c>logicalId.property</c> resolves to <paramref name="value"/>.</summary>
    public void Add(string logicalId, string property, string value)
    {
        if (!_refs.TryGetValue(logicalId, out var props))
        {
            _refs[logicalId] = props = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        props[property] = value;
    }

    /// <summary>The value of <c>logicalId.property</c>, or null.</summary>
    public string? Get(string logicalId, string property) =>
        _refs.TryGetValue(logicalId, out var props) && props.TryGetValue(property, out var v) ? v : null;
}
