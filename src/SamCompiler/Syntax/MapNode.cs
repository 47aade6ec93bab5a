using System.Collections;
using SamCompiler.Text;

namespace SamCompiler.Syntax;

/// <summary>
/// A mapping with string keys, in insertion order (Python dict semantics: setting an existing key keeps its place).
/// Keys keep their own spans.
/// </summary>
/// <remarks>
/// Entries live in one array; maps larger than a few keys get a key index, built on the first lookup that needs it
/// (so copies that are only written or enumerated never pay for one). Remove leaves a hole (an entry with a null
/// key) that is squeezed out later, so removing from a large map costs O(1) amortized. Enumerating while the map
/// changes throws, as a <see cref="List{T}"/> does.
/// </remarks>
public sealed class MapNode : Node, IEnumerable<KeyValuePair<string, Node>>
{
    private const int IndexThreshold = 8;
    private Entry[] _entries;
    private int _used;
    private int _count;
    private int _version;
    private int _layout;
    private Dictionary<string, int>? _index;

    /// <summary>An empty mapping.</summary>
    public MapNode() => _entries = [];

    private MapNode(int capacity) => _entries = capacity == 0 ? [] : new Entry[capacity];

    /// <summary>Number of keys.</summary>
    public int Count => _count;

    /// <summary>The keys in order.</summary>
    public KeyCollection Keys => new(this);

    /// <summary>The values in order.</summary>
    public ValueCollection Values => new(this);

