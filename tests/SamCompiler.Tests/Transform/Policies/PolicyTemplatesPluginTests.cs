using SamCompiler.Model;
using SamCompiler.Syntax;
using SamCompiler.Text;
using SamCompiler.Transform;
using SamCompiler.Transform.Policies;

namespace SamCompiler.Tests.Transform.Policies;

// Expectations: samtranslator 1.110.0 PolicyTemplatesForResourcePlugin.on_before_transform_resource on the same
// properties (and, for the corpus messages, shared/conformance/sam-translator/cases/error_function_policy_template_*).
public class PolicyTemplatesPluginTests
{
    private const string SqsPollerQ =
        """{"Statement":[{"Action":["sqs:ChangeMessageVisibility","sqs:ChangeMessageVisibilityBatch","sqs:DeleteMessage","sqs:DeleteMessageBatch","sqs:GetQueueAttributes","sqs:ReceiveMessage"],"Effect":"Allow","Resource":{"Fn::Sub":["arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}",{"queueName":"q"}]}}]}""";

    private static MapNode Run(string propertiesJson, string type = "AWS::Serverless::Function")
    {
        var properties = PolicyJson.ParseMap(propertiesJson);
        var definition = new MapNode { ["Type"] = type, ["Properties"] = properties };
        var resource = new SamResource("MyFunction", definition, SourceSpan.None);
        new PolicyTemplatesPlugin().BeforeTransformResource(resource, Context(definition));
        return properties;
    }

    private static TranslationContext Context(MapNode definition)
    {
        var template = new MapNode { ["Resources"] = new MapNode { ["MyFunction"] = definition } };
        return new TranslationContext(new SourceText("template.yaml", string.Empty), template, new TranslateOptions(), ParameterBinding.Bind(template, new ModelOptions()));
    }

    [Fact]
    public void SingleTemplate_BecomesListWithPolicyDocument()
    {
        var properties = Run("""{"Policies":{"SQSPollerPolicy":{"QueueName":"q"}}}""");

        PolicyJson.AssertEqual("""{"Policies":[""" + SqsPollerQ + "]}", properties);
    }

    [Fact]
    public void SingleManagedName_BecomesList()
    {
        var properties = Run("""{"Policies":"AmazonS3FullAccess"}""");

        PolicyJson.AssertEqual("""{"Policies":["AmazonS3FullAccess"]}""", properties);
    }

    [Fact]
    public void MixedList_ConvertsTemplatesOnlyIncludingFnIfBranches()
    {
        var properties = Run("""
            {"Policies":["AmazonS3FullAccess",{"S3ReadPolicy":{"BucketName":"b"}},{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]},
            {"Fn::If":["C",{"SQSPollerPolicy":{"QueueName":"q"}},{"Ref":"AWS::NoValue"}]},
            {"Fn::If":["C",{"SQSPollerPolicy":{"QueueName":"a"}},{"SQSSendMessagePolicy":{"QueueName":"b"}}]},{"Unknown":{"x":1}},5]}
            """);

        PolicyJson.AssertEqual(
            """
            {"Policies":["AmazonS3FullAccess",{"Statement":[{"Action":["s3:GetObject","s3:ListBucket","s3:GetBucketLocation","s3:GetObjectVersion","s3:GetLifecycleConfiguration"],"Effect":"Allow","Resource":[{"Fn::Sub":["arn:${AWS::Partition}:s3:::${bucketName}",{"bucketName":"b"}]},{"Fn::Sub":["arn:${AWS::Partition}:s3:::${bucketName}/*",{"bucketName":"b"}]}]}]},{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]},
            {"Fn::If":["C",{"Statement":[{"Action":["sqs:ChangeMessageVisibility","sqs:ChangeMessageVisibilityBatch","sqs:DeleteMessage","sqs:DeleteMessageBatch","sqs:GetQueueAttributes","sqs:ReceiveMessage"],"Effect":"Allow","Resource":{"Fn::Sub":["arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}",{"queueName":"q"}]}}]},{"Ref":"AWS::NoValue"}]},
            {"Fn::If":["C",{"Statement":[{"Action":["sqs:ChangeMessageVisibility","sqs:ChangeMessageVisibilityBatch","sqs:DeleteMessage","sqs:DeleteMessageBatch","sqs:GetQueueAttributes","sqs:ReceiveMessage"],"Effect":"Allow","Resource":{"Fn::Sub":["arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}",{"queueName":"a"}]}}]},{"Statement":[{"Action":["sqs:SendMessage*"],"Effect":"Allow","Resource":{"Fn::Sub":["arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}",{"queueName":"b"}]}}]}]},{"Unknown":{"x":1}},5]}
            """,
            properties);
    }

