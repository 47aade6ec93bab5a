using System.Text.Json;
using SamCompiler.Local.Tests.Serve;

namespace SamCompiler.Local.Tests.StepFunctions;

/// <summary>
/// The end-to-end test of issue 21: examples/orders, a SAM app whose state machine calls three local Python
/// functions (ReserveFunction fails once per execution and is retried; ShipFunction runs behind a Choice;
/// PriceFunction runs in a Map), run with the built samc: <c>samc local execute</c>, and the AWS CLI and boto3
/// against <c>samc local start-stepfunctions</c>. Expectations come from the functions' code and the ASL spec.
/// </summary>
public sealed class StepFunctionsEndToEndTests
{
    private const string Shipped = """{"orderId":"o-1","status":"SHIPPED","items":2}""";

    [ClientFact("python3")]
    public async Task LocalExecuteRunsTheOrderFlow()
    {
        var graph = Path.Combine(Path.GetTempPath(), "samc-sfn-" + Guid.NewGuid().ToString("N") + ".mmd");
        try
        {
            var r = await SamcProcess.RunAsync(SamcProcess.OrdersExample, "local", "execute", "OrderFlow", "-e", "events/order.json", "--graph", graph);
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.Equal(Shipped, r.Stdout.Trim());

            // The trace: the failed first attempt, the retry, the Map items, the Choice, and the outcome.
            Assert.Contains("-> Reserve (Task)", r.Stderr, StringComparison.Ordinal);
            Assert.Contains("failed: StockServiceBusy", r.Stderr, StringComparison.Ordinal);
            Assert.Contains("retry 1: calls lambda:invoke again", r.Stderr, StringComparison.Ordinal);
            Assert.Contains("[item 1]", r.Stderr, StringComparison.Ordinal);
            Assert.Contains("<- Price output {\"sku\":\"pear\",\"amount\":4}", r.Stderr, StringComparison.Ordinal);
            Assert.Contains("-> Ship (Task)", r.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("-> AwaitPayment", r.Stderr, StringComparison.Ordinal);
            Assert.Contains("samc: SUCCEEDED in", r.Stderr, StringComparison.Ordinal);

            var picture = await File.ReadAllTextAsync(graph);
            Assert.StartsWith("%% OrderFlow: SUCCEEDED", picture, StringComparison.Ordinal);
            Assert.Contains("class s0 recovered", picture, StringComparison.Ordinal);
            Assert.Contains("class s4,s5 notrun", picture, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(graph);
        }
    }

    [ClientFact("python3")]
    public async Task LocalExecuteTakesTheDefaultBranchWhenUnpaid()
    {
        var input = Path.Combine(Path.GetTempPath(), "samc-sfn-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(input, """{"orderId": "o-2", "paid": false, "items": [{"sku": "plum", "qty": 3}]}""");
        try
        {
            var r = await SamcProcess.RunAsync(SamcProcess.OrdersExample, "local", "execute", "OrderFlow", "-e", input);
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.Equal("""{"orderId":"o-2","status":"AWAITING_PAYMENT"}""", r.Stdout.Trim());
            Assert.DoesNotContain("-> Ship", r.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(input);
        }
    }

    [ClientFact("aws")]
    public async Task AwsCliRunsTheOrderFlowAgainstTheServer()
    {
        await using var server = await StepFunctionsServerProcess.StartAsync(SamcProcess.OrdersExample);
        var arn = "arn:aws:states:us-east-1:123456789012:stateMachine:OrderFlow";
        var machines = await Aws(server, "list-state-machines");
        Assert.Contains(arn, machines, StringComparison.Ordinal);

        var started = await Aws(server, "start-execution", "--state-machine-arn", arn, "--name", "cli-1", "--input", "file://" + Path.Combine(SamcProcess.OrdersExample, "events", "order.json"));
        var executionArn = JsonDocument.Parse(started).RootElement.GetProperty("executionArn").GetString()!;
        Assert.Equal("arn:aws:states:us-east-1:123456789012:execution:OrderFlow:cli-1", executionArn);

        JsonElement described = default;
        for (var i = 0; i < 600; i++)
        {
            described = JsonDocument.Parse(await Aws(server, "describe-execution", "--execution-arn", executionArn)).RootElement;
            if (described.GetProperty("status").GetString() != "RUNNING")
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.True(described.GetProperty("status").GetString() == "SUCCEEDED", described.ToString() + server.Stderr);
        Assert.Equal(Shipped, described.GetProperty("output").GetString());

        var history = JsonDocument.Parse(await Aws(server, "get-execution-history", "--execution-arn", executionArn)).RootElement.GetProperty("events");
        var types = history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal("ExecutionStarted", types[0]);
        Assert.Equal("ExecutionSucceeded", types[^1]);
        Assert.Equal(1, types.Count(t => t == "TaskFailed"));
        Assert.Equal(2, types.Count(t => t == "MapIterationSucceeded"));
        Assert.Equal(2, types.Count(t => t == "LambdaFunctionSucceeded"));
        Assert.Contains("ChoiceStateExited", types);
        var failed = history.EnumerateArray().First(e => e.GetProperty("type").GetString() == "TaskFailed").GetProperty("taskFailedEventDetails");
        Assert.Equal("StockServiceBusy", failed.GetProperty("error").GetString());

        var list = JsonDocument.Parse(await Aws(server, "list-executions", "--state-machine-arn", arn)).RootElement.GetProperty("executions");
        Assert.Equal("cli-1", list[0].GetProperty("name").GetString());

        var missing = await ClientProcess.RunAsync("aws", ["stepfunctions", "describe-execution", "--endpoint-url", server.Endpoint, "--execution-arn", arn.Replace("stateMachine", "execution", StringComparison.Ordinal) + ":nope"]);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("ExecutionDoesNotExist", missing.Stderr, StringComparison.Ordinal);

        Assert.Equal(0, await server.InterruptAsync());
    }

    [ClientFact("python3", "boto3")]
    public async Task Boto3RunsTheOrderFlowAgainstTheServer()
    {
        await using var server = await StepFunctionsServerProcess.StartAsync(SamcProcess.OrdersExample);
        var script = """
import json, sys, time, boto3
sfn = boto3.client("stepfunctions", endpoint_url=sys.argv[1], region_name="us-east-1")
arn = "arn:aws:states:us-east-1:123456789012:stateMachine:OrderFlow"
order = json.load(open(sys.argv[2]))
x = sfn.start_execution(stateMachineArn=arn, name="boto-1", input=json.dumps(order))["executionArn"]
for _ in range(600):
    d = sfn.describe_execution(executionArn=x)
    if d["status"] != "RUNNING":
        break
    time.sleep(0.2)
events = sfn.get_execution_history(executionArn=x, maxResults=10)
page2 = sfn.get_execution_history(executionArn=x, nextToken=events["nextToken"], maxResults=1000)
types = [e["type"] for e in events["events"] + page2["events"]]
# A second execution stopped while it waits in the Reserve retry interval.
y = sfn.start_execution(stateMachineArn=arn, name="boto-2", input=json.dumps(order))["executionArn"]
time.sleep(0.5)
sfn.stop_execution(executionArn=y, error="Test.Stop", cause="stopped by the test")
s = sfn.describe_execution(executionArn=y)
print(json.dumps({"status": d["status"], "output": json.loads(d["output"]), "types": types,
                  "stopped": s["status"], "stopError": s.get("error"), "startIsDate": hasattr(d["startDate"], "year")}))
""";
        var file = Path.Combine(Path.GetTempPath(), "samc-sfn-" + Guid.NewGuid().ToString("N") + ".py");
        await File.WriteAllTextAsync(file, script);
        try
        {
            var r = await ClientProcess.RunAsync("python3", [file, server.Endpoint, Path.Combine(SamcProcess.OrdersExample, "events", "order.json")]);
            Assert.True(r.ExitCode == 0, r.Stderr + server.Stderr);
            var result = JsonDocument.Parse(r.Stdout).RootElement;
            Assert.Equal("SUCCEEDED", result.GetProperty("status").GetString());
            Assert.Equal("SHIPPED", result.GetProperty("output").GetProperty("status").GetString());
            var types = result.GetProperty("types").EnumerateArray().Select(t => t.GetString()).ToList();
            Assert.Equal("ExecutionStarted", types[0]);
            Assert.Equal("ExecutionSucceeded", types[^1]);
            Assert.Contains("TaskStateEntered", types);
            Assert.Equal("ABORTED", result.GetProperty("stopped").GetString());
            Assert.Equal("Test.Stop", result.GetProperty("stopError").GetString());
            Assert.True(result.GetProperty("startIsDate").GetBoolean());
        }
        finally
        {
            File.Delete(file);
        }

        Assert.Equal(0, await server.InterruptAsync());
    }

    [ClientFact("python3", "boto3")]
    public async Task Boto3TaskTokensSyncExecutionTestStateAndValidation()
    {
        await using var server = await StepFunctionsServerProcess.StartAsync(SamcProcess.OrdersExample);
        var script = """
import json, sys, time, boto3
from botocore.config import Config
# StartSyncExecution and TestState carry the API's "sync-" host prefix, which an IP endpoint cannot take.
sfn = boto3.client("stepfunctions", endpoint_url=sys.argv[1], region_name="us-east-1", config=Config(inject_host_prefix=False))
role = "arn:aws:iam::123456789012:role/test"
waiting = {"StartAt": "Approve", "States": {"Approve": {"Type": "Task",
    "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
    "Parameters": {"FunctionName": "ShipFunction", "Payload": {"orderId": "o-9", "total": 1, "token.$": "$$.Task.Token"}},
    "End": True}}}
arn = sfn.create_state_machine(name="Approval", definition=json.dumps(waiting), roleArn=role)["stateMachineArn"]

def token_of(x):
    for _ in range(300):
        events = sfn.get_execution_history(executionArn=x)["events"]
        if any(e["type"] == "TaskSubmitted" for e in events):
            scheduled = next(e for e in events if e["type"] == "TaskScheduled")
            return json.loads(scheduled["taskScheduledEventDetails"]["parameters"])["Payload"]["token"]
        time.sleep(0.1)
    raise SystemExit("no TaskSubmitted event")

def finish(x):
    for _ in range(300):
        d = sfn.describe_execution(executionArn=x)
        if d["status"] != "RUNNING":
            return d
        time.sleep(0.1)

ok = sfn.start_execution(stateMachineArn=arn, name="ok")["executionArn"]
sfn.send_task_success(taskToken=token_of(ok), output=json.dumps({"approved": True}))
ok_d = finish(ok)
no = sfn.start_execution(stateMachineArn=arn, name="no")["executionArn"]
no_token = token_of(no)
sfn.send_task_heartbeat(taskToken=no_token)
sfn.send_task_failure(taskToken=no_token, error="Rejected", cause="by the test")
no_d = finish(no)
try:
    sfn.send_task_success(taskToken=no_token, output="{}")
    gone = "accepted"
except sfn.exceptions.TaskDoesNotExist:
    gone = "TaskDoesNotExist"

express = sfn.create_state_machine(name="Quick", type="EXPRESS", roleArn=role,
    definition=json.dumps({"StartAt": "Add", "States": {"Add": {"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($.a, $.b)"}, "End": True}}}))["stateMachineArn"]
sync = sfn.start_sync_execution(stateMachineArn=express, input=json.dumps({"a": 2, "b": 3}))
tested = sfn.test_state(roleArn=role, input=json.dumps({"n": 5}), definition=json.dumps(
    {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 1, "Next": "Big"}], "Default": "Small"}))
valid = sfn.validate_state_machine_definition(definition=json.dumps({"StartAt": "X", "States": {"A": {"Type": "Pass", "End": True}}}))
try:
    sfn.create_state_machine(name="Bad", roleArn=role, definition=json.dumps({"StartAt": "A", "States": {"A": {"Type": "Pass"}}}))
    invalid = "accepted"
except sfn.exceptions.InvalidDefinition as e:
    invalid = "InvalidDefinition"
print(json.dumps({"ok": [ok_d["status"], ok_d.get("output")], "no": [no_d["status"], no_d.get("error"), no_d.get("cause")], "gone": gone,
                  "sync": [sync["status"], sync.get("output")], "test": [tested["status"], tested.get("nextState")],
                  "valid": valid["result"], "invalid": invalid}, separators=(",", ":")))
""";
        var file = Path.Combine(Path.GetTempPath(), "samc-sfn-" + Guid.NewGuid().ToString("N") + ".py");
        await File.WriteAllTextAsync(file, script);
        try
        {
            var r = await ClientProcess.RunAsync("python3", [file, server.Endpoint]);
            Assert.True(r.ExitCode == 0, r.Stderr + server.Stderr);
            var result = JsonDocument.Parse(r.Stdout).RootElement;
            Assert.Equal("""["SUCCEEDED","{\"approved\":true}"]""", result.GetProperty("ok").GetRawText());
            Assert.Equal("""["FAILED","Rejected","by the test"]""", result.GetProperty("no").GetRawText());
            Assert.Equal("TaskDoesNotExist", result.GetProperty("gone").GetString());
            Assert.Equal("""["SUCCEEDED","{\"sum\":5}"]""", result.GetProperty("sync").GetRawText());
            Assert.Equal("""["SUCCEEDED","Big"]""", result.GetProperty("test").GetRawText());
            Assert.Equal("FAIL", result.GetProperty("valid").GetString());
            Assert.Equal("InvalidDefinition", result.GetProperty("invalid").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> Aws(StepFunctionsServerProcess server, params string[] args)
    {
        var r = await ClientProcess.RunAsync("aws", ["stepfunctions", args[0], "--endpoint-url", server.Endpoint, "--output", "json", .. args[1..]]);
        Assert.True(r.ExitCode == 0, $"aws stepfunctions {string.Join(' ', args)}: {r.Stderr}\n{server.Stderr}");
        return r.Stdout;
    }
}
