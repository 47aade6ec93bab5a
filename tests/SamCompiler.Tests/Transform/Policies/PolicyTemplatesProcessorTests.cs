using SamCompiler.Syntax;
using SamCompiler.Transform.Policies;

namespace SamCompiler.Tests.Transform.Policies;

// Expectations: samtranslator 1.110.0 PolicyTemplatesProcessor(default templates).convert(name, values).
public class PolicyTemplatesProcessorTests
{
    private const string DynamoDbCrudActions =
        """["dynamodb:GetItem","dynamodb:DeleteItem","dynamodb:PutItem","dynamodb:Scan","dynamodb:Query","dynamodb:UpdateItem","dynamodb:BatchWriteItem","dynamodb:BatchGetItem","dynamodb:DescribeTable","dynamodb:ConditionCheckItem"]""";

    [Fact]
    public void Default_LoadsAllTemplatesOfTheReference()
    {
        var processor = PolicyTemplatesProcessor.Default;

        Assert.Equal(81, processor.TemplateNames.Count());
        Assert.True(processor.Has("SQSPollerPolicy"));
        Assert.False(processor.Has("sqspollerpolicy"));
        Assert.Same(processor, PolicyTemplatesProcessor.Default);
    }

    [Fact]
    public void Convert_SubstitutesStringParameter()
    {
        var result = PolicyTemplatesProcessor.Default.Convert("SQSPollerPolicy", PolicyJson.Parse("""{"QueueName":"q"}"""));

        PolicyJson.AssertEqual(
            """{"Statement":[{"Action":["sqs:ChangeMessageVisibility","sqs:ChangeMessageVisibilityBatch","sqs:DeleteMessage","sqs:DeleteMessageBatch","sqs:GetQueueAttributes","sqs:ReceiveMessage"],"Effect":"Allow","Resource":{"Fn::Sub":["arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}",{"queueName":"q"}]}}]}""",
            result);
    }

    [Fact]
    public void Convert_SubstitutesIntrinsicValueInEveryPlace()
    {
        var result = PolicyTemplatesProcessor.Default.Convert("DynamoDBCrudPolicy", PolicyJson.Parse("""{"TableName":{"Ref":"MyTable"}}"""));

        PolicyJson.AssertEqual(
            """{"Statement":[{"Action":""" + DynamoDbCrudActions + ""","Effect":"Allow","Resource":[{"Fn::Sub":["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}",{"tableName":{"Ref":"MyTable"}}]},{"Fn::Sub":["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}/index/*",{"tableName":{"Ref":"MyTable"}}]}]}]}""",
            result);
    }

    [Fact]
    public void Convert_ValueReferringToParameterOfSameName_IsNotSubstitutedAgain()
    {
        const string value = """{"Fn::ImportValue":{"Fn::Join":["-",[{"Ref":"TableName"},"x"]]}}""";

        var result = PolicyTemplatesProcessor.Default.Convert("DynamoDBCrudPolicy", PolicyJson.Parse("""{"TableName":""" + value + "}"));

        PolicyJson.AssertEqual(
            """{"Statement":[{"Action":""" + DynamoDbCrudActions + ""","Effect":"Allow","Resource":[{"Fn::Sub":["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}",{"tableName":""" + value + """}]},{"Fn::Sub":["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}/index/*",{"tableName":""" + value + "}]}]}]}",
            result);
    }

    [Fact]
    public void Convert_TemplateWithoutParameters()
    {
        var result = PolicyTemplatesProcessor.Default.Convert("CloudWatchPutMetricPolicy", new MapNode());

        PolicyJson.AssertEqual("""{"Statement":[{"Action":["cloudwatch:PutMetricData"],"Effect":"Allow","Resource":"*"}]}""", result);
    }

    [Fact]
    public void Convert_IgnoresUnknownParameters()
    {
        var result = PolicyTemplatesProcessor.Default.Convert("S3ReadPolicy", PolicyJson.Parse("""{"BucketName":"b","Extra":"x"}"""));

        PolicyJson.AssertEqual(
            """{"Statement":[{"Action":["s3:GetObject","s3:ListBucket","s3:GetBucketLocation","s3:GetObjectVersion","s3:GetLifecycleConfiguration"],"Effect":"Allow","Resource":[{"Fn::Sub":["arn:${AWS::Partition}:s3:::${bucketName}",{"bucketName":"b"}]},{"Fn::Sub":["arn:${AWS::Partition}:s3:::${bucketName}/*",{"bucketName":"b"}]}]}]}""",
            result);
    }

    [Fact]
    public void Convert_CloudFormationPlaceholderValue_IsNotSubstituted()
    {
        var result = PolicyTemplatesProcessor.Default.Convert("LambdaInvokePolicy", PolicyJson.Parse("""{"FunctionName":"{{IntrinsicFunction:x}}"}"""));

        PolicyJson.AssertEqual(
            """{"Statement":[{"Action":["lambda:InvokeFunction"],"Effect":"Allow","Resource":{"Fn::Sub":["arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${functionName}*",{"functionName":{"Ref":"___SAM_POLICY_PARAMETER_FunctionName"}}]}}]}""",
            result);
    }

    [Fact]
    public void Convert_DoesNotChangeTheTemplate()
    {
        var processor = PolicyTemplatesProcessor.Default;
        var before = PyJson.Dumps(processor.Get("SQSPollerPolicy")!.Definition);

        processor.Convert("SQSPollerPolicy", PolicyJson.Parse("""{"QueueName":"q"}"""));

        Assert.Equal(before, PyJson.Dumps(processor.Get("SQSPollerPolicy")!.Definition));
    }

    [Fact]
    public void Convert_MissingParameter_Throws()
    {
        var ex = Assert.Throws<InsufficientParameterValuesException>(
            () => PolicyTemplatesProcessor.Default.Convert("LambdaInvokePolicy", PolicyJson.Parse("""{"SomeParam":"v"}""")));

        Assert.Equal("Following required parameters of template 'LambdaInvokePolicy' don't have values: ['FunctionName']", ex.Message);
    }

    [Theory]
    [InlineData("\"BadValue\"")]
    [InlineData("null")]
    [InlineData("[]")]
    public void Convert_NonMappingValues_Throws(string json)
    {
        var ex = Assert.Throws<InvalidParameterValuesException>(
            () => PolicyTemplatesProcessor.Default.Convert("LambdaInvokePolicy", PolicyJson.Parse(json)));

        Assert.Equal("Parameter values are required to process a policy template", ex.Message);
    }

    [Fact]
    public void Convert_UnknownTemplate_Throws()
    {
        var ex = Assert.Throws<PolicyTemplateNotFoundException>(() => PolicyTemplatesProcessor.Default.Convert("Nope", new MapNode()));

        Assert.Equal("Template with name 'Nope' is not found", ex.Message);
    }
}