    [Fact]
    public void EmptyPolicies_AreLeftAlone()
    {
        var properties = Run("""{"Policies":[]}""");

        PolicyJson.AssertEqual("""{"Policies":[]}""", properties);
    }

    [Fact]
    public void OtherResourceTypes_AreLeftAlone()
    {
        var properties = Run("""{"Policies":{"SQSPollerPolicy":{"QueueName":"q"}}}""", "AWS::Serverless::Api");

        PolicyJson.AssertEqual("""{"Policies":{"SQSPollerPolicy":{"QueueName":"q"}}}""", properties);
    }

    [Fact]
    public void StateMachine_IsProcessed()
    {
        var properties = Run("""{"Policies":[{"SQSPollerPolicy":{"QueueName":"q"}}]}""", "AWS::Serverless::StateMachine");

        PolicyJson.AssertEqual("""{"Policies":[""" + SqsPollerQ + "]}", properties);
    }

    [Theory]
    [InlineData("""{"Policies":{"LambdaInvokePolicy":"BadValue"}}""", "Must specify valid parameter values for policy template 'LambdaInvokePolicy'")]
    [InlineData("""{"Policies":[{"LambdaInvokePolicy":{"SomeParam":"v"}}]}""", "Following required parameters of template 'LambdaInvokePolicy' don't have values: ['FunctionName']")]
    [InlineData("""{"Policies":[{"Fn::If":["C",{"SQSPollerPolicy":null},{"Ref":"AWS::NoValue"}]}]}""", "Must specify valid parameter values for policy template 'SQSPollerPolicy'")]
    public void BadParameterValues_AreResourceErrors(string json, string message)
    {
        var ex = Assert.Throws<ResourceException>(() => Run(json));

        Assert.Equal("MyFunction", ex.LogicalId);
        Assert.Equal(message, ex.Message);
    }

    [Theory]
    [InlineData("""{"Policies":[{"Fn::If":["C","A"]}]}""", "Fn::If requires 3 arguments")]
    [InlineData("""{"Policies":[{"Fn::If":["C",{"SQSPollerPolicy":{"QueueName":"q"}},"AmazonS3FullAccess"]}]}""", "Different policy types within the same Fn::If statement is unsupported. Separate different policy types into different Fn::If statements")]
    public void BadFnIf_IsTemplateError(string json, string message)
    {
        var ex = Assert.Throws<TemplateException>(() => Run(json));

        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Error_PointsAtTheParameterValuesInTheYaml()
    {
        const string yaml = """
            Resources:
              MyFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Policies:
                    LambdaInvokePolicy: BadValue
            """;
        var source = new SourceText("template.yaml", yaml);
        var root = YamlDocumentLoader.Load(source).Root!;
        var resources = (MapNode)root["Resources"]!;
        var definition = (MapNode)resources["MyFunction"]!;
        var resource = new SamResource("MyFunction", definition, resources.KeySpan("MyFunction"));
        var context = new TranslationContext(source, root, new TranslateOptions(), ParameterBinding.Bind(root, new ModelOptions()));

        var ex = Assert.Throws<ResourceException>(() => new PolicyTemplatesPlugin().BeforeTransformResource(resource, context));

        Assert.Equal(6, ex.Span.Start.Line);
        Assert.Equal(29, ex.Span.Start.Column);
    }

    [Fact]
    public void ConvertedValues_KeepTheSpansOfTheUserValues()
    {
        const string yaml = """
            Resources:
              MyFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Policies:
                    - SQSPollerPolicy:
                        QueueName: q
            """;
        var source = new SourceText("template.yaml", yaml);
        var root = YamlDocumentLoader.Load(source).Root!;
        var resources = (MapNode)root["Resources"]!;
        var definition = (MapNode)resources["MyFunction"]!;
        var resource = new SamResource("MyFunction", definition, resources.KeySpan("MyFunction"));

        new PolicyTemplatesPlugin().BeforeTransformResource(resource, new TranslationContext(source, root, new TranslateOptions(), ParameterBinding.Bind(root, new ModelOptions())));

        var policies = (ListNode)resource.Properties["Policies"]!;
        var sub = (ListNode)policies[0].Get("Statement").AsList()![0].Get("Resource").Get("Fn::Sub")!;
        var queueName = sub[1].Get("queueName")!;
        Assert.Equal("q", queueName.AsString());
        Assert.Equal(7, queueName.Span.Start.Line);
    }
}
