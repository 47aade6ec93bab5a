using SamCompiler.Diagnostics;
using static SamCompiler.Tests.Validation.LintHarness;

namespace SamCompiler.Tests.Validation;

/// <summary>Boundary rows for the range rules of function properties (Lambda quotas page and CreateFunction API).</summary>
public class FunctionMemorySizeRuleTests
{
    [Theory]
    [InlineData(128, 0)]
    [InlineData(127, 1)]
    [InlineData(10240, 0)]
    [InlineData(10241, 1)]
    public void MemorySize_Boundaries(int value, int expected) =>
        Assert.Equal(expected, Lint(Function($"MemorySize: {value}")).Of(DiagnosticCatalog.FunctionMemorySize).Count);

    [Fact]
    public void MemorySize_FromGlobals_PointsAtGlobals()
    {
        var d = Assert.Single(Lint(Function(string.Empty, globals: "MemorySize: 20000")).Of(DiagnosticCatalog.FunctionMemorySize));
        Assert.Equal(4, d.Span.Start.Line);
        Assert.Equal("MemorySize 20000 of \"MyFn\" exceeds the Lambda maximum of 10240 MB.", d.Message);
    }

    [Fact]
    public void MemorySize_FromParameterDefault_IsChecked()
    {
        var yaml = Function("MemorySize: !Ref Mem", top: "Parameters:\n  Mem:\n    Type: Number\n    Default: 10241\n");
        var d = Assert.Single(Lint(yaml).Of(DiagnosticCatalog.FunctionMemorySize));
        Assert.Contains("(from parameter \"Mem\")", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainLambdaFunction_IsChecked()
    {
        var yaml = "Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      MemorySize: 64\n";
        Assert.Single(Lint(yaml).Of(DiagnosticCatalog.FunctionMemorySize));
    }
}

public class FunctionTimeoutRuleTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    [InlineData(900, 0)]
    [InlineData(901, 1)]
    public void Timeout_Boundaries(int value, int expected) =>
        Assert.Equal(expected, Lint(Function($"Timeout: {value}")).Of(DiagnosticCatalog.FunctionTimeout).Count);
}

public class FunctionEphemeralStorageRuleTests
{
    [Theory]
    [InlineData(512, 0)]
    [InlineData(511, 1)]
    [InlineData(10240, 0)]
    [InlineData(10241, 1)]
    public void EphemeralStorage_Boundaries(int value, int expected) =>
        Assert.Equal(expected, Lint(Function($"EphemeralStorage:\n  Size: {value}")).Of(DiagnosticCatalog.FunctionEphemeralStorage).Count);
}

public class FunctionDescriptionLengthRuleTests
{
    [Theory]
    [InlineData(256, 0)]
    [InlineData(257, 1)]
    public void Description_Boundaries(int length, int expected) =>
        Assert.Equal(expected, Lint(Function($"Description: {new string('d', length)}")).Of(DiagnosticCatalog.FunctionDescriptionLength).Count);
}

public class FunctionHandlerRuleTests
{
    [Theory]
    [InlineData(128, 0)]
    [InlineData(129, 1)]
    public void Handler_LengthBoundaries(int length, int expected)
    {
        var yaml = Function(string.Empty).Replace("Handler: app.handler", $"Handler: {new string('h', length)}", StringComparison.Ordinal);
        Assert.Equal(expected, Lint(yaml).Of(DiagnosticCatalog.FunctionHandler).Count);
    }

    [Fact]
    public void Handler_WithSpace_IsReported()
    {
        var yaml = Function(string.Empty).Replace("Handler: app.handler", "Handler: app handler", StringComparison.Ordinal);
        Assert.Single(Lint(yaml).Of(DiagnosticCatalog.FunctionHandler));
    }
}

public class FunctionNameRuleTests
{
    [Theory]
    [InlineData(64, 0)]
    [InlineData(65, 1)]
    public void FunctionName_LengthBoundaries(int length, int expected) =>
        Assert.Equal(expected, Lint(Function($"FunctionName: {new string('f', length)}")).Of(DiagnosticCatalog.FunctionName).Count);

    [Theory]
    [InlineData("my-fn_1", 0)]
    [InlineData("my.fn", 1)]
    [InlineData("my fn", 1)]
    public void FunctionName_Characters(string name, int expected) =>
        Assert.Equal(expected, Lint(Function($"FunctionName: \"{name}\"")).Of(DiagnosticCatalog.FunctionName).Count);

    [Fact]
    public void FunctionName_Sub_IsNotJudged() =>
        Assert.Empty(Lint(Function("FunctionName: !Sub '${AWS::StackName}-fn'")).Of(DiagnosticCatalog.FunctionName));
}

public class FunctionAliasNameRuleTests
{
    [Theory]
    [InlineData("live", 0)]
    [InlineData("prod-1_a", 0)]
    [InlineData("123", 1)]
    [InlineData("my.alias", 1)]
    public void AliasName_Pattern(string alias, int expected) =>
        Assert.Equal(expected, Lint(Function($"AutoPublishAlias: \"{alias}\"")).Of(DiagnosticCatalog.FunctionAliasName).Count);

    [Theory]
    [InlineData(128, 0)]
    [InlineData(129, 1)]
    public void AliasName_LengthBoundaries(int length, int expected) =>
        Assert.Equal(expected, Lint(Function($"AutoPublishAlias: {new string('a', length)}")).Of(DiagnosticCatalog.FunctionAliasName).Count);
}
