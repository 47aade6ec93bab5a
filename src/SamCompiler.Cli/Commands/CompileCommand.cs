using System.CommandLine;
using SamCompiler.Diagnostics;
using SamCompiler.Text;
using SamCompiler.Transform;

namespace SamCompiler.Cli.Commands;

/// <summary>The arguments of <c>samc compile</c>.</summary>
/// <param name="Template">The template (the first one when several are given), <c>-</c> for standard input, or null for the default name.</param>
/// <param name="Target">cloudformation, pulumi-typescript or pulumi-yaml.</param>
/// <param name="Format">json or yaml.</param>
/// <param name="OutputPath">-o: the output file (a folder for Pulumi targets), or null for stdout.</param>
/// <param name="ParameterOverrides">--parameter-overrides tokens.</param>
/// <param name="Region">--region.</param>
/// <param name="Templates">Every template given, when more than one (compiled in one process into <paramref name="OutputDir"/>).</param>
/// <param name="OutputDir">--output-dir: write each compiled template there, under its own file name.</param>
/// <param name="LocalArtifacts">--local-artifacts: error (as the reference) or placeholder.</param>
/// <param name="S3Prefix">--s3-prefix for placeholder keys.</param>
public sealed record CompileArguments(string? Template, string Target, string Format, string? OutputPath, IReadOnlyList<string> ParameterOverrides, string Region, IReadOnlyList<string>? Templates = null, string? OutputDir = null, string LocalArtifacts = "error", string? S3Prefix = null);

