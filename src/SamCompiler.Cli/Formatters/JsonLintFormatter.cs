using System.Text.Json;
using SamCompiler.Diagnostics;

namespace SamCompiler.Cli.Formatters;

/// <summary>
/// <c>--format json</c>: an array of objects with id, name, severity, message, file, line, column, endLine, endColumn
/// and helpUri (DESIGN.md). Written with Utf8JsonWriter, so it needs no reflection.
/// </summary>
public sealed class JsonLintFormatter : ILintFormatter
{
    /// <inheritdoc />
    public void Write(LintReport report, TextWriter writer)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var d in report.Diagnostics)
            {
                json.WriteStartObject();
                json.WriteString("id", d.Id);
                json.WriteString("name", d.Descriptor.Name);
                json.WriteString("severity", Diagnostic.SeverityWord(d.Severity));
                json.WriteString("message", d.Message);
                json.WriteString("file", d.Span.Path);
                json.WriteNumber("line", d.Span.Start.Line);
                json.WriteNumber("column", d.Span.Start.Column);
                var (endLine, endColumn) = End(d);
                json.WriteNumber("endLine", endLine);
                json.WriteNumber("endColumn", endColumn);
                json.WriteString("helpUri", d.Descriptor.HelpUri);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        writer.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        writer.Write('\n');
    }

    /// <summary>The end of a span, never before its start.</summary>
    internal static (int Line, int Column) End(Diagnostic d)
    {
        var s = d.Span;
        return s.End.Line > s.Start.Line || (s.End.Line == s.Start.Line && s.End.Column >= s.Start.Column)
            ? (s.End.Line, s.End.Column)
            : (s.Start.Line, s.Start.Column);
    }
}
