using System.Text;
using SamCompiler.Diagnostics;

namespace SamCompiler.Cli.Formatters;

/// <summary><c>--format github</c>: GitHub Actions workflow commands, <c>::error file=F,line=L,col=C,title=ID::message</c>.</summary>
public sealed class GitHubLintFormatter : ILintFormatter
{
    /// <inheritdoc />
    public void Write(LintReport report, TextWriter writer)
    {
        foreach (var d in report.Diagnostics)
        {
            var command = d.Severity switch
            {
                DiagnosticSeverity.Error => "error",
                DiagnosticSeverity.Warning => "warning",
                _ => "notice",
            };
            var (endLine, endColumn) = JsonLintFormatter.End(d);
            writer.Write($"::{command} file={Property(d.Span.Path)},line={d.Span.Start.Line},col={d.Span.Start.Column},endLine={endLine},endColumn={endColumn},title={Property(d.Id)}::{Data(d.Message)}\n");
        }
    }

    /// <summary>Escapes a message the way the Actions runner reads it.</summary>
    public static string Data(string text) => new StringBuilder(text).Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A").ToString();

    /// <summary>Escapes a property value (also , and :).</summary>
    public static string Property(string text) => new StringBuilder(Data(text)).Replace(":", "%3A").Replace(",", "%2C").ToString();
}
