using SamCompiler.Syntax;

namespace SamCompiler.Transform.Events;

/// <summary>The policy documents the event sources generate (IAMRolePolicies in model/iam.py, SQSQueuePolicies in model/sqs.py).</summary>
internal static class EventPolicies
{
    /// <summary>sqs_send_message_role_policy.</summary>
    public static MapNode SqsSendMessage(Node queueArn, string logicalId) => Named(logicalId + "SQSPolicy", Statement("sqs:SendMessage", queueArn));

    /// <summary>sns_publish_role_policy.</summary>
    public static MapNode SnsPublish(Node topicArn, string logicalId) => Named(logicalId + "SNSPolicy", Statement("sns:publish", topicArn));

    /// <summary>s3_send_event_payload_role_policy.</summary>
    public static MapNode S3SendEventPayload(Node s3Arn, string logicalId) => new()
    {
        ["PolicyName"] = logicalId + "S3Policy",
        ["PolicyDocument"] = new MapNode
        {
            ["Statement"] = new ListNode(
            [
                new MapNode { ["Action"] = "s3:PutObject", ["Effect"] = "Allow", ["Resource"] = Intrinsics.Join("/", [s3Arn.Clone(), "*"]) },
                new MapNode { ["Action"] = "s3:ListBucket", ["Effect"] = "Allow", ["Resource"] = s3Arn.Clone() },
            ]),
        },
    };

    /// <summary>lambda_invoke_function_role_policy.</summary>
    public static MapNode LambdaInvokeFunction(Node functionArn, string logicalId) =>
        Named(logicalId + "LambdaPolicy", Statement("lambda:InvokeFunction", functionArn));

    /// <summary>scheduler_assume_role_policy.</summary>
    public static MapNode SchedulerAssumeRole() => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new ListNode(
        [
            new MapNode
            {
                ["Action"] = new ListNode(["sts:AssumeRole"]),
                ["Effect"] = "Allow",
                ["Principal"] = new MapNode { ["Service"] = new ListNode(["scheduler.amazonaws.com"]) },
            },
        ]),
    };

    /// <summary>SQSQueuePolicies.sns_topic_send_message_role_policy.</summary>
    public static MapNode SnsTopicSendMessage(Node topicArn, Node queueArn) =>
        QueuePolicy("*", queueArn, topicArn);

    /// <summary>SQSQueuePolicies.eventbridge_dlq_send_message_resource_based_policy.</summary>
    public static MapNode EventBridgeDlqSendMessage(Node ruleArn, Node queueArn) =>
        QueuePolicy(new MapNode { ["Service"] = "events.amazonaws.com" }, queueArn, ruleArn);

    /// <summary>{"Action": action, "Effect": "Allow", "Resource": resource}.</summary>
    public static MapNode Allow(Node action, Node? resource) => new()
    {
        ["Action"] = action,
        ["Effect"] = "Allow",
        ["Resource"] = resource?.Clone() ?? ScalarNode.Null(),
    };

    private static MapNode QueuePolicy(Node principal, Node queueArn, Node sourceArn) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new ListNode(
        [
            new MapNode
            {
                ["Action"] = "sqs:SendMessage",
                ["Effect"] = "Allow",
                ["Principal"] = principal,
                ["Resource"] = queueArn.Clone(),
                ["Condition"] = new MapNode { ["ArnEquals"] = new MapNode { ["aws:SourceArn"] = sourceArn.Clone() } },
            },
        ]),
    };

    private static MapNode Statement(string action, Node resource) => new()
    {
        ["Statement"] = new ListNode([Allow(action, resource)]),
    };

    private static MapNode Named(string name, MapNode document) => new() { ["PolicyName"] = name, ["PolicyDocument"] = document };
}

/// <summary>Dead-letter queues of EventBridge rules (model/eventbridge_utils.py).</summary>
internal static class EventBridgeRuleUtils
{
    /// <summary>validate_dlq_config: exactly one of Arn and Type, and Type must be SQS.</summary>
    public static void ValidateDlqConfig(FunctionEvent ev, MapNode deadLetterConfig)
    {
        var hasArn = deadLetterConfig.ContainsKey("Arn");
        var hasType = deadLetterConfig.ContainsKey("Type");
        if (hasArn && hasType)
        {
            throw ev.ErrorById("You can either define 'Arn' or 'Type' property of DeadLetterConfig.", "DeadLetterConfig");
        }

        if (hasType && deadLetterConfig["Type"].AsString() != "SQS")
        {
            throw ev.ErrorById("The only valid value for 'Type' property of DeadLetterConfig is 'SQS'.", "DeadLetterConfig");
        }

        if (!hasArn && !hasType)
        {
            throw ev.ErrorById("No 'Arn' or 'Type' property provided for DeadLetterConfig.", "DeadLetterConfig");
        }
    }

    /// <summary>
    /// get_dlq_queue_arn_and_resources: the given Arn, or a new queue (QueueLogicalId or EVENT + "Queue") with a
    /// queue policy letting the rule send to it (omitted when <paramref name="withPolicy"/> is false, as for
    /// EventBridge Scheduler).
    /// </summary>
    public static (Node QueueArn, List<CfnResource> Resources) DlqQueueArnAndResources(
        FunctionEvent ev, EventSourceContext context, MapNode deadLetterConfig, Node? ruleArn, bool withPolicy)
    {
        if (deadLetterConfig["Arn"] is { IsNull: false } arn)
        {
            return (arn.Clone(), []);
        }

        var queueLogicalId = deadLetterConfig["QueueLogicalId"];
        if (queueLogicalId is { IsNull: false } && queueLogicalId is not ScalarNode { Kind: ScalarKind.String })
        {
            throw ev.ErrorById("QueueLogicalId must be a string", "DeadLetterConfig");
        }

        var queueId = queueLogicalId.AsString() is { Length: > 0 } q ? q : ev.LogicalId + "Queue";
        var queue = context.NewResource(queueId, "AWS::SQS::Queue", ev);
        var resources = new List<CfnResource> { queue };
        var queueArn = queue.GetAtt("Arn");
        if (withPolicy)
        {
            var policy = context.NewResource(ev.LogicalId + "QueuePolicy", "AWS::SQS::QueuePolicy", ev);
            policy.Set("PolicyDocument", EventPolicies.EventBridgeDlqSendMessage(ruleArn!, queueArn))
                .Set("Queues", new ListNode([queue.Ref()]));
            resources.Add(policy);
        }

        return (queueArn, resources);
    }

    /// <summary>generate_valid_target_id: ID + SUFFIX, the id cut so the whole fits in 64 characters.</summary>
    public static string ValidTargetId(string logicalId, string suffix)
    {
        const int MaxLength = 64;
        return logicalId.Length + suffix.Length <= MaxLength ? logicalId + suffix : logicalId[..(MaxLength - suffix.Length)] + suffix;
    }
}
