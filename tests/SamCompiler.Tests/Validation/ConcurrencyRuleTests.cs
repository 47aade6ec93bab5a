using SamCompiler.Diagnostics;
using static SamCompiler.Tests.Validation.LintHarness;

namespace SamCompiler.Tests.Validation;

public class AccountConcurrencyRuleTests
{
    private static string Two(int a, int b) => Function(
        $"ReservedConcurrentExecutions: {a}",
        resources: $"Other:\n  Type: AWS::Serverless::Function\n  Properties:\n    CodeUri: s3://b/k.zip\n    Handler: h.h\n    Runtime: python3.12\n    ReservedConcurrentExecutions: {b}");

    [Theory]
    [InlineData(400, 500, 0)]
    [InlineData(400, 501, 1)]
    public void Sum_AgainstDefaultAccount(int a, int b, int expected) =>
        Assert.Equal(expected, Lint(Two(a, b)).Of(DiagnosticCatalog.AccountConcurrency).Count);

    [Theory]
    [InlineData(2900, 0)]
    [InlineData(2901, 1)]
    public void Sum_AgainstConfiguredAccount(int total, int expected) =>
        Assert.Equal(expected, Lint(Two(total - 100, 100), Options with { AccountConcurrency = 3000 }).Of(DiagnosticCatalog.AccountConcurrency).Count);

    [Fact]
    public void Finding_PointsAtTheFunctionThatPassesTheLimit()
    {
        var d = Assert.Single(Lint(Two(400, 600)).Of(DiagnosticCatalog.AccountConcurrency));
        Assert.Contains("\"Other\"", d.Message, StringComparison.Ordinal);
    }
}

public class ProvisionedConcurrencyRuleTests
{
    [Theory]
    [InlineData(10, 10, 0)]
    [InlineData(11, 10, 1)]
    public void Provisioned_AgainstReserved(int provisioned, int reserved, int expected) =>
        Assert.Equal(expected, Lint(Function($"AutoPublishAlias: live\nReservedConcurrentExecutions: {reserved}\nProvisionedConcurrencyConfig:\n  ProvisionedConcurrentExecutions: {provisioned}")).Of(DiagnosticCatalog.ProvisionedConcurrency).Count);

    [Theory]
    [InlineData(900, 0)]
    [InlineData(901, 1)]
    public void Provisioned_AgainstAccount(int provisioned, int expected) =>
        Assert.Equal(expected, Lint(Function($"AutoPublishAlias: live\nProvisionedConcurrencyConfig:\n  ProvisionedConcurrentExecutions: {provisioned}")).Of(DiagnosticCatalog.ProvisionedConcurrency).Count);
}

public class EventInvokeConfigRangeRuleTests
{
    [Theory]
    [InlineData(0, 60, 0)]
    [InlineData(2, 21600, 0)]
    [InlineData(3, 60, 1)]
    [InlineData(-1, 60, 1)]
    [InlineData(2, 59, 1)]
    [InlineData(2, 21601, 1)]
    public void Ranges(int retries, int age, int expected) =>
        Assert.Equal(expected, Lint(Function($"EventInvokeConfig:\n  MaximumRetryAttempts: {retries}\n  MaximumEventAgeInSeconds: {age}")).Of(DiagnosticCatalog.EventInvokeConfigRange).Count);

    [Fact]
    public void LambdaEventInvokeConfigResource_IsChecked()
    {
        var yaml = "Resources:\n  C:\n    Type: AWS::Lambda::EventInvokeConfig\n    Properties:\n      FunctionName: f\n      Qualifier: $LATEST\n      MaximumRetryAttempts: 3\n";
        Assert.Single(Lint(yaml).Of(DiagnosticCatalog.EventInvokeConfigRange));
    }
}
