using System.Text.Json;
using SamCompiler.Syntax;

namespace SamCompiler.Model.Aws;

/// <summary>
/// Reads the JSON data files embedded from src/SamCompiler/Data (resources named <c>SamCompiler.Data.&lt;file&gt;</c>):
/// AWS facts (partitions, quotas, runtimes) and the reference translator's data (managed policies, policy templates).
/// System.Text.Json's reader only (no reflection serializer, so trim/AOT-safe); each file is read once by its owner.
/// </summary>
internal static class EmbeddedData
{
    /// <summary>Parses an embedded JSON file into a <see cref="JsonDocument"/> (the caller disposes it).</summary>
    public static JsonDocument Open(string fileName)
    {
        var name = "SamCompiler.Data." + fileName;
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource \"{name}\" is missing.");
        return JsonDocument.Parse(stream);
    }

    /// <summary>Converts a JSON value into a document tree (ordered maps, typed scalars, no spans).</summary>
    public static Node ToNode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                {
                    var map = new MapNode();
                    foreach (var p in element.EnumerateObject())
                    {
                        map[p.Name] = ToNode(p.Value);
                    }

                    return map;
                }

            case JsonValueKind.Array:
                {
                    var list = new ListNode();
                    foreach (var item in element.EnumerateArray())
                    {
                        list.Add(ToNode(item));
                    }

                    return list;
                }

            case JsonValueKind.String:
                return ScalarNode.String(element.GetString()!);
            case JsonValueKind.Number:
                return element.TryGetInt64(out var l)
                    ? ScalarNode.Integer(l)
                    : ScalarNode.Float(element.GetDouble());
            case JsonValueKind.True:
                return ScalarNode.Boolean(true);
            case JsonValueKind.False:
                return ScalarNode.Boolean(false);
            default:
                return ScalarNode.Null();
        }
    }

    /// <summary>Reads a JSON object of string values into a dictionary.</summary>
    public static Dictionary<string, string> ToStringMap(JsonElement element)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in element.EnumerateObject())
        {
            map[p.Name] = p.Value.ValueKind == JsonValueKind.String
                ? p.Value.GetString()!
                : p.Value.GetRawText();
        }

        return map;
    }
}
