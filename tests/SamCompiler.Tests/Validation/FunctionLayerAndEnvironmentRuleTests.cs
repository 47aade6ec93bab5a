using SamCompiler.Diagnostics;
using SamCompiler.Validation.Rules;
using static SamCompiler.Tests.Validation.LintHarness;

namespace SamCompiler.Tests.Validation;

public class FunctionLayerCountRuleTests
{
    private static string Layers(int count, int from = 0) =>
        "Layers:\n" + string.Concat(Enumerable.Range(from, count).Select(i => $"  - arn:aws:lambda:us-east-1:123456789012:layer:l{i}:1\n")).TrimEnd('\n');

    [Theory]
    [InlineData(5, 0)]
    [InlineData(6, 1)]
    public void Layers_Boundaries(int count, int expected) =>
        Assert.Equal(expected, Lint(Function(Layers(count))).Of(DiagnosticCatalog.FunctionLayerCount).Count);

    [Fact]
    public void SixthLayer_FromGlobals_CountsAndPointsAtTheSixth()
    {
        // Globals layers come first (samtranslator's list merge), so the sixth layer is the third local one.
        var yaml = Function(Layers(3, 10), globals: Layers(3));
        var d = Assert.Single(Lint(yaml).Of(DiagnosticCatalog.FunctionLayerCount));
        Assert.Contains("6 layers", d.Message, StringComparison.Ordinal);
        Assert.Contains("l12", yaml.Split('\n')[d.Span.Start.Line - 1], StringComparison.Ordinal);
    }
}

public class FunctionEnvironmentSizeRuleTests
{
    // {"AB":"<value>"} is 9 bytes plus the value.
    [Theory]
    [InlineData(4087, 0)]
    [InlineData(4088, 1)]
    public void EnvironmentSize_Boundaries(int valueLength, int expected) =>
        Assert.Equal(expected, Lint(Function($"Environment:\n  Variables:\n    AB: {new string('x', valueLength)}")).Of(DiagnosticCatalog.FunctionEnvironmentSize).Count);

    [Fact]
    public void EnvironmentSize_CountsGlobals()
    {
        var yaml = Function($"Environment:\n  Variables:\n    CD: {new string('y', 2000)}", globals: $"Environment:\n  Variables:\n    AB: {new string('x', 2100)}");
        var d = Assert.Single(Lint(yaml).Of(DiagnosticCatalog.FunctionEnvironmentSize));
        Assert.Contains("4,117 bytes", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnvironmentSize_WithIntrinsics_IsALabelledLowerBound()
    {
        var yaml = Function($"Environment:\n  Variables:\n    AB: {new string('x', 4100)}\n    CD: !Ref AWS::AccountId");
        var d = Assert.Single(Lint(yaml).Of(DiagnosticCatalog.FunctionEnvironmentSize));
        Assert.Contains("at least", d.Message, StringComparison.Ordinal);
        Assert.Contains("lower bound", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Measure_MatchesJsonSerialization()
    {
        var yaml = Function("Environment:\n  Variables:\n    A1: \"é\"\n    B2: 3");
        var template = new SamCompiler.Validation.LintTemplate(new Text.SourceText("t", yaml), SamCompiler.Syntax.YamlDocumentLoader.Load(new Text.SourceText("t", yaml)).Root!, Options);
        var vars = template.Model.Functions[0].EnvironmentVariables;
        // {"A1":"é","B2":"3"} is 19 characters and é takes 2 bytes in UTF-8.
        Assert.Equal(20, FunctionEnvironmentSizeRule.Measure(vars, out var unknown));
        Assert.Equal(0, unknown);
    }
}

public class FunctionEnvironmentKeyRuleTests
{
    [Theory]
    [InlineData("AWS_REGION", 1)]
    [InlineData("_HANDLER", 1)]
    [InlineData("LAMBDA_TASK_ROOT", 1)]
    [InlineData("TABLE_NAME", 0)]
    [InlineData("TZ", 0)]
    [InlineData("MY-VAR", 1)]
    [InlineData("1ABC", 1)]
    public void EnvironmentKeys(string key, int expected) =>
        Assert.Equal(expected, Lint(Function($"Environment:\n  Variables:\n    {key}: v")).Of(DiagnosticCatalog.FunctionEnvironmentKey).Count);
}
