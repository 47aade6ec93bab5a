using SamCompiler.Syntax;

namespace SamCompiler.Transform.Events;

/// <summary>The value checks of samtranslator's property validators (model/types.py).</summary>
internal enum PropertyCheck
{
    /// <summary>any_type(): every value passes.</summary>
    Any,

    /// <summary>IS_STR.</summary>
    String,

    /// <summary>IS_BOOL.</summary>
    Bool,

    /// <summary>IS_INT: Python's isinstance(value, int), so booleans pass too.</summary>
    Int,

    /// <summary>IS_DICT.</summary>
    Map,

    /// <summary>IS_LIST.</summary>
    List,

    /// <summary>one_of(IS_STR, list_of(IS_STR)).</summary>
    StringOrStringList,

    /// <summary>one_of(IS_BOOL, IS_DICT).</summary>
    BoolOrMap,

    /// <summary>dict_of(IS_STR, IS_STR).</summary>
    MapOfStrings,
}

/// <summary>
/// One entry of an event source's property_types (samtranslator/model/__init__.py PropertyType, Property,
/// PassThroughProperty): the name, whether it is required, the value check and whether a one-key mapping (an
/// intrinsic, as the reference tests it) skips the check.
/// </summary>
internal sealed record EventProperty(string Name, bool Required, PropertyCheck Check, bool SupportsIntrinsics = true)
{
    /// <summary>PropertyType(required, validate).</summary>
    public static EventProperty Of(string name, PropertyCheck check, bool required = false) => new(name, required, check);

    /// <summary>PassThroughProperty(required): any value, intrinsics not special.</summary>
    public static EventProperty PassThrough(string name, bool required = false) => new(name, required, PropertyCheck.Any, SupportsIntrinsics: false);

    /// <summary>Property(required, validate): no intrinsics.</summary>
    public static EventProperty Strict(string name, PropertyCheck check, bool required = false) => new(name, required, check, SupportsIntrinsics: false);

    /// <summary>The reference's expected_type word for the message ("map", "string"), or null for "Type of property ... is invalid".</summary>
    public string? ExpectedType => Check switch
    {
        PropertyCheck.Map => "map",
        PropertyCheck.String => "string",
        _ => null,
    };

    /// <summary>True when <paramref name="value"/> (not null) passes the check.</summary>
    public bool Accepts(Node value) => Check switch
    {
        PropertyCheck.Any => true,
        PropertyCheck.String => IsString(value),
        PropertyCheck.Bool => value is ScalarNode { Kind: ScalarKind.Boolean },
        PropertyCheck.Int => value is ScalarNode { Kind: ScalarKind.Integer or ScalarKind.Boolean },
        PropertyCheck.Map => value is MapNode,
        PropertyCheck.List => value is ListNode,
        PropertyCheck.StringOrStringList => IsString(value) || (value is ListNode l && l.All(IsString)),
        PropertyCheck.BoolOrMap => value is ScalarNode { Kind: ScalarKind.Boolean } or MapNode,
        PropertyCheck.MapOfStrings => value is MapNode m && m.Values.All(IsString),
        _ => false,
    };

    private static bool IsString(Node n) => n is ScalarNode { Kind: ScalarKind.String };
}
