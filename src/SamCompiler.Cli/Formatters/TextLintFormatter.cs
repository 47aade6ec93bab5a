using System.Globalization;
using SamCompiler.Diagnostics;

namespace SamCompiler.Cli.Formatters;

/// <summary>
/// MSBuild lines (<c>path(line,col): error SAM3001: message</c>), which editors and CI parse; on a terminal each is
/// followed by a short code frame (the line with a caret under the span).
/// </summary>
public sealed class TextLintFormatter(bool codeFrame) : ILintFormatter
{
    /// <inheritdoc />
    public void Write(LintReport report, TextWriter writer)
    {
        foreach (var d in report.Diagnostics)
        {
            writer.WriteLine(d.ToString());
            if (codeFrame && report.Source(d.Span.Path) is { } source && d.Span.Start.Line <= source.LineCount)
            {
                WriteFrame(writer, source.GetLine(d.Span.Start.Line), d);
            }
        }
    }

    private static void WriteFrame(TextWriter writer, string line, Diagnostic d)
    {
        var number = d.Span.Start.Line.ToString(CultureInfo.InvariantCulture);
        var gutter = new string(' ', number.Length);
        var start = Math.Clamp(d.Span.Start.Column - 1, 0, line.Length);
        var end = d.Span.End.Line == d.Span.Start.Line ? Math.Clamp(d.Span.End.Column - 1, start + 1, Math.Max(line.Length, start + 1)) : Math.Max(line.Length, start + 1);
        var prefix = new string(line[..start].Select(c => c == '\t' ? '\t' : ' ').ToArray());
        writer.WriteLine($"  {number} | {line}");
        writer.WriteLine($"  {gutter} | {prefix}{new string('^', end - start)}");
    }
}
