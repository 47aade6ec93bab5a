using System.CommandLine;
using System.Text;
using System.Text.Json;
using SamCompiler.Diagnostics;
using SamCompiler.Local.Invoke;
using SamCompiler.Local.Model;
using SamCompiler.Local.RuntimeApi;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Cli.Commands;

/// <summary>The arguments of <c>samc local invoke</c>.</summary>
public sealed record LocalInvokeArguments(
    string? Function,
    string? Template,
    string? Event,
    string? EnvVars,
    IReadOnlyList<string> ParameterOverrides,
    string? Region);

/// <summary><c>samc local</c>: run functions of a template on this machine, without Docker.</summary>
public static class LocalCommand
{
    /// <summary>Declares <c>local</c> and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var local = new Command("local", "Run functions of a SAM template on this machine as Lambda runs them, without Docker.");
        local.Subcommands.Add(CreateInvoke(context));
        local.Subcommands.Add(StartLambdaCommand.Create(context));
        local.Subcommands.Add(StartApiCommand.Create(context));
        local.Subcommands.Add(GenerateEventCommand.Create(context));
        local.Subcommands.Add(StepFunctionsCommands.CreateStartStepFunctions(context));
        local.Subcommands.Add(StepFunctionsCommands.CreateExecute(context));
        return local;
    }

    private static Command CreateInvoke(CliContext context)
    {
        var function = new Argument<string?>("FUNCTION") { Description = "Logical id or FunctionName of the function (optional when the template has one function).", Arity = ArgumentArity.ZeroOrOne };
        var template = new Option<string?>("--template", "-t", "--template-file") { Description = "The SAM template (default: template.yaml, template.yml or template.json here)." };
        var @event = new Option<string?>("--event", "-e") { Description = "JSON event file, or - to read it from stdin (default: {})." };
        var envVars = new Option<string?>("--env-vars", "-n") { Description = "JSON file of environment variable overrides (SAM CLI format: a Parameters section and sections per function)." };
        var overrides = new Option<string[]>("--parameter-overrides") { Description = "Parameter values: K=V or ParameterKey=K,ParameterValue=V.", AllowMultipleArgumentsPerToken = true };
        var region = new Option<string?>("--region") { Description = "Region (AWS_REGION, AWS::Region; default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1)." };
        var command = new Command("invoke", "Invoke a function once and print its result on stdout; logs, START/END/REPORT go to stderr.\n\nExamples:\n  samc local invoke HelloFunction -e events/event.json\n  echo '{\"a\":1}' | samc local invoke HelloFunction -e -")
        {
            function, template, @event, envVars, overrides, region,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new LocalInvokeArguments(
                parse.GetValue(function),
                parse.GetValue(template),
                parse.GetValue(@event),
                parse.GetValue(envVars),
                parse.GetValue(overrides) ?? [],
                parse.GetValue(region)),
            context,
            Console.OpenStandardInput,
            cancellationToken));
        return command;
    }

    /// <summary>
    /// Runs <c>local invoke</c>; <paramref name="stdin"/> supplies the event for <c>-e -</c>. Ctrl+C (or SIGTERM, or
    /// cancelling <paramref name="cancellationToken"/>) is forwarded to the runtime, and the run exits 130 (143 for SIGTERM).
    /// </summary>
    public static async Task<int> RunAsync(LocalInvokeArguments args, CliContext context, Func<Stream> stdin, CancellationToken cancellationToken)
    {
        using var shutdown = context.ClaimShutdown(cancellationToken);
        try
        {
            return await RunClaimedAsync(args, context, stdin, shutdown.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            return context.Signals?.ExitCode ?? ExitCodes.Interrupted;
        }
    }

    private static async Task<int> RunClaimedAsync(LocalInvokeArguments args, CliContext context, Func<Stream> stdin, CancellationToken cancellationToken)
    {
        var path = TemplateFiles.Find(args.Template, context);
        if (path is null)
        {
            context.Error.WriteLine("samc: no --template given and no template.yaml, template.yml or template.json in this folder.");
            return ExitCodes.Usage;
        }

        if (!ParameterOverrides.TryParse(args.ParameterOverrides, out var parameters, out var parameterError))
        {
            context.Error.WriteLine($"samc: --parameter-overrides: {parameterError}");
            return ExitCodes.Usage;
        }

        // Kestrel starts while the template is read and the runtime process starts.
        await using var server = RuntimeApiServer.Create(TimeProvider.System, cancellationToken);
        var source = TemplateFiles.Read(path, context, out var readError);
        if (source is null)
        {
            DiagnosticWriter.WriteText(context.Error, [readError!]);
            return ExitCodes.InputErrors;
        }

        var region = args.Region
            ?? NonEmpty(context.Environment, "AWS_REGION")
            ?? NonEmpty(context.Environment, "AWS_DEFAULT_REGION")
            ?? "us-east-1";
        var options = new LocalTemplateOptions
        {
            Region = region,
            ParameterOverrides = parameters.ToDictionary(p => p.Key, p => p.Value.AsString() ?? string.Empty, StringComparer.Ordinal),
        };
        var fullPath = context.Resolve(path);
        var localTemplate = LocalTemplate.Load(source, Path.GetDirectoryName(fullPath)!, options, out var loadDiagnostics);
        if (localTemplate is null)
        {
            DiagnosticWriter.WriteText(context.Error, loadDiagnostics);
            return ExitCodes.InputErrors;
        }

        var diagnostics = new List<Diagnostic>(loadDiagnostics);
        var function = localTemplate.Resolve(args.Function, diagnostics);
        var eventBytes = function is null ? null : ReadEvent(args.Event, context, stdin, diagnostics);
        var variables = function is null ? null : ApplyEnvVars(function, args.EnvVars, context, diagnostics);
        DiagnosticWriter.WriteText(context.Error, diagnostics);
        if (function is null || eventBytes is null || diagnostics.Any(d => d.IsError))
        {
            return ExitCodes.InputErrors;
        }

        var invoker = new LocalInvoker(TimeProvider.System, new LogSink(context.Error));
        var report = await invoker.InvokeAsync(
            new InvokeRequest
            {
                Function = function,
                Event = eventBytes,
                Variables = variables,
                Region = region,
                CallerEnvironment = context.Environment,
                InterruptSignal = () => context.Signals?.Signal is > 0 and var s ? s : Local.Files.UnixFile.SigInt,
            },
            server,
            cancellationToken).ConfigureAwait(false);
        if (report.Interrupted)
        {
            context.Error.WriteLine("samc: local invoke interrupted; no result.");
            return context.Signals?.ExitCode ?? ExitCodes.Interrupted;
        }

        if (report.Result is null)
        {
            DiagnosticWriter.WriteText(context.Error, report.Diagnostics.Where(d => d.IsError));
            return ExitCodes.InputErrors;
        }

        context.Out.Write(Encoding.UTF8.GetString(report.Result.Payload));
        context.Out.WriteLine();
        context.Out.Flush();
        return ExitCodes.Success;
    }

    private static byte[]? ReadEvent(string? eventPath, CliContext context, Func<Stream> stdin, List<Diagnostic> diagnostics)
    {
        byte[]? bytes;
        var name = eventPath == "-" ? "<stdin>" : eventPath ?? string.Empty;
        try
        {
            if (eventPath is null)
            {
                return "{}"u8.ToArray();
            }

            // Lambda takes at most 6 MB synchronously; reading stops right after that (an endless stdin or
            // /dev/zero cannot exhaust memory).
            var limit = SamCompiler.Model.Aws.Quotas.SyncPayload.Value;
            if (eventPath == "-")
            {
                using var input = stdin();
                bytes = TemplateFiles.ReadBounded(input, limit);
            }
            else
            {
                bytes = TemplateFiles.ReadBounded(context.Resolve(eventPath), limit);
            }

            if (bytes is null)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalEventInvalid, SourceSpan.DocumentStart(name), $"The event \"{name}\" is more than {limit:N0} bytes, Lambda's limit for a synchronous invocation (samc stopped reading there)."));
                return null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalEventInvalid, SourceSpan.DocumentStart(name), $"The event \"{name}\" cannot be read: {ex.Message}"));
            return null;
        }

        var span = bytes.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        try
        {
            using var _ = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalEventInvalid, SourceSpan.DocumentStart(name), $"The event \"{name}\" is not JSON: {ex.Message.ReplaceLineEndings(" ").Trim()}"));
            return null;
        }

        return bytes;
    }

    private static IReadOnlyList<KeyValuePair<string, string>>? ApplyEnvVars(LocalFunction function, string? envVarsPath, CliContext context, List<Diagnostic> diagnostics)
    {
        if (envVarsPath is null)
        {
            return function.Environment;
        }

        string text;
        try
        {
            text = TemplateFiles.ReadSmallText(context.Resolve(envVarsPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalEnvVarsInvalid, SourceSpan.DocumentStart(envVarsPath), $"The --env-vars file \"{envVarsPath}\" cannot be read: {ex.Message}"));
            return null;
        }

        var file = EnvVarsFile.Parse(text, out var error);
        if (file is null)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalEnvVarsInvalid, SourceSpan.DocumentStart(envVarsPath), $"The --env-vars file \"{envVarsPath}\" is invalid: {error}."));
            return null;
        }

        return file.Apply(function);
    }

    private static string? NonEmpty(IReadOnlyDictionary<string, string?> environment, string key) =>
        environment.TryGetValue(key, out var v) && !string.IsNullOrEmpty(v) ? v : null;
}
