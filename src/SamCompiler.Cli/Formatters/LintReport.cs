using SamCompiler.Diagnostics;
using SamCompiler.Text;

namespace SamCompiler.Cli.Formatters;

/// <summary>What a lint run found: the diagnostics of every template (and configuration file) and their sources.</summary>
public sealed class LintReport
{
    private readonly Dictionary<string, SourceText> _sources = new(StringComparer.Ordinal);
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly List<string> _files = [];

    /// <summary>The template paths linted, in the order given.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>All diagnostics, sorted by path, line, column and id, de-duplicated.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => DiagnosticBag.Assemble(_diagnostics);

    /// <summary>Records a linted file (its source may be null when it could not be read).</summary>
    public void AddFile(string path, SourceText? source)
    {
        _files.Add(path);
        if (source is not null)
        {
            _sources[source.Path] = source;
        }
    }

    /// <summary>Records a source that diagnostics point into without being a linted template (a config file).</summary>
    public void AddSource(SourceText source) => _sources[source.Path] = source;

    /// <summary>Adds diagnostics.</summary>
    public void Add(IEnumerable<Diagnostic> diagnostics) => _diagnostics.AddRange(diagnostics);

    /// <summary>The source text of a path, when known.</summary>
    public SourceText? Source(string path) => _sources.GetValueOrDefault(path);
}

/// <summary>Writes a <see cref="LintReport"/> in one output format.</summary>
public interface ILintFormatter
{
    /// <summary>Writes the report.</summary>
    void Write(LintReport report, TextWriter writer);
}
