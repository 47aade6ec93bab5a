using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using SamCompiler.Syntax;

namespace SamCompiler.Transform.Api;

/// <summary>
/// The reference hashes API deployments over <c>str(swagger)</c> of its Python 2.7 emulation
/// (samtranslator/utils/py27hash_fix.py): input dicts are Py27Dict (keys iterate in Python 2.7 hash-table order)
/// and input strings are Py27UniStr (repr <c>u'...'</c>), while dicts and strings the translator creates itself are
/// plain (insertion order, repr <c>'...'</c>). Nodes carry no such flag, so the code that builds swagger marks what
/// it creates as plain; everything unmarked counts as converted input.
/// </summary>
internal static class Py27
{
    private const int MinSize = 8;
    private const int PerturbShift = 5;

    private static readonly ConditionalWeakTable<Node, object> PlainNodes = [];
    private static readonly ConditionalWeakTable<MapNode, HashSet<string>> PlainKeys = [];
    private static readonly object Mark = new();

    /// <summary>A plain (translator-made) string.</summary>
    public static ScalarNode S(string value)
    {
        var s = ScalarNode.String(value);
        PlainNodes.AddOrUpdate(s, Mark);
        return s;
    }

    /// <summary>A plain dict (Python 3 order, plain keys).</summary>
    public static MapNode PlainMap()
    {
        var m = new MapNode();
        PlainNodes.AddOrUpdate(m, Mark);
        return m;
    }

    /// <summary>Marks a node as plain (a Python literal or a value built by the translator).</summary>
    public static T Plain<T>(T node)
        where T : Node
    {
        PlainNodes.AddOrUpdate(node, Mark);
        return node;
    }

    /// <summary>Marks a node and everything under it as plain (keys too).</summary>
    public static T PlainDeep<T>(T node)
        where T : Node
    {
        switch (node)
        {
            case MapNode m:
                Plain(m);
                foreach (var (k, v) in m)
                {
                    MarkKeyPlain(m, k);
                    PlainDeep(v);
                }

                break;
            case ListNode l:
                foreach (var v in l)
                {
                    PlainDeep(v);
                }

                break;
            case ScalarNode { Kind: ScalarKind.String }:
                Plain(node);
                break;
        }

        return node;
    }

    /// <summary>True when the node was made plain.</summary>
    public static bool IsPlain(Node node) => PlainNodes.TryGetValue(node, out _);

    /// <summary>Sets <paramref name="key"/> (a translator literal, so a plain str key) on a Py27Dict.</summary>
    public static void SetP(this MapNode map, string key, Node value)
    {
        map[key] = value;
        MarkKeyPlain(map, key);
    }

    /// <summary>Marks a key of a map as a plain str.</summary>
    public static void MarkKeyPlain(MapNode map, string key) => PlainKeys.GetOrCreateValue(map).Add(key);

    private static bool IsKeyPlain(MapNode map, string key) =>
        IsPlain(map) || (PlainKeys.TryGetValue(map, out var set) && set.Contains(key));

    /// <summary>A deep copy that keeps the plain marks (Python's deepcopy keeps types).</summary>
    public static Node Clone(Node node)
    {
        switch (node)
        {
            case MapNode m:
                var copy = new MapNode { Span = m.Span };
                foreach (var (k, v) in m)
                {
                    copy.Set(k, Clone(v), m.KeySpan(k));
                }

                if (IsPlain(m))
                {
                    Plain(copy);
                }
                else if (PlainKeys.TryGetValue(m, out var keys))
                {
                    PlainKeys.AddOrUpdate(copy, [.. keys]);
                }

                return copy;
            case ListNode l:
                return new ListNode(l.Select(Clone)) { Span = l.Span };
            default:
                var c = node.Clone();
                if (IsPlain(node))
                {
                    Plain(c);
                }

                return c;
        }
    }

    /// <summary>Python's <c>str()</c> of the value under the emulation.</summary>
    public static string Str(Node node)
    {
        var sb = new StringBuilder();
        WriteStr(sb, node);
        return sb.ToString();
    }

