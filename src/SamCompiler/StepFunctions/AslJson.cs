using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SamCompiler.StepFunctions;

/// <summary>
/// JSON values as the interpreter handles them: <see cref="JsonNode"/> trees where a C# null is JSON null. Writing is
/// compact and does not escape non-ASCII text (Step Functions returns it as is). Only AOT-safe System.Text.Json APIs.
/// </summary>
public static class AslJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    /// <summary>Parses JSON text; throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static JsonNode? Parse(string text) => JsonNode.Parse(text, NodeOptions, DocumentOptions);

    /// <summary>Parses JSON text, or returns false with the parser's message.</summary>
    public static bool TryParse(string text, out JsonNode? value, out string? error)
    {
        try
        {
            value = Parse(text);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            value = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Compact JSON text of <paramref name="node"/> ("null" for null).</summary>
    public static string Write(JsonNode? node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteTo(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes <paramref name="node"/> to <paramref name="writer"/> (numbers as the shortest round-trip form).</summary>
    public static void WriteTo(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject o:
                writer.WriteStartObject();
                foreach (var (k, v) in o)
                {
                    writer.WritePropertyName(k);
                    WriteTo(writer, v);
                }

                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var v in a)
                {
                    WriteTo(writer, v);
                }

                writer.WriteEndArray();
                break;
            default:
                var value = node.AsValue();
                if (value.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.Number)
                {
                    writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                }
                else if (IsNumber(node))
                {
                    WriteNumber(writer, ToDouble(node));
                }
                else
                {
                    value.WriteTo(writer);
                }

                break;
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, double d)
    {
        if (Math.Abs(d) < 1e15 && d == Math.Floor(d))
        {
            writer.WriteNumberValue((long)d);
        }
        else
        {
            writer.WriteNumberValue(d);
        }
    }

    /// <summary>The JSON kind of a node (null is <see cref="JsonValueKind.Null"/>).</summary>
    public static JsonValueKind Kind(JsonNode? node) => node switch
    {
        null => JsonValueKind.Null,
        JsonObject => JsonValueKind.Object,
        JsonArray => JsonValueKind.Array,
        _ => node.GetValueKind(),
    };

    /// <summary>True for JSON numbers.</summary>
    public static bool IsNumber(JsonNode? node) => Kind(node) == JsonValueKind.Number;

    /// <summary>True for JSON strings.</summary>
    public static bool IsString(JsonNode? node) => Kind(node) == JsonValueKind.String;

    /// <summary>True for true and false.</summary>
    public static bool IsBoolean(JsonNode? node) => Kind(node) is JsonValueKind.True or JsonValueKind.False;

    /// <summary>The string value, or null when the node is not a string.</summary>
    public static string? AsString(JsonNode? node) => IsString(node) ? node!.GetValue<string>() : null;

    /// <summary>The number as a double (the node must be a number).</summary>
    public static double ToDouble(JsonNode? node)
    {
        var v = node!.AsValue();
        if (v.TryGetValue<JsonElement>(out var e))
        {
            return e.GetDouble();
        }

        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }

        if (v.TryGetValue<decimal>(out var m))
        {
            return (double)m;
        }

        return v.GetValue<double>();
    }

    /// <summary>True when the number has no fractional part.</summary>
    public static bool IsInteger(JsonNode? node)
    {
        if (!IsNumber(node))
        {
            return false;
        }

        var d = ToDouble(node);
        return d == Math.Floor(d) && !double.IsInfinity(d);
    }

    /// <summary>A JSON number node (integers stay integers).</summary>
    public static JsonNode Number(double d) =>
        Math.Abs(d) < 9e15 && d == Math.Floor(d) ? JsonValue.Create((long)d) : JsonValue.Create(d);

    /// <summary>A JSON string node.</summary>
    public static JsonNode String(string s) => JsonValue.Create(s);

    /// <summary>A JSON boolean node.</summary>
    public static JsonNode Bool(bool b) => JsonValue.Create(b);

    /// <summary>A deep copy (null stays null).</summary>
    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    /// <summary>Structural equality; numbers compare by value.</summary>
    public static bool Equal(JsonNode? a, JsonNode? b)
    {
        var ka = Kind(a);
        var kb = Kind(b);
        if (ka != kb)
        {
            return false;
        }

        switch (ka)
        {
            case JsonValueKind.Null:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return true;
            case JsonValueKind.Number:
                return ToDouble(a) == ToDouble(b);
            case JsonValueKind.String:
                return string.Equals(AsString(a), AsString(b), StringComparison.Ordinal);
            case JsonValueKind.Array:
                var x = (JsonArray)a!;
                var y = (JsonArray)b!;
                if (x.Count != y.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    if (!Equal(x[i], y[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                var p = (JsonObject)a!;
                var q = (JsonObject)b!;
                if (p.Count != q.Count)
                {
                    return false;
                }

                foreach (var (k, v) in p)
                {
                    if (!q.TryGetPropertyValue(k, out var w) || !Equal(v, w))
                    {
                        return false;
                    }
                }

                return true;
        }
    }

    /// <summary>Size in bytes of the compact UTF-8 JSON text (what Step Functions' 256 KiB limit measures).</summary>
    public static int Utf8Size(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>A number written the way JSON writes it (invariant, shortest round trip).</summary>
    public static string FormatNumber(double d) =>
        Math.Abs(d) < 1e15 && d == Math.Floor(d) ? ((long)d).ToString(CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);
}
