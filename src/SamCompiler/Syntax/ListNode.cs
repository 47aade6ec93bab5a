using System.Collections;

namespace SamCompiler.Syntax;

/// <summary>A sequence.</summary>
public sealed class ListNode : Node, IEnumerable<Node>
{
    private readonly List<Node> _items;

    /// <summary>An empty sequence.</summary>
    public ListNode() => _items = [];

    /// <summary>A sequence of <paramref name="items"/>.</summary>
    public ListNode(IEnumerable<Node> items) => _items = [.. items];

    private ListNode(List<Node> items) => _items = items;

    /// <summary>Number of items.</summary>
    public int Count => _items.Count;

    /// <summary>The item at <paramref name="index"/>.</summary>
    public Node this[int index]
    {
        get => _items[index];
        set => _items[index] = value;
    }

    /// <summary>Appends an item.</summary>
    public void Add(Node item) => _items.Add(item);

    /// <summary>Inserts an item.</summary>
    public void Insert(int index, Node item) => _items.Insert(index, item);

    /// <summary>Removes the item at <paramref name="index"/>.</summary>
    public void RemoveAt(int index) => _items.RemoveAt(index);

    /// <inheritdoc />
    public override Node Clone()
    {
        var items = new List<Node>(_items.Count);
        foreach (var item in _items)
        {
            items.Add(item.Clone());
        }

        return new ListNode(items) { Span = Span };
    }

    /// <summary>An enumerator over the items, in order.</summary>
    public List<Node>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<Node> IEnumerable<Node>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
