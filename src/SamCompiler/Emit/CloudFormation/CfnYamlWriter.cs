using System.Text;
using System.Text.RegularExpressions;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Emit.CloudFormation;

/// <summary>
/// Writes a node tree as block-style YAML. Intrinsics stay in their long form (<c>Fn::Sub</c>), which every
/// CloudFormation YAML reader accepts. A string is written plain only when reading it back gives the same string.
/// </summary>
public static partial class CfnYamlWriter
{
    [GeneratedRegex(@"^[A-Za-z_/][A-Za-z0-9_./:\-]*( [A-Za-z0-9_./:\-()]+)*$")]
    private static partial Regex SafePlain();

    /// <summary>The YAML text of <paramref name="root"/>.</summary>
    public static string Write(Node root)
    {
        var sb = new StringBuilder(4096);
        WriteBlock(sb, root, 0);
        return sb.ToString();
    }

    private static void WriteBlock(StringBuilder sb, Node node, int indent)
    {
        switch (node)
        {
            case MapNode m when m.Count > 0:
                foreach (var (k, v) in m)
                {
                    sb.Append(' ', indent);
                    sb.Append(Scalar(k)).Append(':');
                    WriteValue(sb, v, indent);
                }

                break;
            case ListNode l when l.Count > 0:
                foreach (var item in l)
                {
                    sb.Append(' ', indent).Append('-');
                    if (item is MapNode { Count: > 0 } im)
                    {
                        // First key on the dash line, the rest aligned under it.
                        var first = true;
                        foreach (var (k, v) in im)
                        {
                            if (first)
                            {
                                sb.Append(' ');
                                first = false;
                            }
                            else
                            {
                                sb.Append(' ', indent + 2);
                            }

                            sb.Append(Scalar(k)).Append(':');
                            WriteValue(sb, v, indent + 2);
                        }
                    }
                    else
                    {
                        WriteValue(sb, item, indent);
                    }
                }

                break;
            default:
                sb.Append(Inline(node)).Append('\n');
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, Node v, int indent)
    {
        if (v is MapNode { Count: > 0 } or ListNode { Count: > 0 })
        {
            sb.Append('\n');
            WriteBlock(sb, v, indent + 2);
        }
        else
        {
            sb.Append(' ').Append(Inline(v)).Append('\n');
        }
    }

    private static string Inline(Node node) => node switch
    {
        MapNode => "{}",
        ListNode => "[]",
        ScalarNode { Kind: ScalarKind.String } s => Scalar(s.Text),
        ScalarNode s => s.Text,
        _ => string.Empty,
    };

    private static string Scalar(string s)
    {
        if (SafePlain().IsMatch(s) && YamlScalarResolverProbe.IsPlainString(s))
        {
            return s;
        }

        var sb = new StringBuilder();
        PyJson.WriteString(sb, s, ensureAscii: false);
        return sb.ToString();
    }

    /// <summary>Asks the loader's resolver whether a plain scalar would read back as this same string.</summary>
    private static class YamlScalarResolverProbe
    {
        public static bool IsPlainString(string s) =>
            YamlScalarResolver.ResolvePlain(s, SourceSpan.None) is { Kind: ScalarKind.String } r && r.Text == s;
    }
}
