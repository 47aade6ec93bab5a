using SamCompiler.Diagnostics;
using SamCompiler.Emit.Pulumi;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Cli.Commands;

/// <summary>The non-CloudFormation targets of <c>samc compile</c> (Pulumi programs).</summary>
public static class CompileTargets
{
    /// <summary>The folder written when no -o is given.</summary>
    public const string DefaultFolder = "pulumi-out";

    /// <summary>
    /// The file samc keeps in a project folder it wrote, listing the files it owns there: samc overwrites only a
    /// folder that is empty or has this file, and only the files it lists.
    /// </summary>
    public const string MarkerFile = ".samc-pulumi";

    /// <summary>
    /// Writes the program for <paramref name="target"/> (pulumi-typescript or pulumi-yaml) from the transformed
    /// CloudFormation <paramref name="document"/> into the folder <paramref name="outputPath"/> (default
    /// <see cref="DefaultFolder"/>); returns the exit code.
    /// </summary>
    public static int EmitPulumi(string target, MapNode document, SourceText source, string? outputPath, CliContext context)
    {
        var folder = context.Resolve(outputPath ?? DefaultFolder);
        var templateFolder = Path.GetDirectoryName(context.Resolve(source.Path)) ?? context.WorkingDirectory;
        var relative = Path.GetRelativePath(folder, templateFolder).Replace('\\', '/');
        var options = new PulumiEmitOptions
        {
            ProjectName = Path.GetFileName(templateFolder.TrimEnd(Path.DirectorySeparatorChar)),
            SourcePath = source.Path,
            TemplateFolder = relative,
        };
        var language = target == "pulumi-yaml" ? PulumiLanguage.Yaml : PulumiLanguage.TypeScript;
        var project = PulumiEmitter.Emit(document, language, options);
        DiagnosticWriter.WriteText(context.Error, project.Diagnostics);
        if (project.HasErrors)
        {
            return ExitCodes.InputErrors;
        }

        try
        {
            var owned = OwnedFiles(folder);
            if (owned is null)
            {
                var message = $"The folder \"{outputPath ?? DefaultFolder}\" is not empty and has no {MarkerFile} file, so samc did not write it; choose an empty or new folder with -o.";
                DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.PulumiOutputFolderInUse, SourceSpan.DocumentStart(source.Path), message)]);
                return ExitCodes.InputErrors;
            }

            Directory.CreateDirectory(folder);
            foreach (var stale in owned.Except(project.Files.Select(f => f.Path), StringComparer.Ordinal))
            {
                var path = Path.Combine(folder, stale);
                if (File.Exists(path))
                {
                    File.Delete(path);
                }
            }

            foreach (var file in project.Files)
            {
                Write(Path.Combine(folder, file.Path), file.Text);
            }

            Write(Path.Combine(folder, MarkerFile), "# Files samc wrote here (samc compile --target pulumi-*); it rewrites only these.\n" + string.Join("\n", project.Files.Select(f => f.Path)) + "\n");
            context.Error.WriteLine($"samc: wrote {project.Files.Count} {(project.Files.Count == 1 ? "file" : "files")} to {outputPath ?? DefaultFolder}");
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.FileUnreadable, SourceSpan.DocumentStart(outputPath ?? DefaultFolder), $"Cannot write \"{outputPath ?? DefaultFolder}\": {ex.Message}")]);
            return ExitCodes.InputErrors;
        }
    }

    /// <summary>The files samc owns in <paramref name="folder"/>: empty for a new or empty folder, null when it is not samc's.</summary>
    public static IReadOnlyList<string>? OwnedFiles(string folder)
    {
        if (!Directory.Exists(folder) || !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            return [];
        }

        var marker = Path.Combine(folder, MarkerFile);
        if (!File.Exists(marker))
        {
            return null;
        }

        return [.. File.ReadAllLines(marker).Where(l => l.Length > 0 && !l.StartsWith('#') && !l.Contains("..", StringComparison.Ordinal) && !Path.IsPathRooted(l))];
    }

    private static void Write(string path, string text) => OutputFile.Write(path, text);
}
