using SamCompiler.Diagnostics;

namespace SamCompiler.Cli;

/// <summary>Prints diagnostics in the MSBuild form on the error writer.</summary>
public static class DiagnosticWriter
{
    /// <summary>Writes each diagnostic on its own line, sorted and de-duplicated.</summary>
    public static void WriteText(TextWriter writer, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in DiagnosticBag.Assemble(diagnostics))
        {
            writer.WriteLine(d.ToString());
        }
    }
}
