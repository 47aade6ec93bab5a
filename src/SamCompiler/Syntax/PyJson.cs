using System.Buffers;
using System.Globalization;
using System.Text;

namespace SamCompiler.Syntax;

/// <summary>
/// Python's json.dumps over a node tree, byte for byte, for the places where the reference hashes JSON text
/// (Version and LayerVersion logical ids, deployment ids) and must be matched exactly.
/// </summary>
public static class PyJson
{
    /// <summary>Characters written as they are with ensure_ascii on: printable ASCII and DEL, but not " and \\.</summary>
    private static readonly SearchValues<char> PlainAscii = SearchValues.Create(PlainAsciiChars());

    /// <summary>Characters escaped with ensure_ascii off: control characters, " and \\.</summary>
    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create(NeedsEscapeChars());

    /// <summary>
    /// <c>json.dumps(value, separators=(",", ":"), sort_keys=sortKeys)</c> with ensure_ascii on (Python's default).
    /// </summary>
    public static string Dumps(Node node, bool sortKeys = true)
    {
        var sb = new StringBuilder();
        Write(sb, node, sortKeys);
        return sb.ToString();
    }

    /// <summary>Python's repr of a float (shortest round-trip digits, Python's switch to exponent form).</summary>
    public static string FloatRepr(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsPositiveInfinity(value))
        {
            return "Infinity";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // "R" gives the shortest round-trip digits; Python's repr picks a different switch to exponent form.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        if (negative)
        {
            shortest = shortest[1..];
        }

        string mantissa;
        var exp = 0;
        var ePos = shortest.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            mantissa = shortest[..ePos];
            exp = int.Parse(shortest[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }
        else
        {
            mantissa = shortest;
        }

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : string.Empty;
        var digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - (intPart + fracPart).TrimStart('0').Length;
        // decimal point position relative to the start of 'digits'
        var decpt = intPart.Length + exp - leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        string body;
        if (decpt > 16 || decpt < -3)
        {
            // d.ddde+XX
            var e = decpt - 1;
            var m = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            body = m + "e" + (e < 0 ? "-" : "+") + Math.Abs(e).ToString("00", CultureInfo.InvariantCulture);
        }
        else if (decpt <= 0)
        {
            body = "0." + new string('0', -decpt) + digits;
        }
        else if (decpt >= digits.Length)
        {
            body = digits + new string('0', decpt - digits.Length) + ".0";
        }
        else
        {
            body = digits[..decpt] + "." + digits[decpt..];
        }

        return negative ? "-" + body : body;
    }

    /// <summary>A JSON string literal as Python writes it with ensure_ascii on.</summary>
    public static void WriteString(StringBuilder sb, string s, bool ensureAscii = true)
    {
        sb.Append('"');
        var rest = s.AsSpan();
        while (true)
        {
            // copy the run that needs no escape in one go
            var stop = ensureAscii ? rest.IndexOfAnyExcept(PlainAscii) : rest.IndexOfAny(NeedsEscape);
            if (stop < 0)
            {
                sb.Append(rest);
                break;
            }

            sb.Append(rest[..stop]);
            AppendEscaped(sb, rest[stop], ensureAscii);
            rest = rest[(stop + 1)..];
        }

        sb.Append('"');
    }

    private static void AppendEscaped(StringBuilder sb, char c, bool ensureAscii)
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
            case '\b':
                sb.Append("\\b");
                break;
            case '\f':
                sb.Append("\\f");
                break;
            default:
                if (c < 0x20 || (ensureAscii && c > 0x7f))
                {
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }
                else
                {
                    sb.Append(c);
                }

                break;
        }
    }

    private static void Write(StringBuilder sb, Node node, bool sortKeys)
    {
        switch (node)
        {
            case ScalarNode s:
                if (s.Kind == ScalarKind.String)
                {
                    WriteString(sb, s.Text);
                }
                else
                {
                    sb.Append(s.Text);
                }

                break;
            case ListNode l:
                sb.Append('[');
                for (var i = 0; i < l.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Write(sb, l[i], sortKeys);
                }

                sb.Append(']');
                break;
            case MapNode m:
                sb.Append('{');
                IEnumerable<KeyValuePair<string, Node>> entries = m;
                if (sortKeys)
                {
                    entries = m.OrderBy(e => e.Key, StringComparer.Ordinal);
                }

                var first = true;
                foreach (var (k, v) in entries)
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    WriteString(sb, k);
                    sb.Append(':');
                    Write(sb, v, sortKeys);
                }

                sb.Append('}');
                break;
        }
    }

    private static string PlainAsciiChars()
    {
        var sb = new StringBuilder();
        for (var c = (char)0x20; c <= (char)0x7f; c++)
        {
            if (c is not ('"' or '\\'))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string NeedsEscapeChars()
    {
        var sb = new StringBuilder("\"\\");
        for (var c = (char)0; c < (char)0x20; c++)
        {
            sb.Append(c);
        }

        return sb.ToString();
    }
}
