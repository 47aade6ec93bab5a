using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SamCompiler.StepFunctions.Jsonata;

/// <summary>What JSONata's clock and random functions use (injected: the library reads no clock itself).</summary>
/// <param name="Now">The evaluation time ($now, $millis).</param>
/// <param name="Random">Randomness ($random, $uuid).</param>
internal sealed record JsonataEnvironment(DateTimeOffset Now, Random Random);

/// <summary>
/// The built-in functions samc's JSONata evaluator has: the JSONata library functions workflows use most and the
/// functions Step Functions adds ($partition, $range, $hash, $random with a seed, $uuid, $parse). The list is in
/// docs/stepfunctions.md; calling any other function is an error that names it.
/// </summary>
internal static class JsonataFunctions
{
    private static readonly Dictionary<string, Builtin> All = Build();

    public static IEnumerable<string> Names => All.Keys;

    public static bool TryGet(string name, out JFunction? function)
    {
        var found = All.TryGetValue(name, out var b);
        function = b;
        return found;
    }

    private delegate object? Impl(JsonataEvaluator evaluator, IReadOnlyList<object?> args, object? context);

    private sealed class Builtin(string name, int arity, Impl impl, bool contextDefault = false) : JFunction
    {
        public override int Arity => arity;

        public override object? Invoke(JsonataEvaluator evaluator, IReadOnlyList<object?> args, object? context)
        {
            if (contextDefault && args.Count == 0)
            {
                args = [context];
            }

            try
            {
                return impl(evaluator, args.Select(JValue.Unwrap).ToList(), context);
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new JsonataException("T0410", $"Argument of function ${name} is out of range.");
            }
            catch (InvalidCastException)
            {
                throw new JsonataException("T0410", $"Argument of function ${name} does not match the function signature.");
            }
        }
    }

    private static Dictionary<string, Builtin> Build()
    {
        var d = new Dictionary<string, Builtin>(StringComparer.Ordinal);
        void Add(string name, int arity, Impl impl, bool contextDefault = false) => d[name] = new Builtin(name, arity, impl, contextDefault);

        // Strings.
        Add("string", 1, (_, a, _) => Arg(a, 0) is null ? null : JValue.Stringify(Arg(a, 0)), contextDefault: true);
        Add("length", 1, (_, a, _) => Arg(a, 0) is string s ? (object)(double)new StringInfo(s).LengthInTextElements : Arg(a, 0) is null ? null : throw Sig("length"), contextDefault: true);
        Add("substring", 3, (_, a, _) => Arg(a, 0) is not string s ? null : Substring(s, Num(a, 1, "substring"), a.Count > 2 && a[2] is not null ? Num(a, 2, "substring") : null));
        Add("substringBefore", 2, (_, a, _) => Arg(a, 0) is not string s ? null : s.IndexOf(Str(a, 1, "substringBefore"), StringComparison.Ordinal) is var i and >= 0 ? s[..i] : s);
        Add("substringAfter", 2, (_, a, _) => Arg(a, 0) is not string s ? null : s.IndexOf(Str(a, 1, "substringAfter"), StringComparison.Ordinal) is var i and >= 0 ? s[(i + Str(a, 1, "substringAfter").Length)..] : s);
        Add("uppercase", 1, (_, a, _) => Arg(a, 0) is string s ? s.ToUpperInvariant() : null, contextDefault: true);
        Add("lowercase", 1, (_, a, _) => Arg(a, 0) is string s ? s.ToLowerInvariant() : null, contextDefault: true);
        Add("trim", 1, (_, a, _) => Arg(a, 0) is string s ? string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) : null, contextDefault: true);
        Add("contains", 2, (_, a, _) => Arg(a, 0) is string s ? s.Contains(Str(a, 1, "contains"), StringComparison.Ordinal) : null);
        Add("split", 3, (_, a, _) =>
        {
            if (Arg(a, 0) is not string s)
            {
                return null;
            }

            var parts = Str(a, 1, "split") is { Length: 0 } ? s.Select(c => (object?)c.ToString()).ToList() : s.Split(Str(a, 1, "split")).Select(x => (object?)x).ToList();
            if (a.Count > 2 && a[2] is double limit)
            {
                parts = parts.Take((int)limit).ToList();
            }

            return new JArray(parts) { Constructed = true };
        });
        Add("join", 2, (_, a, _) =>
        {
            var items = Arg(a, 0) switch
            {
                null => null,
                string s => [s],
                JArray arr => arr.Select(x => x as string ?? throw Sig("join")).ToList(),
                _ => throw Sig("join"),
            };
            return items is null ? null : string.Join(a.Count > 1 && a[1] is string sep ? sep : string.Empty, items);
        });
        Add("replace", 3, (_, a, _) => Arg(a, 0) is string s ? s.Replace(Str(a, 1, "replace"), Str(a, 2, "replace"), StringComparison.Ordinal) : null);
        Add("base64encode", 1, (_, a, _) => Arg(a, 0) is string s ? Convert.ToBase64String(Encoding.UTF8.GetBytes(s)) : null);
        Add("base64decode", 1, (_, a, _) => Arg(a, 0) is string s ? Encoding.UTF8.GetString(Convert.FromBase64String(s)) : null);
        Add("encodeUrlComponent", 1, (_, a, _) => Arg(a, 0) is string s ? Uri.EscapeDataString(s) : null);
        Add("decodeUrlComponent", 1, (_, a, _) => Arg(a, 0) is string s ? Uri.UnescapeDataString(s) : null);

