using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using SamCompiler.Text;

namespace SamCompiler.Syntax;

/// <summary>
/// Types plain scalars the way PyYAML's SafeLoader does (YAML 1.1: yes/no/on/off booleans, octal and sexagesimal
/// integers, floats that need a dot, dates), followed by the JSON round trip the reference applies to its input
/// (dates become their ISO text). Matching this is what makes samc's output equal the reference's.
/// </summary>
internal static partial class YamlScalarResolver
{
    [GeneratedRegex("^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")]
    private static partial Regex BoolRegex();

    [GeneratedRegex(@"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")]
    private static partial Regex FloatRegex();

    [GeneratedRegex(@"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$")]
    private static partial Regex IntRegex();

    [GeneratedRegex("^(?:~|null|Null|NULL|)$")]
    private static partial Regex NullRegex();

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<m>[0-9]{1,2})-(?<d>[0-9]{1,2})(?:(?:[Tt]|[ \t]+)(?<H>[0-9]{1,2}):(?<M>[0-9]{2}):(?<S>[0-9]{2})(?:\.(?<f>[0-9]*))?(?:[ \t]*(?<tz>Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$")]
    private static partial Regex TimestampRegex();

    /// <summary>Types a plain (unquoted, untagged) scalar.</summary>
    public static ScalarNode ResolvePlain(string value, SourceSpan span)
    {
        if (value.Length == 0 || NullRegex().IsMatch(value))
        {
            return ScalarNode.Null(span);
        }

        var first = value[0];
        if ("yYnNtTfFoO".Contains(first, StringComparison.Ordinal) && BoolRegex().IsMatch(value))
        {
            return ScalarNode.Boolean(value[0] is 'y' or 'Y' or 't' or 'T' || value is "on" or "On" or "ON", span);
        }

        if ("-+0123456789.".Contains(first, StringComparison.Ordinal))
        {
            if (FloatRegex().IsMatch(value))
            {
                var f = ConstructFloat(value);
                if (f is not null)
                {
                    return ScalarNode.Float(f.Value, span);
                }
            }

            if (IntRegex().IsMatch(value))
            {
                return ScalarNode.IntegerText(ConstructInt(value).ToString(CultureInfo.InvariantCulture), span);
            }

            var ts = TimestampRegex().Match(value);
            if (ts.Success)
            {
                return ScalarNode.String(TimestampText(ts), span);
            }
        }

        return ScalarNode.String(value, span);
    }

    /// <summary>Resolves an explicit standard tag (!!str, !!int, ...); null when the tag is not one of them.</summary>
    public static ScalarNode? ResolveTagged(string tag, string value, SourceSpan span)
    {
        switch (tag)
        {
            case "tag:yaml.org,2002:str":
                return ScalarNode.String(value, span);
            case "tag:yaml.org,2002:int":
                return IntRegex().IsMatch(value) ? ScalarNode.IntegerText(ConstructInt(value).ToString(CultureInfo.InvariantCulture), span) : null;
            case "tag:yaml.org,2002:float":
                var f = FloatRegex().IsMatch(value) || IntRegex().IsMatch(value) ? ConstructFloat(value) : null;
                return f is null ? null : ScalarNode.Float(f.Value, span);
            case "tag:yaml.org,2002:bool":
                return BoolRegex().IsMatch(value) ? ResolvePlain(value, span) : null;
            case "tag:yaml.org,2002:null":
                return ScalarNode.Null(span);
            case "tag:yaml.org,2002:timestamp":
                var ts = TimestampRegex().Match(value);
                return ts.Success ? ScalarNode.String(TimestampText(ts), span) : null;
            default:
                return null;
        }
    }

    private static BigInteger ConstructInt(string text)
    {
        var value = text.Replace("_", string.Empty, StringComparison.Ordinal);
        var sign = BigInteger.One;
        if (value.StartsWith('-'))
        {
            sign = BigInteger.MinusOne;
            value = value[1..];
        }
        else if (value.StartsWith('+'))
        {
            value = value[1..];
        }

        if (value == "0")
        {
            return BigInteger.Zero;
        }

        if (value.StartsWith("0b", StringComparison.Ordinal))
        {
            return sign * ParseBase(value[2..], 2);
        }

        if (value.StartsWith("0x", StringComparison.Ordinal))
        {
            return sign * ParseBase(value[2..], 16);
        }

        if (value.StartsWith('0'))
        {
            return sign * ParseBase(value, 8);
        }

        if (value.Contains(':', StringComparison.Ordinal))
        {
            var result = BigInteger.Zero;
            foreach (var part in value.Split(':'))
            {
                result = (result * 60) + BigInteger.Parse(part, CultureInfo.InvariantCulture);
            }

            return sign * result;
        }

        return sign * BigInteger.Parse(value, CultureInfo.InvariantCulture);
    }

    private static BigInteger ParseBase(string digits, int radix)
    {
        var result = BigInteger.Zero;
        foreach (var c in digits)
        {
            result = (result * radix) + Convert.ToInt32(c.ToString(), 16);
        }

        return result;
    }

    private static double? ConstructFloat(string text)
    {
        var value = text.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        var sign = 1.0;
        if (value.StartsWith('-'))
        {
            sign = -1.0;
            value = value[1..];
        }
        else if (value.StartsWith('+'))
        {
            value = value[1..];
        }

        if (value == ".inf")
        {
            return sign * double.PositiveInfinity;
        }

        if (value == ".nan")
        {
            return double.NaN;
        }

        if (value.Contains(':', StringComparison.Ordinal))
        {
            var result = 0.0;
            foreach (var part in value.Split(':'))
            {
                result = (result * 60) + double.Parse(part, NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            return sign * result;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? sign * d : null;
    }

    /// <summary>Python's str() of the date or datetime PyYAML builds (what json.dumps(default=str) writes).</summary>
    private static string TimestampText(Match m)
    {
        var y = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        var mo = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        var d = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        var date = string.Create(CultureInfo.InvariantCulture, $"{y:0000}-{mo:00}-{d:00}");
        if (!m.Groups["H"].Success)
        {
            return date;
        }

        var h = int.Parse(m.Groups["H"].Value, CultureInfo.InvariantCulture);
        var time = string.Create(CultureInfo.InvariantCulture, $"{date} {h:00}:{m.Groups["M"].Value}:{m.Groups["S"].Value}");
        var frac = m.Groups["f"].Value;
        if (frac.Length > 0)
        {
            var micro = (frac + "000000")[..6];
            if (micro != "000000")
            {
                time += "." + micro;
            }
        }

        var tz = m.Groups["tz"].Value;
        if (tz.Length > 0)
        {
            if (tz == "Z")
            {
                time += "+00:00";
            }
            else
            {
                var parts = tz[1..].Split(':');
                var th = int.Parse(parts[0], CultureInfo.InvariantCulture);
                var tm = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
                time += string.Create(CultureInfo.InvariantCulture, $"{tz[0]}{th:00}:{tm:00}");
            }
        }

        return time;
    }
}
