using SamCompiler.Text;

namespace SamCompiler.Diagnostics;

/// <summary>One finding, with the span of the text it is about.</summary>
public sealed record Diagnostic(DiagnosticDescriptor Descriptor, DiagnosticSeverity Severity, SourceSpan Span, string Message)
{
    /// <summary>The id, e.g. SAM1001.</summary>
    public string Id => Descriptor.Id;

    /// <summary>True for errors.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>Creates a diagnostic with the descriptor's default severity.</summary>
    public static Diagnostic Create(DiagnosticDescriptor descriptor, SourceSpan span, string message) =>
        new(descriptor, descriptor.DefaultSeverity, span, message);

    /// <summary>MSBuild form: <c>path(line,col): error SAM1001: message</c>.</summary>
    public override string ToString() =>
        $"{Span.Path}({Span.Start.Line},{Span.Start.Column}): {SeverityWord(Severity)} {Id}: {Message}";

    /// <summary>The lower-case word for a severity, as MSBuild and SARIF spell it.</summary>
    public static string SeverityWord(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };
}
