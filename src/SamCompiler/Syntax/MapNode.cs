using System.Collections;
using SamCompiler.Text;

namespace SamCompiler.Syntax;

/// <summary>
/// A mapping with string keys, in insertion order (Python dict semantics: setting an existing key keeps its place).
/// Keys keep their own spans.
/// </summary>
public sealed class MapNode : Node, IEnumerable<KeyValuePair<string, Node>>
{
    private const int IndexThreshold = 8;
    private readonly List<Entry> _entries = [];
    private Dictionary<string, int>? _index;

    /// <summary>Number of keys.</summary>
    public int Count => _entries.Count;

    /// <summary>The keys in order.</summary>
    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    /// <summary>The values in order.</summary>
    public IEnumerable<Node> Values => _entries.Select(e => e.Value);

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

    /// <summary>The key at position <paramref name="index"/>.</summary>
    public string KeyAt(int index) => _entries[index].Key;

    /// <summary>The value at position <paramref name="index"/>.</summary>
    public Node ValueAt(int index) => _entries[index].Value;

    /// <summary>Adds or replaces <paramref name="key"/>, recording the span of the key text.</summary>
    public void Set(string key, Node value, SourceSpan keySpan)
    {
        var i = IndexOf(key);
        if (i >= 0)
        {
            var old = _entries[i];
            _entries[i] = new Entry(key, value, keySpan.IsKnown ? keySpan : old.KeySpan);
            return;
        }

        _entries.Add(new Entry(key, value, keySpan));
        _index?.Add(key, _entries.Count - 1);
        if (_index is null && _entries.Count > IndexThreshold)
        {
            BuildIndex();
        }
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

        _entries.RemoveAt(i);
        if (_index is not null)
        {
            BuildIndex();
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
        var m = new MapNode { Span = Span };
        foreach (var e in _entries)
        {
            m.Set(e.Key, e.Value, e.KeySpan);
        }

        return m;
    }

    /// <inheritdoc />
    public override Node Clone()
    {
        var m = new MapNode { Span = Span };
        foreach (var e in _entries)
        {
            m.Set(e.Key, e.Value.Clone(), e.KeySpan);
        }

        return m;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, Node>> GetEnumerator()
    {
        foreach (var e in _entries)
        {
            yield return new KeyValuePair<string, Node>(e.Key, e.Value);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var i) ? i : -1;
        }

        for (var i = 0; i < _entries.Count; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void BuildIndex()
    {
        _index = new Dictionary<string, int>(_entries.Count, StringComparer.Ordinal);
        for (var i = 0; i < _entries.Count; i++)
        {
            _index[_entries[i].Key] = i;
        }
    }

    private readonly record struct Entry(string Key, Node Value, SourceSpan KeySpan);
}
