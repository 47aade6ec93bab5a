using System.Globalization;
using SamCompiler.Text;

namespace SamCompiler.Syntax;

/// <summary>
/// A node of a template document: a mapping, a sequence or a typed scalar, with the span of the text it came from.
/// The same tree is the input (read from YAML or JSON) and the output (the CloudFormation document), so spans
/// survive the transform. Nodes are mutable while a transform builds its output; a transform copies what it takes.
/// </summary>
public abstract class Node
{
    /// <summary>Where the node's text is; <see cref="SourceSpan.None"/> for generated nodes.</summary>
    public SourceSpan Span { get; set; } = SourceSpan.None;

    /// <summary>A deep copy; spans are kept.</summary>
    public abstract Node Clone();

    /// <summary>A string scalar.</summary>
    public static implicit operator Node(string value) => ScalarNode.String(value);

    /// <summary>An integer scalar.</summary>
    public static implicit operator Node(long value) => ScalarNode.Integer(value);

    /// <summary>A boolean scalar.</summary>
    public static implicit operator Node(bool value) => ScalarNode.Boolean(value);

    /// <summary>True for a scalar null.</summary>
    public bool IsNull => this is ScalarNode { Kind: ScalarKind.Null };

    /// <summary>
    /// True when this is a one-key mapping whose key is an intrinsic function name (Ref, Condition or Fn::*), as
    /// samtranslator's is_intrinsic tests it.
    /// </summary>
    public bool IsIntrinsic => this is MapNode { Count: 1 } m && IsIntrinsicName(m.KeyAt(0));

    /// <summary>True for Ref, Condition and Fn:: names.</summary>
    public static bool IsIntrinsicName(string key) =>
        key == "Ref" || key == "Condition" || key.StartsWith("Fn::", StringComparison.Ordinal);

    /// <summary>Structural equality (Python's == on the loaded values: 1 == 1.0, true != 1 is not kept).</summary>
    public static bool DeepEquals(Node? a, Node? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        switch (a)
        {
            case ScalarNode sa when b is ScalarNode sb:
                return ScalarNode.ValueEquals(sa, sb);
            case ListNode la when b is ListNode lb:
                if (la.Count != lb.Count)
                {
                    return false;
                }

                for (var i = 0; i < la.Count; i++)
                {
                    if (!DeepEquals(la[i], lb[i]))
                    {
                        return false;
                    }
                }

                return true;
            case MapNode ma when b is MapNode mb:
                if (ma.Count != mb.Count)
                {
                    return false;
                }

                foreach (var (k, v) in ma)
                {
                    if (!mb.TryGetValue(k, out var w) || !DeepEquals(v, w))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }
}

/// <summary>How a scalar was typed (YAML 1.1 rules, as PyYAML's SafeLoader types them).</summary>
public enum ScalarKind
{
    /// <summary>A string.</summary>
    String,

    /// <summary>An integer; <see cref="ScalarNode.Text"/> holds its decimal digits.</summary>
    Integer,

    /// <summary>A float; <see cref="ScalarNode.Text"/> holds Python's repr of it.</summary>
    Float,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>null.</summary>
    Null,
}

/// <summary>A typed scalar. <see cref="Text"/> is the string value, or the canonical JSON text of a number, bool or null.</summary>
public sealed class ScalarNode : Node
{
    private ScalarNode(ScalarKind kind, string text)
    {
        Kind = kind;
        Text = text;
    }

    /// <summary>The type.</summary>
    public ScalarKind Kind { get; }

    /// <summary>The value as text (see the class summary).</summary>
    public string Text { get; }

    /// <summary>A string scalar.</summary>
    public static ScalarNode String(string value, SourceSpan span = default) => new(ScalarKind.String, value) { Span = Or(span) };

    /// <summary>An integer scalar.</summary>
    public static ScalarNode Integer(long value, SourceSpan span = default) =>
        new(ScalarKind.Integer, value.ToString(CultureInfo.InvariantCulture)) { Span = Or(span) };

    /// <summary>An integer scalar from its decimal digits (any size).</summary>
    public static ScalarNode IntegerText(string digits, SourceSpan span = default) => new(ScalarKind.Integer, digits) { Span = Or(span) };

    /// <summary>A float scalar from Python's repr of it.</summary>
    public static ScalarNode FloatText(string repr, SourceSpan span = default) => new(ScalarKind.Float, repr) { Span = Or(span) };

    /// <summary>A float scalar.</summary>
    public static ScalarNode Float(double value, SourceSpan span = default) => FloatText(PyJson.FloatRepr(value), span);

    /// <summary>A boolean scalar.</summary>
    public static ScalarNode Boolean(bool value, SourceSpan span = default) => new(ScalarKind.Boolean, value ? "true" : "false") { Span = Or(span) };

    /// <summary>A null scalar.</summary>
    public static ScalarNode Null(SourceSpan span = default) => new(ScalarKind.Null, "null") { Span = Or(span) };

    /// <summary>True for a boolean true.</summary>
    public bool IsTrue => Kind == ScalarKind.Boolean && Text == "true";

    /// <summary>True for integers and floats.</summary>
    public bool IsNumber => Kind is ScalarKind.Integer or ScalarKind.Float;

    /// <summary>The numeric value of a number scalar.</summary>
    public double NumberValue => double.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The value as Python's str() would print it (used where the reference formats a value into a string).</summary>
    public string PythonStr => Kind switch
    {
        ScalarKind.Boolean => IsTrue ? "True" : "False",
        ScalarKind.Null => "None",
        _ => Text,
    };

    /// <inheritdoc />
    public override Node Clone() => new ScalarNode(Kind, Text) { Span = Span };

    /// <summary>Python equality of two scalars: numbers by value (bool is not a number here).</summary>
    public static bool ValueEquals(ScalarNode a, ScalarNode b)
    {
        if (a.IsNumber && b.IsNumber)
        {
            return a.Kind == b.Kind ? a.Text == b.Text : a.NumberValue.Equals(b.NumberValue);
        }

        return a.Kind == b.Kind && a.Text == b.Text;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static SourceSpan Or(SourceSpan span) => span.Path is null ? SourceSpan.None : span;
}

/// <summary>Null-safe accessors, so lookups chain: <c>map["Type"].AsString()</c>.</summary>
public static class NodeExtensions
{
    /// <summary>The string value when this is a string scalar, else null.</summary>
    public static string? AsString(this Node? node) => node is ScalarNode { Kind: ScalarKind.String } s ? s.Text : null;

    /// <summary>The mapping, or null.</summary>
    public static MapNode? AsMap(this Node? node) => node as MapNode;

    /// <summary>The sequence, or null.</summary>
    public static ListNode? AsList(this Node? node) => node as ListNode;

    /// <summary>A value of a mapping, or null when this is not a mapping or has no such key.</summary>
    public static Node? Get(this Node? node, string key) => node is MapNode m ? m[key] : null;
}
