using SamCompiler.Diagnostics;
using static SamCompiler.Tests.Validation.LintHarness;

namespace SamCompiler.Tests.Validation;

internal static class Events
{
    public static string Sqs(string properties, string functionProperties = "", string queueProperties = "") => Function(
        functionProperties + (functionProperties.Length > 0 ? "\n" : string.Empty) +
        "Events:\n  Q:\n    Type: SQS\n    Properties:\n      Queue: !GetAtt Queue.Arn\n" + Indent(properties, 6),
        resources: "Queue:\n  Type: AWS::SQS::Queue" + (queueProperties.Length > 0 ? "\n  Properties:\n" + Indent(queueProperties, 4) : string.Empty));

    public static string Stream(string type, string properties) => Function(
        $"Events:\n  S:\n    Type: {type}\n    Properties:\n      Stream: arn:aws:kinesis:us-east-1:123456789012:stream/s\n      StartingPosition: LATEST\n" + Indent(properties, 6));
}

public class EventBatchSizeRuleTests
{
    [Theory]
    [InlineData(10, "", 0)]
    [InlineData(11, "", 1)]
    [InlineData(10000, "MaximumBatchingWindowInSeconds: 1", 0)]
    [InlineData(10001, "MaximumBatchingWindowInSeconds: 1", 1)]
    [InlineData(11, "MaximumBatchingWindowInSeconds: 0", 1)]
    [InlineData(0, "", 1)]
    public void Sqs_Boundaries(int size, string extra, int expected) =>
        Assert.Equal(expected, Lint(Events.Sqs($"BatchSize: {size}\n{extra}")).Of(DiagnosticCatalog.EventBatchSize).Count);

    [Theory]
    [InlineData(10, 0)]
    [InlineData(11, 1)]
    public void SqsFifo_IsTenEvenWithAWindow(int size, int expected) =>
        Assert.Equal(expected, Lint(Events.Sqs($"BatchSize: {size}\nMaximumBatchingWindowInSeconds: 5", queueProperties: "FifoQueue: true")).Of(DiagnosticCatalog.EventBatchSize).Count);

    [Theory]
    [InlineData("Kinesis", 10000, 0)]
    [InlineData("Kinesis", 10001, 1)]
    [InlineData("DynamoDB", 10000, 0)]
    [InlineData("DynamoDB", 10001, 1)]
    public void Streams_Boundaries(string type, int size, int expected) =>
        Assert.Equal(expected, Lint(Events.Stream(type, $"BatchSize: {size}")).Of(DiagnosticCatalog.EventBatchSize).Count);
}

public class EventBatchingWindowRuleTests
{
    [Theory]
    [InlineData(300, 0)]
    [InlineData(301, 1)]
    public void Window_Boundaries(int seconds, int expected) =>
        Assert.Equal(expected, Lint(Events.Stream("Kinesis", $"MaximumBatchingWindowInSeconds: {seconds}")).Of(DiagnosticCatalog.EventBatchingWindow).Count);
}

public class EventStreamSettingsRuleTests
{
    [Theory]
    [InlineData("ParallelizationFactor: 10", 0)]
    [InlineData("ParallelizationFactor: 11", 1)]
    [InlineData("ParallelizationFactor: 0", 1)]
    [InlineData("MaximumRetryAttempts: 10000", 0)]
    [InlineData("MaximumRetryAttempts: 10001", 1)]
    [InlineData("MaximumRetryAttempts: -1", 0)]
    [InlineData("MaximumRecordAgeInSeconds: 604800", 0)]
    [InlineData("MaximumRecordAgeInSeconds: 604801", 1)]
    [InlineData("MaximumRecordAgeInSeconds: 60", 0)]
    [InlineData("MaximumRecordAgeInSeconds: 59", 1)]
    [InlineData("MaximumRecordAgeInSeconds: -1", 0)]
    public void Settings_Boundaries(string setting, int expected) =>
        Assert.Equal(expected, Lint(Events.Stream("DynamoDB", setting)).Of(DiagnosticCatalog.EventStreamSettings).Count);
}

public class SqsVisibilityTimeoutRuleTests
{
    [Theory]
    [InlineData(30, 30, 0)]
    [InlineData(31, 30, 1)]
    [InlineData(100, 99, 1)]
    public void Timeout_AgainstVisibility(int timeout, int visibility, int expected) =>
        Assert.Equal(expected, Lint(Events.Sqs("BatchSize: 1", $"Timeout: {timeout}", $"VisibilityTimeout: {visibility}")).Of(DiagnosticCatalog.SqsVisibilityTimeout).Count);

    [Theory]
    [InlineData(30, 0)]
    [InlineData(31, 1)]
    public void DefaultVisibility_Is30(int timeout, int expected) =>
        Assert.Equal(expected, Lint(Events.Sqs("BatchSize: 1", $"Timeout: {timeout}")).Of(DiagnosticCatalog.SqsVisibilityTimeout).Count);
}

public class SqsVisibilityTimeoutAdviceRuleTests
{
    [Theory]
    [InlineData(10, 60, 0)]
    [InlineData(10, 59, 1)]
    [InlineData(10, 9, 0)]
    public void SixTimes(int timeout, int visibility, int expected) =>
        Assert.Equal(expected, Lint(Events.Sqs("BatchSize: 1", $"Timeout: {timeout}", $"VisibilityTimeout: {visibility}")).Of(DiagnosticCatalog.SqsVisibilityTimeoutAdvice).Count);
}

public class ApiIntegrationTimeoutRuleTests
{
    [Theory]
    [InlineData("Api", 29, 0)]
    [InlineData("Api", 30, 1)]
    [InlineData("HttpApi", 30, 0)]
    [InlineData("HttpApi", 31, 1)]
    public void Timeout_Boundaries(string type, int timeout, int expected) =>
        Assert.Equal(expected, Lint(Function($"Timeout: {timeout}\nEvents:\n  E:\n    Type: {type}\n    Properties:\n      Path: /\n      Method: get")).Of(DiagnosticCatalog.ApiIntegrationTimeout).Count);

    [Fact]
    public void TimeoutFromGlobals_IsUsed() =>
        Assert.Single(Lint(Function("Events:\n  E:\n    Type: Api\n    Properties:\n      Path: /\n      Method: get", globals: "Timeout: 60")).Of(DiagnosticCatalog.ApiIntegrationTimeout));
}
