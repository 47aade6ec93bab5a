using SamCompiler.Syntax;

namespace SamCompiler.Transform.Policies;

/// <summary>
/// The trust policies and inline policies SAM adds to generated roles (IAMRolePolicies in samtranslator/model/iam.py).
/// Every call returns a new tree; <c>Node</c> arguments are inserted as given (not copied).
/// </summary>
public static class IamRolePolicies
{
    /// <summary>construct_assume_role_policy_for_service_principal: sts:AssumeRole for one service principal.</summary>
    public static MapNode ConstructAssumeRolePolicyForServicePrincipal(Node servicePrincipal) =>
        new()
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new ListNode
            {
                new MapNode
                {
                    ["Action"] = new ListNode { "sts:AssumeRole" },
                    ["Effect"] = "Allow",
                    ["Principal"] = new MapNode { ["Service"] = new ListNode { servicePrincipal } },
                },
            },
        };

    /// <summary>step_functions_start_execution_role_policy: <c>&lt;logicalId&gt;StartExecutionPolicy</c>.</summary>
    public static MapNode StepFunctionsStartExecutionRolePolicy(Node stateMachineArn, string logicalId) =>
        NamedPolicy(logicalId + "StartExecutionPolicy", Statement("states:StartExecution", stateMachineArn));

    /// <summary>stepfunctions_assume_role_policy: trust for states.amazonaws.com.</summary>
    public static MapNode StepFunctionsAssumeRolePolicy() => ConstructAssumeRolePolicyForServicePrincipal("states.amazonaws.com");

    /// <summary>cloud_watch_log_assume_role_policy: trust for apigateway.amazonaws.com.</summary>
    public static MapNode CloudWatchLogAssumeRolePolicy() => ConstructAssumeRolePolicyForServicePrincipal("apigateway.amazonaws.com");

    /// <summary>scheduler_assume_role_policy: trust for scheduler.amazonaws.com.</summary>
    public static MapNode SchedulerAssumeRolePolicy() => ConstructAssumeRolePolicyForServicePrincipal("scheduler.amazonaws.com");

    /// <summary>lambda_assume_role_policy: trust for lambda.amazonaws.com (the Function role's default).</summary>
    public static MapNode LambdaAssumeRolePolicy() => ConstructAssumeRolePolicyForServicePrincipal("lambda.amazonaws.com");

    /// <summary>
    /// dead_letter_queue_policy: the inline policy <c>DeadLetterQueuePolicy</c> allowing <paramref name="action"/>
    /// (sqs:SendMessage or sns:Publish, see <see cref="DeadLetterQueuePolicyActions"/>) on the target.
    /// </summary>
    public static MapNode DeadLetterQueuePolicy(Node action, Node resource) =>
        new()
        {
            ["PolicyName"] = "DeadLetterQueuePolicy",
            ["PolicyDocument"] = new MapNode
            {
                ["Version"] = "2012-10-17",
                ["Statement"] = new ListNode
                {
                    new MapNode { ["Action"] = action, ["Resource"] = resource, ["Effect"] = "Allow" },
                },
            },
        };

    /// <summary>
    /// SamFunction.dead_letter_queue_policy_actions: the action allowed for each DeadLetterQueue Type
    /// (SQS: sqs:SendMessage, SNS: sns:Publish).
    /// </summary>
    public static IReadOnlyDictionary<string, string> DeadLetterQueuePolicyActions { get; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["SQS"] = "sqs:SendMessage", ["SNS"] = "sns:Publish" };

    /// <summary>sqs_send_message_role_policy: <c>&lt;logicalId&gt;SQSPolicy</c> allowing sqs:SendMessage.</summary>
    public static MapNode SqsSendMessageRolePolicy(Node queueArn, string logicalId) =>
        NamedPolicy(logicalId + "SQSPolicy", Statement("sqs:SendMessage", queueArn));

    /// <summary>sns_publish_role_policy: <c>&lt;logicalId&gt;SNSPolicy</c> allowing sns:publish.</summary>
    public static MapNode SnsPublishRolePolicy(Node topicArn, string logicalId) =>
        NamedPolicy(logicalId + "SNSPolicy", Statement("sns:publish", topicArn));

    /// <summary>
    /// s3_send_event_payload_role_policy: <c>&lt;logicalId&gt;S3Policy</c> allowing s3:PutObject on
    /// <c>Fn::Join ["/", [arn, "*"]]</c> and s3:ListBucket on the bucket.
    /// </summary>
    public static MapNode S3SendEventPayloadRolePolicy(Node s3Arn, string logicalId)
    {
        var withWildcard = new MapNode { ["Fn::Join"] = new ListNode { "/", new ListNode { s3Arn, "*" } } };
        return NamedPolicy(
            logicalId + "S3Policy",
            new MapNode
            {
                ["Statement"] = new ListNode
                {
                    new MapNode { ["Action"] = "s3:PutObject", ["Effect"] = "Allow", ["Resource"] = withWildcard },
                    new MapNode { ["Action"] = "s3:ListBucket", ["Effect"] = "Allow", ["Resource"] = s3Arn.Clone() },
                },
            });
    }

    /// <summary>event_bus_put_events_role_policy: <c>&lt;logicalId&gt;EventBridgePolicy</c> allowing events:PutEvents.</summary>
    public static MapNode EventBusPutEventsRolePolicy(Node eventBusArn, string logicalId) =>
        NamedPolicy(logicalId + "EventBridgePolicy", Statement("events:PutEvents", eventBusArn));

    /// <summary>lambda_invoke_function_role_policy: <c>&lt;logicalId&gt;LambdaPolicy</c> allowing lambda:InvokeFunction.</summary>
    public static MapNode LambdaInvokeFunctionRolePolicy(Node functionArn, string logicalId) =>
        NamedPolicy(logicalId + "LambdaPolicy", Statement("lambda:InvokeFunction", functionArn));

    /// <summary>
    /// SamFunction._add_event_invoke_managed_policy: the inline policy for an EventInvokeConfig destination by its
    /// Type (SQS, SNS, EventBridge, Lambda, S3Bucket), or an empty mapping (the reference's <c>{}</c>) when
    /// <paramref name="destConfig"/> is not a mapping, has no truthy Type, or another Type.
    /// </summary>
    public static MapNode EventInvokeManagedPolicy(Node? destConfig, string logicalId, Node destArn) =>
        (destConfig as MapNode)?["Type"].AsString() switch
        {
            "SQS" => SqsSendMessageRolePolicy(destArn, logicalId),
            "SNS" => SnsPublishRolePolicy(destArn, logicalId),
            "EventBridge" => EventBusPutEventsRolePolicy(destArn, logicalId),
            "Lambda" => LambdaInvokeFunctionRolePolicy(destArn, logicalId),
            "S3Bucket" => S3SendEventPayloadRolePolicy(destArn, logicalId),
            _ => new MapNode(),
        };

    private static MapNode NamedPolicy(string name, MapNode document) =>
        new() { ["PolicyName"] = name, ["PolicyDocument"] = document };

    private static MapNode Statement(string action, Node resource) =>
        new()
        {
            ["Statement"] = new ListNode
            {
                new MapNode { ["Action"] = action, ["Effect"] = "Allow", ["Resource"] = resource },
            },
        };
}
