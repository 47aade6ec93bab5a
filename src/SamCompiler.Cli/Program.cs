using System.CommandLine;
using SamCompiler.Cli.Commands;
using SamCompiler.Cli.Config;

namespace SamCompiler.Cli;

/// <summary>The samc entry point. <see cref="Run"/> takes its writers, so tests run the CLI in-process.</summary>
public static class Program
{
    /// <summary>Process entry.</summary>
    public static int Main(string[] args)
    {
        using var signals = ShutdownSignals.Install(Console.Error);
        try
        {
            return Run(args, CliContext.FromProcess() with { Signals = signals });
        }
        finally
        {
            // Nothing samc started outlives it: runtime process groups, cgroups, the per-run work folder.
            Local.Invoke.RuntimeProcesses.KillAll();
            Local.Invoke.MemoryCgroup.DisposeAll();
            Local.Files.WorkFolder.DisposeShared();
        }
    }

    /// <summary>Runs samc with <paramref name="args"/> against <paramref name="context"/>.</summary>
    public static int Run(string[] args, CliContext context)
    {
        if (args is ["--version"])
        {
            // System.CommandLine's own --version prints the entry assembly's version (the test host's, in-process).
            context.Out.WriteLine(Version);
            return ExitCodes.Success;
        }

        var root = new RootCommand("samc: compile, lint and run AWS SAM templates, without Docker.");
        root.Subcommands.Add(CompileCommand.Create(context));
        root.Subcommands.Add(LintCommand.Create(context));
        root.Subcommands.Add(LocalCommand.Create(context));
        root.Subcommands.Add(DiffCommand.Create(context));
        root.Subcommands.Add(StepFunctionsCommands.CreateGraph(context));
        root.Subcommands.Add(PackageCommand.Create(context));
        root.Subcommands.Add(DeployCommand.Create(context));
        root.Subcommands.Add(DeleteCommand.Create(context));
        root.Options.Add(SamConfigDefaults.ConfigFile);
        root.Options.Add(SamConfigDefaults.ConfigEnv);
        var withConfig = SamConfigDefaults.Apply(root, args, context, out var configError);
        if (withConfig is null)
        {
            DiagnosticWriter.WriteText(context.Error, [configError!]);
            return ExitCodes.Usage;
        }

        var parse = root.Parse(withConfig);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                context.Error.WriteLine($"samc: {e.Message}");
            }

            context.Error.WriteLine("Run 'samc --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            context.Error.WriteLine($"samc: error SAM0001: internal error: {ex.GetType().Name}: {ex.Message}. This is a bug in samc {Version}; please report it with the command line and template.");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The samc version.</summary>
    public static string Version => BuildInfo.Version;
}
