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
        ScalarNode { Kind: ScalarKind.Float } f => YamlFloat(f.Text),
        ScalarNode s => s.Text,
        _ => string.Empty,
    };

    /// <summary>A float in a form PyYAML reads back as a float: YAML 1.1 floats need a dot, and spell inf/nan.</summary>
    private static string YamlFloat(string text) => text switch
    {
        "Infinity" => ".inf",
        "-Infinity" => "-.inf",
        "NaN" => ".nan",
        _ when !text.Contains('.', StringComparison.Ordinal) && text.IndexOf('e', StringComparison.Ordinal) is var e and > 0 => text[..e] + ".0" + text[e..],
        _ => text,
    };

    private static string Scalar(string s)
    {
        if (SafePlain().IsMatch(s) && !s.Contains(": ", StringComparison.Ordinal) && !s.EndsWith(':') && YamlScalarResolverProbe.IsPlainString(s))
        {
            return s;
        }

        // Double-quoted, JSON escapes plus \u escapes for what YAML does not allow raw (it reads U+0085, U+2028 and
        // U+2029 as line breaks, and C1 controls and U+FEFF are not printable).
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c is '\u2028' or '\u2029' or '\ufeff')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Asks the loader's resolver whether a plain scalar would read back as this same string.</summary>
    private static class YamlScalarResolverProbe
    {
        public static bool IsPlainString(string s) =>
            YamlScalarResolver.ResolvePlain(s, SourceSpan.None) is { Kind: ScalarKind.String } r && r.Text == s;
    }
}
