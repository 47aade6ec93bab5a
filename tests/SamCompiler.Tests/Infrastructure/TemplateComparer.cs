using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using SamCompiler.Syntax;

namespace SamCompiler.Tests.Infrastructure;

/// <summary>
/// A port of ../shared/conformance/compare.py's comparison: object key order is ignored; list order matters except
/// for Resources.&lt;id&gt;.DependsOn and the operands of Fn::Or / Fn::And; numbers compare by value (1 == 1.0) but
/// booleans, numbers, strings and null never equal each other. Works on a neutral value tree built from JSON text
/// (System.Text.Json, independent of samc's loader) or from a samc node tree.
/// </summary>
public static class TemplateComparer
{
    private static readonly string[] UnorderedFunctions = ["Fn::Or", "Fn::And"];

    /// <summary>The differences between two JSON texts, as compare.py prints them (empty when equal).</summary>
    public static IReadOnlyList<string> DiffJson(string expectedJson, string actualJson)
    {
        using var e = JsonDocument.Parse(expectedJson, new JsonDocumentOptions { MaxDepth = 1000 });
        using var a = JsonDocument.Parse(actualJson, new JsonDocumentOptions { MaxDepth = 1000 });
        return Diff(FromJson(e.RootElement), FromJson(a.RootElement));
    }

    /// <summary>The differences between two values (see the class summary).</summary>
    public static IReadOnlyList<string> Diff(object? expected, object? actual)
    {
        var output = new List<string>();
        DiffInto(Normalize(expected, []), Normalize(actual, []), "$", output);
        return output;
    }

