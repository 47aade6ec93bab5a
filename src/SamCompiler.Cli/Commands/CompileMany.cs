using SamCompiler.Diagnostics;
using SamCompiler.Text;

namespace SamCompiler.Cli.Commands;

/// <summary>
/// <c>samc compile A.yaml B.yaml --output-dir out/</c>: every template compiled in this one process and written to
/// the folder under its own name, with the extension of --format. Paths below the inputs' common folder are kept
/// (<c>services/a/template.yaml</c> and <c>services/b/template.yaml</c> give <c>out/a/template.json</c> and
/// <c>out/b/template.json</c>). Diagnostics are printed per file; the exit code is the worst of all
/// (3 internal error, 2 usage or unreadable file, 1 template errors, 0 success).
/// </summary>
internal static class CompileMany
{
    public static int Run(CompileArguments args, CliContext context)
    {
        var templates = args.Templates is { Count: > 0 } given ? given : TemplateFiles.Find(null, context) is { } found ? [found] : [];
        if (args.OutputDir is null)
        {
            return Usage(context, "several templates need --output-dir DIR (each is written there under its own name).");
        }

        if (args.OutputPath is not null)
        {
            return Usage(context, "-o names one output file; use --output-dir alone to compile several templates.");
        }

        if (args.Target != "cloudformation")
        {
            return Usage(context, "--output-dir writes CloudFormation; compile Pulumi programs one template at a time with -o FOLDER.");
        }

        if (templates.Count == 0)
        {
            return Usage(context, "no TEMPLATE given and no template.yaml, template.yml or template.json in this folder.");
        }

        if (templates.Contains("-"))
        {
            return Usage(context, "- (standard input) cannot be combined with --output-dir; give file names.");
        }

        if (!ParameterOverrides.TryParse(args.ParameterOverrides, out var parameters, out var parameterError))
        {
            return Usage(context, $"--parameter-overrides: {parameterError}");
        }

        var extension = args.Format == "yaml" ? ".yaml" : ".json";
        var outputs = OutputNames(templates, extension, context);
        var clash = outputs.GroupBy(o => o, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            var inputs = templates.Where((_, i) => outputs[i] == clash.Key);
            return Usage(context, $"{string.Join(" and ", inputs.Select(t => $"\"{t}\""))} would both be written to \"{clash.Key}\"; compile them separately.");
        }

        var options = CompileCommand.Options(args, parameters);
        var worst = ExitCodes.Success;
        var written = 0;
        for (var i = 0; i < templates.Count; i++)
        {
            var source = TemplateFiles.Read(templates[i], context, out var readError);
            if (source is null)
            {
                DiagnosticWriter.WriteText(context.Error, [readError!]);
                worst = Math.Max(worst, ExitCodes.Usage);
                continue;
            }

            var (output, diagnostics) = args.LocalArtifacts == "placeholder"
                ? CompileLocalArtifacts.Compile(source, context.Resolve(templates[i]), args.S3Prefix, options)
                : Compiled(TemplateCompiler.Compile(source, options));
            DiagnosticWriter.WriteText(context.Error, diagnostics);
            if (output is null)
            {
                worst = Math.Max(worst, diagnostics.Any(d => d.Id == DiagnosticCatalog.InternalError.Id) ? ExitCodes.InternalError : ExitCodes.InputErrors);
                continue;
            }

            var target = Path.Combine(args.OutputDir, outputs[i]);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(context.Resolve(target))!);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.FileUnreadable, SourceSpan.DocumentStart(target), $"Cannot create the folder for \"{target}\": {ex.Message}")]);
                worst = Math.Max(worst, ExitCodes.InputErrors);
                continue;
            }

            var status = CompileCommand.Write(output, target, context);
            worst = Math.Max(worst, status);
            written += status == ExitCodes.Success ? 1 : 0;
        }

        context.Error.WriteLine($"samc: wrote {written} of {templates.Count} template(s) to {args.OutputDir}");
        return worst;
    }

    private static (string? Output, IReadOnlyList<Diagnostic> Diagnostics) Compiled(Compilation compilation) => (compilation.Output, compilation.Diagnostics);

    /// <summary>Each input's path below the inputs' common folder, with the output extension.</summary>
    private static List<string> OutputNames(IReadOnlyList<string> templates, string extension, CliContext context)
    {
        var full = templates.Select(t => context.Resolve(t)).ToList();
        var common = Path.GetDirectoryName(full[0])!;
        foreach (var f in full.Skip(1))
        {
            while (!IsBelow(f, common))
            {
                common = Path.GetDirectoryName(common) ?? string.Empty;
            }
        }

        return [.. full.Select(f => Path.ChangeExtension(Path.GetRelativePath(common, f), extension))];
    }

    private static bool IsBelow(string path, string folder) =>
        folder.Length == 0 || path.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static int Usage(CliContext context, string message)
    {
        context.Error.WriteLine($"samc: {message} Run 'samc compile --help' for usage.");
        return ExitCodes.Usage;
    }
}
