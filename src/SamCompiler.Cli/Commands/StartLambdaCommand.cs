using System.CommandLine;
using System.Globalization;
using SamCompiler.Diagnostics;
using SamCompiler.Local.Invoke;
using SamCompiler.Local.InvokeApi;
using SamCompiler.Local.Model;
using SamCompiler.Local.Pool;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Cli.Commands;

/// <summary>The arguments of <c>samc local start-lambda</c> and <c>start-api</c>.</summary>
public sealed record ServeArguments
{
    /// <summary>The template path (default: template.yaml here).</summary>
    public string? Template { get; init; }

    /// <summary>The address to bind.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port (0: ephemeral).</summary>
    public int Port { get; init; } = 3001;

    /// <summary>The --env-vars file.</summary>
    public string? EnvVars { get; init; }

    /// <summary>The --parameter-overrides tokens.</summary>
    public IReadOnlyList<string> ParameterOverrides { get; init; } = [];

    /// <summary>The region.</summary>
    public string? Region { get; init; }

    /// <summary>--warm-containers.</summary>
    public WarmContainers WarmContainers { get; init; } = WarmContainers.Lazy;

    /// <summary>Seconds before the first retry of a failed Event invocation (Lambda: 60).</summary>
    public double AsyncRetryDelaySeconds { get; init; } = 60;

    /// <summary>Account concurrency.</summary>
    public int AccountConcurrency { get; init; } = 1000;

    /// <summary>Seconds an environment may stay idle before it is retired.</summary>
    public double IdleTimeoutSeconds { get; init; } = 300;

    /// <summary>Seconds between sweeps for idle environments (no flag; 0 turns the sweep off, for tests and embedders).</summary>
    public double RetireIntervalSeconds { get; init; } = 10;

    /// <summary>--async-concurrency: Event invocations of one function run at once at most (default: the processor count, at least 2).</summary>
    public int AsyncConcurrency { get; init; } = Math.Max(2, Environment.ProcessorCount);
}

/// <summary><c>samc local start-lambda</c>: the Lambda Invoke API on loopback for the AWS CLI and SDKs.</summary>
public static class StartLambdaCommand
{
    /// <summary>Declares <c>start-lambda</c> (a subcommand of <c>local</c>).</summary>
    public static Command Create(CliContext context)
    {
        var options = ServeCommandOptions.Create(3001);
        var command = new Command("start-lambda", "Serve the Lambda Invoke API (POST /2015-03-31/functions/{name}/invocations) for the AWS CLI and SDKs with --endpoint-url. Metrics on GET /metrics and at shutdown; records sent to DeadLetterQueue/OnFailure destinations on GET /destinations.\n\nExample:\n  samc local start-lambda -t template.yaml\n  aws lambda invoke --endpoint-url http://127.0.0.1:3001 --no-sign-request --function-name HelloFunction out.json");
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(options.Read(parse), context, null, cancellationToken));
        return command;
    }

    /// <summary>
    /// Serves until <paramref name="cancellationToken"/> is cancelled or samc gets SIGINT/SIGTERM, then stops in order
    /// (<see cref="LambdaInvokeServer.StopAsync"/>) and prints the metrics; <paramref name="started"/> sees the running server.
    /// </summary>
    public static async Task<int> RunAsync(ServeArguments args, CliContext context, Action<LambdaInvokeServer>? started, CancellationToken cancellationToken)
    {
        using var shutdown = context.ClaimShutdown(cancellationToken);
        cancellationToken = shutdown.Token;
        var loaded = ServeCommandOptions.LoadFunctions(args, context);
        if (loaded.ExitCode is { } exit)
        {
            return exit;
        }

        var log = new LogSink(context.Error);
        LambdaInvokeServer server;
        try
        {
            server = await LambdaInvokeServer.StartAsync(loaded.Functions!, loaded.Options!, args.Host, args.Port, TimeProvider.System, log, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            context.Error.WriteLine($"samc: cannot listen on {args.Host}:{args.Port.ToString(CultureInfo.InvariantCulture)}: {ex.Message}");
            return ExitCodes.InputErrors;
        }
        catch (OperationCanceledException)
        {
            return context.Signals?.ExitCode ?? ExitCodes.Interrupted;
        }

        await using (server.ConfigureAwait(false))
        {
            log.WriteLine($"samc: Lambda Invoke API on {server.BaseAddress} for {string.Join(", ", loaded.Functions!.Select(f => f.LogicalId))} (Ctrl+C to stop).");
            started?.Invoke(server);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Shutdown.
            }

            await server.StopAsync(loaded.Options!.ShutdownGrace).ConfigureAwait(false);
        }

        log.WriteLine(FunctionMetrics.ToTable(server.Pool.Metrics));
        log.WriteLine("samc: stopped.");
        return ExitCodes.Success;
    }
}

