using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Cli.Commands;

/// <summary>The non-CloudFormation targets of <c>samc compile</c> (Pulumi programs).</summary>
public static class CompileTargets
{
    /// <summary>
    /// Writes the program for <paramref name="target"/> (pulumi-typescript or pulumi-yaml) from the transformed
    /// CloudFormation <paramref name="document"/>; returns the exit code.
    /// </summary>
    public static int EmitPulumi(string target, MapNode document, SourceText source, string? outputPath, CliContext context)
    {
        _ = document;
        _ = source;
        _ = outputPath;
        context.Error.WriteLine($"samc: the {target} target is not available in this build.");
        return ExitCodes.Usage;
    }
}
