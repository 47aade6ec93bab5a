namespace SamCompiler.Local.Tests.StepFunctions;

/// <summary>
/// Bad input to <c>samc local execute</c>, run as a process: invalid ASL, an endless loop, a payload over 256 KiB, a
/// missing mock, bad input JSON. Each ends with a clear message and a non-zero exit, never a stack trace.
/// </summary>
public sealed class StepFunctionsBadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("samc-sfn-bad-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Template(string definitionJson, string extra = "")
    {
        var text = $$"""
Transform: AWS::Serverless-2016-10-31
Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: flow.asl.json
{{extra}}
""";
        File.WriteAllText(Path.Combine(_dir, "template.yaml"), text);
        File.WriteAllText(Path.Combine(_dir, "flow.asl.json"), definitionJson);
        return _dir;
    }

    private static void NoStackTrace(SamcProcess.Result r)
    {
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("SAM0001", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception:", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidAslIsRejectedWithItsLocation()
    {
        Template("""{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Missing"}}}""");
        var r = await SamcProcess.RunAsync(_dir, "local", "execute", "Flow");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("error SAM6021", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("names \"Missing\", which is not a state", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.Stdout);
        NoStackTrace(r);
    }

    [Fact]
    public async Task AnEndlessLoopStopsAtTheHistoryLimit()
    {
        Template("""{"StartAt": "Loop", "States": {"Loop": {"Type": "Pass", "Next": "Again"}, "Again": {"Type": "Pass", "Next": "Loop"}}}""");
        var r = await SamcProcess.RunAsync(_dir, "local", "execute", "Flow");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("FAILED States.Runtime: The execution reached the limit of 25000 history events", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("samc: FAILED in", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("(25001 history events)", r.Stderr, StringComparison.Ordinal); // 25,000 and the ExecutionFailed event
        NoStackTrace(r);
    }

    [Fact]
    public async Task AnOutputOver256KiBFailsWithDataLimitExceeded()
    {
        // 150 KB in, and a Pass state that doubles it (ResultPath keeps the input and adds a copy): 300 KB out.
        Template("""{"StartAt": "Double", "States": {"Double": {"Type": "Pass", "InputPath": "$.blob", "ResultPath": "$.copy", "Parameters": {"again.$": "$"}, "End": true}}}""");
        var input = Path.Combine(_dir, "big.json");
        await File.WriteAllTextAsync(input, "{\"blob\": \"" + new string('x', 150_000) + "\"}");
        var r = await SamcProcess.RunAsync(_dir, "local", "execute", "Flow", "-e", input);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("FAILED States.DataLimitExceeded", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("262144", r.Stderr, StringComparison.Ordinal);
        NoStackTrace(r);
    }

    [Fact]
    public async Task AnInputOver256KiBFailsWithDataLimitExceeded()
    {
        Template("""{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}""");
        var input = Path.Combine(_dir, "huge.json");
        await File.WriteAllTextAsync(input, "{\"blob\": \"" + new string('x', 270_000) + "\"}");
        var r = await SamcProcess.RunAsync(_dir, "local", "execute", "Flow", "-e", input);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("FAILED States.DataLimitExceeded", r.Stderr, StringComparison.Ordinal);
        NoStackTrace(r);
    }

    [Fact]
    public async Task AnUnmockedIntegrationStopsWithTheStateName()
    {
        Template("""{"StartAt": "Save", "States": {"Save": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "Parameters": {"TableName": "t", "Item": {}}, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true}, "Caught": {"Type": "Pass", "End": true}}}""");
        var r = await SamcProcess.RunAsync(_dir, "local", "execute", "Flow");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("The state \"Save\" calls arn:aws:states:::dynamodb:putItem, which samc cannot run locally", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("-> Caught", r.Stderr, StringComparison.Ordinal);
        NoStackTrace(r);

        // With a mock file whose test case does not mock the state: the same clear stop, naming the test case.
        await File.WriteAllTextAsync(Path.Combine(_dir, "mock.json"), """{"StateMachines": {"Flow": {"TestCases": {"Other": {}}}}, "MockedResponses": {}}""");
        var mocked = await SamcProcess.RunAsync(_dir, "local", "execute", "Flow", "--mock-config", "mock.json", "--test-case", "Other");
        Assert.Equal(1, mocked.ExitCode);
        Assert.Contains("the test case \"Other\" of the state machine \"Flow\" has no mocked response for it", mocked.Stderr, StringComparison.Ordinal);
        NoStackTrace(mocked);
    }

    [Fact]
    public async Task AMockAnswersTheIntegration()
    {
        Template("""{"StartAt": "Save", "States": {"Save": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "Parameters": {"TableName": "t", "Item": {}}, "Retry": [{"ErrorEquals": ["DynamoDB.ProvisionedThroughputExceededException"], "IntervalSeconds": 1, "BackoffRate": 1}], "End": true}}}""");
        await File.WriteAllTextAsync(Path.Combine(_dir, "mock.json"), """
{"StateMachines": {"Flow": {"TestCases": {"Throttled": {"Save": "ThrottledThenOk"}}}},
 "MockedResponses": {"ThrottledThenOk": {
   "0": {"Throw": {"Error": "DynamoDB.ProvisionedThroughputExceededException", "Cause": "slow down"}},
   "1": {"Return": {"SdkHttpMetadata": {"HttpStatusCode": 200}}}}}}
""");
        var r = await SamcProcess.RunAsync(_dir, "local", "execute", "Flow", "--mock-config", "mock.json", "--test-case", "Throttled");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("""{"SdkHttpMetadata":{"HttpStatusCode":200}}""", r.Stdout.Trim());
        Assert.Contains("failed: DynamoDB.ProvisionedThroughputExceededException: slow down", r.Stderr, StringComparison.Ordinal);

        var unknownCase = await SamcProcess.RunAsync(_dir, "local", "execute", "Flow", "--mock-config", "mock.json", "--test-case", "Nope");
        Assert.Equal(1, unknownCase.ExitCode);
        Assert.Contains("error SAM6022", unknownCase.Stderr, StringComparison.Ordinal);
        NoStackTrace(unknownCase);
    }

    [Fact]
    public async Task BadInputJsonAndUnknownMachineAreDiagnostics()
    {
        Template("""{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}""");
        await File.WriteAllTextAsync(Path.Combine(_dir, "bad.json"), "{not json");
        var bad = await SamcProcess.RunAsync(_dir, "local", "execute", "Flow", "-e", "bad.json");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("bad.json(1,1): error SAM6023", bad.Stderr, StringComparison.Ordinal);
        NoStackTrace(bad);

        var unknown = await SamcProcess.RunAsync(_dir, "local", "execute", "Nope");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("error SAM6020", unknown.Stderr, StringComparison.Ordinal);
        Assert.Contains("it has: Flow", unknown.Stderr, StringComparison.Ordinal);

        var mockFile = Path.Combine(_dir, "broken-mock.json");
        await File.WriteAllTextAsync(mockFile, """{"StateMachines": {"Flow": {"TestCases": {"T": {"A": "Missing"}}}}, "MockedResponses": {}}""");
        var mock = await SamcProcess.RunAsync(_dir, "local", "execute", "Flow", "--mock-config", mockFile, "--test-case", "T");
        Assert.Equal(1, mock.ExitCode);
        Assert.Contains("names the mocked response \"Missing\", which MockedResponses does not define", mock.Stderr, StringComparison.Ordinal);
        NoStackTrace(mock);
    }
}
