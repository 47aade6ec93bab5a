using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SamCompiler.Local.InvokeApi;
using SamCompiler.Local.Pool;
using SamCompiler.StepFunctions;

namespace SamCompiler.Local.StepFunctions;

/// <summary>What a Step Functions server needs besides the state machines.</summary>
public sealed record StepFunctionsServerOptions
{
    /// <summary>Region of the ARNs.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Account of the ARNs.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>A mock config (Step Functions Local format); test cases are chosen with <c>stateMachineArn#TestCase</c>.</summary>
    public MockConfigFile? MockConfig { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>History events limit per execution.</summary>
    public int HistoryLimit { get; init; } = checked((int)StepFunctionsQuotas.HistoryEvents.Value);
}

/// <summary>
/// The Step Functions API on loopback (AWS JSON 1.0: <c>POST /</c> with <c>X-Amz-Target: AWSStepFunctions.Op</c>)
/// for the AWS CLI and SDKs with <c>--endpoint-url</c>: CreateStateMachine, DescribeStateMachine, ListStateMachines,
/// DeleteStateMachine, ValidateStateMachineDefinition, StartExecution, StartSyncExecution, DescribeExecution,
/// StopExecution, GetExecutionHistory, ListExecutions, SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat and
/// TestState. Task states run the template's functions in the shared warm environment pool.
/// </summary>
public sealed class StepFunctionsServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Machine> _machines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Run> _executions = new(StringComparer.Ordinal);
    private readonly List<string> _executionOrder = [];
    private readonly Lock _orderGate = new();
    private readonly StepFunctionsServerOptions _options;
    private readonly TaskTokenRegistry _tokens = new();
    private readonly LocalLambdaTaskHandler _lambda;
    private WebApplication? _app;

    private StepFunctionsServer(EnvironmentPool pool, StepFunctionsServerOptions options)
    {
        Pool = pool;
        _options = options;
        _lambda = new LocalLambdaTaskHandler(pool, options.Region, options.AccountId);
    }

    /// <summary>The functions' environments.</summary>
    public EnvironmentPool Pool { get; }

