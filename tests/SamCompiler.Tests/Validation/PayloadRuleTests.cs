using SamCompiler.Diagnostics;
using static SamCompiler.Tests.Validation.LintHarness;

namespace SamCompiler.Tests.Validation;

public class SqsMessageSizeRuleTests
{
    private static string Queue(string size) =>
        "Transform: AWS::Serverless-2016-10-31\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      MaximumMessageSize: " + size + "\n";

    [Theory]
    [InlineData("1024", 0)]
    [InlineData("1023", 1)]
    [InlineData("1048576", 0)]
    [InlineData("1048577", 1)]
    [InlineData("262144", 0)]
    public void Boundaries(string size, int expected) =>
        Assert.Equal(expected, Lint(Queue(size)).Of(DiagnosticCatalog.SqsMessageSize).Count);

    [Fact]
    public void ParameterDefault_IsChecked_AndTheFindingPointsAtTheValue()
    {
        var yaml = "Transform: AWS::Serverless-2016-10-31\nParameters:\n  Size:\n    Type: Number\n    Default: 2097152\n" +
            "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      MaximumMessageSize: !Ref Size\n";
        var d = Assert.Single(Lint(yaml).Of(DiagnosticCatalog.SqsMessageSize));
        Assert.Equal(10, d.Span.Start.Line);
        Assert.Contains("1048576", d.Message.Replace(",", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}

public class ApiCompressionSizeRuleTests
{
    private static string Api(string size) =>
        "Transform: AWS::Serverless-2016-10-31\nResources:\n  A:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n      MinimumCompressionSize: " + size + "\n";

    [Theory]
    [InlineData("0", 0)]
    [InlineData("-1", 1)]
    [InlineData("10485760", 0)]
    [InlineData("10485761", 1)]
    public void Boundaries(string size, int expected) =>
        Assert.Equal(expected, Lint(Api(size)).Of(DiagnosticCatalog.ApiCompressionSize).Count);

    [Fact]
    public void FromGlobals_IsReportedInGlobals()
    {
        var yaml = "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Api:\n    MinimumCompressionSize: 10485761\n" +
            "Resources:\n  A:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n";
        var d = Assert.Single(Lint(yaml).Of(DiagnosticCatalog.ApiCompressionSize));
        Assert.Equal(4, d.Span.Start.Line);
    }

    [Theory]
    [InlineData("10485760", 0)]
    [InlineData("10485761", 1)]
    public void RestApi_Boundaries(string size, int expected) =>
        Assert.Equal(expected, Lint("Resources:\n  R:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Name: r\n      MinimumCompressionSize: " + size + "\n").Of(DiagnosticCatalog.ApiCompressionSize).Count);
}

public class FailureQueueMessageSizeRuleTests
{
    private static string Dlq(string queueProperties) => Function(
        "DeadLetterQueue:\n  Type: SQS\n  TargetArn: !GetAtt Dlq.Arn",
        resources: "Dlq:\n  Type: AWS::SQS::Queue" + (queueProperties.Length > 0 ? "\n  Properties:\n    " + queueProperties : string.Empty));

    [Theory]
    [InlineData("MaximumMessageSize: 1048575", 1)]
    [InlineData("MaximumMessageSize: 1048576", 0)]
    [InlineData("MaximumMessageSize: 262144", 1)]
    [InlineData("", 0)]
    public void DeadLetterQueue_Boundaries(string queueProperties, int expected) =>
        Assert.Equal(expected, Lint(Dlq(queueProperties)).Of(DiagnosticCatalog.FailureQueueMessageSize).Count);

    [Fact]
    public void Finding_PointsAtTheTargetArn()
    {
        var d = Assert.Single(Lint(Dlq("MaximumMessageSize: 65536")).Of(DiagnosticCatalog.FailureQueueMessageSize));
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal(11, d.Span.Start.Line); // line 9 DeadLetterQueue, 10 Type, 11 TargetArn
        Assert.Contains("\"Dlq\"", d.Message, StringComparison.Ordinal);
        Assert.Contains("65,536", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1048575", 1)]
    [InlineData("1048576", 0)]
    public void OnFailureDestination_Boundaries(string size, int expected) =>
        Assert.Equal(expected, Lint(Function(
            "EventInvokeConfig:\n  DestinationConfig:\n    OnFailure:\n      Type: SQS\n      Destination: !GetAtt Failed.Arn",
            resources: $"Failed:\n  Type: AWS::SQS::Queue\n  Properties:\n    MaximumMessageSize: {size}")).Of(DiagnosticCatalog.FailureQueueMessageSize).Count);

    [Fact]
    public void PlainLambdaResources_AreChecked()
    {
        var yaml = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      MaximumMessageSize: 1024\n" +
            "  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      Role: arn:aws:iam::123456789012:role/r\n" +
            "      Code:\n        ZipFile: x\n      DeadLetterConfig:\n        TargetArn: !GetAtt Q.Arn\n" +
            "  C:\n    Type: AWS::Lambda::EventInvokeConfig\n    Properties:\n      FunctionName: !Ref F\n      Qualifier: $LATEST\n" +
            "      DestinationConfig:\n        OnFailure:\n          Destination: !GetAtt Q.Arn\n";
        Assert.Equal(2, Lint(yaml).Of(DiagnosticCatalog.FailureQueueMessageSize).Count);
    }

    [Fact]
    public void SnsDeadLetterQueue_IsNotReported() =>
        Assert.Empty(Lint(Function(
            "DeadLetterQueue:\n  Type: SNS\n  TargetArn: !Ref Topic",
            resources: "Topic:\n  Type: AWS::SNS::Topic")).Of(DiagnosticCatalog.FailureQueueMessageSize));
}

public class ApiCompressionSizeImplicitApiTests
{
    [Theory]
    [InlineData("10485761", 1)]
    [InlineData("10485760", 0)]
    public void GlobalsReachTheImplicitApi(string size, int expected) =>
        Assert.Equal(expected, Lint(Function(
            "Events:\n  Get:\n    Type: Api\n    Properties:\n      Path: /\n      Method: get",
            top: "Globals:\n  Api:\n    MinimumCompressionSize: " + size + "\n")).Of(DiagnosticCatalog.ApiCompressionSize).Count);

    [Fact]
    public void GlobalsWithoutAnyApi_AreNotReported() =>
        Assert.Empty(Lint(Function("Timeout: 3", top: "Globals:\n  Api:\n    MinimumCompressionSize: 10485761\n")).Of(DiagnosticCatalog.ApiCompressionSize));

    [Fact]
    public void ExplicitAndImplicitApi_ReportTheGlobalValueOnce()
    {
        var yaml = Function(
            "Events:\n  Get:\n    Type: Api\n    Properties:\n      Path: /\n      Method: get",
            resources: "A:\n  Type: AWS::Serverless::Api\n  Properties:\n    StageName: prod",
            top: "Globals:\n  Api:\n    MinimumCompressionSize: -5\n");
        Assert.Single(Lint(yaml).Of(DiagnosticCatalog.ApiCompressionSize));
    }
}