/// <summary>Options shared by start-lambda and start-api.</summary>
internal sealed class ServeCommandOptions
{
    private readonly Option<string?> _template = new("--template", "-t", "--template-file") { Description = "The SAM template (default: template.yaml, template.yml or template.json here)." };
    private readonly Option<string> _host = new("--host") { Description = "Address to bind (default: 127.0.0.1).", DefaultValueFactory = _ => "127.0.0.1" };
    private readonly Option<int> _port;
    private readonly Option<string?> _envVars = new("--env-vars", "-n") { Description = "JSON file of environment variable overrides (SAM CLI format)." };
    private readonly Option<string[]> _overrides = new("--parameter-overrides") { Description = "Parameter values: K=V or ParameterKey=K,ParameterValue=V.", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> _region = new("--region") { Description = "Region (default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1)." };
    private readonly Option<string> _warm = new("--warm-containers") { Description = "EAGER: start one environment per function with the server; LAZY (default): on the first invocation. Environments stay warm either way.", DefaultValueFactory = _ => "LAZY" };
    private readonly Option<double> _retryDelay = new("--async-retry-delay") { Description = "Seconds before the first retry of a failed Event invocation, doubled for the second (Lambda: 60).", DefaultValueFactory = _ => 60 };
    private readonly Option<int> _accountConcurrency = new("--account-concurrency") { Description = "Account concurrency limit shared by functions without ReservedConcurrentExecutions (Lambda's default quota: 1000).", DefaultValueFactory = _ => 1000 };
    private readonly Option<double> _idle = new("--idle-timeout") { Description = "Seconds an idle environment stays warm (default: 300).", DefaultValueFactory = _ => 300 };
    private readonly Option<int> _asyncConcurrency = new("--async-concurrency") { Description = "Event invocations of one function that run at once at most, within its concurrency limit (default: the number of processors, at least 2).", DefaultValueFactory = _ => Math.Max(2, Environment.ProcessorCount) };

    private ServeCommandOptions(int defaultPort)
    {
        _port = new Option<int>("--port", "-p") { Description = $"Port (default: {defaultPort.ToString(CultureInfo.InvariantCulture)}; 0 picks a free one).", DefaultValueFactory = _ => defaultPort };
        _warm.AcceptOnlyFromAmong("EAGER", "LAZY", "eager", "lazy");
    }

    public static ServeCommandOptions Create(int defaultPort) => new(defaultPort);

    public void AddTo(Command command, bool withNetwork = true)
    {
        command.Options.Add(_template);
        if (withNetwork)
        {
            command.Options.Add(_host);
            command.Options.Add(_port);
        }

        command.Options.Add(_envVars);
        command.Options.Add(_overrides);
        command.Options.Add(_region);
        command.Options.Add(_warm);
        command.Options.Add(_retryDelay);
        command.Options.Add(_accountConcurrency);
        command.Options.Add(_idle);
        command.Options.Add(_asyncConcurrency);
    }

    public ServeArguments Read(ParseResult parse) => new()
    {
        Template = parse.GetValue(_template),
        Host = parse.GetValue(_host) ?? "127.0.0.1",
        Port = parse.GetValue(_port),
        EnvVars = parse.GetValue(_envVars),
        ParameterOverrides = parse.GetValue(_overrides) ?? [],
        Region = parse.GetValue(_region),
        WarmContainers = string.Equals(parse.GetValue(_warm), "EAGER", StringComparison.OrdinalIgnoreCase) ? WarmContainers.Eager : WarmContainers.Lazy,
        AsyncRetryDelaySeconds = parse.GetValue(_retryDelay),
        AccountConcurrency = parse.GetValue(_accountConcurrency),
        IdleTimeoutSeconds = parse.GetValue(_idle),
        AsyncConcurrency = parse.GetValue(_asyncConcurrency),
    };

    /// <summary>Reads the template's functions; ExitCode is set when serving cannot start.</summary>
    public static (IReadOnlyList<ServeFunction>? Functions, LocalTemplate? Template, ServeOptions? Options, int? ExitCode) LoadFunctions(ServeArguments args, CliContext context)
    {
        var path = TemplateFiles.Find(args.Template, context);
        if (path is null)
        {
            context.Error.WriteLine("samc: no --template given and no template.yaml, template.yml or template.json in this folder.");
            return (null, null, null, ExitCodes.Usage);
        }

        if (!Cli.ParameterOverrides.TryParse(args.ParameterOverrides, out var parameters, out var parameterError))
        {
            context.Error.WriteLine($"samc: --parameter-overrides: {parameterError}");
            return (null, null, null, ExitCodes.Usage);
        }

        if (args.AsyncRetryDelaySeconds < 0 || args.AccountConcurrency < 1 || args.IdleTimeoutSeconds <= 0 || args.Port is < 0 or > 65535 || args.AsyncConcurrency < 1)
        {
            context.Error.WriteLine("samc: --async-retry-delay must be >= 0, --account-concurrency >= 1, --async-concurrency >= 1, --idle-timeout > 0 and --port 0..65535.");
            return (null, null, null, ExitCodes.Usage);
        }

        var source = TemplateFiles.Read(path, context, out var readError);
        if (source is null)
        {
            DiagnosticWriter.WriteText(context.Error, [readError!]);
            return (null, null, null, ExitCodes.InputErrors);
        }

        var region = args.Region ?? NonEmpty(context.Environment, "AWS_REGION") ?? NonEmpty(context.Environment, "AWS_DEFAULT_REGION") ?? "us-east-1";
        var templateOptions = new LocalTemplateOptions
        {
            Region = region,
            ParameterOverrides = parameters.ToDictionary(p => p.Key, p => p.Value.AsString() ?? string.Empty, StringComparer.Ordinal),
        };
        var diagnostics = new List<Diagnostic>();
        EnvVarsFile? envVars = null;
        if (args.EnvVars is { } envVarsPath)
        {
            try
            {
                envVars = EnvVarsFile.Parse(TemplateFiles.ReadSmallText(context.Resolve(envVarsPath)), out var error);
                if (envVars is null)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalEnvVarsInvalid, SourceSpan.DocumentStart(envVarsPath), $"The --env-vars file \"{envVarsPath}\" is invalid: {error}."));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalEnvVarsInvalid, SourceSpan.DocumentStart(envVarsPath), $"The --env-vars file \"{envVarsPath}\" cannot be read: {ex.Message}"));
            }
        }

        LocalTemplate? template = null;
        IReadOnlyList<ServeFunction>? functions = null;
        if (diagnostics.Count == 0)
        {
            template = LocalTemplate.Load(source, Path.GetDirectoryName(context.Resolve(path))!, templateOptions, out var loadDiagnostics);
            diagnostics.AddRange(loadDiagnostics);
            functions = template is null ? null : ServeTemplate.Load(template, envVars, diagnostics);
        }

        DiagnosticWriter.WriteText(context.Error, diagnostics);
        if (functions is null || diagnostics.Any(d => d.IsError))
        {
            return (null, null, null, ExitCodes.InputErrors);
        }

        var options = new ServeOptions
        {
            Region = region,
            CallerEnvironment = context.Environment,
            AccountConcurrency = args.AccountConcurrency,
            WarmContainers = args.WarmContainers,
            AsyncRetryDelay = TimeSpan.FromSeconds(args.AsyncRetryDelaySeconds),
            IdleTimeout = TimeSpan.FromSeconds(args.IdleTimeoutSeconds),
            RetireInterval = args.RetireIntervalSeconds > 0 ? TimeSpan.FromSeconds(args.RetireIntervalSeconds) : Timeout.InfiniteTimeSpan,
            AsyncConcurrency = args.AsyncConcurrency,
        };
        return (functions, template, options, null);
    }

    private static string? NonEmpty(IReadOnlyDictionary<string, string?> environment, string key) =>
        environment.TryGetValue(key, out var v) && !string.IsNullOrEmpty(v) ? v : null;
}
