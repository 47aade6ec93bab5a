using System.Text;
using SamCompiler.Syntax;

namespace SamCompiler.Emit.CloudFormation;

/// <summary>Writes a node tree as JSON: 2-space indent, keys in document order, "\n" line ends and a final newline.</summary>
public static class CfnJsonWriter
{
    /// <summary>The JSON text of <paramref name="root"/>.</summary>
    public static string Write(Node root)
    {
        var sb = new StringBuilder(4096);
        WriteNode(sb, root, 0);
        sb.Append('\n');
        return sb.ToString();
    }

    private static void WriteNode(StringBuilder sb, Node node, int indent)
    {
        switch (node)
        {
            case ScalarNode s:
                if (s.Kind == ScalarKind.String)
                {
                    PyJson.WriteString(sb, s.Text, ensureAscii: false);
                }
                else
                {
                    sb.Append(s.Text);
                }

                break;
            case ListNode l when l.Count == 0:
                sb.Append("[]");
                break;
            case ListNode l:
                sb.Append("[\n");
                for (var i = 0; i < l.Count; i++)
                {
                    sb.Append(' ', (indent + 1) * 2);
                    WriteNode(sb, l[i], indent + 1);
                    sb.Append(i + 1 < l.Count ? ",\n" : "\n");
                }

                sb.Append(' ', indent * 2).Append(']');
                break;
            case MapNode m when m.Count == 0:
                sb.Append("{}");
                break;
            case MapNode m:
                sb.Append("{\n");
                var n = 0;
                foreach (var (k, v) in m)
                {
                    sb.Append(' ', (indent + 1) * 2);
                    PyJson.WriteString(sb, k, ensureAscii: false);
                    sb.Append(": ");
                    WriteNode(sb, v, indent + 1);
                    sb.Append(++n < m.Count ? ",\n" : "\n");
                }

                sb.Append(' ', indent * 2).Append('}');
                break;
        }
    }
}