    /// <summary>The value of <paramref name="key"/>, or null when absent; setting adds or replaces in place.</summary>
    public Node? this[string key]
    {
        get => TryGetValue(key, out var v) ? v : null;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Set(key, value, SourceSpan.None);
        }
    }

    /// <summary>Changes with every Set and Remove (lets callers skip re-reading a map that has not changed).</summary>
    internal int Version => _version;

    /// <summary>The key at position <paramref name="index"/>.</summary>
    public string KeyAt(int index) => EntryAt(index).Key;

    /// <summary>The value at position <paramref name="index"/>.</summary>
    public Node ValueAt(int index) => EntryAt(index).Value;

    /// <summary>Adds or replaces <paramref name="key"/>, recording the span of the key text.</summary>
    public void Set(string key, Node value, SourceSpan keySpan)
    {
        _version++;
        var i = IndexOf(key);
        if (i >= 0)
        {
            ref var e = ref _entries[i];
            e = new Entry(key, value, keySpan.IsKnown ? keySpan : e.KeySpan);
            return;
        }

        Append(key, value, keySpan);
        _index?.Add(key, _used - 1);
    }

    /// <summary>Adds a key (same as the indexer's setter), so collection initializers work.</summary>
    public void Add(string key, Node value) => Set(key, value, SourceSpan.None);

    /// <summary>True when <paramref name="key"/> is present.</summary>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <summary>Looks a key up.</summary>
    public bool TryGetValue(string key, out Node value)
    {
        var i = IndexOf(key);
        if (i >= 0)
        {
            value = _entries[i].Value;
            return true;
        }

        value = null!;
        return false;
    }

    /// <summary>The span of the key text, or the map's span when unknown.</summary>
    public SourceSpan KeySpan(string key)
    {
        var i = IndexOf(key);
        return i >= 0 && _entries[i].KeySpan.IsKnown ? _entries[i].KeySpan : Span;
    }

    /// <summary>Removes a key; returns whether it was there.</summary>
    public bool Remove(string key)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            return false;
        }

        _version++;
        _count--;
        _entries[i] = default;
        _index?.Remove(key);
        if (i == _used - 1)
        {
            _used--;
        }
        else if (_used - _count > IndexThreshold && _used - _count > _count)
        {
            Compact();
        }

        return true;
    }

    /// <summary>Removes a key and returns its value, or null (Python's dict.pop(key, None)).</summary>
    public Node? Pop(string key)
    {
        var v = this[key];
        if (v is not null)
        {
            Remove(key);
        }

        return v;
    }

    /// <summary>A shallow copy: same value nodes, new key list.</summary>
    public MapNode ShallowCopy()
    {
        var m = new MapNode(_count) { Span = Span };
        if (_used == _count)
        {
            Array.Copy(_entries, m._entries, _count);
        }
        else
        {
            var n = 0;
            for (var i = 0; i < _used; i++)
            {
                if (_entries[i].Key is not null)
                {
                    m._entries[n++] = _entries[i];
                }
            }
        }

        m._used = m._count = _count;
        return m;
    }

    /// <inheritdoc />
    public override Node Clone()
    {
        var m = new MapNode(_count) { Span = Span };
        var source = _entries;
        var target = m._entries;
        var n = 0;
        for (var i = 0; i < _used; i++)
        {
            ref readonly var e = ref source[i];
            if (e.Key is not null)
            {
                target[n++] = new Entry(e.Key, e.Value.Clone(), e.KeySpan);
            }
        }

        m._used = m._count = _count;
        return m;
    }

    /// <summary>An enumerator over the entries, in order.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<string, Node>> IEnumerable<KeyValuePair<string, Node>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ref readonly Entry EntryAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
        if (_used != _count)
        {
            Compact();
        }

        return ref _entries[index];
    }

    private void Append(string key, Node value, SourceSpan keySpan)
    {
        if (_used == _entries.Length)
        {
            if (_used != _count)
            {
                Compact();
            }
            else
            {
                Array.Resize(ref _entries, _used == 0 ? 4 : _used * 2);
            }
        }

        _entries[_used++] = new Entry(key, value, keySpan);
        _count++;
    }

    /// <summary>Squeezes out the holes Remove left; positions change, so the index is rebuilt when next needed.</summary>
    private void Compact()
    {
        var n = 0;
        for (var i = 0; i < _used; i++)
        {
            if (_entries[i].Key is not null)
            {
                _entries[n++] = _entries[i];
            }
        }

        Array.Clear(_entries, n, _used - n);
        _used = n;
        _index = null;
        _layout++;
    }

    private int IndexOf(string key)
    {
        if (_index is null)
        {
            if (_used <= IndexThreshold)
            {
                var entries = _entries;
                for (var i = 0; i < _used; i++)
                {
                    if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
                    {
                        return i;
                    }
                }

                return -1;
            }

            BuildIndex();
        }

        return _index!.TryGetValue(key, out var found) ? found : -1;
    }

    private void BuildIndex()
    {
        var index = new Dictionary<string, int>(_count, StringComparer.Ordinal);
        for (var i = 0; i < _used; i++)
        {
            if (_entries[i].Key is { } key)
            {
                index[key] = i;
            }
        }

        _index = index;
    }

    private readonly record struct Entry(string Key, Node Value, SourceSpan KeySpan);

    /// <summary>Enumerates the entries of a <see cref="MapNode"/> without allocating.</summary>
    public struct Enumerator : IEnumerator<KeyValuePair<string, Node>>
    {
        private readonly MapNode _map;
        private readonly int _version;
        private int _layout;
        private int _slot;
        private int _position;

        internal Enumerator(MapNode map)
        {
            _map = map;
            _version = map._version;
            _layout = map._layout;
            _slot = -1;
            _position = 0;
        }

        /// <inheritdoc />
        public readonly KeyValuePair<string, Node> Current
        {
            get
            {
                // a read (KeyAt) may have squeezed the holes out since: the current entry is then at _position - 1
                ref readonly var e = ref _map._entries[_layout == _map._layout ? _slot : _position - 1];
                return new KeyValuePair<string, Node>(e.Key, e.Value);
            }
        }

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc />
        public bool MoveNext()
        {
            if (_version != _map._version)
            {
                throw new InvalidOperationException("Collection was modified; enumeration operation may not execute.");
            }

            if (_layout != _map._layout)
            {
                _layout = _map._layout;
                _slot = _position - 1;
            }

            var entries = _map._entries;
            while (++_slot < _map._used)
            {
                if (entries[_slot].Key is not null)
                {
                    _position++;
                    return true;
                }
            }

            _slot = _map._used;
            return false;
        }

        /// <inheritdoc />
        public void Reset()
        {
            _layout = _map._layout;
            _slot = -1;
            _position = 0;
        }

        /// <inheritdoc />
        public readonly void Dispose()
        {
        }
    }

    /// <summary>The keys of a <see cref="MapNode"/>, in order (a live view).</summary>
    public readonly struct KeyCollection : IReadOnlyList<string>
    {
        private readonly MapNode _map;

        internal KeyCollection(MapNode map) => _map = map;

        /// <inheritdoc />
        public int Count => _map._count;

        /// <inheritdoc />
        public string this[int index] => _map.KeyAt(index);

        /// <summary>An enumerator over the keys.</summary>
        public KeyEnumerator GetEnumerator() => new(_map);

        IEnumerator<string> IEnumerable<string>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>The values of a <see cref="MapNode"/>, in order (a live view).</summary>
    public readonly struct ValueCollection : IReadOnlyList<Node>
    {
        private readonly MapNode _map;

        internal ValueCollection(MapNode map) => _map = map;

        /// <inheritdoc />
        public int Count => _map._count;

        /// <inheritdoc />
        public Node this[int index] => _map.ValueAt(index);

        /// <summary>An enumerator over the values.</summary>
        public ValueEnumerator GetEnumerator() => new(_map);

        IEnumerator<Node> IEnumerable<Node>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Enumerates the keys of a <see cref="MapNode"/>.</summary>
    public struct KeyEnumerator : IEnumerator<string>
    {
        private Enumerator _inner;

        internal KeyEnumerator(MapNode map) => _inner = new Enumerator(map);

        /// <inheritdoc />
        public readonly string Current => _inner.Current.Key;

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc />
        public bool MoveNext() => _inner.MoveNext();

        /// <inheritdoc />
        public void Reset() => _inner.Reset();

        /// <inheritdoc />
        public readonly void Dispose()
        {
        }
    }

    /// <summary>Enumerates the values of a <see cref="MapNode"/>.</summary>
    public struct ValueEnumerator : IEnumerator<Node>
    {
        private Enumerator _inner;

        internal ValueEnumerator(MapNode map) => _inner = new Enumerator(map);

        /// <inheritdoc />
        public readonly Node Current => _inner.Current.Value;

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc />
        public bool MoveNext() => _inner.MoveNext();

        /// <inheritdoc />
        public void Reset() => _inner.Reset();

        /// <inheritdoc />
        public readonly void Dispose()
        {
        }
    }
}