        // Numbers.
        Add("number", 1, (_, a, _) => Arg(a, 0) switch
        {
            null => null,
            double x => x,
            bool b => b ? 1d : 0d,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) => x,
            string s when s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && long.TryParse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var h) => (double)h,
            _ => throw new JsonataException("D3030", $"Unable to cast value to a number: {JValue.Stringify(Arg(a, 0))}."),
        }, contextDefault: true);
        Add("abs", 1, (_, a, _) => Arg(a, 0) is null ? null : Math.Abs(Num(a, 0, "abs")));
        Add("floor", 1, (_, a, _) => Arg(a, 0) is null ? null : Math.Floor(Num(a, 0, "floor")));
        Add("ceil", 1, (_, a, _) => Arg(a, 0) is null ? null : Math.Ceiling(Num(a, 0, "ceil")));
        Add("round", 2, (_, a, _) => Arg(a, 0) is null ? null : Math.Round(Num(a, 0, "round"), a.Count > 1 && a[1] is double p ? (int)p : 0, MidpointRounding.ToEven));
        Add("power", 2, (_, a, _) => Arg(a, 0) is null ? null : Math.Pow(Num(a, 0, "power"), Num(a, 1, "power")));
        Add("sqrt", 1, (_, a, _) => Arg(a, 0) is null ? null : Math.Sqrt(Num(a, 0, "sqrt")));
        Add("sum", 1, (_, a, _) => Arg(a, 0) is null ? 0d : Numbers(a[0], "sum").Sum());
        Add("max", 1, (_, a, _) => Numbers(Arg(a, 0), "max") is { Count: > 0 } n ? n.Max() : null);
        Add("min", 1, (_, a, _) => Numbers(Arg(a, 0), "min") is { Count: > 0 } n ? n.Min() : null);
        Add("average", 1, (_, a, _) => Numbers(Arg(a, 0), "average") is { Count: > 0 } n ? n.Average() : null);

        // Booleans and types.
        Add("boolean", 1, (_, a, _) => Arg(a, 0) is null ? null : JValue.Truthy(a[0]));
        Add("not", 1, (_, a, _) => Arg(a, 0) is null ? null : !JValue.Truthy(a[0]));
        Add("exists", 1, (_, a, _) => Arg(a, 0) is not null);
        Add("type", 1, (_, a, _) => Arg(a, 0) is null ? null : JValue.TypeName(a[0]));

        // Arrays.
        Add("count", 1, (_, a, _) => Arg(a, 0) switch
        {
            null => 0d,
            JArray arr => (double)arr.Count,
            _ => 1d,
        });
        Add("append", 2, (_, a, _) =>
        {
            if (Arg(a, 1) is null)
            {
                return Arg(a, 0);
            }

            if (Arg(a, 0) is null)
            {
                return a[1];
            }

            var r = new JArray { Constructed = true };
            r.AddRange(Items(a[0]));
            r.AddRange(Items(a[1]));
            return r;
        });
        Add("reverse", 1, (_, a, _) => Arg(a, 0) is null ? null : new JArray(Items(a[0]).AsEnumerable().Reverse()) { Constructed = true });
        Add("distinct", 1, (_, a, _) =>
        {
            if (Arg(a, 0) is not JArray arr)
            {
                return Arg(a, 0);
            }

            var r = new JArray { Constructed = true };
            foreach (var v in arr)
            {
                if (!r.Any(x => JValue.DeepEqual(x, v)))
                {
                    r.Add(v);
                }
            }

            return r;
        });
        Add("sort", 2, (e, a, ctx) =>
        {
            if (Arg(a, 0) is null)
            {
                return null;
            }

            var items = Items(a[0]);
            var fn = a.Count > 1 ? a[1] as JFunction : null;
            if (fn is null && !(items.All(x => x is double) || items.All(x => x is string)))
            {
                throw new JsonataException("D3070", "The single argument form of the sort function can only be applied to an array of strings or an array of numbers.");
            }

            // A stable merge sort: JSONata's comparator says whether the first argument goes after the second.
            var sorted = MergeSort(items, (x, y) => fn is null
                ? (x is double p ? p.CompareTo((double)y!) : string.CompareOrdinal((string)x!, (string)y!)) > 0
                : JValue.Truthy(fn.Invoke(e, [x, y], ctx)));
            return new JArray(sorted) { Constructed = true };
        });
        Add("map", 2, (e, a, ctx) =>
        {
            if (Arg(a, 0) is null)
            {
                return null;
            }

            var fn = Fn(a, 1, "map");
            var items = Items(a[0]);
            var r = new JArray { IsSequence = true };
            for (var i = 0; i < items.Count; i++)
            {
                var v = fn.Invoke(e, HofArgs(fn, items[i], i, items), ctx);
                if (v is not null)
                {
                    r.Add(v);
                }
            }

            return r;
        });
        Add("filter", 2, (e, a, ctx) =>
        {
            if (Arg(a, 0) is null)
            {
                return null;
            }

            var fn = Fn(a, 1, "filter");
            var items = Items(a[0]);
            var r = new JArray { IsSequence = true };
            for (var i = 0; i < items.Count; i++)
            {
                if (JValue.Truthy(fn.Invoke(e, HofArgs(fn, items[i], i, items), ctx)))
                {
                    r.Add(items[i]);
                }
            }

            return r;
        });
        Add("reduce", 3, (e, a, ctx) =>
        {
            if (Arg(a, 0) is null)
            {
                return null;
            }

            var fn = Fn(a, 1, "reduce");
            var items = Items(a[0]);
            var start = 0;
            object? acc;
            if (a.Count > 2 && a[2] is not null)
            {
                acc = a[2];
            }
            else
            {
                if (items.Count == 0)
                {
                    return null;
                }

                acc = items[0];
                start = 1;
            }

            for (var i = start; i < items.Count; i++)
            {
                acc = fn.Invoke(e, fn.Arity >= 4 ? [acc, items[i], (double)i, new JArray(items)] : fn.Arity == 3 ? [acc, items[i], (double)i] : [acc, items[i]], ctx);
            }

            return acc;
        });
        Add("zip", 2, (_, a, _) =>
        {
            var lists = a.Select(Items).ToList();
            var n = lists.Count == 0 ? 0 : lists.Min(l => l.Count);
            var r = new JArray { Constructed = true };
            for (var i = 0; i < n; i++)
            {
                r.Add(new JArray(lists.Select(l => l[i])) { Constructed = true });
            }

            return r;
        });

        // Objects.
        Add("keys", 1, (_, a, _) => Arg(a, 0) switch
        {
            JObject o => Seq(o.Select(p => (object?)p.Key)),
            JArray arr => Seq(arr.OfType<JObject>().SelectMany(o => o.Select(p => p.Key)).Distinct(StringComparer.Ordinal).Select(k => (object?)k)),
            _ => null,
        });
        Add("lookup", 2, (_, a, _) => Arg(a, 0) is JObject o && o.TryGet(Str(a, 1, "lookup"), out var v) ? v : null);
        Add("merge", 1, (_, a, _) =>
        {
            if (Arg(a, 0) is null)
            {
                return null;
            }

            var r = new JObject();
            foreach (var o in Items(a[0]))
            {
                if (o is not JObject obj)
                {
                    throw Sig("merge");
                }

                foreach (var (k, v) in obj)
                {
                    r.Set(k, v);
                }
            }

            return r;
        });
        Add("spread", 1, (_, a, _) => Arg(a, 0) is JObject o ? Seq(o.Select(p => (object?)new JObject { new(p.Key, p.Value) })) : Arg(a, 0));
        Add("each", 2, (e, a, ctx) => Arg(a, 0) is JObject o ? Seq(o.Select(p => Fn(a, 1, "each").Invoke(e, [p.Value, p.Key, o], ctx))) : null);
        Add("error", 1, (_, a, _) => throw new JsonataException("D3137", Arg(a, 0) as string ?? "$error() function evaluated"));
        Add("assert", 2, (_, a, _) => JValue.Truthy(Arg(a, 0)) ? null : throw new JsonataException("D3141", Arg(a, 1) as string ?? "$assert() statement failed"));

        // Dates.
        Add("now", 0, (e, _, _) => e.Environment.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        Add("millis", 0, (e, _, _) => (double)e.Environment.Now.ToUnixTimeMilliseconds());
        Add("toMillis", 1, (_, a, _) => Arg(a, 0) is string s ? (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? (double)t.ToUnixTimeMilliseconds() : throw new JsonataException("D3110", $"Unable to parse the timestamp \"{s}\".")) : null);
        Add("fromMillis", 1, (_, a, _) => Arg(a, 0) is double ms ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : null);

        // Step Functions' own functions (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html).
        Add("partition", 2, (_, a, _) =>
        {
            var items = Items(Arg(a, 0) ?? throw Sig("partition"));
            var size = (int)Num(a, 1, "partition");
            if (size <= 0)
            {
                throw new JsonataException("D3060", "The partition size must be a positive integer.");
            }

            var r = new JArray { Constructed = true };
            for (var i = 0; i < items.Count; i += size)
            {
                r.Add(new JArray(items.Skip(i).Take(size)) { Constructed = true });
            }

            return r;
        });
        Add("range", 3, (_, a, _) =>
        {
            var start = Num(a, 0, "range");
            var end = Num(a, 1, "range");
            var step = Num(a, 2, "range");
            if (step == 0)
            {
                throw new JsonataException("D3060", "The step of $range must not be 0.");
            }

            var r = new JArray { Constructed = true };
            for (var i = start; step > 0 ? i <= end : i >= end; i += step)
            {
                r.Add(i);
                if (r.Count > 1000)
                {
                    throw new JsonataException("D3060", "$range would return more than 1000 items.");
                }
            }

            return r;
        });
        Add("hash", 2, (_, a, _) =>
        {
            var data = Encoding.UTF8.GetBytes(Arg(a, 0) is string s ? s : JValue.Stringify(Arg(a, 0)));
            var algorithm = a.Count > 1 && a[1] is string al ? al : "SHA-256";
            byte[] h = algorithm switch
            {
#pragma warning disable CA5351, CA5350 // the user names the algorithm.
                "MD5" => MD5.HashData(data),
                "SHA-1" => SHA1.HashData(data),
#pragma warning restore CA5351, CA5350
                "SHA-256" => SHA256.HashData(data),
                "SHA-384" => SHA384.HashData(data),
                "SHA-512" => SHA512.HashData(data),
                _ => throw new JsonataException("D3060", $"The hash algorithm \"{algorithm}\" is not one of MD5, SHA-1, SHA-256, SHA-384, SHA-512."),
            };
            return Convert.ToHexStringLower(h);
        });
        Add("random", 1, (e, a, _) => a.Count > 0 && a[0] is double seed ? new Random((int)seed).NextDouble() : e.Environment.Random.NextDouble());
        Add("uuid", 0, (e, _, _) =>
        {
            Span<byte> b = stackalloc byte[16];
            e.Environment.Random.NextBytes(b);
            b[6] = (byte)((b[6] & 0x0F) | 0x40);
            b[8] = (byte)((b[8] & 0x3F) | 0x80);
            return new Guid(b, bigEndian: true).ToString("D");
        });
        Add("parse", 1, (_, a, _) =>
        {
            var s = Str(a, 0, "parse");
            return AslJson.TryParse(s, out var node, out var error) ? JValue.FromNode(node) : throw new JsonataException("D3060", $"$parse: the argument is not JSON: {error}");
        });
        return d;
    }

    private static object? Arg(IReadOnlyList<object?> a, int i) => i < a.Count ? a[i] : null;

    private static JArray Seq(IEnumerable<object?> items) => new(items) { IsSequence = true };

    private static List<object?> Items(object? v) => v switch
    {
        null => [],
        JArray a => [.. a],
        _ => [v],
    };

    private static List<object?> HofArgs(JFunction fn, object? item, int index, List<object?> all) =>
        fn.Arity >= 3 ? [item, (double)index, new JArray(all) { Constructed = true }] : fn.Arity == 2 ? [item, (double)index] : [item];

    private static List<object?> MergeSort(List<object?> items, Func<object?, object?, bool> after)
    {
        if (items.Count <= 1)
        {
            return items;
        }

        var mid = items.Count / 2;
        var left = MergeSort(items[..mid], after);
        var right = MergeSort(items[mid..], after);
        var result = new List<object?>(items.Count);
        int i = 0, j = 0;
        while (i < left.Count && j < right.Count)
        {
            if (after(left[i], right[j]))
            {
                result.Add(right[j++]);
            }
            else
            {
                result.Add(left[i++]);
            }
        }

        result.AddRange(left.Skip(i));
        result.AddRange(right.Skip(j));
        return result;
    }

    private static string Substring(string s, double start, double? length)
    {
        var chars = s.EnumerateRunes().Select(r => r.ToString()).ToList();
        var st = (int)start;
        if (st < 0)
        {
            st = Math.Max(0, chars.Count + st);
        }

        if (st >= chars.Count)
        {
            return string.Empty;
        }

        var len = length is { } l ? Math.Max(0, Math.Min((int)l, chars.Count - st)) : chars.Count - st;
        return string.Concat(chars.Skip(st).Take(len));
    }

    private static List<double> Numbers(object? v, string name) => Items(v).Select(x => x is double d ? d : throw Sig(name)).ToList();

    private static double Num(IReadOnlyList<object?> a, int i, string name) => Arg(a, i) is double d ? d : throw Sig(name);

    private static string Str(IReadOnlyList<object?> a, int i, string name) => Arg(a, i) is string s ? s : throw Sig(name);

    private static JFunction Fn(IReadOnlyList<object?> a, int i, string name) => Arg(a, i) as JFunction ?? throw Sig(name);

    private static JsonataException Sig(string name) => new("T0410", $"Argument of function ${name} does not match the function signature.");
}