    /// <summary>Python's <c>repr()</c> of the value under the emulation.</summary>
    public static string Repr(Node node)
    {
        var sb = new StringBuilder();
        WriteRepr(sb, node);
        return sb.ToString();
    }

    private static void WriteStr(StringBuilder sb, Node node)
    {
        if (node is ScalarNode { Kind: ScalarKind.String } s)
        {
            sb.Append(s.Text);
            return;
        }

        WriteRepr(sb, node);
    }

    private static void WriteRepr(StringBuilder sb, Node node)
    {
        switch (node)
        {
            case ScalarNode { Kind: ScalarKind.String } s:
                sb.Append(IsPlain(s) ? Py3Repr(s.Text) : UniRepr(s.Text));
                break;
            case ScalarNode { Kind: ScalarKind.Boolean } b:
                sb.Append(b.IsTrue ? "True" : "False");
                break;
            case ScalarNode { Kind: ScalarKind.Null }:
                sb.Append("None");
                break;
            case ScalarNode { Kind: ScalarKind.Integer } i:
                sb.Append(i.Text);
                if (!IsPlain(i) && BigInteger(i.Text))
                {
                    sb.Append('L');
                }

                break;
            case ScalarNode f:
                sb.Append(f.Text);
                break;
            case ListNode l:
                sb.Append('[');
                for (var i = 0; i < l.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    WriteRepr(sb, l[i]);
                }

                sb.Append(']');
                break;
            case MapNode m when IsPlain(m):
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in m)
                {
                    if (!first)
                    {
                        sb.Append(", ");
                    }

                    first = false;
                    sb.Append(Py3Repr(k)).Append(": ");
                    WriteRepr(sb, v);
                }

                sb.Append('}');
                break;
            case MapNode m:
                sb.Append('{');
                var n = 0;
                foreach (var k in KeyOrder(m))
                {
                    if (n++ > 0)
                    {
                        sb.Append(", ");
                    }

                    sb.Append(IsKeyPlain(m, k) ? Py3Repr(k) : UniRepr(k)).Append(": ");
                    var v = m[k]!;
                    if (v is ScalarNode { Kind: ScalarKind.String })
                    {
                        WriteRepr(sb, v);
                    }
                    else
                    {
                        WriteStr(sb, v);
                    }
                }

                sb.Append('}');
                break;
        }
    }

    private static bool BigInteger(string text) =>
        text.Length >= 19 && System.Numerics.BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v > long.MaxValue;

    /// <summary>The keys of a Py27Dict in Python 2.7 iteration order (after a deepcopy, as the reference hashes it).</summary>
    public static List<string> KeyOrder(MapNode map)
    {
        var order = map.Keys.ToList();
        if (order.Count < 2)
        {
            return order;
        }

        for (var round = 0; round < 4; round++)
        {
            var table = new KeyTable();
            foreach (var k in order)
            {
                table.Add(k);
            }

            var next = table.Keys();
            var same = next.SequenceEqual(order, StringComparer.Ordinal);
            order = next;
            if (same && round > 0)
            {
                break;
            }
        }

        return order;
    }

    /// <summary>Python 2.7's string hash (third_party/py27hash), as an unsigned 64-bit value.</summary>
    public static ulong Hash(string value)
    {
        var runes = value.EnumerateRunes().Select(r => (ulong)r.Value).ToList();
        if (runes.Count == 0)
        {
            return 0;
        }

        var x = runes[0] << 7;
        foreach (var c in runes)
        {
            x = unchecked((1000003UL * x) ^ c);
        }

        x ^= (ulong)runes.Count;
        return x;
    }

    /// <summary>repr() of a Py27UniStr: u'...' with unicode_escape escapes.</summary>
    public static string UniRepr(string s)
    {
        var esc = new StringBuilder();
        foreach (var r in s.EnumerateRunes())
        {
            var v = r.Value;
            switch (v)
            {
                case '\\':
                    esc.Append("\\\\");
                    break;
                case '\t':
                    esc.Append("\\t");
                    break;
                case '\n':
                    esc.Append("\\n");
                    break;
                case '\r':
                    esc.Append("\\r");
                    break;
                case < 0x20 or (>= 0x7f and < 0x100):
                    esc.Append("\\x").Append(v.ToString("x2", CultureInfo.InvariantCulture));
                    break;
                case < 0x7f:
                    esc.Append((char)v);
                    break;
                case < 0x10000:
                    esc.Append("\\u").Append(v.ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    esc.Append("\\U").Append(v.ToString("x8", CultureInfo.InvariantCulture));
                    break;
            }
        }

        // repr() of the escaped ASCII text, then "\\\\" collapsed back to "\\".
        var text = esc.ToString();
        var quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var sb = new StringBuilder("u");
        sb.Append(quote);
        foreach (var ch in text)
        {
            if (ch == quote)
            {
                sb.Append('\\');
            }

            sb.Append(ch);
        }

        sb.Append(quote);
        return sb.ToString();
    }

    /// <summary>Python 3's repr() of a str.</summary>
    public static string Py3Repr(string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var sb = new StringBuilder();
        sb.Append(quote);
        foreach (var r in s.EnumerateRunes())
        {
            var v = r.Value;
            if (v == quote || v == '\\')
            {
                sb.Append('\\').Append((char)v);
            }
            else if (v == '\t')
            {
                sb.Append("\\t");
            }
            else if (v == '\n')
            {
                sb.Append("\\n");
            }
            else if (v == '\r')
            {
                sb.Append("\\r");
            }
            else if (v < 0x20 || v == 0x7f)
            {
                sb.Append("\\x").Append(v.ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (v < 0x7f || Rune.GetUnicodeCategory(r) is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator) || v == ' ')
            {
                sb.Append(r.ToString());
            }
            else if (v < 0x100)
            {
                sb.Append("\\x").Append(v.ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (v < 0x10000)
            {
                sb.Append("\\u").Append(v.ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append("\\U").Append(v.ToString("x8", CultureInfo.InvariantCulture));
            }
        }

        sb.Append(quote);
        return sb.ToString();
    }

    /// <summary>Python 2.7's dict slot table (Py27Keys), keys only.</summary>
    private sealed class KeyTable
    {
        private Dictionary<ulong, string> _slots = [];
        private int _size;
        private int _fill;
        private ulong _mask = MinSize - 1;

        public void Add(string key)
        {
            var start = _size;
            var i = Index(key);
            if (!_slots.ContainsKey(i))
            {
                _size++;
                _fill++;
                _slots[i] = key;
            }

            if (_size > start && (ulong)_fill * 3 >= (_mask + 1) * 2)
            {
                Resize(_size * (_size > 50000 ? 2 : 4));
            }
        }

        public List<string> Keys() => [.. _slots.OrderBy(e => e.Key).Select(e => e.Value)];

        private void Resize(int request)
        {
            ulong newSize = MinSize;
            while (newSize <= (ulong)request)
            {
                newSize <<= 1;
            }

            _mask = newSize - 1;
            var old = _slots.OrderBy(e => e.Key).Select(e => e.Value).ToList();
            _slots = [];
            _fill = _size = 0;
            foreach (var k in old)
            {
                Add(k);
            }
        }

        private ulong Index(string key)
        {
            var h = Hash(key);
            var i = h & _mask;
            if (!_slots.TryGetValue(i, out var at) || at == key)
            {
                return i;
            }

            var walker = i;
            var perturb = h;
            while (_slots.TryGetValue(i, out at) && at != key)
            {
                walker = unchecked((walker << 2) + walker + perturb + 1);
                i = walker & _mask;
                if (!_slots.TryGetValue(i, out at))
                {
                    return i;
                }

                if (at == key)
                {
                    return i;
                }

                perturb >>= PerturbShift;
            }

            return i;
        }
    }
}
