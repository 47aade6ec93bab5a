using System.Text.Json;

namespace SamCompiler.Schemas;

/// <summary>How a change to a property affects the resource, by the schema's createOnlyProperties.</summary>
public enum UpdateBehavior
{
    /// <summary>The property can be updated in place (it is not create-only).</summary>
    InPlace,

    /// <summary>The property is in createOnlyProperties: changing it replaces the resource.</summary>
    Replacement,

    /// <summary>The property is in conditionalCreateOnlyProperties: changing it may replace the resource.</summary>
    ConditionalReplacement,
}

/// <summary>
/// One resource type's provider schema, as the schema states it: its properties (with $ref to definitions resolved
/// on demand), required properties, create-only, read-only and write-only properties (JSON pointers such as
/// <c>/properties/TableName</c> or <c>/properties/Tags/*/Key</c>), the primary identifier, and the schema-level
/// oneOf/anyOf/allOf/dependentRequired combinations.
/// </summary>
public sealed class ResourceSchema
{
    private readonly JsonElement _root;
    private readonly Dictionary<string, PropertySchema> _definitions = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, PropertySchema>? _properties;

    internal ResourceSchema(string typeName, JsonElement root)
    {
        TypeName = typeName;
        _root = root;
        Required = Strings(root, "required");
        CreateOnlyProperties = Strings(root, "createOnlyProperties");
        ConditionalCreateOnlyProperties = Strings(root, "conditionalCreateOnlyProperties");
        ReadOnlyProperties = Strings(root, "readOnlyProperties");
        WriteOnlyProperties = Strings(root, "writeOnlyProperties");
        PrimaryIdentifier = Strings(root, "primaryIdentifier");
        Attributes = [.. ReadOnlyProperties
            .Where(p => p.StartsWith("/properties/", StringComparison.Ordinal) && !p.Contains("/*", StringComparison.Ordinal))
            .Select(p => p["/properties/".Length..].Replace('/', '.'))];
    }

    /// <summary>The type name, e.g. AWS::DynamoDB::Table.</summary>
    public string TypeName { get; }

    /// <summary>The top-level properties by name.</summary>
    public IReadOnlyDictionary<string, PropertySchema> Properties => _properties ??= PropertySchema.Map(this, _root, "properties");

    /// <summary>Required top-level properties.</summary>
    public IReadOnlyList<string> Required { get; }

    /// <summary>Pointers of properties whose change replaces the resource.</summary>
    public IReadOnlyList<string> CreateOnlyProperties { get; }

    /// <summary>Pointers of properties whose change may replace the resource.</summary>
    public IReadOnlyList<string> ConditionalCreateOnlyProperties { get; }

    /// <summary>Pointers of properties CloudFormation sets (not writable).</summary>
    public IReadOnlyList<string> ReadOnlyProperties { get; }

    /// <summary>Pointers of properties CloudFormation never returns.</summary>
    public IReadOnlyList<string> WriteOnlyProperties { get; }

    /// <summary>Pointers of the properties that identify the resource.</summary>
    public IReadOnlyList<string> PrimaryIdentifier { get; }

    /// <summary>The Fn::GetAtt names the schema declares: its read-only properties outside lists, as <c>A.B</c>.</summary>
    public IReadOnlyList<string> Attributes { get; }

    /// <summary>Schema-level oneOf (for example "one of these properties is required").</summary>
    public IReadOnlyList<PropertySchema> OneOf => PropertySchema.List(this, _root, "oneOf");

    /// <summary>Schema-level anyOf.</summary>
    public IReadOnlyList<PropertySchema> AnyOf => PropertySchema.List(this, _root, "anyOf");

    /// <summary>Schema-level allOf.</summary>
    public IReadOnlyList<PropertySchema> AllOf => PropertySchema.List(this, _root, "allOf");

    /// <summary>Schema-level dependentRequired: property -> properties it requires.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> DependentRequired => PropertySchema.Dependencies(_root, "dependentRequired");

    /// <summary>False when the schema forbids properties it does not list (most do).</summary>
    public bool AdditionalPropertiesAllowed => !_root.TryGetProperty("additionalProperties", out var a) || a.ValueKind != JsonValueKind.False;

    /// <summary>A definition (<c>#/definitions/Name</c>), or null.</summary>
    public PropertySchema? Definition(string name)
    {
        lock (_definitions)
        {
            if (_definitions.TryGetValue(name, out var found))
            {
                return found;
            }

            if (!_root.TryGetProperty("definitions", out var definitions) || !definitions.TryGetProperty(name, out var element))
            {
                return null;
            }

            var schema = new PropertySchema(this, element);
            _definitions[name] = schema;
            return schema;
        }
    }

    /// <summary>
    /// The schema of the property at <paramref name="path"/> (property names, with list indexes as digits), $refs
    /// resolved; null when the schema does not describe it.
    /// </summary>
    public PropertySchema? PropertyAt(IReadOnlyList<string> path)
    {
        if (path.Count == 0 || !Properties.TryGetValue(path[0], out var current))
        {
            return null;
        }

        current = current.Resolved;
        for (var i = 1; i < path.Count; i++)
        {
            var next = IsIndex(path[i]) ? current.Items : current.Properties.GetValueOrDefault(path[i]);
            if (next is null)
            {
                return null;
            }

            current = next.Resolved;
        }

        return current;
    }

    /// <summary>
    /// What changing the property at <paramref name="path"/> (names, list indexes as digits) does: a change inside a
    /// create-only property replaces the resource, as does a change that adds or removes a create-only property
    /// below it.
    /// </summary>
    public UpdateBehavior UpdateBehaviorOf(IReadOnlyList<string> path)
    {
        if (CreateOnlyProperties.Any(p => Overlaps(p, path)))
        {
            return UpdateBehavior.Replacement;
        }

        return ConditionalCreateOnlyProperties.Any(p => Overlaps(p, path)) ? UpdateBehavior.ConditionalReplacement : UpdateBehavior.InPlace;
    }

    /// <summary>True when a schema pointer (<c>/properties/A/*/B</c>) names <paramref name="path"/>, an ancestor of it, or a descendant.</summary>
    internal static bool Overlaps(string pointer, IReadOnlyList<string> path)
    {
        var parts = pointer.Split('/');
        if (parts.Length < 3 || parts[0].Length != 0 || parts[1] != "properties")
        {
            return false;
        }

        var n = Math.Min(parts.Length - 2, path.Count);
        for (var i = 0; i < n; i++)
        {
            var p = parts[i + 2];
            if (p == "*" ? !IsIndex(path[i]) : p != path[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIndex(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    private static string[] Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? [.. a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : [];
}
