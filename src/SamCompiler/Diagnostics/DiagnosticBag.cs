using SamCompiler.Text;

namespace SamCompiler.Diagnostics;

/// <summary>Collects diagnostics from a phase. Phases keep going after an error and report through a bag.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>True once an error was added.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>Everything added so far, in order.</summary>
    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>Adds a diagnostic.</summary>
    public void Add(Diagnostic diagnostic)
    {
        _items.Add(diagnostic);
        HasErrors |= diagnostic.IsError;
    }

    /// <summary>Adds a diagnostic built from a descriptor.</summary>
    public void Add(DiagnosticDescriptor descriptor, SourceSpan span, string message) =>
        Add(Diagnostic.Create(descriptor, span, message));

    /// <summary>Adds every diagnostic of <paramref name="others"/>.</summary>
    public void AddRange(IEnumerable<Diagnostic> others)
    {
        foreach (var d in others)
        {
            Add(d);
        }
    }

    /// <summary>Sorted by path, line, column and id, without duplicates (Bicep's AssembleDiagnostics).</summary>
    public static IReadOnlyList<Diagnostic> Assemble(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics
            .Distinct()
            .OrderBy(d => d.Span.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Span.Start.Line)
            .ThenBy(d => d.Span.Start.Column)
            .ThenBy(d => d.Id, StringComparer.Ordinal)];
}
