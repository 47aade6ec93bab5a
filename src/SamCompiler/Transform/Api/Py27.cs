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
    private static readonly ConditionalWeakTable<MapNode, HashSet<string>> UniKeys = [];
    private static readonly ConditionalWeakTable<MapNode, DocState> Docs = [];
    private static readonly ConditionalWeakTable<MapNode, DictState> Dicts = [];
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

    /// <summary>
    /// Sets <paramref name="key"/> (a translator literal, so a plain str key) on a Py27Dict. As in Python, assigning
    /// to a key that is already there keeps the existing key object, so its type (plain or unicode) does not change.
    /// </summary>
    public static void SetP(this MapNode map, string key, Node value)
    {
        var existed = map.ContainsKey(key);
        map[key] = value;
        if (!existed)
        {
            MarkKeyPlain(map, key);
        }
    }

    /// <summary>Marks a key of a map as a plain str.</summary>
    public static void MarkKeyPlain(MapNode map, string key) => PlainKeys.GetOrCreateValue(map).Add(key);

    /// <summary>Marks a key of a plain map as a Py27UniStr.</summary>
    public static void MarkKeyUni(MapNode map, string key) => UniKeys.GetOrCreateValue(map).Add(key);

    /// <summary>True when the key is a plain str.</summary>
    public static bool IsKeyPlain(MapNode map, string key) =>
        IsPlain(map) ? !(UniKeys.TryGetValue(map, out var uni) && uni.Contains(key)) : PlainKeys.TryGetValue(map, out var set) && set.Contains(key);

    /// <summary>Copies <paramref name="key"/> of <paramref name="from"/> into a plain dict, keeping the key's type.</summary>
    public static void CopyKeyInto(MapNode from, string key, MapNode plainTarget)
    {
        plainTarget[key] = from[key]!;
        if (!IsKeyPlain(from, key))
        {
            MarkKeyUni(plainTarget, key);
        }
    }

    /// <summary>Iteration order of a map: Python 2.7 order for Py27Dict, insertion order for plain dicts.</summary>
    public static List<string> IterationOrder(MapNode map) => IsPlain(map) ? [.. map.Keys] : KeyOrder(map);

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
                    if (UniKeys.TryGetValue(m, out var uk))
                    {
                        UniKeys.AddOrUpdate(copy, [.. uk]);
                    }
                }
                else if (PlainKeys.TryGetValue(m, out var keys))
                {
                    PlainKeys.AddOrUpdate(copy, [.. keys]);
                }

                if (Dicts.TryGetValue(m, out var st))
                {
                    Dicts.AddOrUpdate(copy, new DictState { Table = st.Table.Rebuild(), Epoch = st.Epoch, MapVersion = -1 });
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
                    sb.Append(IsKeyPlain(m, k) ? Py3Repr(k) : UniRepr(k)).Append(": ");
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

    /// <summary>
    /// The keys of a Py27Dict in Python 2.7 iteration order. A dict tracked inside a document (see
    /// <see cref="BeginSession"/>) gets the order of its emulated table; any other dict the order of its keys added
    /// in insertion order, after <paramref name="copies"/> deep copies.
    /// </summary>
    public static List<string> KeyOrder(MapNode map, int copies = 0)
    {
        if (Dicts.TryGetValue(map, out var state))
        {
            return state.Table.Keys();
        }

        var table = new KeyTable();
        foreach (var k in map.Keys)
        {
            table.Add(k);
        }

        for (var i = 0; i < copies; i++)
        {
            table = table.Rebuild();
        }

        return table.Keys();
    }

    /// <summary>
    /// An editor opens a document: the reference deep-copies it (every dict's table is rebuilt). The first time a
    /// document is seen, every dict in it is registered as it is.
    /// </summary>
    public static void BeginSession(MapNode root)
    {
        if (!Docs.TryGetValue(root, out var doc))
        {
            doc = new DocState();
            Docs.AddOrUpdate(root, doc);
            SyncTree(root, doc.Epoch);
        }

        doc.Epoch++;
    }

    /// <summary>
    /// An editor hands its document back (the reference's deepcopy in .swagger): the dicts edited in the session are
    /// brought up to date first, then every table is rebuilt once more.
    /// </summary>
    public static void EndSession(MapNode root, IEnumerable<Node> touched)
    {
        if (!Docs.TryGetValue(root, out var doc))
        {
            doc = new DocState();
            Docs.AddOrUpdate(root, doc);
        }

        Sync(root, doc.Epoch);
        foreach (var (k, v) in root)
        {
            if (k != "paths")
            {
                SyncTree(v, doc.Epoch);
            }
            else if (v is MapNode pm)
            {
                Sync(pm, doc.Epoch);
            }
        }

        foreach (var t in touched)
        {
            SyncTree(t, doc.Epoch);
        }

        doc.Epoch++;
    }

    /// <summary>Brings every dict of a document up to date (before hashing it).</summary>
    public static void SyncDocument(MapNode root)
    {
        var epoch = Docs.TryGetValue(root, out var doc) ? doc.Epoch : 0;
        SyncTree(root, epoch);
    }

    /// <summary>Moves a subtree edited in one document into another (brought up to date, then counted in the new one).</summary>
    public static void Transplant(Node subtree, MapNode fromRoot, MapNode toRoot)
    {
        var from = Docs.TryGetValue(fromRoot, out var f) ? f.Epoch : 0;
        SyncTree(subtree, from);
        var to = Docs.TryGetValue(toRoot, out var t) ? t.Epoch : 0;
        Restamp(subtree, to);
    }

    private static void Restamp(Node node, int epoch)
    {
        switch (node)
        {
            case MapNode m:
                if (Dicts.TryGetValue(m, out var st))
                {
                    st.Epoch = epoch;
                }

                foreach (var v in m.Values)
                {
                    Restamp(v, epoch);
                }

                break;
            case ListNode l:
                foreach (var v in l)
                {
                    Restamp(v, epoch);
                }

                break;
        }
    }

    private static void SyncTree(Node node, int epoch)
    {
        switch (node)
        {
            case MapNode m:
                Sync(m, epoch);
                foreach (var v in m.Values)
                {
                    SyncTree(v, epoch);
                }

                break;
            case ListNode l:
                foreach (var v in l)
                {
                    SyncTree(v, epoch);
                }

                break;
        }
    }

    private static void Sync(MapNode m, int epoch)
    {
        if (IsPlain(m))
        {
            return;
        }

        if (!Dicts.TryGetValue(m, out var state))
        {
            var table = new KeyTable();
            foreach (var k in m.Keys)
            {
                table.Add(k);
            }

            Dicts.AddOrUpdate(m, new DictState { Table = table, Epoch = epoch, MapVersion = m.Version });
            return;
        }

        var original = state.Table;
        var originalAlternate = state.Alternate;
        var t = state.Table;
        var pending = state.Stable ? 0 : epoch - state.Epoch;
        if (state.Alternate is not null)
        {
            // known to oscillate between two layouts
            if (pending % 2 == 1)
            {
                (state.Table, state.Alternate) = (state.Alternate, state.Table);
                t = state.Table;
            }

            pending = 0;
        }

        KeyTable? previous = null;
        List<KeyTable>? made = null;
        for (var i = 0; i < pending; i++)
        {
            var next = t.Rebuild();
            (made ??= []).Add(next);
            if (next.SameLayout(t))
            {
                state.Stable = true;
                break;
            }

            if (previous is not null && next.SameLayout(previous))
            {
                // period two: the rest depends on the parity of the remaining copies
                var odd = (pending - i - 1) % 2 == 1;
                state.Alternate = odd ? next : t;
                t = odd ? t : next;
                break;
            }

            previous = t;
            t = next;
        }

        if (state.MapVersion != m.Version && (t.Count != m.Count || !m.Keys.All(t.Contains)))
        {
            state.Stable = false;
            state.Alternate = null;
            foreach (var k in m.Keys)
            {
                if (!t.Contains(k))
                {
                    t.Add(k);
                }
            }

            if (t.Count > m.Count)
            {
                foreach (var k in t.Keys())
                {
                    if (!m.ContainsKey(k))
                    {
                        t.Remove(k);
                    }
                }
            }
        }

        state.Table = t;
        state.Epoch = epoch;
        state.MapVersion = m.Version;

        // Tables this call made or replaced and no longer holds go back to the array pool (a large paths table is
        // re-laid on every Api event; without reuse each re-lay was a large-object allocation).
        if (made is not null)
        {
            foreach (var k in made)
            {
                ReleaseUnlessHeld(k, state);
            }

            ReleaseUnlessHeld(original, state);
            if (originalAlternate is not null)
            {
                ReleaseUnlessHeld(originalAlternate, state);
            }
        }
    }

    private static void ReleaseUnlessHeld(KeyTable table, DictState state)
    {
        if (!ReferenceEquals(table, state.Table) && !ReferenceEquals(table, state.Alternate))
        {
            table.Release();
        }
    }

    private sealed class DocState
    {
        public int Epoch { get; set; }
    }

    private sealed class DictState
    {
        public KeyTable Table { get; set; } = new();

        /// <summary>True when a rebuild of <see cref="Table"/> is known to give the same layout.</summary>
        public bool Stable { get; set; }

        /// <summary>The other layout when rebuilds alternate between two.</summary>
        public KeyTable? Alternate { get; set; }

        public int Epoch { get; set; }

        /// <summary><see cref="MapNode.Version"/> when the table was last brought up to date with the map's keys.</summary>
        public int MapVersion { get; set; }
    }

    /// <summary>Python 2.7's string hash (third_party/py27hash), as an unsigned 64-bit value.</summary>
    public static ulong Hash(string value)
    {
        if (value.Length == 0)
        {
            return 0;
        }

        ulong x = 0;
        ulong count = 0;
        var first = true;
        for (var i = 0; i < value.Length; i++)
        {
            ulong c = value[i];
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                c = (ulong)char.ConvertToUtf32(value[i], value[i + 1]);
                i++;
            }

            if (first)
            {
                x = c << 7;
                first = false;
            }

            x = unchecked((1000003UL * x) ^ c);
            count++;
        }

        x ^= count;
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
        private static readonly string Dummy = new(['<', 'd', 'u', 'm', 'm', 'y', '>']);

        // CPython 2.7 keeps each entry's hash beside its key, so resizes and copies never hash a key again.
        private string?[] _slots = new string?[MinSize];
        private ulong[] _hashes = new ulong[MinSize];
        // The key set for Contains; a rebuilt table has the same keys, so it shares the set until one of them changes.
        private HashSet<string> _present;
        private bool _sharedPresent;
        private int _size;
        private int _fill;
        private ulong _mask = MinSize - 1;

        public KeyTable()
            : this(0)
        {
        }

        private KeyTable(int capacity) => _present = new HashSet<string>(capacity, StringComparer.Ordinal);

        // Slot and hash arrays by size, for reuse: tables re-laid by a copy (Rebuild) grow through every size up to
        // their own, and a table that is dropped returns its arrays. Per thread, so translations on other threads
        // never share an array.
        [ThreadStatic]
        private static Dictionary<int, Stack<(string?[] Slots, ulong[] Hashes)>>? pool;

        private static (string?[] Slots, ulong[] Hashes) Rent(int size)
        {
            if (pool is not null && pool.TryGetValue(size, out var stack) && stack.TryPop(out var arrays))
            {
                return arrays;
            }

            return (new string?[size], new ulong[size]);
        }

        private static void Return(string?[] slots, ulong[] hashes)
        {
            if (slots.Length <= MinSize)
            {
                return;
            }

            Array.Clear(slots);
            pool ??= [];
            if (!pool.TryGetValue(slots.Length, out var stack))
            {
                pool[slots.Length] = stack = new Stack<(string?[], ulong[])>();
            }

            if (stack.Count < 8)
            {
                stack.Push((slots, hashes));
            }
        }

        /// <summary>Gives the table's arrays back for reuse; the table must not be used afterwards.</summary>
        public void Release()
        {
            var (slots, hashes) = (_slots, _hashes);
            _slots = [];
            _hashes = [];
            _size = _fill = 0;
            Return(slots, hashes);
        }

        private KeyTable(HashSet<string> shared)
        {
            _present = shared;
            _sharedPresent = true;
        }

        public void Add(string key)
        {
            if (!_present.Contains(key))
            {
                OwnPresent().Add(key);
            }

            Place(key, Hash(key));
        }

        // Puts a key into the slots; the caller keeps the key set up to date.
        private void Place(string key, ulong hash)
        {
            var start = _size;
            var i = Index(key, hash);
            var at = _slots[i];
            if (at is null)
            {
                _size++;
                _fill++;
            }
            else if (ReferenceEquals(at, Dummy))
            {
                _size++;
            }

            _slots[i] = key;
            _hashes[i] = hash;
            if (_size > start && (ulong)_fill * 3 >= (_mask + 1) * 2)
            {
                Resize(_size * (_size > 50000 ? 2 : 4));
            }
        }

        // Puts a key known to be absent into a table without dummies (a copy or a resize being filled): the first
        // empty slot of its probe sequence, with no key comparisons.
        private void PlaceNew(string key, ulong hash)
        {
            var i = hash & _mask;
            var walker = i;
            var perturb = hash;
            while (_slots[i] is not null)
            {
                walker = unchecked((walker << 2) + walker + perturb + 1);
                i = walker & _mask;
                perturb >>= PerturbShift;
            }

            _slots[i] = key;
            _hashes[i] = hash;
            _size++;
            _fill++;
            if ((ulong)_fill * 3 >= (_mask + 1) * 2)
            {
                Resize(_size * (_size > 50000 ? 2 : 4));
            }
        }

        public List<string> Keys()
        {
            var list = new List<string>(_size);
            foreach (var s in _slots)
            {
                if (s is not null && !ReferenceEquals(s, Dummy))
                {
                    list.Add(s);
                }
            }

            return list;
        }

        public int Count => _size;

        public bool Contains(string key) => _present.Contains(key);

        public void Remove(string key)
        {
            var i = Index(key, Hash(key));
            var at = _slots[i];
            if (at is not null && !ReferenceEquals(at, Dummy) && at == key)
            {
                _slots[i] = Dummy;
                _size--;
                OwnPresent().Remove(key);
            }
        }

        public KeyTable Rebuild()
        {
            _sharedPresent = true;
            var t = new KeyTable(_present);
            for (var i = 0; i < _slots.Length; i++)
            {
                var s = _slots[i];
                if (s is not null && !ReferenceEquals(s, Dummy))
                {
                    t.PlaceNew(s, _hashes[i]);
                }
            }

            return t;
        }

        public bool SameLayout(KeyTable other)
        {
            if (_mask != other._mask)
            {
                return false;
            }

            for (var i = 0; i < _slots.Length; i++)
            {
                var a = _slots[i];
                var b = other._slots[i];
                if (!(a is null ? b is null : b is not null && (ReferenceEquals(a, Dummy) ? ReferenceEquals(b, Dummy) : !ReferenceEquals(b, Dummy) && a == b)))
                {
                    return false;
                }
            }

            return true;
        }

        private void Resize(int request)
        {
            ulong newSize = MinSize;
            while (newSize <= (ulong)request)
            {
                newSize <<= 1;
            }

            var oldSlots = _slots;
            var oldHashes = _hashes;
            _mask = newSize - 1;
            (_slots, _hashes) = Rent((int)newSize);
            _fill = _size = 0;
            for (var i = 0; i < oldSlots.Length; i++)
            {
                var k = oldSlots[i];
                if (k is not null && !ReferenceEquals(k, Dummy))
                {
                    PlaceNew(k, oldHashes[i]);
                }
            }

            Return(oldSlots, oldHashes);
        }

        private HashSet<string> OwnPresent()
        {
            if (_sharedPresent)
            {
                _present = new HashSet<string>(_present, StringComparer.Ordinal);
                _sharedPresent = false;
            }

            return _present;
        }

        private static bool Eq(string? at, string key) => at is not null && !ReferenceEquals(at, Dummy) && at == key;

        private ulong Index(string key, ulong h)
        {
            var i = h & _mask;
            var at = _slots[i];
            if (at is null || Eq(at, key))
            {
                return i;
            }

            ulong? freeslot = ReferenceEquals(at, Dummy) ? i : null;
            var walker = i;
            var perturb = h;
            while (_slots[i] is { } cur && !Eq(cur, key))
            {
                walker = unchecked((walker << 2) + walker + perturb + 1);
                i = walker & _mask;
                at = _slots[i];
                if (at is null)
                {
                    return freeslot ?? i;
                }

                if (Eq(at, key))
                {
                    return i;
                }

                if (freeslot is null && ReferenceEquals(at, Dummy))
                {
                    freeslot = i;
                }

                perturb >>= PerturbShift;
            }

            return i;
        }
    }

}
