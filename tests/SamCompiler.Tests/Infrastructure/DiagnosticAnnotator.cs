using System.Text;
using SamCompiler.Diagnostics;
using SamCompiler.Text;

namespace SamCompiler.Tests.Infrastructure;

/// <summary>
/// Bicep-style annotated source (STYLE.md 3.6): the input, with a line
/// <c>#@ [l:c-l:c] SAM1003 (Error) message |covered text|</c> after each line where a diagnostic starts, so spans
/// can be reviewed by eye. Offsets are computed from line and column, so CRLF input is annotated correctly.
/// </summary>
public static class DiagnosticAnnotator
{
    private const int MaxCovered = 60;

    /// <summary>The annotated text ("\n" line ends).</summary>
    public static string Annotate(SourceText source, IEnumerable<Diagnostic> diagnostics)
    {
        var lines = SplitLines(source.Text);
        var byLine = DiagnosticBag.Assemble(diagnostics)
            .GroupBy(d => Math.Clamp(d.Span.Start.Line, 1, Math.Max(1, lines.Count)))
            .ToDictionary(g => g.Key, g => g.ToList());
        var sb = new StringBuilder();
        for (var i = 1; i <= Math.Max(1, lines.Count); i++)
        {
            sb.Append(i <= lines.Count ? lines[i - 1].Text : string.Empty).Append('\n');
            if (byLine.TryGetValue(i, out var list))
            {
                foreach (var d in list)
                {
                    sb.Append("#@ [")
                      .Append(d.Span.Start.Line).Append(':').Append(d.Span.Start.Column).Append('-')
                      .Append(d.Span.End.Line).Append(':').Append(d.Span.End.Column).Append("] ")
                      .Append(d.Id).Append(" (").Append(d.Severity).Append(") ")
                      .Append(d.Message).Append(" |").Append(Covered(source.Text, lines, d.Span)).Append("|\n");
                }
            }
        }

        return sb.ToString();
    }

    private static string Covered(string text, List<(int Start, string Text)> lines, SourceSpan span)
    {
        var start = Offset(lines, span.Start);
        var end = Math.Max(start, Offset(lines, span.End));
        start = Math.Clamp(start, 0, text.Length);
        end = Math.Clamp(end, start, text.Length);
        var covered = text[start..end].Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
        return covered.Length <= MaxCovered ? covered : covered[..MaxCovered] + "...";
    }

    private static int Offset(List<(int Start, string Text)> lines, LinePosition position)
    {
        if (lines.Count == 0)
        {
            return 0;
        }

        if (position.Line > lines.Count)
        {
            return lines[^1].Start + lines[^1].Text.Length;
        }

        var line = lines[Math.Max(0, position.Line - 1)];
        return line.Start + Math.Max(0, position.Column - 1);
    }

    /// <summary>Lines with their start offsets; the text excludes the line break (\n, \r\n or a lone \r).</summary>
    private static List<(int Start, string Text)> SplitLines(string text)
    {
        var result = new List<(int, string)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || text[i] == '\r')
            {
                result.Add((start, text[start..i]));
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            result.Add((start, text[start..]));
        }

        return result;
    }
}
