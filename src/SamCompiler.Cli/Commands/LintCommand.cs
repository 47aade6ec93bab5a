using System.CommandLine;
using SamCompiler.Cli.Formatters;
using SamCompiler.Diagnostics;
using SamCompiler.Text;
using SamCompiler.Validation;

namespace SamCompiler.Cli.Commands;

/// <summary>The arguments of <c>samc lint</c>.</summary>
/// <param name="Templates">Template paths (empty: the default template of the working folder).</param>
/// <param name="Format">text, json, sarif, github or junit.</param>
/// <param name="ConfigPath">--config; null to look for .samc.yaml upward from each template.</param>
/// <param name="WarnAsError">Exit 1 on warnings too.</param>
/// <param name="CodeFrame">Print a code frame under each text diagnostic (on a terminal).</param>
/// <param name="Today">The date runtime deprecations are judged against; null for today's date.</param>
/// <param name="AllowOutside">Measure CodeUri/ContentUri locations outside the template's folder too (--allow-outside).</param>
public sealed record LintArguments(IReadOnlyList<string> Templates, string Format, string? ConfigPath, bool WarnAsError, bool CodeFrame = false, DateOnly? Today = null, bool AllowOutside = false);

/// <summary><c>samc lint</c>: Lambda and CloudFormation quotas, security and good practice, on the SAM lines that cause them.</summary>
public static partial class LintCommand
{
    /// <summary>The output formats.</summary>
    public static readonly string[] Formats = ["text", "json", "sarif", "github", "junit"];

    /// <summary>Declares the command.</summary>
    public static Command Create(CliContext context)
    {
        var templates = new Argument<string[]>("TEMPLATE") { Description = "SAM templates to lint (default: template.yaml, template.yml or template.json here).", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong(Formats);
        var config = new Option<string?>("--config") { Description = "Lint configuration file (default: .samc.yaml found upward from each template)." };
        var warnAsError = new Option<bool>("--warnaserror") { Description = "Exit with code 1 when there are warnings." };
        var allowOutside = new Option<bool>("--allow-outside") { Description = "Measure local CodeUri/ContentUri locations outside the template's folder too (off by default, so that an untrusted template cannot make lint read the whole disk)." };
        var command = new Command("lint", "Check SAM templates against Lambda and CloudFormation quotas and security practice.\n\nExamples:\n  samc lint template.yaml\n  samc lint --format sarif stacks/*.yaml > samc.sarif\n  samc lint --warnaserror --config ci/.samc.yaml")
        {
            templates, format, config, warnAsError, allowOutside,
        };
        command.SetAction(parse => Run(
            new LintArguments(
                parse.GetValue(templates) ?? [],
                parse.GetValue(format) ?? "text",
                parse.GetValue(config),
                parse.GetValue(warnAsError),
                CodeFrame: ReferenceEquals(context.Out, Console.Out) && !Console.IsOutputRedirected,
                AllowOutside: parse.GetValue(allowOutside)),
            context));
        return command;
    }

    /// <summary>Runs the command.</summary>
    public static int Run(LintArguments args, CliContext context)
    {
        var paths = args.Templates.Count > 0 ? args.Templates : TemplateFiles.Find(null, context) is { } found ? [found] : [];
        if (paths.Count == 0)
        {
            context.Error.WriteLine("samc: no TEMPLATE given and no template.yaml, template.yml or template.json in this folder.");
            return ExitCodes.Usage;
        }

        var today = args.Today ?? DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var report = new LintReport();
        var disabled = new HashSet<string>(StringComparer.Ordinal);
        LintConfig? explicitConfig = null;
        if (args.ConfigPath is not null)
        {
            explicitConfig = ReadConfig(args.ConfigPath, context, report, out var configError);
            if (explicitConfig is null)
            {
                context.Error.WriteLine($"samc: {configError}");
                return ExitCodes.Usage;
            }
        }

        foreach (var path in paths)
        {
            var source = TemplateFiles.Read(path, context, out var readError);
            if (source is null)
            {
                DiagnosticWriter.WriteText(context.Error, [readError!]);
                return ExitCodes.Usage;
            }

            report.AddFile(path, source);
            var full = context.Resolve(path);
            var config = explicitConfig ?? FindConfig(Path.GetDirectoryName(full)!, context, report);
            var options = new LintOptions { Today = today, CodeSizes = new DirectoryCodeSizeProbe(Path.GetDirectoryName(full)!, args.AllowOutside), ReadTemplateFile = TemplateFileReader(Path.GetDirectoryName(full)!) };
            if (config is not null)
            {
                options = config.ApplyTo(options);
            }

            foreach (var rule in RuleRegistry.All.Where(r => options.LevelOf(r.Descriptor, r.EnabledByDefault) == RuleLevel.Off))
            {
                disabled.Add(rule.Descriptor.Id);
            }

            report.Add(Validator.Lint(source, options).Diagnostics);
        }

        ILintFormatter formatter = args.Format switch
        {
            "json" => new JsonLintFormatter(),
            "sarif" => new SarifLintFormatter(Program.Version),
            "github" => new GitHubLintFormatter(),
            "junit" => new JUnitLintFormatter(disabled),
            _ => new TextLintFormatter(args.CodeFrame),
        };
        var diagnostics = report.Diagnostics;
        formatter.Write(report, context.Out);
        if (diagnostics.Any(d => d.Id == DiagnosticCatalog.InternalError.Id))
        {
            return ExitCodes.InternalError;
        }

        return diagnostics.Any(d => d.IsError) || (args.WarnAsError && diagnostics.Any(d => d.Severity == DiagnosticSeverity.Warning))
            ? ExitCodes.InputErrors
            : ExitCodes.Success;
    }

    private static LintConfig? FindConfig(string directory, CliContext context, LintReport report)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, LintConfig.FileName);
            if (File.Exists(candidate))
            {
                return ReadConfig(Path.GetRelativePath(context.WorkingDirectory, candidate), context, report, out _);
            }
        }

        return null;
    }

    private static LintConfig? ReadConfig(string path, CliContext context, LintReport report, out string? error)
    {
        error = null;
        var full = context.Resolve(path);
        if (!File.Exists(full))
        {
            error = $"--config: the file \"{path}\" does not exist.";
            return null;
        }

        try
        {
            var source = new SourceText(path, TemplateFiles.ReadSmallText(full));
            var config = LintConfig.Parse(source, out var problems);
            if (problems.Count > 0)
            {
                report.AddSource(source);
                report.Add(problems);
            }

            return config;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"the configuration file \"{path}\" cannot be read: {ex.Message}";
            return null;
        }
    }

    /// <summary>Reads files named relative to the template directory (DefinitionUri), for lint; at most TemplateFiles.MaxBytes.</summary>
    internal static Func<string, SamCompiler.Text.SourceText?> TemplateFileReader(string baseDirectory) => relative =>
    {
        var path = Path.Combine(baseDirectory, relative);
        try
        {
            return File.Exists(path) ? new SamCompiler.Text.SourceText(relative, TemplateFiles.ReadSmallText(path)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    };
}