/// <summary><c>samc compile</c>: SAM to CloudFormation (or a Pulumi program).</summary>
public static class CompileCommand
{
    /// <summary>Declares the command.</summary>
    public static Command Create(CliContext context)
    {
        var template = new Argument<string[]>("TEMPLATE") { Description = "SAM templates (default: template.yaml, template.yml or template.json here); - reads standard input; several need --output-dir.", Arity = ArgumentArity.ZeroOrMore };
        var target = new Option<string>("--target") { Description = "What to produce.", DefaultValueFactory = _ => "cloudformation" };
        target.AcceptOnlyFromAmong("cloudformation", "pulumi-typescript", "pulumi-yaml");
        var format = new Option<string>("--format") { Description = "CloudFormation output format.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "yaml");
        var output = new Option<string?>("--output", "-o") { Description = "Write the result here instead of stdout (a folder for Pulumi targets)." };
        var overrides = new Option<string[]>("--parameter-overrides") { Description = "Parameter values: K=V or ParameterKey=K,ParameterValue=V.", AllowMultipleArgumentsPerToken = true };
        var region = new Option<string>("--region") { Description = "Region to compile for (sets AWS::Region and the partition).", DefaultValueFactory = _ => "us-east-1" };
        var outputDir = new Option<string?>("--output-dir") { Description = "Compile every TEMPLATE in one process and write each to this folder, under its own name (.json or .yaml per --format)." };
        var localArtifacts = new Option<string>("--local-artifacts") { Description = "Local CodeUri/ContentUri/DefinitionUri: error (as the reference translator), or placeholder: s3://samc-placeholder/SHA256.ext, the key samc package would upload to (no upload, no credentials).", DefaultValueFactory = _ => "error" };
        localArtifacts.AcceptOnlyFromAmong(CompileLocalArtifacts.Modes);
        var s3Prefix = new Option<string?>("--s3-prefix") { Description = "With --local-artifacts placeholder: the key prefix samc package would use." };
        var command = new Command("compile", "Compile a SAM template into CloudFormation.\n\nExamples:\n  samc compile template.yaml > packaged.json\n  samc compile -o out.yaml --format yaml --parameter-overrides Stage=prod\n  samc compile --local-artifacts placeholder   # a template with local CodeUri folders, no upload\n  cat template.yaml | samc compile -\n  samc compile services/*/template.yaml --output-dir build/cfn")
        {
            template, target, format, output, overrides, region, outputDir, localArtifacts, s3Prefix,
        };
        command.SetAction(parse =>
        {
            var templates = parse.GetValue(template) ?? [];
            return Run(
                new CompileArguments(
                    templates.FirstOrDefault(),
                    parse.GetValue(target) ?? "cloudformation",
                    parse.GetValue(format) ?? "json",
                    parse.GetValue(output),
                    parse.GetValue(overrides) ?? [],
                    parse.GetValue(region) ?? "us-east-1",
                    templates,
                    parse.GetValue(outputDir),
                    parse.GetValue(localArtifacts) ?? "error",
                    parse.GetValue(s3Prefix)),
                context);
        });
        return command;
    }

    /// <summary>Runs the command.</summary>
    public static int Run(CompileArguments args, CliContext context)
    {
        foreach (var t in args.Templates ?? (args.Template is null ? [] : [args.Template]))
        {
            if (t is { Length: > 1 } && t[0] == '-' && !File.Exists(context.Resolve(t)))
            {
                context.Error.WriteLine($"samc: unknown option \"{t}\". Run 'samc compile --help' for usage.");
                return ExitCodes.Usage;
            }
        }

        if (args.OutputDir is not null || args.Templates is { Count: > 1 })
        {
            return CompileMany.Run(args, context);
        }

        if (args.Template == "-")
        {
            return RunStdin(args, context);
        }

        var path = TemplateFiles.Find(args.Template, context);
        if (path is null)
        {
            context.Error.WriteLine("samc: no TEMPLATE given and no template.yaml, template.yml or template.json in this folder.");
            return ExitCodes.Usage;
        }

        if (!ParameterOverrides.TryParse(args.ParameterOverrides, out var parameters, out var parameterError))
        {
            context.Error.WriteLine($"samc: --parameter-overrides: {parameterError}");
            return ExitCodes.Usage;
        }

        var source = TemplateFiles.Read(path, context, out var readError);
        if (source is null)
        {
            DiagnosticWriter.WriteText(context.Error, [readError!]);
            return ExitCodes.Usage;
        }

        var options = new CompileOptions
        {
            Format = args.Format == "yaml" ? OutputFormat.Yaml : OutputFormat.Json,
            Translate = new TranslateOptions { Region = args.Region, ParameterOverrides = parameters, LocalArtifacts = args.Target != "cloudformation" },
        };
        if (args.LocalArtifacts == "placeholder" && args.Target == "cloudformation")
        {
            var (placeholderOutput, placeholderDiagnostics) = CompileLocalArtifacts.Compile(source, context.Resolve(path), args.S3Prefix, options);
            DiagnosticWriter.WriteText(context.Error, placeholderDiagnostics);
            return placeholderOutput is null
                ? (placeholderDiagnostics.Any(d => d.Id == DiagnosticCatalog.InternalError.Id) ? ExitCodes.InternalError : ExitCodes.InputErrors)
                : Emit(placeholderOutput, args.OutputPath, context);
        }

        var compilation = TemplateCompiler.Compile(source, options);
        DiagnosticWriter.WriteText(context.Error, compilation.Diagnostics);
        if (compilation.Output is null || compilation.Document is null)
        {
            return compilation.Diagnostics.Any(d => d.Id == DiagnosticCatalog.InternalError.Id) ? ExitCodes.InternalError : ExitCodes.InputErrors;
        }

        if (args.Target != "cloudformation")
        {
            return CompileTargets.EmitPulumi(args.Target, compilation.Document, source, args.OutputPath, context);
        }

        return Emit(compilation.Output, args.OutputPath, context);
    }

    /// <summary><c>samc compile -</c>: the template from standard input, reported as &lt;stdin&gt;.</summary>
    private static int RunStdin(CompileArguments args, CliContext context)
    {
        if (!ParameterOverrides.TryParse(args.ParameterOverrides, out var parameters, out var parameterError))
        {
            context.Error.WriteLine($"samc: --parameter-overrides: {parameterError}");
            return ExitCodes.Usage;
        }

        var source = TemplateFiles.ReadStdin(context, out var readError);
        if (source is null)
        {
            DiagnosticWriter.WriteText(context.Error, [readError!]);
            return ExitCodes.Usage;
        }

        var compilation = TemplateCompiler.Compile(source, Options(args, parameters));
        DiagnosticWriter.WriteText(context.Error, compilation.Diagnostics);
        if (compilation.Output is null || compilation.Document is null)
        {
            return compilation.Diagnostics.Any(d => d.Id == DiagnosticCatalog.InternalError.Id) ? ExitCodes.InternalError : ExitCodes.InputErrors;
        }

        return args.Target != "cloudformation"
            ? CompileTargets.EmitPulumi(args.Target, compilation.Document, source, args.OutputPath, context)
            : Emit(compilation.Output, args.OutputPath, context);
    }

    /// <summary>The library options for these arguments.</summary>
    internal static CompileOptions Options(CompileArguments args, IReadOnlyDictionary<string, Syntax.Node> parameters) => new()
    {
        Format = args.Format == "yaml" ? OutputFormat.Yaml : OutputFormat.Json,
        Translate = new TranslateOptions { Region = args.Region, ParameterOverrides = parameters, LocalArtifacts = args.Target != "cloudformation" },
    };

    /// <summary>Writes <paramref name="text"/> to <paramref name="outputPath"/> (atomically) or stdout.</summary>
    internal static int Write(string text, string? outputPath, CliContext context) => Emit(text, outputPath, context);

    private static int Emit(string text, string? outputPath, CliContext context)
    {
        if (outputPath is null)
        {
            context.Out.Write(text);
            return ExitCodes.Success;
        }

        try
        {
            OutputFile.Write(context.Resolve(outputPath), text);
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.FileUnreadable, SourceSpan.DocumentStart(outputPath), $"Cannot write \"{outputPath}\": {ex.Message}")]);
            return ExitCodes.InputErrors;
        }
    }
}
