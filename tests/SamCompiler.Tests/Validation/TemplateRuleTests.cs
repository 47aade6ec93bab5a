using System.Text;
using SamCompiler.Diagnostics;
using static SamCompiler.Tests.Validation.LintHarness;

namespace SamCompiler.Tests.Validation;

public class TemplateResourceCountRuleTests
{
    private static string Queues(int count)
    {
        var sb = new StringBuilder("Resources:\n");
        for (var i = 0; i < count; i++)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"  Q{i}:\n    Type: AWS::SQS::Queue\n");
        }

        return sb.ToString();
    }

    [Theory]
    [InlineData(500, 0)]
    [InlineData(501, 1)]
    public void PlainCloudFormation_Boundaries(int count, int expected) =>
        Assert.Equal(expected, Lint(Queues(count)).Of(DiagnosticCatalog.TemplateResourceCount).Count);

    [Fact]
    public void Finding_PointsAtThe501stResource()
    {
        var d = Assert.Single(Lint(Queues(501)).Of(DiagnosticCatalog.TemplateResourceCount));
        Assert.Equal(2 + (500 * 2), d.Span.Start.Line);
    }

    [Theory]
    [InlineData(250, 0)]
    [InlineData(251, 1)]
    public void SamFunctions_CountWhatTheyGenerate(int functions, int expected)
    {
        // Each function without a Role becomes at least AWS::Lambda::Function plus AWS::IAM::Role.
        var sb = new StringBuilder("Transform: AWS::Serverless-2016-10-31\nResources:\n");
        for (var i = 0; i < functions; i++)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"  F{i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: s3://b/k.zip\n      Handler: a.h\n      Runtime: python3.12\n");
        }

        Assert.Equal(expected, Lint(sb.ToString()).Of(DiagnosticCatalog.TemplateResourceCount).Count);
    }
}

public class TemplateSectionCountRuleTests
{
    private static string Section(string name, int count, Func<int, string> item)
    {
        var sb = new StringBuilder($"{name}:\n");
        for (var i = 0; i < count; i++)
        {
            sb.Append(item(i));
        }

        return sb + "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n";
    }

    [Theory]
    [InlineData(200, 0)]
    [InlineData(201, 1)]
    public void Parameters_Boundaries(int count, int expected) =>
        Assert.Equal(expected, Lint(Section("Parameters", count, i => $"  P{i}:\n    Type: String\n")).Of(DiagnosticCatalog.TemplateParameterCount).Count);

    [Theory]
    [InlineData(200, 0)]
    [InlineData(201, 1)]
    public void Outputs_Boundaries(int count, int expected) =>
        Assert.Equal(expected, Lint(Section("Outputs", count, i => $"  O{i}:\n    Value: x\n")).Of(DiagnosticCatalog.TemplateOutputCount).Count);

    [Theory]
    [InlineData(200, 0)]
    [InlineData(201, 1)]
    public void Mappings_Boundaries(int count, int expected) =>
        Assert.Equal(expected, Lint(Section("Mappings", count, i => $"  M{i}:\n    k:\n      v: x\n")).Of(DiagnosticCatalog.TemplateMappingCount).Count);
}

public class TemplateBodySizeRuleTests
{
    private const string Body = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n";

    /// <summary>A template of exactly <paramref name="bytes"/> bytes (padded with a comment).</summary>
    private static string OfSize(int bytes) => Body + "#" + new string('x', bytes - Body.Length - 2) + "\n";

    [Theory]
    [InlineData(1_048_576, 0)]
    [InlineData(1_048_577, 1)]
    public void S3Limit_Boundaries(int bytes, int expected)
    {
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(OfSize(bytes)));
        Assert.Equal(expected, Lint(OfSize(bytes)).Of(DiagnosticCatalog.TemplateBodySize).Count);
    }

    [Theory]
    [InlineData(51_200, 0)]
    [InlineData(51_201, 1)]
    public void DirectLimit_Boundaries(int bytes, int expected) =>
        Assert.Equal(expected, Lint(OfSize(bytes)).Of(DiagnosticCatalog.TemplateBodyDirectSize).Count);
}

public class LogicalIdRuleTests
{
    [Theory]
    [InlineData("MyQueue1", 0)]
    [InlineData("My-Queue", 1)]
    [InlineData("My_Queue", 1)]
    public void Characters(string id, int expected) =>
        Assert.Equal(expected, Lint($"Resources:\n  {id}:\n    Type: AWS::SQS::Queue\n").Of(DiagnosticCatalog.LogicalId).Count);

    [Theory]
    [InlineData(255, 0)]
    [InlineData(256, 1)]
    public void Length_Boundaries(int length, int expected) =>
        Assert.Equal(expected, Lint($"Resources:\n  {new string('Q', length)}:\n    Type: AWS::SQS::Queue\n").Of(DiagnosticCatalog.LogicalId).Count);
}
