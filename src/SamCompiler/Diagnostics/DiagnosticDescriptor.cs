namespace SamCompiler.Diagnostics;

/// <summary>The fixed facts of one diagnostic id.</summary>
/// <param name="Id">SAM and four digits.</param>
/// <param name="Name">Kebab-case name, used in configuration and suppressions.</param>
/// <param name="Category">The block the id belongs to.</param>
/// <param name="DefaultSeverity">Severity unless configured otherwise.</param>
/// <param name="Title">One line saying what the id is about.</param>
public sealed record DiagnosticDescriptor(string Id, string Name, DiagnosticCategory Category, DiagnosticSeverity DefaultSeverity, string Title)
{
    /// <summary>Where docs/diagnostics.md explains the id.</summary>
    public string HelpUri => $"https://github.com/samtools/samc/blob/main/docs/diagnostics.md#{Id.ToLowerInvariant()}";
}
