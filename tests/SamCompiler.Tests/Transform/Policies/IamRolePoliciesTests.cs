using SamCompiler.Syntax;
using SamCompiler.Transform;
using SamCompiler.Transform.Policies;

namespace SamCompiler.Tests.Transform.Policies;

// Expectations: samtranslator 1.110.0 model/iam.py IAMRolePolicies, dumped with json.dumps.
public class IamRolePoliciesTests
{
    [Fact]
    public void LambdaAssumeRolePolicy_MatchesReference()
    {
        PolicyJson.AssertEqual(
            """{"Version":"2012-10-17","Statement":[{"Action":["sts:AssumeRole"],"Effect":"Allow","Principal":{"Service":["lambda.amazonaws.com"]}}]}""",
            IamRolePolicies.LambdaAssumeRolePolicy());
    }

    [Fact]
    public void SchedulerAssumeRolePolicy_MatchesReference()
    {
        PolicyJson.AssertEqual(
            """{"Version":"2012-10-17","Statement":[{"Action":["sts:AssumeRole"],"Effect":"Allow","Principal":{"Service":["scheduler.amazonaws.com"]}}]}""",
            IamRolePolicies.SchedulerAssumeRolePolicy());
    }

    [Fact]
    public void DeadLetterQueuePolicy_MatchesReference()
    {
        PolicyJson.AssertEqual(
            """{"PolicyName":"DeadLetterQueuePolicy","PolicyDocument":{"Version":"2012-10-17","Statement":[{"Action":"sns:Publish","Resource":{"Ref":"T"},"Effect":"Allow"}]}}""",
            IamRolePolicies.DeadLetterQueuePolicy(IamRolePolicies.DeadLetterQueuePolicyActions["SNS"], Intrinsics.Ref("T")));
        Assert.Equal("sqs:SendMessage", IamRolePolicies.DeadLetterQueuePolicyActions["SQS"]);
    }

    [Fact]
    public void SqsSendMessageRolePolicy_MatchesReference()
    {
        PolicyJson.AssertEqual(
            """{"PolicyName":"MyFunctionEventInvokeConfigOnSuccessSQSPolicy","PolicyDocument":{"Statement":[{"Action":"sqs:SendMessage","Effect":"Allow","Resource":{"Fn::GetAtt":["Q","Arn"]}}]}}""",
            IamRolePolicies.SqsSendMessageRolePolicy(Intrinsics.GetAtt("Q", "Arn"), "MyFunctionEventInvokeConfigOnSuccess"));
    }

    [Fact]
    public void SnsEventBridgeLambdaAndStatesPolicies_MatchReference()
    {
        PolicyJson.AssertEqual(
            """{"PolicyName":"XSNSPolicy","PolicyDocument":{"Statement":[{"Action":"sns:publish","Effect":"Allow","Resource":{"Ref":"T"}}]}}""",
            IamRolePolicies.SnsPublishRolePolicy(Intrinsics.Ref("T"), "X"));
        PolicyJson.AssertEqual(
            """{"PolicyName":"XEventBridgePolicy","PolicyDocument":{"Statement":[{"Action":"events:PutEvents","Effect":"Allow","Resource":"arn:bus"}]}}""",
            IamRolePolicies.EventBusPutEventsRolePolicy("arn:bus", "X"));
        PolicyJson.AssertEqual(
            """{"PolicyName":"XLambdaPolicy","PolicyDocument":{"Statement":[{"Action":"lambda:InvokeFunction","Effect":"Allow","Resource":"arn:fn"}]}}""",
            IamRolePolicies.LambdaInvokeFunctionRolePolicy("arn:fn", "X"));
        PolicyJson.AssertEqual(
            """{"PolicyName":"XStartExecutionPolicy","PolicyDocument":{"Statement":[{"Action":"states:StartExecution","Effect":"Allow","Resource":{"Ref":"SM"}}]}}""",
            IamRolePolicies.StepFunctionsStartExecutionRolePolicy(Intrinsics.Ref("SM"), "X"));
    }

    [Fact]
    public void S3SendEventPayloadRolePolicy_MatchesReference()
    {
        PolicyJson.AssertEqual(
            """{"PolicyName":"XS3Policy","PolicyDocument":{"Statement":[{"Action":"s3:PutObject","Effect":"Allow","Resource":{"Fn::Join":["/",["arn:aws:s3:::b","*"]]}},{"Action":"s3:ListBucket","Effect":"Allow","Resource":"arn:aws:s3:::b"}]}}""",
            IamRolePolicies.S3SendEventPayloadRolePolicy(ScalarNode.String("arn:aws:s3:::b"), "X"));
    }

    [Theory]
    [InlineData("SQS", "XSQSPolicy", "sqs:SendMessage")]
    [InlineData("SNS", "XSNSPolicy", "sns:publish")]
    [InlineData("EventBridge", "XEventBridgePolicy", "events:PutEvents")]
    [InlineData("Lambda", "XLambdaPolicy", "lambda:InvokeFunction")]
    public void EventInvokeManagedPolicy_ByDestinationType(string type, string policyName, string action)
    {
        var policy = IamRolePolicies.EventInvokeManagedPolicy(new MapNode { ["Type"] = type }, "X", "arn:d");

        PolicyJson.AssertEqual(
            $$$"""{"PolicyName":"{{{policyName}}}","PolicyDocument":{"Statement":[{"Action":"{{{action}}}","Effect":"Allow","Resource":"arn:d"}]}}""",
            policy);
    }

    [Fact]
    public void EventInvokeManagedPolicy_OtherTypesGiveEmptyMapping()
    {
        Assert.Empty(IamRolePolicies.EventInvokeManagedPolicy(new MapNode { ["Type"] = "Kinesis" }, "X", "arn:d"));
        Assert.Empty(IamRolePolicies.EventInvokeManagedPolicy(new MapNode(), "X", "arn:d"));
        Assert.Empty(IamRolePolicies.EventInvokeManagedPolicy(null, "X", "arn:d"));
    }
}
