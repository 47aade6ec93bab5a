using System.Text;
using SamCompiler.Syntax;

namespace SamCompiler.Transform;

/// <summary>
/// samtranslator's translator/logical_id_generator.py: stable logical ids made of a prefix and the first 10 hex
/// characters of a SHA-1 over the data (a string as is, anything else as compact, key-sorted, ASCII-escaped JSON).
/// Used for LayerVersion ids and Lambda Version ids.
/// </summary>
public sealed class LogicalIdGenerator
{
    /// <summary>Length of the hash suffix (never change it: ids would change).</summary>
    public const int HashLength = 10;

    private readonly string _prefix;
    private readonly string? _dataHash;

    /// <summary>Creates a generator.</summary>
    /// <param name="prefix">The logical id prefix.</param>
    /// <param name="data">The data the id depends on; ignored when null or falsy (empty map, empty string, 0 ...).</param>
    /// <param name="dataHash">A precomputed hash used instead of hashing (its first characters are taken).</param>
    public LogicalIdGenerator(string prefix, Node? data = null, string? dataHash = null)
    {
        _prefix = prefix;
        _dataHash = dataHash;
        DataString = S3Uri.IsFalsy(data) ? string.Empty : Stringify(data!);
    }

    /// <summary>The text that is hashed (empty when there is no data).</summary>
    public string DataString { get; }

    /// <summary>The prefix followed by the hash (just the prefix when there is nothing to hash).</summary>
    public string Gen() => _prefix + GetHash();

    /// <summary>The first <paramref name="length"/> characters of the hash, or an empty string without data.</summary>
    public string GetHash(int length = HashLength)
    {
        if (!string.IsNullOrEmpty(_dataHash))
        {
            return _dataHash.Length <= length ? _dataHash : _dataHash[..length];
        }

        if (DataString.Length == 0)
        {
            return string.Empty;
        }

#pragma warning disable CA5350 // SHA-1 is what the reference uses for ids; it is not used for security.
        var hash = Convert.ToHexStringLower(Sha1.HashData(Encoding.UTF8.GetBytes(DataString)));
#pragma warning restore CA5350
        return hash[..Math.Min(length, hash.Length)];
    }

    /// <summary>_stringify: a string value as is, anything else as <c>json.dumps(sort_keys=True)</c>.</summary>
    public static string Stringify(Node data) =>
        data is ScalarNode { Kind: ScalarKind.String } s ? s.Text : PyJson.Dumps(data, sortKeys: true);
}