    /// <summary>True when a JSON document is the reference's error object (<c>{"errors": [...]}</c>, no Resources).</summary>
    public static bool IsErrorDocument(string json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 1000 });
        return doc.RootElement.ValueKind == JsonValueKind.Object
            && doc.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
            && !doc.RootElement.TryGetProperty("Resources", out _);
    }

    /// <summary>A neutral value from JSON.</summary>
    public static object? FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().Aggregate(new Dictionary<string, object?>(StringComparer.Ordinal), (d, p) =>
        {
            d[p.Name] = FromJson(p.Value);
            return d;
        }),
        JsonValueKind.Array => e.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => new Number(e.GetRawText()),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>A neutral value from a samc node tree.</summary>
    public static object? FromNode(Node? node) => node switch
    {
        MapNode m => m.Aggregate(new Dictionary<string, object?>(StringComparer.Ordinal), (d, p) =>
        {
            d[p.Key] = FromNode(p.Value);
            return d;
        }),
        ListNode l => l.Select(FromNode).ToList(),
        ScalarNode { Kind: ScalarKind.String } s => s.Text,
        ScalarNode { Kind: ScalarKind.Integer or ScalarKind.Float } s => new Number(s.Text),
        ScalarNode { Kind: ScalarKind.Boolean } s => s.IsTrue,
        _ => null,
    };

    /// <summary>Canonical JSON (sorted keys), used to order unordered lists.</summary>
    public static string Canonical(object? value)
    {
        var sb = new StringBuilder();
        WriteCanonical(sb, value);
        return sb.ToString();
    }

    private static object? Normalize(object? v, List<string> path)
    {
        switch (v)
        {
            case Dictionary<string, object?> d:
                var result = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (k, x) in d)
                {
                    path.Add(k);
                    var nx = Normalize(x, path);
                    path.RemoveAt(path.Count - 1);
                    var dependsOn = k == "DependsOn" && path.Count == 2 && path[0] == "Resources";
                    if (nx is List<object?> list && (UnorderedFunctions.Contains(k) || dependsOn))
                    {
                        nx = list.OrderBy(Canonical, StringComparer.Ordinal).ToList();
                    }

                    result[k] = nx;
                }

                return result;
            case List<object?> l:
                var items = new List<object?>(l.Count);
                for (var i = 0; i < l.Count; i++)
                {
                    path.Add("#" + i.ToString(CultureInfo.InvariantCulture));
                    items.Add(Normalize(l[i], path));
                    path.RemoveAt(path.Count - 1);
                }

                return items;
            default:
                return v;
        }
    }

    private static string Kind(object? v) => v switch
    {
        bool => "bool",
        Number => "number",
        string => "string",
        null => "null",
        Dictionary<string, object?> => "object",
        List<object?> => "array",
        _ => v.GetType().Name,
    };

    private static void DiffInto(object? e, object? a, string path, List<string> output)
    {
        var ke = Kind(e);
        var ka = Kind(a);
        if (ke != ka)
        {
            output.Add($"  changed  {path}: expected {Short(e)}, got {Short(a)}");
            return;
        }

        switch (e)
        {
            case Dictionary<string, object?> de:
                var da = (Dictionary<string, object?>)a!;
                foreach (var (k, x) in de)
                {
                    if (da.TryGetValue(k, out var y))
                    {
                        DiffInto(x, y, Path(path, k), output);
                    }
                    else
                    {
                        output.Add($"  missing  {Path(path, k)} (expected {Short(x)})");
                    }
                }

                foreach (var (k, y) in da)
                {
                    if (!de.ContainsKey(k))
                    {
                        output.Add($"  extra    {Path(path, k)} = {Short(y)}");
                    }
                }

                break;
            case List<object?> le:
                var la = (List<object?>)a!;
                var n = Math.Min(le.Count, la.Count);
                for (var i = 0; i < n; i++)
                {
                    DiffInto(le[i], la[i], $"{path}[{i}]", output);
                }

                for (var i = n; i < le.Count; i++)
                {
                    output.Add($"  missing  {path}[{i}] (expected {Short(le[i])})");
                }

                for (var i = n; i < la.Count; i++)
                {
                    output.Add($"  extra    {path}[{i}] = {Short(la[i])}");
                }

                break;
            default:
                if (!Equals(e, a))
                {
                    output.Add($"  changed  {path}: expected {Short(e)}, got {Short(a)}");
                }

                break;
        }
    }

    private static string Path(string path, string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':' or '-')
            ? path + "." + key
            : path + "[" + Canonical(key) + "]";

    private static string Short(object? v)
    {
        var s = Canonical(v);
        return s.Length <= 100 ? s : s[..97] + "...";
    }

    private static void WriteCanonical(StringBuilder sb, object? v)
    {
        switch (v)
        {
            case null:
                sb.Append("null");
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case Number n:
                sb.Append(n.Text);
                break;
            case string s:
                PyJson.WriteString(sb, s, ensureAscii: false);
                break;
            case List<object?> l:
                sb.Append('[');
                for (var i = 0; i < l.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    WriteCanonical(sb, l[i]);
                }

                sb.Append(']');
                break;
            case Dictionary<string, object?> d:
                sb.Append('{');
                var first = true;
                foreach (var (k, x) in d.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    PyJson.WriteString(sb, k, ensureAscii: false);
                    sb.Append(':');
                    WriteCanonical(sb, x);
                }

                sb.Append('}');
                break;
        }
    }

    /// <summary>A JSON number kept as text; equal to another when their values are equal (Python's 1 == 1.0).</summary>
    public sealed class Number(string text) : IEquatable<Number>
    {
        /// <summary>The number's text.</summary>
        public string Text { get; } = text;

        private bool IsInteger => !Text.Contains('.', StringComparison.Ordinal) && !Text.Contains('e', StringComparison.OrdinalIgnoreCase);

        /// <inheritdoc />
        public bool Equals(Number? other)
        {
            if (other is null)
            {
                return false;
            }

            if (IsInteger && other.IsInteger)
            {
                return BigInteger.Parse(Text, CultureInfo.InvariantCulture) == BigInteger.Parse(other.Text, CultureInfo.InvariantCulture);
            }

            return double.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture) == double.Parse(other.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as Number);

        /// <inheritdoc />
        public override int GetHashCode() => double.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture).GetHashCode();

        /// <inheritdoc />
        public override string ToString() => Text;
    }
}
