using System.Text;

namespace SamCompiler.Syntax;

/// <summary>Python's str()/repr() and truthiness of loaded values, for behaviour and messages like the reference's.</summary>
public static class PyRepr
{
    /// <summary>repr() of a value: strings quoted with single quotes, dicts and lists in Python syntax.</summary>
    public static string Of(Node node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    /// <summary>str() of a value: a string as is, anything else as repr.</summary>
    public static string Str(Node node) => node.AsString() ?? Of(node);

    /// <summary>Python truthiness of a loaded value: None, "", 0, false, {} and [] are false.</summary>
    public static bool Truthy(Node? node) => node switch
    {
        null => false,
        ScalarNode { Kind: ScalarKind.Null } => false,
        ScalarNode { Kind: ScalarKind.String } s => s.Text.Length > 0,
        ScalarNode { Kind: ScalarKind.Boolean } b => b.IsTrue,
        ScalarNode { Kind: ScalarKind.Integer } i => i.Text.TrimStart('-').TrimStart('0').Length > 0,
        ScalarNode { Kind: ScalarKind.Float } f => f.NumberValue != 0,
        MapNode m => m.Count > 0,
        ListNode l => l.Count > 0,
        _ => true,
    };

    /// <summary>Python's name of the value's type (str, int, dict, list, ...).</summary>
    public static string TypeName(Node node) => node switch
    {
        MapNode => "dict",
        ListNode => "list",
        ScalarNode { Kind: ScalarKind.String } => "str",
        ScalarNode { Kind: ScalarKind.Integer } => "int",
        ScalarNode { Kind: ScalarKind.Float } => "float",
        ScalarNode { Kind: ScalarKind.Boolean } => "bool",
        _ => "NoneType",
    };

    private static void Write(StringBuilder sb, Node node)
    {
        switch (node)
        {
            case ScalarNode { Kind: ScalarKind.String } s:
                sb.Append('\'').Append(s.Text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append('\'');
                break;
            case ScalarNode s:
                sb.Append(s.PythonStr);
                break;
            case ListNode l:
                sb.Append('[');
                for (var i = 0; i < l.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    Write(sb, l[i]);
                }

                sb.Append(']');
                break;
            case MapNode m:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in m)
                {
                    if (!first)
                    {
                        sb.Append(", ");
                    }

                    first = false;
                    sb.Append('\'').Append(k).Append("': ");
                    Write(sb, v);
                }

                sb.Append('}');
                break;
        }
    }
}
