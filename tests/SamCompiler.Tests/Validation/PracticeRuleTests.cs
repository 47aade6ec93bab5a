using SamCompiler.Diagnostics;
using SamCompiler.Validation;
using SamCompiler.Validation.Rules;
using static SamCompiler.Tests.Validation.LintHarness;

namespace SamCompiler.Tests.Validation;

public class PlaintextSecretRuleTests
{
    [Theory]
    [InlineData("DB_PASSWORD", "hunter2hunter2", 1)]
    [InlineData("API_KEY", "abcd1234efgh", 1)]
    [InlineData("ACCESS", "AKIAIOSFODNN7EXAMPLE", 1)]
    [InlineData("SESSION", "q8Zr2Lk9Vx7Tn4Pw1Hs6Dj3Fb5Gm0Ac", 1)]
    [InlineData("DB_PASSWORD", "{{resolve:secretsmanager:db:SecretString:password}}", 0)]
    [InlineData("SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:x", 0)]
    [InlineData("TOKEN_PARAM", "my-token-param", 0)]
    [InlineData("TABLE_NAME", "orders", 0)]
    [InlineData("SECRET", "short", 0)]
    [InlineData("MESSAGE", "Hello world from the sample application", 0)]
    [InlineData("ANNOTATIONS_HANDLER", "NotFoundResponseWithHeaderV2", 0)]
    [InlineData("SIGNING", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", 1)]
    public void Variables(string key, string value, int expected) =>
        Assert.Equal(expected, Lint(Function($"Environment:\n  Variables:\n    {key}: \"{value}\"")).Of(DiagnosticCatalog.PlaintextSecret).Count);

    [Fact]
    public void SecretFromParameter_IsQuiet() =>
        Assert.Empty(Lint(Function("Environment:\n  Variables:\n    DB_PASSWORD: !Ref Password")).Of(DiagnosticCatalog.PlaintextSecret));

    [Theory]
    [InlineData("aaaaaaaa", 0.0)]
    [InlineData("abcd", 2.0)]
    public void Entropy_IsShannonBitsPerCharacter(string value, double bits) =>
        Assert.Equal(bits, PlaintextSecretRule.Entropy(value), 6);
}

public class WildcardPolicyRuleTests
{
    [Theory]
    [InlineData("'*'", "arn:aws:s3:::b/*", 1)]
    [InlineData("s3:*", "arn:aws:s3:::b/*", 1)]
    [InlineData("s3:GetObject", "'*'", 1)]
    [InlineData("['*']", "['*']", 2)]
    [InlineData("s3:GetObject", "arn:aws:s3:::b/*", 0)]
    public void Statements(string action, string resource, int expected) =>
        Assert.Equal(expected, Lint(Function($"Policies:\n  - Statement:\n      - Effect: Allow\n        Action: {action}\n        Resource: {resource}")).Of(DiagnosticCatalog.WildcardPolicy).Count);

    [Fact]
    public void DenyStatements_AreQuiet() =>
        Assert.Empty(Lint(Function("Policies:\n  - Statement:\n      - Effect: Deny\n        Action: '*'\n        Resource: '*'")).Of(DiagnosticCatalog.WildcardPolicy));

    [Fact]
    public void PolicyTemplatesAndManagedPolicies_AreQuiet() =>
        Assert.Empty(Lint(Function("Policies:\n  - AWSLambdaBasicExecutionRole\n  - S3ReadPolicy:\n      BucketName: b")).Of(DiagnosticCatalog.WildcardPolicy));

    [Fact]
    public void IamRoleInlinePolicy_IsChecked()
    {
        var yaml = "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Statement:\n              Effect: Allow\n              Action: '*'\n              Resource: arn:aws:s3:::b\n";
        Assert.Single(Lint(yaml).Of(DiagnosticCatalog.WildcardPolicy));
    }
}

public class FunctionUrlAuthNoneRuleTests
{
    [Theory]
    [InlineData("NONE", 1)]
    [InlineData("AWS_IAM", 0)]
    public void AuthType(string auth, int expected) =>
        Assert.Equal(expected, Lint(Function($"FunctionUrlConfig:\n  AuthType: {auth}")).Of(DiagnosticCatalog.FunctionUrlAuthNone).Count);
}

public class AsyncFailureDestinationRuleTests
{
    private const string SnsEvent = "Events:\n  T:\n    Type: SNS\n    Properties:\n      Topic: arn:aws:sns:us-east-1:123456789012:t";

    [Fact]
    public void AsyncWithoutDestination_Warns() => Assert.Single(Lint(Function(SnsEvent)).Of(DiagnosticCatalog.AsyncFailureDestination));

    [Fact]
    public void DeadLetterQueue_Satisfies() =>
        Assert.Empty(Lint(Function(SnsEvent + "\nDeadLetterQueue:\n  Type: SQS\n  TargetArn: arn:aws:sqs:us-east-1:123456789012:dlq")).Of(DiagnosticCatalog.AsyncFailureDestination));

    [Fact]
    public void OnFailureDestination_FromGlobals_Satisfies() =>
        Assert.Empty(Lint(Function(SnsEvent, globals: "EventInvokeConfig:\n  DestinationConfig:\n    OnFailure:\n      Type: SQS")).Of(DiagnosticCatalog.AsyncFailureDestination));

    [Fact]
    public void SyncSources_AreQuiet() =>
        Assert.Empty(Lint(Function("Events:\n  A:\n    Type: Api\n    Properties:\n      Path: /\n      Method: get")).Of(DiagnosticCatalog.AsyncFailureDestination));
}

public class MissingReservedConcurrencyRuleTests
{
    [Fact]
    public void OffByDefault() => Assert.Empty(Lint(Function(string.Empty)).Of(DiagnosticCatalog.MissingReservedConcurrency));

    [Theory]
    [InlineData("", 1)]
    [InlineData("ReservedConcurrentExecutions: 5", 0)]
    public void WhenEnabled(string properties, int expected)
    {
        var options = Options with { RuleLevels = new Dictionary<string, RuleLevel> { ["SAM4005"] = RuleLevel.Warning } };
        Assert.Equal(expected, Lint(Function(properties), options).Of(DiagnosticCatalog.MissingReservedConcurrency).Count);
    }
}
