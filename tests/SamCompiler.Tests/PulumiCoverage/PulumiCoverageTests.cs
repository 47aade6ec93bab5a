using SamCompiler.Emit.Pulumi;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Tests.PulumiCoverage;

// Resources and intrinsics the Pulumi emitter expresses beyond the one-class-per-type mapping. Expected names come
// from the @pulumi/aws 7.48.0 and @pulumi/aws-native 1.79.0 declarations and the CloudFormation docs;
// tests/pulumi/run.js type-checks and runs the programs for the whole corpus.
public class PulumiCoverageTests
{
    private static PulumiProject Emit(string json, PulumiLanguage language = PulumiLanguage.TypeScript) =>
        PulumiEmitter.Emit(YamlDocumentLoader.Load(new SourceText("template.json", json)).Root!, language, new PulumiEmitOptions { ProjectName = "t", SourcePath = "template.json" });

    private static string Index(PulumiProject project)
    {
        Assert.False(project.HasErrors, string.Join("\n", project.Diagnostics.Select(d => d.Message)));
        return project.Files.Single(f => f.Path == "index.ts").Text;
    }

    [Fact]
    public void CustomResourceRunsThroughTheEmulatorWithAResponseBucket()
    {
        const string Json = """
            {"Resources": {
              "Thing": {"Type": "Custom::Thing", "Properties": {"ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:f", "Size": 3}},
              "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Fn::GetAtt": ["Thing", "Label"]}}}
            },
            "Outputs": {"Id": {"Value": {"Ref": "Thing"}}}}
            """;
        var index = Index(Emit(Json));
        Assert.Contains("new aws.s3.Bucket(\"Thing-Responses\", { forceDestroy: true })", index, StringComparison.Ordinal);
        Assert.Contains("new awsnative.cloudformation.CustomResourceEmulator(\"Thing\", {", index, StringComparison.Ordinal);
        Assert.Contains("serviceToken: \"arn:aws:lambda:us-east-1:123456789012:function:f\",", index, StringComparison.Ordinal);
        Assert.Contains("resourceType: \"Custom::Thing\",", index, StringComparison.Ordinal);
        Assert.Contains("customResourceProperties: { Size: 3 },", index, StringComparison.Ordinal);
        // Fn::GetAtt reads the function's Data; Ref is the physical id it returned.
        Assert.Contains("thing.data.apply(d => String(d?.[\"Label\"] ?? \"\"))", index, StringComparison.Ordinal);
        Assert.Contains("export const Id = thing.physicalResourceId;", index, StringComparison.Ordinal);
        Assert.True(index.IndexOf("Thing-Responses", StringComparison.Ordinal) < index.IndexOf("CustomResourceEmulator(", StringComparison.Ordinal));
    }

    [Fact]
    public void GraphQlSchemaIsTheSchemaOfItsClassicApi()
    {
        const string Json = """
            {"Resources": {
              "Api": {"Type": "AWS::AppSync::GraphQLApi", "Properties": {"Name": "notes", "AuthenticationType": "API_KEY"}},
              "Schema": {"Type": "AWS::AppSync::GraphQLSchema", "Properties": {"ApiId": {"Fn::GetAtt": ["Api", "ApiId"]}, "Definition": "type Query { a: String }"}},
              "Key": {"Type": "AWS::AppSync::ApiKey", "Properties": {"ApiId": {"Fn::GetAtt": ["Api", "ApiId"]}}, "DependsOn": "Schema"}
            },
            "Outputs": {"Url": {"Value": {"Fn::GetAtt": ["Api", "GraphQLUrl"]}}, "ApiKey": {"Value": {"Fn::GetAtt": ["Key", "ApiKey"]}}}}
            """;
        var index = Index(Emit(Json));
        Assert.Contains("const api = new aws.appsync.GraphQLApi(\"Api\", {", index, StringComparison.Ordinal);
        Assert.Contains("schema: \"type Query { a: String }\",", index, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Schema\"", index, StringComparison.Ordinal);
        // DependsOn on the schema waits for the API that holds it.
        Assert.Contains("new aws.appsync.ApiKey(\"Key\", { apiId: api.id }, { dependsOn: [api] })", index, StringComparison.Ordinal);
        Assert.Contains("export const Url = api.uris.apply(v => v?.GRAPHQL ?? \"\");", index, StringComparison.Ordinal);
        Assert.Contains("export const ApiKey = key.key;", index, StringComparison.Ordinal);
    }