/// <summary>
/// A JSONata expression as Step Functions evaluates it: <c>$states</c> (input, result, errorOutput, context) and
/// the workflow's variables are bound; errors become States.QueryEvaluationError.
/// </summary>
public sealed class JsonataExpression
{
    private readonly JNode _root;

    private JsonataExpression(string text, JNode root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>The expression text (without the <c>{% %}</c> delimiters).</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; false with JSONata's message when it is not a valid expression.</summary>
    public static bool TryParse(string text, out JsonataExpression? expression, out string? error)
    {
        try
        {
            expression = new JsonataExpression(text, JsonataParser.Parse(text));
            error = null;
            return true;
        }
        catch (JsonataException ex)
        {
            expression = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>The names of the built-in functions (without the leading <c>$</c>).</summary>
    public static IEnumerable<string> FunctionNames => JsonataFunctions.Names;

    /// <summary>
    /// Evaluates with <paramref name="bindings"/> as variables (<c>states</c> and the workflow variables). Returns
    /// false in <paramref name="defined"/> when the result is undefined.
    /// </summary>
    public JsonNode? Evaluate(IReadOnlyDictionary<string, JsonNode?> bindings, DateTimeOffset now, Random random, out bool defined)
    {
        var frame = new Frame(null);
        foreach (var (k, v) in bindings)
        {
            frame.Bind(k, JValue.FromNode(v));
        }

        var evaluator = new JsonataEvaluator(new JsonataEnvironment(now, random));
        object? result;
        try
        {
            result = JValue.Unwrap(evaluator.Evaluate(_root, bindings.TryGetValue("states", out var s) && s is JsonObject so && so.TryGetPropertyValue("input", out var input) ? JValue.FromNode(input) : null, frame));
        }
        catch (JsonataException ex)
        {
            throw new AslError(ErrorNames.QueryEvaluationError, $"An error occurred while evaluating the expression '{Text}': {ex.Code}: {ex.Message}");
        }
        catch (FormatException ex)
        {
            throw new AslError(ErrorNames.QueryEvaluationError, $"An error occurred while evaluating the expression '{Text}': {ex.Message}");
        }

        defined = result is not null;
        return JValue.ToNode(result);
    }
}
