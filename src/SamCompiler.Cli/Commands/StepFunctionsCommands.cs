using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SamCompiler.Diagnostics;
using SamCompiler.Graph;
using SamCompiler.Local.Invoke;
using SamCompiler.Local.Model;
using SamCompiler.Local.Pool;
using SamCompiler.Local.StepFunctions;
using SamCompiler.StepFunctions;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Cli.Commands;

/// <summary>The arguments of <c>samc local execute</c>.</summary>
public sealed record ExecuteArguments
{
    /// <summary>The state machine (logical id or Name; optional when the template has one).</summary>
    public string? StateMachine { get; init; }

    /// <summary>The template, the functions' settings and the region.</summary>
    public ServeArguments Serve { get; init; } = new();

    /// <summary>The input file, or - for stdin.</summary>
    public string? Input { get; init; }

    /// <summary>A Step Functions Local mock config file.</summary>
    public string? MockConfig { get; init; }

    /// <summary>The test case of the mock config.</summary>
    public string? TestCase { get; init; }

    /// <summary>Where to write the picture of the executed path.</summary>
    public string? Graph { get; init; }

    /// <summary>mermaid or dot (default: by the file's extension).</summary>
    public string? GraphFormat { get; init; }
}

/// <summary>
/// <c>samc local execute</c> (run one execution: output on stdout, a step-by-step trace on stderr),
/// <c>samc local start-stepfunctions</c> (the Step Functions API) and <c>samc graph</c> (pictures).
/// </summary>
public static class StepFunctionsCommands
{
    /// <summary>Declares <c>local execute</c>.</summary>
    public static Command CreateExecute(CliContext context)
    {
        var machine = new Argument<string?>("STATE_MACHINE") { Description = "Logical id or Name of the state machine (optional when the template has one).", Arity = ArgumentArity.ZeroOrOne };
        var serve = ServeCommandOptions.Create(0);
        var input = new Option<string?>("--input", "-e", "--event") { Description = "JSON input file, or - to read it from stdin (default: {})." };
        var mock = new Option<string?>("--mock-config") { Description = "A Step Functions Local MockConfigFile.json: Task states of the test case are answered from it." };
        var testCase = new Option<string?>("--test-case") { Description = "The test case of --mock-config to use." };
        var graph = new Option<string?>("--graph") { Description = "Write the state machine with the executed path and each state's outcome to FILE (Mermaid, or DOT for .dot/.gv)." };
        var graphFormat = new Option<string?>("--graph-format") { Description = "mermaid or dot (default: from the --graph file's extension)." };
        graphFormat.AcceptOnlyFromAmong("mermaid", "dot");
        var command = new Command("execute", "Run one execution of a state machine of the template: Task states run the template's functions locally (others from --mock-config). The output goes to stdout; a step-by-step trace (state, input, output, retries, duration) to stderr. Exit 0 when the execution SUCCEEDED, 1 otherwise.\n\nExamples:\n  samc local execute OrderFlow -e input.json\n  samc local execute OrderFlow --mock-config MockConfigFile.json --test-case HappyPath --graph run.mmd")
        {
            machine, input, mock, testCase, graph, graphFormat,
        };
        serve.AddTo(command, withNetwork: false);
        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            new ExecuteArguments
            {
                StateMachine = parse.GetValue(machine),
                Serve = serve.Read(parse),
                Input = parse.GetValue(input),
                MockConfig = parse.GetValue(mock),
                TestCase = parse.GetValue(testCase),
                Graph = parse.GetValue(graph),
                GraphFormat = parse.GetValue(graphFormat),
            },
            context,
            Console.OpenStandardInput,
            cancellationToken));
        return command;
    }

    /// <summary>Declares <c>local start-stepfunctions</c>.</summary>
    public static Command CreateStartStepFunctions(CliContext context)
    {
        var serve = ServeCommandOptions.Create(8083);
        var mock = new Option<string?>("--mock-config") { Description = "A Step Functions Local MockConfigFile.json; choose a test case with StartExecution --state-machine-arn ARN#TestCase." };
        var command = new Command("start-stepfunctions", "Serve the Step Functions API (AWS JSON 1.0) for the AWS CLI and SDKs with --endpoint-url: the template's state machines are created, and their Task states run the template's functions locally.\n\nExample:\n  samc local start-stepfunctions -t template.yaml\n  aws stepfunctions start-execution --endpoint-url http://127.0.0.1:8083 --state-machine-arn arn:aws:states:us-east-1:123456789012:stateMachine:OrderFlow --input '{}'")
        {
            mock,
        };
        serve.AddTo(command);
        command.SetAction((parse, cancellationToken) => StartAsync(serve.Read(parse), parse.GetValue(mock), context, null, cancellationToken));
        return command;
    }

    /// <summary>Declares <c>graph</c>.</summary>
    public static Command CreateGraph(CliContext context)
    {
        var resource = new Argument<string?>("RESOURCE") { Description = "A state machine (its states and transitions) or any resource (it and its neighbours); default: the whole application.", Arity = ArgumentArity.ZeroOrOne };
        var template = new Option<string?>("--template", "-t", "--template-file") { Description = "The SAM template (default: template.yaml, template.yml or template.json here)." };
        var format = new Option<string>("--format") { Description = "mermaid (default; GitHub renders it in Markdown) or dot (Graphviz).", DefaultValueFactory = _ => "mermaid" };
        format.AcceptOnlyFromAmong("mermaid", "dot");
        var output = new Option<string?>("--output", "-o") { Description = "Write the picture to FILE instead of stdout." };
        var command = new Command("graph", "Draw the application (functions, their events, queues, topics, APIs, state machines and the functions they call) or one state machine's states and transitions, as Mermaid or DOT.\n\nExamples:\n  samc graph > app.mmd\n  samc graph OrderFlow --format dot | dot -Tsvg > flow.svg")
        {
            resource, template, format, output,
        };
        command.SetAction(parse => Graph(parse.GetValue(resource), parse.GetValue(template), parse.GetValue(format) ?? "mermaid", parse.GetValue(output), context));
        return command;
    }

    // ---- local execute -------------------------------------------------------------------------------------------

    /// <summary>Runs one execution.</summary>
    public static async Task<int> ExecuteAsync(ExecuteArguments args, CliContext context, Func<Stream> stdin, CancellationToken cancellationToken)
    {
        var loaded = LoadMachines(args.Serve, context);
        if (loaded.ExitCode is { } exit)
        {
            return exit;
        }

        var machine = Pick(loaded.Machines!, args.StateMachine, loaded.TemplatePath!, context);
        if (machine is null)
        {
            return ExitCodes.InputErrors;
        }

        var input = ReadInput(args.Input, context, stdin);
        if (input is null)
        {
            return ExitCodes.InputErrors;
        }

        if ((args.MockConfig is null) != (args.TestCase is null))
        {
            context.Error.WriteLine("samc: --mock-config and --test-case go together.");
            return ExitCodes.Usage;
        }

        MockConfigFile? mock = null;
        if (args.MockConfig is { } mockPath)
        {
            mock = ReadMockConfig(mockPath, context);
            if (mock is null)
            {
                return ExitCodes.InputErrors;
            }

            if (mock.TestCase(machine.Name, args.TestCase!) is null)
            {
                DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.LocalMockConfigInvalid, SourceSpan.DocumentStart(mockPath), $"The mock config \"{mockPath}\" has no test case \"{args.TestCase}\" for the state machine \"{machine.Name}\" (it has: {string.Join(", ", mock.StateMachines.Select(m => m + ": " + string.Join("/", mock.TestCases(m))))}).")]);
                return ExitCodes.InputErrors;
            }
        }

        var log = new LogSink(context.Error);
        await using var pool = new EnvironmentPool(loaded.Functions!, loaded.Options!, TimeProvider.System, log);
        var lambda = new LocalLambdaTaskHandler(pool, loaded.Options!.Region, loaded.Options.AccountId);
        ITaskHandler tasks = mock is null ? new RoutingTaskHandler(lambda) : new MockTaskHandler(mock, machine.Name, args.TestCase!, lambda, LocalLambdaTaskHandler.CanRun);
        var name = "local-" + Guid.NewGuid().ToString("N")[..12];
        var execution = StateMachineExecution.Start(machine.Definition, new ExecutionStart
        {
            StateMachineArn = machine.Arn,
            Name = name,
            ExecutionArn = machine.Arn.Replace(":stateMachine:", machine.Type == "EXPRESS" ? ":express:" : ":execution:", StringComparison.Ordinal) + ":" + name,
            RoleArn = machine.RoleArn,
            Input = input,
        }, new ExecutionServices { Time = TimeProvider.System, Tasks = tasks });

        var trace = new ExecutionTrace();
        var printed = 0;
        void Flush()
        {
            var history = execution.History;
            foreach (var line in trace.Lines(history.Skip(printed)))
            {
                log.WriteLine(line);
            }

            printed = history.Count;
        }

        using var stop = context.ClaimShutdown(cancellationToken);
        using (stop.Token.Register(() => execution.Stop("samc.Interrupted", "Stopped by a signal (Ctrl+C or SIGTERM).")))
        {
            while (!execution.Completion.IsCompleted)
            {
                await Task.WhenAny(execution.Completion, Task.Delay(50, CancellationToken.None)).ConfigureAwait(false);
                Flush();
            }
        }

        await execution.Completion.ConfigureAwait(false);
        Flush();
        log.WriteLine($"samc: {execution.Status.ToApi()} in {ExecutionTrace.Duration((execution.StopDate ?? execution.StartDate) - execution.StartDate)} ({execution.History.Count.ToString(CultureInfo.InvariantCulture)} history events)");

        if (args.Graph is { } graphPath)
        {
            var format = args.GraphFormat is "dot" || (args.GraphFormat is null && (graphPath.EndsWith(".dot", StringComparison.OrdinalIgnoreCase) || graphPath.EndsWith(".gv", StringComparison.OrdinalIgnoreCase))) ? GraphFormat.Dot : GraphFormat.Mermaid;
            var text = StateMachineGraph.Build($"{machine.LogicalId}: {execution.Status.ToApi()} (samc {Program.Version})", machine.Definition, execution.History).Write(format);
            if (!WriteFile(graphPath, text, loaded.TemplatePath!, context))
            {
                return ExitCodes.InputErrors;
            }
        }

        if (execution.Status == ExecutionStatus.Succeeded)
        {
            context.Out.WriteLine(execution.Output);
            context.Out.Flush();
            return ExitCodes.Success;
        }

        return ExitCodes.InputErrors;
    }

    // ---- local start-stepfunctions -------------------------------------------------------------------------------

    /// <summary>Serves until cancelled; <paramref name="started"/> sees the running server.</summary>
    public static async Task<int> StartAsync(ServeArguments args, string? mockPath, CliContext context, Action<StepFunctionsServer>? started, CancellationToken cancellationToken)
    {
        var loaded = LoadMachines(args, context);
        if (loaded.ExitCode is { } exit)
        {
            return exit;
        }

        MockConfigFile? mock = null;
        if (mockPath is not null && (mock = ReadMockConfig(mockPath, context)) is null)
        {
            return ExitCodes.InputErrors;
        }

        // Ctrl+C (SIGINT) and SIGTERM stop the server cleanly: running executions are stopped, environments retired.
        using var stop = context.ClaimShutdown(cancellationToken);
        cancellationToken = stop.Token;
        var log = new LogSink(context.Error);
        var pool = new EnvironmentPool(loaded.Functions!, loaded.Options!, TimeProvider.System, log);
        StepFunctionsServer server;
        try
        {
            server = await StepFunctionsServer.StartAsync(loaded.Machines!, pool, new StepFunctionsServerOptions { Region = loaded.Options!.Region, AccountId = loaded.Options.AccountId, MockConfig = mock }, args.Host, args.Port, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await pool.DisposeAsync().ConfigureAwait(false);
            context.Error.WriteLine($"samc: cannot listen on {args.Host}:{args.Port.ToString(CultureInfo.InvariantCulture)}: {ex.Message}");
            return ExitCodes.InputErrors;
        }

        await using (server.ConfigureAwait(false))
        {
            foreach (var m in loaded.Machines!)
            {
                log.WriteLine($"samc: state machine {m.LogicalId} ({m.Type}) {m.Arn}");
            }

            log.WriteLine($"samc: Step Functions API on {server.BaseAddress} (Ctrl+C to stop).");
            started?.Invoke(server);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Shutdown.
            }
        }

        log.WriteLine(FunctionMetrics.ToTable(pool.Metrics));
        return ExitCodes.Success;
    }

    // ---- graph ---------------------------------------------------------------------------------------------------

    private static int Graph(string? resource, string? templateOption, string formatName, string? output, CliContext context)
    {
        var path = TemplateFiles.Find(templateOption, context);
        if (path is null)
        {
            context.Error.WriteLine("samc: no --template given and no template.yaml, template.yml or template.json in this folder.");
            return ExitCodes.Usage;
        }

        var source = TemplateFiles.Read(path, context, out var readError);
        if (source is null)
        {
            DiagnosticWriter.WriteText(context.Error, [readError!]);
            return ExitCodes.InputErrors;
        }

        var loaded = YamlDocumentLoader.Load(source);
        if (loaded.Root is null || loaded.HasErrors)
        {
            DiagnosticWriter.WriteText(context.Error, loaded.Diagnostics);
            return ExitCodes.InputErrors;
        }

        var root = loaded.Root;
        var format = formatName == "dot" ? GraphFormat.Dot : GraphFormat.Mermaid;
        var resources = root["Resources"].AsMap() ?? new MapNode();
        string text;
        var title = $"{Path.GetFileName(path)}{(resource is null ? string.Empty : " " + resource)} (samc {Program.Version})";
        if (resource is null)
        {
            text = ApplicationGraph.Build(title, root).Write(format);
        }
        else if (!resources.ContainsKey(resource))
        {
            DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.GraphResourceNotFound, SourceSpan.DocumentStart(path), $"The template has no resource \"{resource}\" (it has: {string.Join(", ", resources.Keys)}).")]);
            return ExitCodes.InputErrors;
        }
        else if (TemplateStateMachines.Find(root).FirstOrDefault(m => m.LogicalId == resource) is { } machine)
        {
            var definition = DefinitionForGraph(machine, root, Path.GetDirectoryName(context.Resolve(path))!, out var problem);
            if (definition is null)
            {
                DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.LocalStateMachineDefinitionInvalid, machine.KeySpan, problem!)]);
                return ExitCodes.InputErrors;
            }

            text = StateMachineGraph.Build(title, definition).Write(format);
        }
        else
        {
            text = ApplicationGraph.Build(title, root, resource).Write(format);
        }

        if (output is null)
        {
            context.Out.Write(text);
            context.Out.Flush();
            return ExitCodes.Success;
        }

        return WriteFile(output, text, path, context) ? ExitCodes.Success : ExitCodes.InputErrors;
    }

    private static StateMachineDefinition? DefinitionForGraph(TemplateStateMachine machine, MapNode root, string directory, out string? problem)
    {
        problem = null;
        var resolver = TaskTargets.NameResolver(root);
        JsonNode? json = null;
        if (machine.Definition is not null)
        {
            json = TemplateStateMachines.ToJson(machine.Definition, resolver);
        }
        else if (machine.DefinitionUri is { } uri)
        {
            try
            {
                var loaded = YamlDocumentLoader.Load(new SourceText(uri, File.ReadAllText(Path.Combine(directory, uri))));
                json = loaded.Root is null ? null : TemplateStateMachines.ToJson(loaded.Root, resolver);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problem = $"The DefinitionUri \"{uri}\" cannot be read: {ex.Message}";
                return null;
            }
        }
        else if (machine.DefinitionString is ScalarNode { Kind: ScalarKind.String } s)
        {
            AslJson.TryParse(s.Text, out json, out _);
        }

        if (json is not JsonObject o)
        {
            problem = $"The definition of the state machine \"{machine.LogicalId}\" cannot be read locally (run samc lint).";
            return null;
        }

        return StateMachineDefinition.FromObject(o, []);
    }

    // ---- shared --------------------------------------------------------------------------------------------------

    private sealed record Loaded(IReadOnlyList<ServeFunction>? Functions, ServeOptions? Options, IReadOnlyList<LocalStateMachine>? Machines, string? TemplatePath, int? ExitCode);

    private static Loaded LoadMachines(ServeArguments args, CliContext context)
    {
        var functions = ServeCommandOptions.LoadFunctions(args, context);
        if (functions.ExitCode is { } exit)
        {
            return new Loaded(null, null, null, null, exit);
        }

        var path = TemplateFiles.Find(args.Template, context)!;
        var source = TemplateFiles.Read(path, context, out _)!;
        var options = new LocalTemplateOptions
        {
            Region = functions.Options!.Region,
            ParameterOverrides = ParameterOverrides.TryParse(args.ParameterOverrides, out var parameters, out _)
                ? parameters.ToDictionary(p => p.Key, p => p.Value.AsString() ?? string.Empty, StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal),
        };
        var directory = Path.GetDirectoryName(context.Resolve(path))!;
        var template = LocalTemplate.Load(source, directory, options, out _)!;
        var root = YamlDocumentLoader.Load(source).Root!;
        var diagnostics = new List<Diagnostic>();
        var machines = LocalStateMachines.Load(root, path, directory, template, options, diagnostics);
        DiagnosticWriter.WriteText(context.Error, diagnostics);
        return new Loaded(functions.Functions, functions.Options, machines, path, null);
    }

    private static LocalStateMachine? Pick(IReadOnlyList<LocalStateMachine> machines, string? name, string templatePath, CliContext context)
    {
        LocalStateMachine? found = name is null
            ? machines.Count == 1 ? machines[0] : null
            : machines.FirstOrDefault(m => m.LogicalId == name) ?? machines.FirstOrDefault(m => m.Name == name);
        if (found is null)
        {
            var list = machines.Count == 0 ? "it has none that can run" : "it has: " + string.Join(", ", machines.Select(m => m.LogicalId));
            var message = name is null
                ? $"Name the state machine to run ({list})."
                : $"The template has no state machine \"{name}\" that can run ({list}).";
            DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.LocalStateMachineNotFound, SourceSpan.DocumentStart(templatePath), message)]);
        }

        return found;
    }

    private static string? ReadInput(string? path, CliContext context, Func<Stream> stdin)
    {
        if (path is null)
        {
            return "{}";
        }

        var name = path == "-" ? "<stdin>" : path;
        string text;
        try
        {
            if (path == "-")
            {
                using var reader = new StreamReader(stdin(), Encoding.UTF8);
                text = reader.ReadToEnd();
            }
            else
            {
                text = File.ReadAllText(context.Resolve(path));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.LocalExecutionInputInvalid, SourceSpan.DocumentStart(name), $"The input \"{name}\" cannot be read: {ex.Message}")]);
            return null;
        }

        text = text.TrimStart('\uFEFF');
        if (!AslJson.TryParse(text, out _, out var error))
        {
            DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.LocalExecutionInputInvalid, SourceSpan.DocumentStart(name), $"The input \"{name}\" is not JSON: {error?.ReplaceLineEndings(" ")}")]);
            return null;
        }

        return text;
    }

    private static MockConfigFile? ReadMockConfig(string path, CliContext context)
    {
        string text;
        try
        {
            text = File.ReadAllText(context.Resolve(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.LocalMockConfigInvalid, SourceSpan.DocumentStart(path), $"The mock config \"{path}\" cannot be read: {ex.Message}")]);
            return null;
        }

        var file = MockConfigFile.Parse(text, out var error);
        if (file is null)
        {
            DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.LocalMockConfigInvalid, SourceSpan.DocumentStart(path), $"The mock config \"{path}\" is invalid: {error}.")]);
        }

        return file;
    }

    /// <summary>Writes a picture; refuses the template itself; writes a private temp file, then moves it in place.</summary>
    private static bool WriteFile(string path, string text, string templatePath, CliContext context)
    {
        var full = context.Resolve(path);
        if (string.Equals(full, context.Resolve(templatePath), StringComparison.Ordinal))
        {
            DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.GraphOutputUnwritable, SourceSpan.DocumentStart(path), $"\"{path}\" is the template; samc does not overwrite it.")]);
            return false;
        }

        var temp = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
            {
                writer.Write(text);
            }

            File.Move(temp, full, overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
                // Nothing was written.
            }

            DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.GraphOutputUnwritable, SourceSpan.DocumentStart(path), $"The file \"{path}\" cannot be written: {ex.Message}")]);
            return false;
        }
    }
}
