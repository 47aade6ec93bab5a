using System.Globalization;
using System.Text.Json.Nodes;

namespace SamCompiler.StepFunctions.Jsonata;

/// <summary>JSON null inside JSONata values (a C# null is JSONata's "undefined").</summary>
internal sealed class JNull
{
    public static readonly JNull Value = new();

    private JNull()
    {
    }
}

/// <summary>An array or a sequence of results (path steps flatten sequences; constructed arrays keep their shape).</summary>
internal sealed class JArray : List<object?>
{
    public JArray()
    {
    }

    public JArray(IEnumerable<object?> items)
        : base(items)
    {
    }

    /// <summary>True for a sequence built by path navigation (a single item unwraps to the item).</summary>
    public bool IsSequence { get; init; }

    /// <summary>True when the sequence must stay an array even with one item (the <c>[]</c> path suffix).</summary>
    public bool KeepSingleton { get; set; }

    /// <summary>True for an array written with <c>[...]</c> (not flattened into the enclosing path's results).</summary>
    public bool Constructed { get; set; }
}

/// <summary>An object with its keys in insertion order.</summary>
internal sealed class JObject : List<KeyValuePair<string, object?>>
{
    public bool TryGet(string key, out object? value)
    {
        foreach (var (k, v) in this)
        {
            if (k == key)
            {
                value = v;
                return true;
            }
        }

        value = null;
        return false;
    }

    public void Set(string key, object? value)
    {
        for (var i = 0; i < Count; i++)
        {
            if (this[i].Key == key)
            {
                this[i] = new(key, value);
                return;
            }
        }

        Add(new(key, value));
    }
}

/// <summary>A function value: a lambda or a built-in.</summary>
internal abstract class JFunction
{
    public abstract int Arity { get; }

    public abstract object? Invoke(JsonataEvaluator evaluator, IReadOnlyList<object?> args, object? context);
}

/// <summary>Conversions between JSONata values and <see cref="JsonNode"/>, and the type rules JSONata uses.</summary>
internal static class JValue
{
    public static object? FromNode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return JNull.Value;
            case JsonObject o:
                var obj = new JObject();
                foreach (var (k, v) in o)
                {
                    obj.Add(new(k, FromNode(v)));
                }

                return obj;
            case JsonArray a:
                var arr = new JArray();
                foreach (var v in a)
                {
                    arr.Add(FromNode(v));
                }

                return arr;
            default:
                return AslJson.Kind(node) switch
                {
                    System.Text.Json.JsonValueKind.String => AslJson.AsString(node),
                    System.Text.Json.JsonValueKind.Number => AslJson.ToDouble(node),
                    System.Text.Json.JsonValueKind.True => true,
                    System.Text.Json.JsonValueKind.False => false,
                    _ => JNull.Value,
                };
        }
    }

    /// <summary>The JSON form; undefined inside arrays is dropped, inside objects the key is left out.</summary>
    public static JsonNode? ToNode(object? value)
    {
        switch (value)
        {
            case null:
            case JNull:
                return null;
            case string s:
                return AslJson.String(s);
            case double d:
                return AslJson.Number(d);
            case bool b:
                return AslJson.Bool(b);
            case JArray a:
                if (a.IsSequence && a.Count == 1 && !a.KeepSingleton)
                {
                    return ToNode(a[0]);
                }

                var arr = new JsonArray();
                foreach (var v in a)
                {
                    if (v is not null)
                    {
                        arr.Add(ToNode(v));
                    }
                }

                return arr;
            case JObject o:
                var obj = new JsonObject();
                foreach (var (k, v) in o)
                {
                    if (v is not null)
                    {
                        obj[k] = ToNode(v);
                    }
                }

                return obj;
            case JFunction:
                return AslJson.String(string.Empty);
            default:
                throw new InvalidOperationException("Unknown JSONata value " + value.GetType().Name);
        }
    }

    /// <summary>JSONata's boolean cast.</summary>
    public static bool Truthy(object? v) => v switch
    {
        null or JNull => false,
        bool b => b,
        string s => s.Length > 0,
        double d => d != 0,
        JArray a => a.Count switch
        {
            0 => false,
            1 => Truthy(a[0]),
            _ => a.Any(Truthy),
        },
        JObject o => o.Count > 0,
        JFunction => false,
        _ => false,
    };

    /// <summary>JSONata's $string(): strings as is, other values as JSON (numbers to 15 significant digits).</summary>
    public static string Stringify(object? v) => v switch
    {
        null => string.Empty,
        string s => s,
        double d => FormatNumber(d),
        _ => AslJson.Write(ToNode(v)),
    };

    public static string FormatNumber(double d)
    {
        if (d == Math.Floor(d) && Math.Abs(d) < 1e21)
        {
            return d.ToString("0", CultureInfo.InvariantCulture);
        }

        var text = d.ToString("G15", CultureInfo.InvariantCulture);
        return text.Contains('E', StringComparison.Ordinal) ? d.ToString("R", CultureInfo.InvariantCulture).Replace("E+", "e+", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal) : text;
    }

    public static string TypeName(object? v) => v switch
    {
        null => "undefined",
        JNull => "null",
        string => "string",
        double => "number",
        bool => "boolean",
        JArray => "array",
        JObject => "object",
        JFunction => "function",
        _ => "unknown",
    };

    /// <summary>Unwraps a singleton sequence.</summary>
    public static object? Unwrap(object? v) => v is JArray { IsSequence: true, KeepSingleton: false } a
        ? a.Count switch
        {
            0 => null,
            1 => a[0],
            _ => a,
        }
        : v;

    public static bool DeepEqual(object? a, object? b)
    {
        a = Unwrap(a);
        b = Unwrap(b);
        switch (a)
        {
            case null:
                return b is null;
            case JNull:
                return b is JNull;
            case string s:
                return b is string t && s == t;
            case double d:
                return b is double e && d == e;
            case bool x:
                return b is bool y && x == y;
            case JArray p:
                if (b is not JArray q || p.Count != q.Count)
                {
                    return false;
                }

                for (var i = 0; i < p.Count; i++)
                {
                    if (!DeepEqual(p[i], q[i]))
                    {
                        return false;
                    }
                }

                return true;
            case JObject o:
                if (b is not JObject r || o.Count != r.Count)
                {
                    return false;
                }

                foreach (var (k, v) in o)
                {
                    if (!r.TryGet(k, out var w) || !DeepEqual(v, w))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return ReferenceEquals(a, b);
        }
    }
}
