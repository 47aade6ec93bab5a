using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SamCompiler.StepFunctions;

/// <summary>Where intrinsic functions and paths look values up: the input, the context object and the variables.</summary>
public interface IPathScope
{
    /// <summary>The state's (effective) input, what <c>$</c> means.</summary>
    JsonNode? Input { get; }

    /// <summary>The context object, what <c>$$</c> means.</summary>
    JsonNode? Context { get; }

    /// <summary>A workflow variable (<c>$name</c>), or false when it is not assigned.</summary>
    bool TryGetVariable(string name, out JsonNode? value);

    /// <summary>Randomness for States.MathRandom and States.UUID (injected so tests are repeatable).</summary>
    Random Random { get; }
}

/// <summary>
/// The intrinsic functions of the ASL specification (<c>States.Format</c>, <c>States.StringToJson</c>,
/// <c>States.JsonToString</c>, <c>States.Array*</c>, <c>States.Base64Encode/Decode</c>, <c>States.Hash</c>,
/// <c>States.JsonMerge</c>, <c>States.MathRandom</c>, <c>States.MathAdd</c>, <c>States.StringSplit</c>,
/// <c>States.UUID</c>): parsing and evaluation. Failures are <see cref="AslError"/>s named States.IntrinsicFailure.
/// </summary>
public static class IntrinsicFunctions
{
    /// <summary>The function names the specification defines.</summary>
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "States.Format", "States.StringToJson", "States.JsonToString", "States.Array", "States.ArrayPartition",
        "States.ArrayContains", "States.ArrayRange", "States.ArrayGetItem", "States.ArrayLength", "States.ArrayUnique",
        "States.Base64Encode", "States.Base64Decode", "States.Hash", "States.JsonMerge", "States.MathRandom",
        "States.MathAdd", "States.StringSplit", "States.UUID",
    };

    /// <summary>True when the text looks like an intrinsic function call (starts with <c>States.</c> and a name).</summary>
    public static bool LooksLikeCall(string text) => text.StartsWith("States.", StringComparison.Ordinal);

    /// <summary>Parses a call; returns false with the reason when it is not a valid one (for lint and validation).</summary>
    public static bool TryParse(string text, out string? error)
    {
        try
        {
            var p = new Parser(text);
            p.ParseCall();
            p.End();
            error = null;
            return true;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Evaluates the call <paramref name="text"/> in <paramref name="scope"/>.</summary>
    public static JsonNode? Evaluate(string text, IPathScope scope)
    {
        Call call;
        try
        {
            var p = new Parser(text);
            call = p.ParseCall();
            p.End();
        }
        catch (FormatException ex)
        {
            throw new AslError(ErrorNames.IntrinsicFailure, ex.Message);
        }

        return call.Evaluate(scope);
    }

    private abstract class Arg
    {
        public abstract JsonNode? Evaluate(IPathScope scope);
    }

    private sealed class Literal(JsonNode? value) : Arg
    {
        public JsonNode? Value { get; } = value;

        public override JsonNode? Evaluate(IPathScope scope) => AslJson.Clone(Value);
    }

    private sealed class PathArg(string text) : Arg
    {
        public override JsonNode? Evaluate(IPathScope scope) => PayloadTemplate.EvaluatePath(text, scope, null);
    }

    private sealed class Call(string name, List<Arg> args) : Arg
    {
        public override JsonNode? Evaluate(IPathScope scope)
        {
            var values = args.Select((a, i) =>
            {
                var v = a.Evaluate(scope);
                return a is Literal && !(name == "States.Format" && i == 0) && AslJson.AsString(v) is { } text ? AslJson.String(RestoreBraces(text)) : v;
            }).ToList();
            return Invoke(name, values, scope, args);
        }

        private static JsonNode? Invoke(string name, List<JsonNode?> a, IPathScope scope, List<Arg> raw)
        {
            switch (name)
            {
                case "States.Format":
                    Count(name, a, 1, int.MaxValue);
                    return AslJson.String(RestoreBraces(Format(Str(name, a[0], 0), a.Skip(1).ToList(), raw[0] is Literal)));
                case "States.StringToJson":
                    Count(name, a, 1, 1);
                    var s = Str(name, a[0], 0);
                    return AslJson.TryParse(s, out var parsed, out var err) ? parsed : throw Fail($"The argument of {name} is not JSON: {err}");
                case "States.JsonToString":
                    Count(name, a, 1, 1);
                    return AslJson.String(AslJson.Write(a[0]));
                case "States.Array":
                    var array = new JsonArray();
                    foreach (var v in a)
                    {
                        array.Add(v);
                    }

                    return array;
                case "States.ArrayPartition":
                {
                    Count(name, a, 2, 2);
                    var arr = Arr(name, a[0], 0);
                    var size = Int(name, a[1], 1);
                    if (size <= 0)
                    {
                        throw Fail($"The chunk size of {name} must be a positive integer; it is {size.ToString(CultureInfo.InvariantCulture)}.");
                    }

                    var result = new JsonArray();
                    JsonArray? chunk = null;
                    foreach (var v in arr)
                    {
                        if (chunk is null || chunk.Count == size)
                        {
                            chunk = [];
                            result.Add((JsonNode)chunk);
                        }

                        chunk.Add(AslJson.Clone(v));
                    }

                    return result;
                }

                case "States.ArrayContains":
                    Count(name, a, 2, 2);
                    return AslJson.Bool(Arr(name, a[0], 0).Any(v => AslJson.Equal(v, a[1])));
                case "States.ArrayRange":
                {
                    Count(name, a, 3, 3);
                    var start = Int(name, a[0], 0);
                    var end = Int(name, a[1], 1);
                    var step = Int(name, a[2], 2);
                    if (step == 0)
                    {
                        throw Fail($"The step of {name} must not be 0.");
                    }

                    var result = new JsonArray();
                    for (long i = start; step > 0 ? i <= end : i >= end; i += step)
                    {
                        result.Add(AslJson.Number(i));
                        if (result.Count > 1000)
                        {
                            throw Fail($"{name} would return more than 1000 items.");
                        }
                    }

                    return result;
                }

                case "States.ArrayGetItem":
                {
                    Count(name, a, 2, 2);
                    var arr = Arr(name, a[0], 0);
                    var index = Int(name, a[1], 1);
                    if (index < 0 || index >= arr.Count)
                    {
                        throw Fail($"The index {index.ToString(CultureInfo.InvariantCulture)} is out of the bounds of the array (length {arr.Count.ToString(CultureInfo.InvariantCulture)}) in {name}.");
                    }

                    return AslJson.Clone(arr[(int)index]);
                }

                case "States.ArrayLength":
                    Count(name, a, 1, 1);
                    return AslJson.Number(Arr(name, a[0], 0).Count);
                case "States.ArrayUnique":
                {
                    Count(name, a, 1, 1);
                    var result = new JsonArray();
                    foreach (var v in Arr(name, a[0], 0))
                    {
                        if (!result.Any(r => AslJson.Equal(r, v)))
                        {
                            result.Add(AslJson.Clone(v));
                        }
                    }

                    return result;
                }

                case "States.Base64Encode":
                    Count(name, a, 1, 1);
                    return AslJson.String(Convert.ToBase64String(Encoding.UTF8.GetBytes(Str(name, a[0], 0))));
                case "States.Base64Decode":
                    Count(name, a, 1, 1);
                    try
                    {
                        return AslJson.String(Encoding.UTF8.GetString(Convert.FromBase64String(Str(name, a[0], 0))));
                    }
                    catch (FormatException)
                    {
                        throw Fail($"The argument of {name} is not Base64.");
                    }

                case "States.Hash":
                {
                    Count(name, a, 2, 2);
                    var data = a[0] is { } d && AslJson.IsString(d) ? AslJson.AsString(d)! : AslJson.Write(a[0]);
                    var bytes = Encoding.UTF8.GetBytes(data);
                    var algorithm = Str(name, a[1], 1);
                    byte[] hash = algorithm switch
                    {
#pragma warning disable CA5351 // MD5 and SHA-1 are what the user asked for (States.Hash offers them).
                        "MD5" => MD5.HashData(bytes),
#pragma warning restore CA5351
#pragma warning disable CA5350
                        "SHA-1" => SHA1.HashData(bytes),
#pragma warning restore CA5350
                        "SHA-256" => SHA256.HashData(bytes),
                        "SHA-384" => SHA384.HashData(bytes),
                        "SHA-512" => SHA512.HashData(bytes),
                        _ => throw Fail($"The hash algorithm \"{algorithm}\" is not one of MD5, SHA-1, SHA-256, SHA-384, SHA-512."),
                    };
                    return AslJson.String(Convert.ToHexStringLower(hash));
                }

                case "States.JsonMerge":
                {
                    Count(name, a, 3, 3);
                    if (a[0] is not JsonObject left || a[1] is not JsonObject right)
                    {
                        throw Fail($"The first two arguments of {name} must be objects.");
                    }

                    if (!AslJson.IsBoolean(a[2]) || a[2]!.GetValue<bool>())
                    {
                        throw Fail($"The third argument of {name} must be false (deep merge is not supported).");
                    }

                    var merged = (JsonObject)left.DeepClone();
                    foreach (var (k, v) in right)
                    {
                        merged[k] = AslJson.Clone(v);
                    }

                    return merged;
                }

                case "States.MathRandom":
                {
                    Count(name, a, 2, 3);
                    var start = Int(name, a[0], 0);
                    var end = Int(name, a[1], 1);
                    if (end < start)
                    {
                        throw Fail($"The end of {name} is less than its start.");
                    }

                    var random = a.Count == 3 ? new Random((int)Int(name, a[2], 2)) : scope.Random;
                    return AslJson.Number(random.NextInt64(start, end + 1));
                }

                case "States.MathAdd":
                    Count(name, a, 2, 2);
                    return AslJson.Number(Int(name, a[0], 0) + Int(name, a[1], 1));
                case "States.StringSplit":
                {
                    Count(name, a, 2, 2);
                    var text = Str(name, a[0], 0);
                    var delimiters = Str(name, a[1], 1).ToCharArray();
                    var result = new JsonArray();
                    foreach (var part in text.Split(delimiters, StringSplitOptions.RemoveEmptyEntries))
                    {
                        result.Add(AslJson.String(part));
                    }

                    return result;
                }

                case "States.UUID":
                    Count(name, a, 0, 0);
                    Span<byte> b = stackalloc byte[16];
                    scope.Random.NextBytes(b);
                    b[6] = (byte)((b[6] & 0x0F) | 0x40);
                    b[8] = (byte)((b[8] & 0x3F) | 0x80);
                    return AslJson.String(new Guid(b, bigEndian: true).ToString("D"));
                default:
                    throw Fail($"The function \"{name}\" is not an intrinsic function.");
            }
        }

        private static string Format(string template, List<JsonNode?> args, bool literalTemplate)
        {
            var sb = new StringBuilder();
            var next = 0;
            for (var i = 0; i < template.Length; i++)
            {
                var c = template[i];
                if (c == '{' && i + 1 < template.Length && template[i + 1] == '}')
                {
                    if (next >= args.Count)
                    {
                        throw Fail("States.Format has more {} placeholders than arguments.");
                    }

                    var v = args[next++];
                    if (v is JsonObject or JsonArray)
                    {
                        throw Fail("States.Format arguments must be strings, numbers, booleans or null.");
                    }

                    sb.Append(AslJson.IsString(v) ? AslJson.AsString(v) : AslJson.Write(v));
                    i++;
                }
                else
                {
                    sb.Append(c);
                }
            }

            if (next != args.Count)
            {
                throw Fail($"States.Format has {args.Count.ToString(CultureInfo.InvariantCulture)} arguments for {next.ToString(CultureInfo.InvariantCulture)} placeholders.");
            }

            _ = literalTemplate;
            return sb.ToString();
        }

        private static void Count(string name, List<JsonNode?> a, int min, int max)
        {
            if (a.Count < min || a.Count > max)
            {
                var expected = min == max ? min.ToString(CultureInfo.InvariantCulture) : max == int.MaxValue ? $"at least {min.ToString(CultureInfo.InvariantCulture)}" : $"{min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";
                throw Fail($"{name} takes {expected} arguments, but got {a.Count.ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        private static string Str(string name, JsonNode? v, int index) =>
            AslJson.AsString(v) ?? throw Fail($"Argument {(index + 1).ToString(CultureInfo.InvariantCulture)} of {name} must be a string; it is {AslJson.Write(v)}.");

        private static JsonArray Arr(string name, JsonNode? v, int index) =>
            v as JsonArray ?? throw Fail($"Argument {(index + 1).ToString(CultureInfo.InvariantCulture)} of {name} must be an array; it is {AslJson.Write(v)}.");

        private static long Int(string name, JsonNode? v, int index) =>
            AslJson.IsInteger(v) ? (long)AslJson.ToDouble(v) : throw Fail($"Argument {(index + 1).ToString(CultureInfo.InvariantCulture)} of {name} must be an integer; it is {AslJson.Write(v)}.");

        private static AslError Fail(string cause) => new(ErrorNames.IntrinsicFailure, cause);
    }

    private sealed class Parser(string text)
    {
        private int _pos;

        public Call ParseCall()
        {
            SkipSpaces();
            var start = _pos;
            while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] == '.'))
            {
                _pos++;
            }

            var name = text[start.._pos];
            if (!Names.Contains(name))
            {
                throw new FormatException($"\"{name}\" is not an intrinsic function (in \"{text}\").");
            }

            SkipSpaces();
            Expect('(');
            var args = new List<Arg>();
            SkipSpaces();
            if (_pos < text.Length && text[_pos] == ')')
            {
                _pos++;
                return new Call(name, args);
            }

            while (true)
            {
                args.Add(ParseArg());
                SkipSpaces();
                if (_pos < text.Length && text[_pos] == ',')
                {
                    _pos++;
                    continue;
                }

                Expect(')');
                return new Call(name, args);
            }
        }

        public void End()
        {
            SkipSpaces();
            if (_pos != text.Length)
            {
                throw new FormatException($"Unexpected text after the call in \"{text}\".");
            }
        }

        private Arg ParseArg()
        {
            SkipSpaces();
            if (_pos >= text.Length)
            {
                throw new FormatException($"An argument is missing in \"{text}\".");
            }

            var c = text[_pos];
            if (c == '\'')
            {
                _pos++;
                var sb = new StringBuilder();
                while (_pos < text.Length && text[_pos] != '\'')
                {
                    if (text[_pos] == '\\' && _pos + 1 < text.Length)
                    {
                        var e = text[_pos + 1];
                        if (e is '\'' or '{' or '}' or '\\')
                        {
                            // \{ and \} stay escaped for States.Format: keep a marker-free literal brace by doubling.
                            sb.Append(e is '{' or '}' ? '\u0001' : e);
                            if (e is '{' or '}')
                            {
                                sb.Append(e);
                            }

                            _pos += 2;
                            continue;
                        }
                    }

                    sb.Append(text[_pos++]);
                }

                Expect('\'');
                return new Literal(AslJson.String(Unmark(sb.ToString())));
            }

            if (c == '$')
            {
                var start = _pos;
                var depth = 0;
                var quote = '\0';
                while (_pos < text.Length)
                {
                    var ch = text[_pos];
                    if (quote != '\0')
                    {
                        if (ch == quote)
                        {
                            quote = '\0';
                        }
                    }
                    else if (ch is '\'' or '"')
                    {
                        quote = ch;
                    }
                    else if (ch is '[' or '(')
                    {
                        depth++;
                    }
                    else if (ch is ']' or ')')
                    {
                        if (depth == 0)
                        {
                            break;
                        }

                        depth--;
                    }
                    else if (ch == ',' && depth == 0)
                    {
                        break;
                    }

                    _pos++;
                }

                return new PathArg(text[start.._pos].TrimEnd());
            }

            if (text.AsSpan(_pos).StartsWith("States.", StringComparison.Ordinal))
            {
                return ParseCall();
            }

            var begin = _pos;
            while (_pos < text.Length && text[_pos] is not (',' or ')' or ' '))
            {
                _pos++;
            }

            var word = text[begin.._pos];
            return word switch
            {
                "true" => new Literal(AslJson.Bool(true)),
                "false" => new Literal(AslJson.Bool(false)),
                "null" => new Literal(null),
                _ when double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => new Literal(AslJson.Number(d)),
                _ => throw new FormatException($"\"{word}\" is not a valid argument in \"{text}\"."),
            };
        }

        // An escaped brace (\{ or \}) must not form a {} placeholder: it is kept as a private-use pair and turned back.
        private static string Unmark(string s) => s.Replace("\u0001{", "\uE000", StringComparison.Ordinal).Replace("\u0001}", "\uE001", StringComparison.Ordinal);

        private void Expect(char c)
        {
            if (_pos >= text.Length || text[_pos] != c)
            {
                throw new FormatException($"'{c}' expected at position {_pos.ToString(CultureInfo.InvariantCulture)} in \"{text}\".");
            }

            _pos++;
        }

        private void SkipSpaces()
        {
            while (_pos < text.Length && text[_pos] == ' ')
            {
                _pos++;
            }
        }
    }

    /// <summary>Turns escaped braces kept by the parser back into braces (after States.Format placed its arguments).</summary>
    internal static string RestoreBraces(string s) => s.Replace('\uE000', '{').Replace('\uE001', '}');
}
