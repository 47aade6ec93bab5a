using System.Globalization;
using System.Text.Json;

namespace SamCompiler.Schemas;

/// <summary>
/// A property schema (JSON Schema as CloudFormation's provider schemas use it): its type(s), constraints, nested
/// properties and list items. A <c>$ref</c> to a definition stays a reference here; <see cref="Resolved"/> follows it.
/// </summary>
public sealed class PropertySchema
{
    private readonly ResourceSchema _owner;
    private readonly JsonElement _e;
    private IReadOnlyDictionary<string, PropertySchema>? _properties;

    internal PropertySchema(ResourceSchema owner, JsonElement element)
    {
        _owner = owner;
        _e = element;
    }

    /// <summary>The JSON types allowed (<c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>, <c>object</c>, <c>array</c>); empty when the schema does not say.</summary>
    public IReadOnlyList<string> Types => _e.TryGetProperty("type", out var t)
        ? t.ValueKind == JsonValueKind.String ? [t.GetString()!] : t.ValueKind == JsonValueKind.Array ? [.. t.EnumerateArray().Select(x => x.GetString()!)] : []
        : [];

    /// <summary>The <c>$ref</c> as written (<c>#/definitions/Name</c>), or null.</summary>
    public string? Ref => String("$ref");

    /// <summary>This schema with its <c>$ref</c> chain followed to the definition (itself when it has none).</summary>
    public PropertySchema Resolved
    {
        get
        {
            var current = this;
            for (var hops = 0; hops < 32 && current.Ref is { } r && r.StartsWith("#/definitions/", StringComparison.Ordinal); hops++)
            {
                var next = _owner.Definition(r["#/definitions/".Length..]);
                if (next is null)
                {
                    break;
                }

                current = next;
            }

            return current;
        }
    }

    /// <summary>The schema of list items, or null.</summary>
    public PropertySchema? Items => _e.TryGetProperty("items", out var i) && i.ValueKind == JsonValueKind.Object ? new PropertySchema(_owner, i) : null;

    /// <summary>Nested properties by name (empty unless an object schema lists them).</summary>
    public IReadOnlyDictionary<string, PropertySchema> Properties => _properties ??= Map(_owner, _e, "properties");

    /// <summary>Property-name patterns and their schemas.</summary>
    public IReadOnlyDictionary<string, PropertySchema> PatternProperties => Map(_owner, _e, "patternProperties");

    /// <summary>Required nested properties.</summary>
    public IReadOnlyList<string> Required => Strings("required");

    /// <summary>The allowed values, as their JSON text (strings quoted), or empty.</summary>
    public IReadOnlyList<string> Enum => _e.TryGetProperty("enum", out var a) && a.ValueKind == JsonValueKind.Array ? [.. a.EnumerateArray().Select(x => x.GetRawText())] : [];

    /// <summary>A regular expression (ECMA-262) values must match, or null.</summary>
    public string? Pattern => String("pattern");

    /// <summary>The format (e.g. <c>json</c>, <c>date-time</c>), or null.</summary>
    public string? Format => String("format");

    /// <summary>Inclusive lower bound of a number.</summary>
    public double? Minimum => Number("minimum");

    /// <summary>Inclusive upper bound of a number.</summary>
    public double? Maximum => Number("maximum");

    /// <summary>Exclusive lower bound of a number.</summary>
    public double? ExclusiveMinimum => Number("exclusiveMinimum");

    /// <summary>Exclusive upper bound of a number.</summary>
    public double? ExclusiveMaximum => Number("exclusiveMaximum");

    /// <summary>Shortest string length.</summary>
    public int? MinLength => Integer("minLength");

    /// <summary>Longest string length.</summary>
    public int? MaxLength => Integer("maxLength");

    /// <summary>Fewest list items.</summary>
    public int? MinItems => Integer("minItems");

    /// <summary>Most list items.</summary>
    public int? MaxItems => Integer("maxItems");

    /// <summary>True when list items must be unique.</summary>
    public bool? UniqueItems => Bool("uniqueItems");

    /// <summary>False when the order of list items carries no meaning (the provider treats the list as a set).</summary>
    public bool? InsertionOrder => Bool("insertionOrder");

    /// <summary>False when an object schema forbids properties it does not list.</summary>
    public bool? AdditionalProperties => Bool("additionalProperties");

    /// <summary>oneOf alternatives.</summary>
    public IReadOnlyList<PropertySchema> OneOf => List(_owner, _e, "oneOf");

    /// <summary>anyOf alternatives.</summary>
    public IReadOnlyList<PropertySchema> AnyOf => List(_owner, _e, "anyOf");

    /// <summary>allOf parts.</summary>
    public IReadOnlyList<PropertySchema> AllOf => List(_owner, _e, "allOf");

    /// <summary>dependentRequired: property -> properties it requires.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> DependentRequired => Dependencies(_e, "dependentRequired");

    /// <summary>The schema as JSON text (for keywords this API does not type).</summary>
    public string RawJson => _e.GetRawText();

    internal static IReadOnlyDictionary<string, PropertySchema> Map(ResourceSchema owner, JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var map) || map.ValueKind != JsonValueKind.Object)
        {
            return new Dictionary<string, PropertySchema>(StringComparer.Ordinal);
        }

        var result = new Dictionary<string, PropertySchema>(StringComparer.Ordinal);
        foreach (var p in map.EnumerateObject())
        {
            result[p.Name] = new PropertySchema(owner, p.Value);
        }

        return result;
    }

    internal static IReadOnlyList<PropertySchema> List(ResourceSchema owner, JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? [.. a.EnumerateArray().Select(x => new PropertySchema(owner, x))] : [];

    internal static IReadOnlyDictionary<string, IReadOnlyList<string>> Dependencies(JsonElement e, string name)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (e.TryGetProperty(name, out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in map.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Array)
                {
                    result[p.Name] = [.. p.Value.EnumerateArray().Select(x => x.GetString()!)];
                }
            }
        }

        return result;
    }

    private string? String(string name) => _e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private double? Number(string name) => _e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private int? Integer(string name) => _e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i
        : _e.TryGetProperty(name, out v) && v.ValueKind == JsonValueKind.Number ? (int)Math.Min(int.MaxValue, v.GetDouble()) : null;

    private bool? Bool(string name) => _e.TryGetProperty(name, out var v) ? v.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null } : null;

    private IReadOnlyList<string> Strings(string name) =>
        _e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? [.. a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)] : [];

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{string.Join("|", Types)} {Ref}").Trim();
}
