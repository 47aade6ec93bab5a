using System.Text.Json.Nodes;
using SamCompiler.StepFunctions;

namespace SamCompiler.Tests.StepFunctions;

/// <summary>
/// Interpreter behaviour moto cannot be used for (timeouts, heartbeats, tolerated failures, the history shape):
/// expectations from the ASL specification, the clock fast-forwarded so no test waits.
/// </summary>
public sealed class InterpreterTests
{
    private sealed class Handler(Func<TaskInvocation, CancellationToken, Task<JsonNode?>> run) : ITaskHandler
    {
        public Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken) => run(invocation, cancellationToken);
    }

    private static async Task<StateMachineExecution> Run(string definition, string input, ITaskHandler handler, TaskTokenRegistry? tokens = null)
    {
        var problems = new List<AslProblem>();
        var parsed = StateMachineDefinition.Parse(definition, problems) ?? throw new InvalidOperationException("not JSON");
        Assert.DoesNotContain(problems, p => p.IsError);
        var execution = StateMachineExecution.Start(parsed, new ExecutionStart
        {
            StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:T",
            Name = "t",
            ExecutionArn = "arn:aws:states:us-east-1:123456789012:execution:T:t",
            Input = input,
        }, new ExecutionServices { Time = new FastForwardTimeProvider(), Tasks = handler, Tokens = tokens ?? new TaskTokenRegistry(), Random = new Random(1) });
        await execution.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        return execution;
    }

    private static readonly Handler Forever = new(async (_, ct) =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        return null;
    });

    [Fact]
    public async Task TaskTimeoutSecondsFailsWithStatesTimeoutAndIsCaught()
    {
        var e = await Run("""
{"StartAt": "T", "States": {
  "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Slow", "TimeoutSeconds": 5,
        "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Late"}], "End": true},
  "Late": {"Type": "Pass", "End": true}}}
""", "{}", Forever);
        Assert.Equal(ExecutionStatus.Succeeded, e.Status);
        Assert.Equal("States.Timeout", AslJson.AsString(AslJson.Parse(e.Output!)!["Error"]));
        Assert.Contains(e.History, h => h.Type == "LambdaFunctionTimedOut");
    }

    [Fact]
    public async Task MissingHeartbeatFailsWithHeartbeatTimeout()
    {
        var e = await Run("""
{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
  "Parameters": {"token.$": "$$.Task.Token"}, "HeartbeatSeconds": 10, "TimeoutSeconds": 100000, "End": true}}}
""", "{}", new Handler((_, _) => Task.FromResult<JsonNode?>(new JsonObject())));
        Assert.Equal(ExecutionStatus.Failed, e.Status);
        Assert.Equal("States.HeartbeatTimeout", e.Error);
        Assert.Equal(["TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskTimedOut"], e.History.Select(h => h.Type).Where(t => t.StartsWith("Task", StringComparison.Ordinal) && !t.StartsWith("TaskState", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SendTaskSuccessCompletesAWaitingTask()
    {
        var tokens = new TaskTokenRegistry();
        var handler = new Handler((i, ct) =>
        {
            Assert.Equal(i.TaskToken, AslJson.AsString(i.Parameters!["token"]));
            _ = Task.Run(async () =>
            {
                await Task.Delay(50);
                Assert.True(tokens.Succeed(i.TaskToken!, AslJson.Parse("""{"ok": 1}""")));
            });
            return Task.FromResult<JsonNode?>(null);
        });
        var e = await Run("""
{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
  "Parameters": {"FunctionName": "F", "token.$": "$$.Task.Token"}, "End": true}}}
""", "{}", handler, tokens);
        Assert.Equal(ExecutionStatus.Succeeded, e.Status);
        Assert.Equal("""{"ok":1}""", e.Output);
    }

    [Fact]
    public async Task MachineTimeoutSecondsEndsTimedOut()
    {
        var e = await Run("""{"TimeoutSeconds": 3, "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Slow", "End": true}}}""", "{}", Forever);
        Assert.Equal(ExecutionStatus.TimedOut, e.Status);
        Assert.Equal("ExecutionTimedOut", e.History[^1].Type);
    }

    [Theory]
    [InlineData(1, "SUCCEEDED")]
    [InlineData(0, "FAILED")]
    public async Task ToleratedFailureCountDecidesTheMapOutcome(int tolerated, string status)
    {
        var e = await Run("""
{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "ToleratedFailureCount": TOLERATED,
  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "C", "States": {
    "C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 2, "Next": "Bad"}], "Default": "Ok"},
    "Ok": {"Type": "Pass", "End": true},
    "Bad": {"Type": "Fail", "Error": "Item.Bad"}}}, "End": true}}}
""".Replace("TOLERATED", tolerated.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), """{"items": [1, 2, 3]}""", Forever);
        Assert.Equal(status, e.Status.ToApi());
        if (tolerated == 0)
        {
            Assert.Equal("States.ExceedToleratedFailureThreshold", e.Error);
        }
        else
        {
            Assert.Equal("""[1,{"Error":"Item.Bad"},3]""", e.Output);
        }
    }

    [Fact]
    public async Task HistoryEventsChainThroughPreviousEventIds()
    {
        var e = await Run("""{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}""", """{"x": 1}""", Forever);
        Assert.Equal(["ExecutionStarted", "PassStateEntered", "PassStateExited", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded"], e.History.Select(h => h.Type));
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), e.History.Select(h => h.Id));
        Assert.Equal([0L, 1, 2, 3, 4, 5], e.History.Select(h => h.PreviousEventId));
        Assert.Equal("stateEnteredEventDetails", e.History[1].DetailsMember);
    }

    [Fact]
    public async Task JsonataVariablesFollowTheSpecExample()
    {
        // The specification's Variable Scope example: "End" outputs "hello" (inner reads outer); "Goodbye" outputs 2.
        var e = await Run("""
{"QueryLanguage": "JSONata", "StartAt": "Get Greeting", "States": {
  "Get Greeting": {"Type": "Pass", "Assign": {"outer": "hello"}, "Next": "Greet Everyone"},
  "Greet Everyone": {"Type": "Map", "Items": [1], "ItemProcessor": {"StartAt": "Begin", "States": {
      "Begin": {"Type": "Pass", "Assign": {"inner": "world", "hi": "{% $outer %}"}, "Next": "End"},
      "End": {"Type": "Succeed", "Output": "{% $hi %}"}}},
    "Assign": {"outer": 2}, "Output": {"inner": "{% $states.result %}"}, "Next": "Goodbye"},
  "Goodbye": {"Type": "Succeed", "Output": {"outer": "{% $outer %}", "fromMap": "{% $states.input.inner %}"}}}}
""", "{}", Forever);
        Assert.Equal(ExecutionStatus.Succeeded, e.Status);
        Assert.Equal("""{"outer":2,"fromMap":["hello"]}""", e.Output); // jsonata-js keeps a data array on the last step
    }

    [Fact]
    public async Task AssignSeesValuesFromStateEntry()
    {
        // Spec: "If variable x had the value 5 on state entry, the interpreter will assign 42 to x, and 5 to newOrOld."
        var e = await Run("""
{"QueryLanguage": "JSONata", "StartAt": "Five", "States": {
  "Five": {"Type": "Pass", "Assign": {"x": 5}, "Next": "Assigning"},
  "Assigning": {"Type": "Pass", "Assign": {"x": 42, "newOrOld": "{% $x %}"}, "Next": "Referencing"},
  "Referencing": {"Type": "Pass", "Output": {"x": "{% $x %}", "newOrOld": "{% $newOrOld %}"}, "End": true}}}
""", "{}", Forever);
        Assert.Equal("""{"x":42,"newOrOld":5}""", e.Output);
    }
}
