using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;

namespace SamCompiler.Schemas;

/// <summary>Where the embedded schema data came from (the <c>meta</c> object of Data/cfn-schemas.json.gz).</summary>
/// <param name="Source">The package and folder the schemas were read from.</param>
/// <param name="SourceUrl">Where that folder is published.</param>
/// <param name="CfnLintVersion">The cfn-lint version whose schemas these are.</param>
/// <param name="Region">The region whose set of types was taken.</param>
/// <param name="License">The licence of the data.</param>
/// <param name="Generated">The date scripts/gen-cfn-schemas.py took the data.</param>
/// <param name="TypeCount">Number of resource types.</param>
public sealed record SchemaSource(string Source, string SourceUrl, string CfnLintVersion, string Region, string License, string Generated, int TypeCount);

/// <summary>
/// The CloudFormation resource provider schemas (properties, their types and constraints, required,
/// createOnlyProperties, readOnlyProperties ...), from cfn-lint's bundled copy by scripts/gen-cfn-schemas.py, embedded
/// as one gzip file. Nothing is read until the first call: the file is decompressed once and indexed by type name,
/// and a type's schema is parsed on first use. Thread-safe.
/// </summary>
public static class ResourceSchemas
{
    private const string ResourceName = "SamCompiler.Data.cfn-schemas.json.gz";
    private static readonly Lazy<SchemaIndex> Index = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Where the data came from.</summary>
    public static SchemaSource Source => Index.Value.Source;

    /// <summary>Every resource type the data has, in ordinal order.</summary>
    public static IReadOnlyList<string> TypeNames => Index.Value.Names;

    /// <summary>The schema of <paramref name="typeName"/> (e.g. <c>AWS::DynamoDB::Table</c>); false for types the data does not have (custom resources, third-party types).</summary>
    public static bool TryGet(string typeName, out ResourceSchema schema)
    {
        var index = Index.Value;
        if (index.Cache.TryGetValue(typeName, out schema!))
        {
            return true;
        }

        if (!index.Offsets.TryGetValue(typeName, out var range))
        {
            schema = null!;
            return false;
        }

        var document = JsonDocument.Parse(index.Json.AsMemory(range.Start, range.Length));
        schema = index.Cache.GetOrAdd(typeName, name => new ResourceSchema(name, document.RootElement));
        return true;
    }

    private static SchemaIndex Load()
    {
        using var stream = typeof(ResourceSchemas).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource \"{ResourceName}\" is missing.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var buffer = new MemoryStream(6 << 20);
        gzip.CopyTo(buffer);
        var json = buffer.GetBuffer().AsMemory(0, (int)buffer.Length).ToArray();

        var offsets = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        SchemaSource? source = null;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var section = reader.GetString();
            reader.Read();
            if (section == "meta")
            {
                using var meta = JsonDocument.ParseValue(ref reader);
                var m = meta.RootElement;
                source = new SchemaSource(
                    m.GetProperty("source").GetString()!, m.GetProperty("sourceUrl").GetString()!, m.GetProperty("cfnLintVersion").GetString()!,
                    m.GetProperty("region").GetString()!, m.GetProperty("license").GetString()!, m.GetProperty("generated").GetString()!,
                    m.GetProperty("typeCount").GetInt32());
            }
            else if (section == "types")
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    offsets[name] = (start, (int)reader.BytesConsumed - start);
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return new SchemaIndex(json, offsets, source ?? throw new InvalidOperationException("cfn-schemas.json.gz has no meta."));
    }

    private sealed class SchemaIndex(byte[] json, Dictionary<string, (int Start, int Length)> offsets, SchemaSource source)
    {
        public byte[] Json { get; } = json;

        public Dictionary<string, (int Start, int Length)> Offsets { get; } = offsets;

        public SchemaSource Source { get; } = source;

        public IReadOnlyList<string> Names { get; } = [.. offsets.Keys.Order(StringComparer.Ordinal)];

        public ConcurrentDictionary<string, ResourceSchema> Cache { get; } = new(StringComparer.Ordinal);
    }
}
