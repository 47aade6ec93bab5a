using SamCompiler.Syntax;

namespace SamCompiler.Transform;

/// <summary>A property validator (samtranslator/model/types.py): true when the value is acceptable.</summary>
public delegate bool PropertyValidator(Node value);

/// <summary>
/// How the reference validates a SAM resource's properties (samtranslator/model/__init__.py PropertyType and
/// types.py). A resource type's properties are a table of <see cref="PropertySpec"/>; an unknown property or a
/// value of the wrong type rejects the resource with the reference's message.
/// </summary>
public static class PropertyTypes
{
    /// <summary>Any value (PassThroughProperty).</summary>
    public static readonly PropertyValidator Any = _ => true;

    /// <summary>IS_STR.</summary>
    public static readonly PropertyValidator IsStr = v => v is ScalarNode { Kind: ScalarKind.String };

    /// <summary>IS_DICT.</summary>
    public static readonly PropertyValidator IsDict = v => v is MapNode;

    /// <summary>IS_LIST.</summary>
    public static readonly PropertyValidator IsList = v => v is ListNode;

    /// <summary>IS_BOOL.</summary>
    public static readonly PropertyValidator IsBool = v => v is ScalarNode { Kind: ScalarKind.Boolean };

    /// <summary>IS_INT (a Python bool is an int too).</summary>
    public static readonly PropertyValidator IsInt = v => v is ScalarNode { Kind: ScalarKind.Integer or ScalarKind.Boolean };

    /// <summary>list_of(item).</summary>
    public static PropertyValidator ListOf(PropertyValidator item) => v => v is ListNode l && l.All(i => item(i));

    /// <summary>dict_of(key, value): keys are strings after loading, so only values are checked.</summary>
    public static PropertyValidator DictOf(PropertyValidator value) => v => v is MapNode m && m.Values.All(i => value(i));

    /// <summary>one_of(...).</summary>
    public static PropertyValidator OneOf(params PropertyValidator[] validators) => v => validators.Any(x => x(v));

    /// <summary>IS_STR_ENUM(values).</summary>
    public static PropertyValidator StrEnum(params string[] values) => v => v.AsString() is { } s && values.Contains(s, StringComparer.Ordinal);

    /// <summary>
    /// Validates <paramref name="resource"/>'s properties against <paramref name="specs"/> as from_dict and
    /// validate_properties do: unknown names first, then required and typed properties in table order.
    /// </summary>
    public static void Validate(SamResource resource, IReadOnlyList<PropertySpec> specs)
    {
        var byName = specs.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var (name, _) in resource.Properties)
        {
            if (!byName.ContainsKey(name))
            {
                throw new ResourceException(resource.LogicalId, $"property {name} not defined for resource of type {resource.Type}", resource.Properties.KeySpan(name));
            }
        }

        foreach (var spec in specs)
        {
            var value = resource.Properties[spec.Name];
            if (value is null || value.IsNull)
            {
                if (spec.Required)
                {
                    throw resource.Error($"Missing required property '{spec.Name}'.");
                }

                continue;
            }

            // The reference treats every one-key mapping as an intrinsic here.
            if (spec.SupportsIntrinsics && value is MapNode { Count: 1 })
            {
                continue;
            }

            if (!spec.Validate(value))
            {
                var message = spec.ExpectedType is { } t
                    ? $"Property '{spec.Name}' should be a {t}."
                    : $"Type of property '{spec.Name}' is invalid.";
                throw new ResourceException(resource.LogicalId, message, value.Span);
            }
        }
    }
}

/// <summary>One property of a SAM resource type: name, required, validator, intrinsics allowed, and the type named in errors.</summary>
public sealed record PropertySpec(string Name, bool Required, PropertyValidator Validate, bool SupportsIntrinsics = true, string? ExpectedType = null)
{
    /// <summary>PropertyType(required, validator): intrinsics allowed; IS_DICT/IS_STR name their type in errors.</summary>
    public static PropertySpec Typed(string name, PropertyValidator validate, bool required = false) =>
        new(name, required, validate, true, ReferenceEquals(validate, PropertyTypes.IsDict) ? "map" : ReferenceEquals(validate, PropertyTypes.IsStr) ? "string" : null);

    /// <summary>Property(required, validator): no intrinsics.</summary>
    public static PropertySpec Strict(string name, PropertyValidator validate, bool required = false) => new(name, required, validate, false);

    /// <summary>PassThroughProperty: anything.</summary>
    public static PropertySpec PassThrough(string name, bool required = false) => new(name, required, PropertyTypes.Any, false);
}