    [Fact]
    public void GraphQlSchemaInALocalFileIsRefused()
    {
        const string Json = """
            {"Resources": {
              "Api": {"Type": "AWS::AppSync::GraphQLApi", "Properties": {"Name": "notes", "AuthenticationType": "API_KEY"}},
              "Schema": {"Type": "AWS::AppSync::GraphQLSchema", "Properties": {"ApiId": {"Fn::GetAtt": ["Api", "ApiId"]}, "DefinitionS3Location": "./schema.graphql"}}
            }}
            """;
        var project = Emit(Json);
        var error = Assert.Single(project.Diagnostics, d => d.IsError);
        Assert.Equal("SAM5001", error.Id);
        Assert.Contains("\"Schema\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"./schema.graphql\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GraphQlSchemaInS3IsReadWhenTheProgramRuns()
    {
        const string Json = """
            {"Resources": {
              "Api": {"Type": "AWS::AppSync::GraphQLApi", "Properties": {"Name": "notes", "AuthenticationType": "API_KEY"}},
              "Schema": {"Type": "AWS::AppSync::GraphQLSchema", "Properties": {"ApiId": {"Fn::GetAtt": ["Api", "ApiId"]}, "DefinitionS3Location": "s3://my-bucket/schema.graphql"}}
            }}
            """;
        var index = Index(Emit(Json));
        Assert.Contains("schema: aws.s3.getObjectOutput({ bucket: \"my-bucket\", key: \"schema.graphql\" }).body,", index, StringComparison.Ordinal);
    }

    [Fact]
    public void CidrIsComputedByAHelper()
    {
        const string Json = """
            {"Parameters": {"Block": {"Type": "String", "Default": "10.0.0.0/16"}},
             "Resources": {"Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": "vpc-1", "CidrBlock": {"Fn::Select": [1, {"Fn::Cidr": [{"Ref": "Block"}, 4, 8]}]}}}}}
            """;
        var index = Index(Emit(Json));
        Assert.Contains("function cidr(block: string, count: number, bits: number): string[] {", index, StringComparison.Ordinal);
        Assert.Contains("cidrBlock: (cidr(block, 4, 8))[1] }", index, StringComparison.Ordinal);
        Assert.Contains(Emit(Json, PulumiLanguage.Yaml).Diagnostics, d => d.Id == "SAM5004" && d.Message.Contains("Fn::Cidr", StringComparison.Ordinal));
    }

    [Fact]
    public void ConditionOnTheAccountMakesAnAsyncProgram()
    {
        const string Json = """
            {"Conditions": {"Mine": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "123456789012"]}},
             "Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Condition": "Mine", "Properties": {}}},
             "Outputs": {"QueueUrl": {"Condition": "Mine", "Value": {"Ref": "Queue"}}}}
            """;
        var project = Emit(Json);
        Assert.DoesNotContain(project.Diagnostics, d => d.Id == "SAM5003");
        var index = Index(project);
        Assert.Contains("export = async () => {\nconst callerIdentityNow = await aws.getCallerIdentity();", index, StringComparison.Ordinal);
        Assert.Contains("const mine = callerIdentityNow.accountId === \"123456789012\";", index, StringComparison.Ordinal);
        Assert.Contains("const QueueUrl = mine ? queue!.url : undefined;", index, StringComparison.Ordinal);
        Assert.EndsWith("return { QueueUrl };\n};\n", index, StringComparison.Ordinal);
    }

    [Fact]
    public void ConditionOnAValueReadAtDeploymentIsStillRefused()
    {
        // An SSM parameter is read when the program runs, as an output: too late to decide which resources exist.
        const string Json = """
            {"Parameters": {"Env": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/app/env"}},
             "Conditions": {"C": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
             "Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Condition": "C", "Properties": {}}}}
            """;
        Assert.Contains(Emit(Json).Diagnostics, d => d.Id == "SAM5003");
    }

    [Fact]
    public void ListenerCertificateBecomesOneClassicResourcePerCertificate()
    {
        const string Json = """
            {"Resources": {"Certs": {"Type": "AWS::ElasticLoadBalancingV2::ListenerCertificate", "Properties": {
              "ListenerArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/a/b/c",
              "Certificates": [{"CertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/1"}, {"CertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/2"}]}}}}
            """;
        var index = Index(Emit(Json));
        Assert.Contains("new aws.lb.ListenerCertificate(\"Certs\", {", index, StringComparison.Ordinal);
        Assert.Contains("new aws.lb.ListenerCertificate(\"Certs-2\", {", index, StringComparison.Ordinal);
        Assert.Contains("certificateArn: \"arn:aws:acm:us-east-1:123456789012:certificate/2\",", index, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyRuntimeManagementConfigIsTheAutoDefault()
    {
        // CloudFormation: UpdateRuntimeOn "Auto" is the mode of a function without a runtime management configuration.
        const string Json = """
            {"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {
              "Code": {"S3Bucket": "b", "S3Key": "k"}, "Handler": "h", "Runtime": "java21", "Role": "arn:aws:iam::123456789012:role/r",
              "RuntimeManagementConfig": {}}}}}
            """;
        var index = Index(Emit(Json));
        Assert.Contains("new aws.lambda.Function(\"Fn\", {", index, StringComparison.Ordinal);
        Assert.DoesNotContain("runtimeManagementConfig", index, StringComparison.Ordinal);
    }
}
