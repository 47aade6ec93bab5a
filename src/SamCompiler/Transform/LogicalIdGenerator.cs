using System.Security.Cryptography;
using System.Text;
using SamCompiler.Syntax;

namespace SamCompiler.Transform;

/// <summary>
/// Stable logical ids with a content hash (samtranslator/translator/logical_id_generator.py): the prefix plus the
/// first 10 hex digits of SHA-1 over Python's compact, key-sorted json.dumps of the data (a string is hashed as is).
/// </summary>
public static class LogicalIdGenerator
{
    /// <summary>The hash length the reference uses.</summary>
    public const int HashLength = 10;

    /// <summary>LogicalIdGenerator(prefix, data, dataHash).gen().</summary>
    public static string Generate(string prefix, Node? data, string? dataHash = null) => prefix + Hash(data, dataHash);

    /// <summary>get_hash(): a given hash is cut to length; empty or missing data gives "".</summary>
    public static string Hash(Node? data, string? dataHash = null, int length = HashLength)
    {
        if (!string.IsNullOrEmpty(dataHash))
        {
            return dataHash.Length > length ? dataHash[..length] : dataHash;
        }

        var text = Stringify(data);
        if (text.Length == 0)
        {
            return string.Empty;
        }

        var hex = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
        return hex[..length];
    }

    /// <summary>SHA-1 of a string, hex, cut to length (used for names hashed from a plain string).</summary>
    public static string HashString(string text, int length = HashLength) =>
        text.Length == 0 ? string.Empty : Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)))[..length];

    private static string Stringify(Node? data) => data switch
    {
        null => string.Empty,
        ScalarNode { Kind: ScalarKind.String } s => s.Text,
        MapNode { Count: 0 } => string.Empty,
        ListNode { Count: 0 } => string.Empty,
        ScalarNode { Kind: ScalarKind.Null } => string.Empty,
        ScalarNode { Kind: ScalarKind.Boolean, IsTrue: false } => string.Empty,
        ScalarNode { Kind: ScalarKind.Integer, Text: "0" } => string.Empty,
        _ => PyJson.Dumps(data),
    };
}