    /// <summary>The address the server listens on.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Starts the server with the template's state machines registered.</summary>
    public static async Task<StepFunctionsServer> StartAsync(IReadOnlyList<LocalStateMachine> machines, EnvironmentPool pool, StepFunctionsServerOptions options, string host, int port, CancellationToken cancellationToken)
    {
        var server = new StepFunctionsServer(pool, options);
        foreach (var m in machines)
        {
            server._machines[m.Arn] = new Machine(m.Arn, m.Name, m.Definition, m.DefinitionText, m.Type, m.RoleArn, options.Time.GetUtcNow());
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o =>
        {
            o.Listen(ServeHost.Parse(host), port);
            o.AddServerHeader = false;
            o.Limits.MaxRequestBodySize = 2 * 1024 * 1024;
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        server._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        if (context.Request.Method != "POST" || !target.StartsWith("AWSStepFunctions.", StringComparison.Ordinal))
        {
            await WriteErrorAsync(context, 400, "UnknownOperationException", $"samc serves the Step Functions API: POST / with X-Amz-Target: AWSStepFunctions.<Operation> (got {context.Request.Method} {context.Request.Path} {target}).").ConfigureAwait(false);
            return;
        }

        string text;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        if (!AslJson.TryParse(text.Length == 0 ? "{}" : text, out var node, out var parseError) || node is not JsonObject request)
        {
            await WriteErrorAsync(context, 400, "SerializationException", "The request body is not a JSON object: " + parseError).ConfigureAwait(false);
            return;
        }

        try
        {
            var response = target["AWSStepFunctions.".Length..] switch
            {
                "CreateStateMachine" => CreateStateMachine(request),
                "DescribeStateMachine" => DescribeStateMachine(request),
                "ListStateMachines" => ListStateMachines(),
                "DeleteStateMachine" => DeleteStateMachine(request),
                "ValidateStateMachineDefinition" => Validate(request),
                "StartExecution" => StartExecution(request, sync: false).Response,
                "StartSyncExecution" => await StartSyncExecutionAsync(request, context.RequestAborted).ConfigureAwait(false),
                "DescribeExecution" => DescribeExecution(request),
                "StopExecution" => StopExecution(request),
                "GetExecutionHistory" => GetExecutionHistory(request),
                "ListExecutions" => ListExecutions(request),
                "SendTaskSuccess" => SendTaskSuccess(request),
                "SendTaskFailure" => SendTaskFailure(request),
                "SendTaskHeartbeat" => SendTaskHeartbeat(request),
                "TestState" => await TestStateAsync(request, context.RequestAborted).ConfigureAwait(false),
                var op => throw new ApiError("UnknownOperationException", $"samc does not serve the operation {op}."),
            };
            var body = Encoding.UTF8.GetBytes(AslJson.Write(response));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-amz-json-1.0";
            context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString("D");
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ApiError e)
        {
            await WriteErrorAsync(context, 400, e.Type, e.Message).ConfigureAwait(false);
        }
    }

    // ---- state machines -------------------------------------------------------------------------------------------

    private JsonObject CreateStateMachine(JsonObject request)
    {
        var name = Required(request, "name");
        var definitionText = Required(request, "definition");
        var definition = ParseDefinition(definitionText);
        var type = AslJson.AsString(request["type"]) ?? "STANDARD";
        var arn = $"arn:{Partition}:states:{_options.Region}:{_options.AccountId}:stateMachine:{name}";
        var machine = new Machine(arn, name, definition, definitionText, type, AslJson.AsString(request["roleArn"]) ?? string.Empty, _options.Time.GetUtcNow());
        var existing = _machines.GetOrAdd(arn, machine);
        if (!ReferenceEquals(existing, machine) && existing.DefinitionText != definitionText)
        {
            throw new ApiError("StateMachineAlreadyExists", $"State Machine Already Exists: '{arn}'");
        }

        return new JsonObject { ["stateMachineArn"] = arn, ["creationDate"] = Epoch(existing.Created) };
    }

    private StateMachineDefinition ParseDefinition(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) > StepFunctionsQuotas.DefinitionSize.Value)
        {
            throw new ApiError("InvalidDefinition", $"The definition is larger than the Step Functions limit of {StepFunctionsQuotas.DefinitionSize.Value.ToString(CultureInfo.InvariantCulture)} bytes.");
        }

        var problems = new List<AslProblem>();
        var definition = StateMachineDefinition.Parse(text, problems);
        var errors = problems.Where(p => p.IsError).ToList();
        if (definition is null || errors.Count > 0)
        {
            throw new ApiError("InvalidDefinition", "Invalid State Machine Definition: " + string.Join(", ", errors.Select(p => $"'{p.Message}' at /{p.Pointer.TrimStart('/')}")));
        }

        return definition;
    }

    private JsonObject DescribeStateMachine(JsonObject request)
    {
        var machine = FindMachine(Required(request, "stateMachineArn"));
        return new JsonObject
        {
            ["stateMachineArn"] = machine.Arn,
            ["name"] = machine.Name,
            ["status"] = "ACTIVE",
            ["definition"] = machine.DefinitionText,
            ["roleArn"] = machine.RoleArn,
            ["type"] = machine.Type,
            ["creationDate"] = Epoch(machine.Created),
        };
    }

    private JsonObject ListStateMachines()
    {
        var list = new JsonArray();
        foreach (var m in _machines.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            list.Add((JsonNode)new JsonObject { ["stateMachineArn"] = m.Arn, ["name"] = m.Name, ["type"] = m.Type, ["creationDate"] = Epoch(m.Created) });
        }

        return new JsonObject { ["stateMachines"] = list };
    }

    private JsonObject DeleteStateMachine(JsonObject request)
    {
        _machines.TryRemove(Required(request, "stateMachineArn"), out _);
        return [];
    }

