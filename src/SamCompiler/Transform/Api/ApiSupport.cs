using System.Globalization;
using System.Text;
using SamCompiler.Syntax;

namespace SamCompiler.Transform.Api;

/// <summary>Python value kinds for property type checks (samtranslator/model/types.py).</summary>
[Flags]
internal enum PyKind
{
    None = 0,
    Str = 1,
    Dict = 2,
    List = 4,
    Bool = 8,
    Int = 16,
    Any = 31,
}

/// <summary>Property declarations and checks of a SAM resource macro (Resource.validate_properties).</summary>
internal static class PropertyChecks
{
    /// <summary>Checks unknown, missing and mistyped properties like Resource.from_dict does.</summary>
    public static void Validate(SamResource resource, IReadOnlyDictionary<string, (bool Required, PyKind Kinds)> types)
    {
        if (resource.Definition["Properties"] is { } p && p is not MapNode)
        {
            throw new ResourceException(resource.LogicalId, "Attribute 'Properties' should be a map.", p.Span);
        }

        var props = resource.Properties;
        foreach (var key in props.Keys)
        {
            if (!types.ContainsKey(key))
            {
                throw new ResourceException(resource.LogicalId, $"property {key} not defined for resource of type {resource.Type}", props.KeySpan(key));
            }
        }

        foreach (var (name, (required, kinds)) in types)
        {
            var value = props[name];
            if (value is not null && value.IsIntrinsic)
            {
                continue;
            }

            if (value is null || value.IsNull)
            {
                if (required)
                {
                    throw new ResourceException(resource.LogicalId, $"Missing required property '{name}'.", resource.KeySpan);
                }

                continue;
            }

            if (!Matches(value, kinds))
            {
                throw new ResourceException(resource.LogicalId, $"Type of property '{name}' is invalid.", value.Span);
            }
        }
    }

    /// <summary>True when the value has one of the kinds.</summary>
    public static bool Matches(Node value, PyKind kinds) => value switch
    {
        ScalarNode { Kind: ScalarKind.String } => kinds.HasFlag(PyKind.Str),
        MapNode => kinds.HasFlag(PyKind.Dict),
        ListNode => kinds.HasFlag(PyKind.List),
        ScalarNode { Kind: ScalarKind.Boolean } => kinds.HasFlag(PyKind.Bool) || kinds.HasFlag(PyKind.Int),
        ScalarNode { Kind: ScalarKind.Integer } => kinds.HasFlag(PyKind.Int),
        _ => false,
    };
}

/// <summary>Logical id hashing (translator/logical_id_generator.py) and Python str/json helpers.</summary>
internal static class Hashing
{
    /// <summary>The first <paramref name="length"/> hex digits of SHA-1 over the UTF-8 text.</summary>
    public static string Sha1Prefix(string data, int length = 10)
    {
        if (data.Length == 0)
        {
            return string.Empty;
        }

        var hash = Sha1.HashData(Encoding.UTF8.GetBytes(data));
        return Convert.ToHexStringLower(hash)[..length];
    }

    /// <summary>LogicalIdGenerator(prefix, data).gen() for a data object (JSON-dumped unless a string).</summary>
    public static string LogicalId(string prefix, Node? data)
    {
        if (data is null || !SwaggerEditor.Truthy(data))
        {
            return prefix;
        }

        var text = data.AsString() ?? PyJson.Dumps(data);
        return prefix + Sha1Prefix(text);
    }

    /// <summary>Python's str.isalnum (false for the empty string).</summary>
    public static bool IsAlnum(string s) => s.Length > 0 && s.EnumerateRunes().All(Rune.IsLetterOrDigit);

    /// <summary>json.dumps(value) with default separators and the emulated dict order.</summary>
    public static string JsonDumps(Node node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Node node)
    {
        switch (node)
        {
            case ScalarNode { Kind: ScalarKind.String } s:
                PyJson.WriteString(sb, s.Text);
                break;
            case ScalarNode { Kind: ScalarKind.Null }:
                sb.Append("null");
                break;
            case ScalarNode { Kind: ScalarKind.Float } f:
                sb.Append(f.Text);
                break;
            case ScalarNode s:
                sb.Append(s.Text);
                break;
            case ListNode l:
                sb.Append('[');
                for (var i = 0; i < l.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    Write(sb, l[i]);
                }

                sb.Append(']');
                break;
            case MapNode m:
                sb.Append('{');
                var keys = Py27.IsPlain(m) ? m.Keys.ToList() : Py27.KeyOrder(m);
                for (var i = 0; i < keys.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    PyJson.WriteString(sb, keys[i]);
                    sb.Append(": ");
                    Write(sb, m[keys[i]]!);
                }

                sb.Append('}');
                break;
        }
    }

    /// <summary>Invariant integer text.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
