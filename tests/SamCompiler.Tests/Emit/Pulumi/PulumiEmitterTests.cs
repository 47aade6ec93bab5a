using SamCompiler.Emit.Pulumi;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Tests.Emit.Pulumi;

// Expected property names come from the @pulumi/aws 7.48.0 and @pulumi/aws-native 1.79.0 API docs (the .d.ts files);
// the CloudFormation inputs are shaped like the reference translator's output. tests/pulumi/run.js type-checks and
// runs the programs for the whole corpus.
public class PulumiEmitterTests
{
    private const string Function = """
        {
          "Resources": {
            "HelloRole": {
              "Type": "AWS::IAM::Role",
              "Properties": {
                "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRole"], "Principal": {"Service": ["lambda.amazonaws.com"]}}]},
                "ManagedPolicyArns": [{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"}],
                "Tags": [{"Key": "lambda:createdBy", "Value": "SAM"}]
              }
            },
            "Hello": {
              "Type": "AWS::Lambda::Function",
              "Properties": {
                "Code": {"S3Bucket": "my-bucket", "S3Key": "hello.zip"},
                "Handler": "app.handler",
                "Runtime": "python3.12",
                "MemorySize": "256",
                "Role": {"Fn::GetAtt": ["HelloRole", "Arn"]},
                "Tags": [{"Key": "lambda:createdBy", "Value": "SAM"}]
              }
            }
          },
          "Outputs": {
            "HelloArn": {"Value": {"Fn::GetAtt": ["Hello", "Arn"]}}
          }
        }
        """;

    private static MapNode Load(string json) => YamlDocumentLoader.Load(new SourceText("template.json", json)).Root!;

    private static PulumiProject Emit(string json, PulumiLanguage language = PulumiLanguage.TypeScript, string folder = ".") =>
        PulumiEmitter.Emit(Load(json), language, new PulumiEmitOptions { ProjectName = "hello", SourcePath = "template.json", TemplateFolder = folder });

    private static string File(PulumiProject project, string path) => project.Files.Single(f => f.Path == path).Text;