    private static JsonObject Validate(JsonObject request)
    {
        var problems = new List<AslProblem>();
        StateMachineDefinition.Parse(Required(request, "definition"), problems);
        var diagnostics = new JsonArray();
        foreach (var p in problems)
        {
            diagnostics.Add((JsonNode)new JsonObject { ["severity"] = p.IsError ? "ERROR" : "WARNING", ["code"] = p.Kind.ToString().ToUpperInvariant(), ["message"] = p.Message, ["location"] = "/" + p.Pointer.TrimStart('/') });
        }

        return new JsonObject { ["result"] = problems.Any(p => p.IsError) ? "FAIL" : "OK", ["diagnostics"] = diagnostics, ["truncated"] = false };
    }

    private Machine FindMachine(string arn)
    {
        var bare = arn.Split('#')[0];
        if (!bare.StartsWith("arn:", StringComparison.Ordinal))
        {
            throw new ApiError("InvalidArn", $"Invalid Arn: '{arn}'");
        }

        return _machines.TryGetValue(bare, out var m) ? m : throw new ApiError("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{bare}'");
    }

    // ---- executions -----------------------------------------------------------------------------------------------

    private (JsonObject Response, Run Run) StartExecution(JsonObject request, bool sync)
    {
        var requested = Required(request, "stateMachineArn");
        var machine = FindMachine(requested);
        var testCase = requested.Contains('#', StringComparison.Ordinal) ? requested[(requested.IndexOf('#', StringComparison.Ordinal) + 1)..] : null;
        var input = AslJson.AsString(request["input"]) ?? "{}";
        if (!AslJson.TryParse(input, out _, out var inputError))
        {
            throw new ApiError("InvalidExecutionInput", "Invalid State Machine Execution Input: " + inputError);
        }

        if (Encoding.UTF8.GetByteCount(input) > StepFunctionsQuotas.Payload.Value)
        {
            throw new ApiError("InvalidExecutionInput", $"The execution input is larger than {StepFunctionsQuotas.Payload.Value.ToString(CultureInfo.InvariantCulture)} bytes (256 KiB).");
        }

        ITaskHandler tasks = new RoutingTaskHandler(_lambda);
        if (testCase is not null)
        {
            var file = _options.MockConfig ?? throw new ApiError("InvalidArn", $"The state machine ARN names the test case \"{testCase}\", but the server was started without --mock-config.");
            if (file.TestCase(machine.Name, testCase) is null)
            {
                throw new ApiError("InvalidArn", $"The mock config file has no test case \"{testCase}\" for the state machine \"{machine.Name}\".");
            }

            tasks = new MockTaskHandler(file, machine.Name, testCase, _lambda, LocalLambdaTaskHandler.CanRun);
        }

        var name = AslJson.AsString(request["name"]) ?? Guid.NewGuid().ToString("D");
        var kind = machine.Type == "EXPRESS" ? "express" : "execution";
        var executionArn = $"arn:{Partition}:states:{_options.Region}:{_options.AccountId}:{kind}:{machine.Name}:{name}";
        if (_executions.TryGetValue(executionArn, out var previous))
        {
            if (previous.Execution.Input == input && previous.Execution.Status == ExecutionStatus.Running)
            {
                return (new JsonObject { ["executionArn"] = executionArn, ["startDate"] = Epoch(previous.Execution.StartDate) }, previous);
            }

            throw new ApiError("ExecutionAlreadyExists", $"Execution Already Exists: '{executionArn}'");
        }

        var services = new ExecutionServices { Time = _options.Time, Tasks = tasks, Tokens = _tokens, HistoryLimit = _options.HistoryLimit };
        var execution = StateMachineExecution.Start(machine.Definition, new ExecutionStart
        {
            StateMachineArn = machine.Arn,
            Name = name,
            ExecutionArn = executionArn,
            RoleArn = machine.RoleArn,
            Input = input,
        }, services);
        var run = new Run(execution, machine);
        _executions[executionArn] = run;
        lock (_orderGate)
        {
            _executionOrder.Add(executionArn);
        }

        _ = sync;
        return (new JsonObject { ["executionArn"] = executionArn, ["startDate"] = Epoch(execution.StartDate) }, run);
    }

