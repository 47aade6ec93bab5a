namespace SamCompiler.Diagnostics;

/// <summary>How serious a diagnostic is. "Off" exists only in configuration.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Information only.</summary>
    Info,

    /// <summary>A problem that does not stop compilation.</summary>
    Warning,

    /// <summary>The input is invalid.</summary>
    Error,
}