    [Fact]
    public void TypeScriptProjectHasPinnedPackagesAndStrictConfig()
    {
        var project = Emit(Function);
        Assert.False(project.HasErrors);
        Assert.Equal(["Pulumi.yaml", "package.json", "tsconfig.json", "index.ts", ".gitignore"], project.Files.Select(f => f.Path));
        Assert.Contains("\"@pulumi/pulumi\": \"3.248.0\"", File(project, "package.json"), StringComparison.Ordinal);
        Assert.Contains("\"@pulumi/aws\": \"7.48.0\"", File(project, "package.json"), StringComparison.Ordinal);
        Assert.Contains("\"typescript\": \"5.9.3\"", File(project, "package.json"), StringComparison.Ordinal);
        Assert.DoesNotContain("aws-native", File(project, "package.json"), StringComparison.Ordinal);
        Assert.Contains("\"strict\": true", File(project, "tsconfig.json"), StringComparison.Ordinal);
        Assert.Contains("name: hello\nruntime:\n  name: nodejs", File(project, "Pulumi.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionMapsToClassicProviderShapes()
    {
        var index = File(Emit(Function), "index.ts");

        // Code.S3Bucket/S3Key are top-level s3Bucket/s3Key; MemorySize "256" is the number 256; tags are a map.
        Assert.Contains("const hello = new aws.lambda.Function(\"Hello\", {", index, StringComparison.Ordinal);
        Assert.Contains("s3Bucket: \"my-bucket\",", index, StringComparison.Ordinal);
        Assert.Contains("s3Key: \"hello.zip\",", index, StringComparison.Ordinal);
        Assert.Contains("memorySize: 256,", index, StringComparison.Ordinal);
        Assert.Contains("role: helloRole.arn,", index, StringComparison.Ordinal);
        Assert.Contains("tags: { \"lambda:createdBy\": \"SAM\" },", index, StringComparison.Ordinal);

        // The role comes first (the function references it); its policy document is a JSON string.
        Assert.True(index.IndexOf("new aws.iam.Role(\"HelloRole\"", StringComparison.Ordinal) < index.IndexOf("new aws.lambda.Function", StringComparison.Ordinal));
        Assert.Contains("assumeRolePolicy: JSON.stringify({", index, StringComparison.Ordinal);
        Assert.Contains("pulumi.interpolate`arn:${partition.partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`,", index, StringComparison.Ordinal);
        Assert.Contains("const partition = aws.getPartitionOutput();", index, StringComparison.Ordinal);
        Assert.DoesNotContain("getRegionOutput", index, StringComparison.Ordinal);
        Assert.Contains("export const HelloArn = hello.arn;", index, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        Assert.Equal(File(Emit(Function), "index.ts"), File(Emit(Function), "index.ts"));
    }

    [Fact]
    public void ParametersBecomeConfigWithDefaultsAndAllowedValues()
    {
        const string Json = """
            {
              "Parameters": {
                "Stage": {"Type": "String", "Default": "dev", "AllowedValues": ["dev", "prod"]},
                "Memory": {"Type": "Number", "Default": 128},
                "Subnets": {"Type": "CommaDelimitedList"}
              },
              "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
              "Resources": {
                "Queue": {"Type": "AWS::SQS::Queue", "Condition": "IsProd", "Properties": {"QueueName": {"Fn::Sub": "${Stage}-queue"}, "VisibilityTimeout": {"Ref": "Memory"}}}
              },
              "Outputs": {"QueueUrl": {"Condition": "IsProd", "Value": {"Ref": "Queue"}}}
            }
            """;
        var index = File(Emit(Json), "index.ts");
        Assert.Contains("const stage = allowedValue(\"Stage\", config.get(\"Stage\") ?? \"dev\", [\"dev\", \"prod\"]);", index, StringComparison.Ordinal);
        Assert.Contains("const memory = config.getNumber(\"Memory\") ?? 128;", index, StringComparison.Ordinal);
        Assert.Contains("const subnets = config.require(\"Subnets\").split(\",\");", index, StringComparison.Ordinal);
        Assert.Contains("const isProd = stage === \"prod\";", index, StringComparison.Ordinal);
        Assert.Contains("const queue = isProd ? new aws.sqs.Queue(\"Queue\", { name: `${stage}-queue`, visibilityTimeoutSeconds: memory }) : undefined;", index, StringComparison.Ordinal);
        Assert.Contains("export const QueueUrl = isProd ? queue!.url : undefined;", index, StringComparison.Ordinal);
    }

    [Fact]
    public void RuleTargetsBecomeSeparateClassicResources()
    {
        const string Json = """
            {
              "Resources": {
                "Topic": {"Type": "AWS::SNS::Topic"},
                "Rule": {"Type": "AWS::Events::Rule", "Properties": {"ScheduleExpression": "rate(1 minute)", "Targets": [{"Id": "T1", "Arn": {"Ref": "Topic"}}]}}
              }
            }
            """;
        var index = File(Emit(Json), "index.ts");
        Assert.Contains("new aws.cloudwatch.EventRule(\"Rule\", { scheduleExpression: \"rate(1 minute)\" })", index, StringComparison.Ordinal);
        Assert.Contains("new aws.cloudwatch.EventTarget(\"Rule-T1\", { rule: rule.name, targetId: \"T1\", arn: topic.arn })", index, StringComparison.Ordinal);
    }

    [Fact]
    public void TypeWithoutClassicMappingFallsBackToAwsNative()
    {
        const string Json = """
            {"Resources": {"Machine": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"RoleArn": "arn:aws:iam::123456789012:role/r", "DefinitionString": "{}", "Tags": [{"Key": "k", "Value": "v"}]}}}}
            """;
        var project = Emit(Json);
        var index = File(project, "index.ts");
        Assert.Contains("import * as awsnative from \"@pulumi/aws-native\";", index, StringComparison.Ordinal);
        Assert.Contains("new awsnative.stepfunctions.StateMachine(\"Machine\", {", index, StringComparison.Ordinal);
        Assert.Contains("tags: [{ key: \"k\", value: \"v\" }]", index, StringComparison.Ordinal);
        Assert.Contains("\"@pulumi/aws-native\": \"1.79.0\"", File(project, "package.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void UnexpressibleResourceIsAnErrorNamingIt()
    {
        // Neither provider has a class for CloudWatch anomaly detectors.
        const string Json = """
            {"Resources": {"Thing": {"Type": "AWS::CloudWatch::AnomalyDetector", "Properties": {"MetricName": "Invocations", "Namespace": "AWS/Lambda", "Stat": "Sum"}}}}
            """;
        var project = Emit(Json);
        Assert.True(project.HasErrors);
        Assert.Empty(project.Files);
        var error = Assert.Single(project.Diagnostics);
        Assert.Equal("SAM5001", error.Id);
        Assert.Contains("\"Thing\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"AWS::CloudWatch::AnomalyDetector\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void YamlProjectUsesTokensAndReferences()
    {
        var yaml = File(Emit(Function, PulumiLanguage.Yaml), "Pulumi.yaml");
        Assert.Contains("runtime: \"yaml\"", yaml, StringComparison.Ordinal);
        Assert.Contains("  Hello:\n    type: \"aws:lambda/function:Function\"", yaml, StringComparison.Ordinal);
        Assert.Contains("      role: \"${HelloRole.arn}\"", yaml, StringComparison.Ordinal);
        Assert.Contains("      assumeRolePolicy:\n        fn::toJSON:", yaml, StringComparison.Ordinal);
        Assert.Contains("      function: \"aws:getPartition\"", yaml, StringComparison.Ordinal);
        Assert.Contains("  HelloArn: \"${Hello.arn}\"", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void YamlRejectsConditions()
    {
        const string Json = """
            {"Parameters": {"Stage": {"Type": "String", "Default": "dev"}}, "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}}, "Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Condition": "IsProd"}}}
            """;
        var project = Emit(Json, PulumiLanguage.Yaml);
        Assert.True(project.HasErrors);
        Assert.Contains(project.Diagnostics, d => d.Id == "SAM5004" && d.Message.Contains("\"IsProd\"", StringComparison.Ordinal));
    }

    [Fact]
    public void LocalCodeUriBecomesFileArchiveRelativeToTheProject()
    {
        var sam = Load("""
            {"Transform": "AWS::Serverless-2016-10-31", "Globals": {"Function": {"CodeUri": "shared/"}},
             "Resources": {"Fn": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": "hello_world/"}},
                           "Remote": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": "s3://bucket/key.zip"}},
                           "Layer": {"Type": "AWS::Serverless::LayerVersion", "Properties": {"ContentUri": "layer/"}}}}
            """);
        Assert.Equal(3, LocalArtifacts.Rewrite(sam));
        Assert.Equal("s3://samc-local-artifact/hello_world/", sam.Get("Resources").Get("Fn").Get("Properties").Get("CodeUri").AsString());
        Assert.Equal("s3://bucket/key.zip", sam.Get("Resources").Get("Remote").Get("Properties").Get("CodeUri").AsString());
        Assert.Equal("s3://samc-local-artifact/shared/", sam.Get("Globals").Get("Function").Get("CodeUri").AsString());

        // What the translator makes of the placeholder URI, then the program: a FileArchive of the folder.
        const string Cfn = """
            {"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Code": {"S3Bucket": "samc-local-artifact", "S3Key": "hello_world/"}, "Handler": "app.handler", "Runtime": "python3.12", "Role": "arn:aws:iam::123456789012:role/r"}}}}
            """;
        var index = File(Emit(Cfn, folder: ".."), "index.ts");
        Assert.Contains("code: new pulumi.asset.FileArchive(\"../hello_world/\"),", index, StringComparison.Ordinal);
        Assert.DoesNotContain("s3Bucket", index, StringComparison.Ordinal);
    }

    [Fact]
    public void InlineCodeBecomesAnAssetArchiveNamedForTheRuntime()
    {
        const string Json = """
            {"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Code": {"ZipFile": "def handler(e, c):\n    return 1\n"}, "Handler": "index.handler", "Runtime": "python3.12", "Role": "arn:aws:iam::123456789012:role/r"}}}}
            """;
        var index = File(Emit(Json), "index.ts");
        Assert.Contains("code: new pulumi.asset.AssetArchive({ \"index.py\": new pulumi.asset.StringAsset(\"def handler(e, c):\\n    return 1\\n\") }),", index, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("VpcConfig", "vpcConfig")]
    [InlineData("SSESpecification", "sseSpecification")]
    [InlineData("URL", "url")]
    [InlineData("KmsKeyArn", "kmsKeyArn")]
    [InlineData("DBClusterIdentifier", "dbClusterIdentifier")]
    public void CamelCaseFollowsPulumiNaming(string cfn, string pulumi)
    {
        Assert.Equal(pulumi, Naming.Camel(cfn));
    }

    [Theory]
    [InlineData("my app", "my-app")]
    [InlineData("sam_app.v2", "sam_app.v2")]
    [InlineData("", "sam-app")]
    public void ProjectNameIsSanitized(string input, string expected)
    {
        Assert.Equal(expected, PulumiEmitter.ProjectName(input));
    }
}