    private async Task<JsonObject> StartSyncExecutionAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var machine = FindMachine(Required(request, "stateMachineArn"));
        if (machine.Type != "EXPRESS")
        {
            throw new ApiError("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine (StartSyncExecution runs EXPRESS state machines).");
        }

        var (_, run) = StartExecution(request, sync: true);
        await run.Execution.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        var response = Describe(run);
        response.Remove("outputDetails");
        response["billingDetails"] = new JsonObject { ["billedMemoryUsedInMB"] = 64, ["billedDurationInMilliseconds"] = (long)Math.Ceiling(((run.Execution.StopDate ?? run.Execution.StartDate) - run.Execution.StartDate).TotalMilliseconds / 100) * 100 };
        return response;
    }

    private Run FindExecution(JsonObject request)
    {
        var arn = Required(request, "executionArn");
        return _executions.TryGetValue(arn, out var run) ? run : throw new ApiError("ExecutionDoesNotExist", $"Execution Does Not Exist: '{arn}'");
    }

    private JsonObject DescribeExecution(JsonObject request) => Describe(FindExecution(request));

    private static JsonObject Describe(Run run)
    {
        var e = run.Execution;
        var o = new JsonObject
        {
            ["executionArn"] = e.ExecutionArn,
            ["stateMachineArn"] = e.StateMachineArn,
            ["name"] = e.Name,
            ["status"] = e.Status.ToApi(),
            ["startDate"] = Epoch(e.StartDate),
            ["input"] = e.Input,
            ["inputDetails"] = new JsonObject { ["included"] = true },
        };
        if (e.StopDate is { } stop)
        {
            o["stopDate"] = Epoch(stop);
        }

        if (e.Output is not null)
        {
            o["output"] = e.Output;
            o["outputDetails"] = new JsonObject { ["included"] = true };
        }

        if (e.Error is not null)
        {
            o["error"] = e.Error;
        }

        if (e.Cause is not null)
        {
            o["cause"] = e.Cause;
        }

        return o;
    }

    private JsonObject StopExecution(JsonObject request)
    {
        var run = FindExecution(request);
        run.Execution.Stop(AslJson.AsString(request["error"]), AslJson.AsString(request["cause"]));
        run.Execution.Completion.Wait(TimeSpan.FromSeconds(5));
        return new JsonObject { ["stopDate"] = Epoch(run.Execution.StopDate ?? _options.Time.GetUtcNow()) };
    }

    private JsonObject GetExecutionHistory(JsonObject request)
    {
        var run = FindExecution(request);
        var events = run.Execution.History.ToList();
        if (AslJson.IsBoolean(request["reverseOrder"]) && request["reverseOrder"]!.GetValue<bool>())
        {
            events.Reverse();
        }

        var includeData = !(AslJson.IsBoolean(request["includeExecutionData"]) && !request["includeExecutionData"]!.GetValue<bool>());
        var start = int.TryParse(AslJson.AsString(request["nextToken"]), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var max = AslJson.IsNumber(request["maxResults"]) && AslJson.ToDouble(request["maxResults"]) is > 0 and <= 1000 ? (int)AslJson.ToDouble(request["maxResults"]) : 1000;
        var page = new JsonArray();
        foreach (var e in events.Skip(start).Take(max))
        {
            page.Add((JsonNode)EventJson(e, includeData));
        }

        var response = new JsonObject { ["events"] = page };
        if (start + max < events.Count)
        {
            response["nextToken"] = (start + max).ToString(CultureInfo.InvariantCulture);
        }

        return response;
    }

    /// <summary>One history event in the API's shape (timestamps as epoch seconds).</summary>
    public static JsonObject EventJson(HistoryEvent e, bool includeData = true)
    {
        var o = new JsonObject
        {
            ["timestamp"] = Epoch(e.Timestamp),
            ["type"] = e.Type,
            ["id"] = e.Id,
            ["previousEventId"] = e.PreviousEventId,
        };
        if (e.DetailsMember is not null && e.Details is not null)
        {
            var details = (JsonObject)e.Details.DeepClone();
            if (!includeData)
            {
                details.Remove("input");
                details.Remove("output");
            }

            o[e.DetailsMember] = details;
        }

        return o;
    }

    private JsonObject ListExecutions(JsonObject request)
    {
        var machineArn = Required(request, "stateMachineArn");
        FindMachine(machineArn);
        var filter = AslJson.AsString(request["statusFilter"]);
        List<string> order;
        lock (_orderGate)
        {
            order = [.. _executionOrder];
        }

        var list = new JsonArray();
        foreach (var arn in Enumerable.Reverse(order))
        {
            var run = _executions[arn];
            if (run.Machine.Arn != machineArn || (filter is not null && run.Execution.Status.ToApi() != filter))
            {
                continue;
            }

            var o = new JsonObject
            {
                ["executionArn"] = arn,
                ["stateMachineArn"] = run.Machine.Arn,
                ["name"] = run.Execution.Name,
                ["status"] = run.Execution.Status.ToApi(),
                ["startDate"] = Epoch(run.Execution.StartDate),
            };
            if (run.Execution.StopDate is { } stop)
            {
                o["stopDate"] = Epoch(stop);
            }

            list.Add((JsonNode)o);
        }

        return new JsonObject { ["executions"] = list };
    }

    // ---- task tokens ----------------------------------------------------------------------------------------------

    private JsonObject SendTaskSuccess(JsonObject request)
    {
        var token = Required(request, "taskToken");
        var output = Required(request, "output");
        if (!AslJson.TryParse(output, out var node, out var error))
        {
            throw new ApiError("InvalidOutput", "Invalid Output: " + error);
        }

        return _tokens.Succeed(token, node) ? [] : throw new ApiError("TaskDoesNotExist", "Task Does Not Exist: the token is unknown or the task has finished.");
    }

    private JsonObject SendTaskFailure(JsonObject request)
    {
        var token = Required(request, "taskToken");
        return _tokens.Fail(token, AslJson.AsString(request["error"]), AslJson.AsString(request["cause"])) ? [] : throw new ApiError("TaskDoesNotExist", "Task Does Not Exist: the token is unknown or the task has finished.");
    }

    private JsonObject SendTaskHeartbeat(JsonObject request)
    {
        var token = Required(request, "taskToken");
        return _tokens.Heartbeat(token, _options.Time.GetUtcNow()) ? [] : throw new ApiError("TaskDoesNotExist", "Task Does Not Exist: the token is unknown or the task has finished.");
    }

    // ---- TestState ------------------------------------------------------------------------------------------------

    /// <summary>
    /// Runs one state: every transition target becomes a Succeed state of that name, so the state's own processing,
    /// Retry and Catch run and the chosen next state is read from the history.
    /// </summary>
    private async Task<JsonObject> TestStateAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var stateText = Required(request, "definition");
        if (!AslJson.TryParse(stateText, out var node, out var error) || node is not JsonObject state)
        {
            throw new ApiError("InvalidDefinition", "The state definition is not a JSON object: " + error);
        }

        const string Name = "TestState";
        var states = new JsonObject { [Name] = state.DeepClone() };
        var targets = new List<string>();
        void Target(JsonNode? n)
        {
            if (AslJson.AsString(n) is { } t && t != Name && !targets.Contains(t))
            {
                targets.Add(t);
            }
        }

        Target(state["Next"]);
        Target(state["Default"]);
        foreach (var c in (state["Choices"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Target(c["Next"]);
        }

        foreach (var c in (state["Catch"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Target(c["Next"]);
        }

        foreach (var t in targets)
        {
            states[t] = new JsonObject { ["Type"] = "Succeed" };
        }

        var machineText = AslJson.Write(new JsonObject { ["StartAt"] = Name, ["States"] = states });
        var definition = ParseDefinition(machineText);
        var input = AslJson.AsString(request["input"]) ?? "{}";
        var services = new ExecutionServices { Time = _options.Time, Tasks = new RoutingTaskHandler(_lambda), Tokens = _tokens, HistoryLimit = _options.HistoryLimit };
        var execution = StateMachineExecution.Start(definition, new ExecutionStart
        {
            StateMachineArn = $"arn:{Partition}:states:{_options.Region}:{_options.AccountId}:stateMachine:TestState",
            Name = Guid.NewGuid().ToString("D"),
            ExecutionArn = $"arn:{Partition}:states:{_options.Region}:{_options.AccountId}:execution:TestState:test",
            RoleArn = AslJson.AsString(request["roleArn"]) ?? string.Empty,
            Input = input,
        }, services);
        await execution.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        var history = execution.History;
        var next = history.LastOrDefault(e => e.Type == "SucceedStateEntered")?.StateName;
        var exited = history.LastOrDefault(e => e.Type.EndsWith("StateExited", StringComparison.Ordinal) && e.StateName == Name);
        var caught = history.Any(e => e.Type is "TaskFailed" or "LambdaFunctionFailed" or "ParallelStateFailed" or "MapStateFailed") && next is not null && execution.Status == ExecutionStatus.Succeeded
            && (state["Catch"] as JsonArray)?.Any(c => AslJson.AsString(c?["Next"]) == next) == true && AslJson.AsString(state["Next"]) != next;
        var response = new JsonObject();
        if (execution.Status == ExecutionStatus.Succeeded)
        {
            response["status"] = caught ? "CAUGHT_ERROR" : "SUCCEEDED";
            response["output"] = AslJson.AsString(exited?.Details?["output"]) ?? execution.Output;
            if (next is not null)
            {
                response["nextState"] = next;
            }
        }
        else
        {
            response["status"] = "FAILED";
            response["error"] = execution.Error;
            response["cause"] = execution.Cause;
        }

        return response;
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private string Partition => Model.LocalTemplate.PartitionOf(_options.Region);

    private static string Required(JsonObject request, string field) =>
        AslJson.AsString(request[field]) ?? throw new ApiError("ValidationException", $"1 validation error detected: Value null at '{field}' failed to satisfy constraint: Member must not be null");

    private static JsonNode Epoch(DateTimeOffset t) => JsonValue.Create(t.ToUnixTimeMilliseconds() / 1000.0);

    private static async Task WriteErrorAsync(HttpContext context, int status, string type, string message)
    {
        var body = Encoding.UTF8.GetBytes(AslJson.Write(new JsonObject { ["__type"] = type, ["message"] = message }));
        context.Response.StatusCode = status;
        context.Response.Headers["x-amzn-ErrorType"] = type;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString("D");
        context.Response.ContentType = "application/x-amz-json-1.0";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Stops the server, every running execution and the environments.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var run in _executions.Values)
        {
            run.Execution.Stop("States.Aborted", "The samc server stopped.");
        }

        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        await Pool.DisposeAsync().ConfigureAwait(false);
    }

    private sealed record Machine(string Arn, string Name, StateMachineDefinition Definition, string DefinitionText, string Type, string RoleArn, DateTimeOffset Created);

    private sealed record Run(StateMachineExecution Execution, Machine Machine);

    private sealed class ApiError(string type, string message) : Exception(message)
    {
        public string Type { get; } = type;
    }
}

/// <summary>Runs Lambda tasks locally; any other resource stops the execution with an error naming the state.</summary>
public sealed class RoutingTaskHandler(ITaskHandler lambda) : ITaskHandler
{
    /// <inheritdoc />
    public Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken) =>
        LocalLambdaTaskHandler.CanRun(invocation)
            ? lambda.InvokeAsync(invocation, cancellationToken)
            : throw new AslError("States.Runtime", $"The state \"{invocation.StateName}\" calls {invocation.Resource}, which samc cannot run locally. Answer it from a mock config file: --mock-config FILE with a test case that mocks \"{invocation.StateName}\" (see docs/stepfunctions.md).");
}
