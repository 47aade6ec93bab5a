using System.Text;
using System.Text.Json;
using SamCompiler.Diagnostics;

namespace SamCompiler.Cli.Formatters;

/// <summary>
/// <c>--format sarif</c>: a SARIF 2.1.0 log with one run, the whole diagnostic catalog as rule metadata (name, title,
/// default level, help link) and one result per diagnostic with its region. Written with Utf8JsonWriter (no reflection).
/// </summary>
public sealed class SarifLintFormatter(string version) : ILintFormatter
{
    /// <summary>The SARIF schema this output follows.</summary>
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <inheritdoc />
    public void Write(LintReport report, TextWriter writer)
    {
        var rules = DiagnosticCatalog.All;
        var index = rules.Select((d, i) => (d.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, rules);
            json.WriteStartArray("artifacts");
            foreach (var file in report.Files)
            {
                json.WriteStartObject();
                json.WriteStartObject("location");
                json.WriteString("uri", Uri(file));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("results");
            foreach (var d in report.Diagnostics)
            {
                WriteResult(json, d, index);
            }

            json.WriteEndArray();
            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.Write(Encoding.UTF8.GetString(stream.ToArray()));
        writer.Write('\n');
    }

    /// <summary>The SARIF level of a severity.</summary>
    public static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };

    /// <summary>A path as a URI: absolute paths as file:// URIs, relative ones as references with forward slashes, each segment escaped.</summary>
    public static string Uri(string path) => Path.IsPathRooted(path)
        ? new Uri(Path.GetFullPath(path)).AbsoluteUri
        : string.Join('/', path.Replace('\\', '/').Split('/').Select(System.Uri.EscapeDataString));

    private void WriteTool(Utf8JsonWriter json, IReadOnlyList<DiagnosticDescriptor> rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "samc");
        json.WriteString("semanticVersion", version);
        json.WriteString("version", version);
        json.WriteString("informationUri", "https://github.com/samtools/samc");
        json.WriteStartArray("rules");
        foreach (var d in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", d.Id);
            json.WriteString("name", d.Name);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", d.Title);
            json.WriteEndObject();
            json.WriteString("helpUri", d.HelpUri);
            json.WriteStartObject("help");
            json.WriteString("text", $"{d.Title} See {d.HelpUri}");
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(d.DefaultSeverity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteStartArray("tags");
            json.WriteStringValue(d.Category.ToString().ToLowerInvariant());
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Diagnostic d, Dictionary<string, int> index)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", d.Id);
        if (index.TryGetValue(d.Id, out var i))
        {
            json.WriteNumber("ruleIndex", i);
        }

        json.WriteString("level", Level(d.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", d.Message);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", Uri(d.Span.Path));
        json.WriteEndObject();
        json.WriteStartObject("region");
        var (endLine, endColumn) = JsonLintFormatter.End(d);
        json.WriteNumber("startLine", d.Span.Start.Line);
        json.WriteNumber("startColumn", d.Span.Start.Column);
        json.WriteNumber("endLine", endLine);
        json.WriteNumber("endColumn", endColumn);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
