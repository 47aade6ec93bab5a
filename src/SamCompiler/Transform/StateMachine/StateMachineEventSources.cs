using SamCompiler.Syntax;
using SamCompiler.Transform.Policies;
using static SamCompiler.Transform.Intrinsics;

namespace SamCompiler.Transform.StateMachine;

/// <summary>
/// The resources of a state machine's event sources: Schedule, CloudWatchEvent and EventBridgeRule
/// (model/stepfunctions/events.py), ScheduleV2 (model/eventsources/scheduler.py) and the role of Api events.
/// </summary>
internal static class StateMachineEventSources
{
    private const string EventsPrincipal = "events.amazonaws.com";
    private const string ApiGatewayPrincipal = "apigateway.amazonaws.com";
    private const string TargetSuffix = "StepFunctionsTarget";
    private const int TargetIdMaxLength = 64;

    /// <summary>
    /// EventSource.to_cloudformation for one event. <paramref name="target"/> is the state machine, or its alias
    /// with UseAliasAsEventTarget; <paramref name="permissionsBoundary"/> is the state machine's.
    /// </summary>
    public static IReadOnlyList<CfnResource> ToCloudFormation(
        StateMachineEvent e,
        CfnResource target,
        MapNode passThrough,
        Node? permissionsBoundary,
        StateMachineApiLink? apiLink,
        MapNode targetAttributes,
        TranslationContext context) => e.Type switch
        {
            "Schedule" => Schedule(e, target, passThrough, permissionsBoundary),
            "CloudWatchEvent" or "EventBridgeRule" => CloudWatchEvent(e, target, passThrough, permissionsBoundary),
            "ScheduleV2" => ScheduleV2(e, target, passThrough),
            "Api" => StateMachineApiEvent.ToCloudFormation(e, target, passThrough, permissionsBoundary, apiLink!, targetAttributes, context),
            _ => throw new InvalidOperationException($"Unexpected state machine event type {e.Type}."),
        };

    /// <summary>generate_valid_target_id: the id and suffix, truncated to 64 characters keeping the suffix.</summary>
    public static string GenerateValidTargetId(string logicalId, string suffix) =>
        logicalId.Length + suffix.Length <= TargetIdMaxLength
            ? logicalId + suffix
            : logicalId[..(TargetIdMaxLength - suffix.Length)] + suffix;

    /// <summary>
    /// EventSource._construct_role: <c>&lt;eventLogicalId&gt;Role</c> trusted by <paramref name="principal"/> and
    /// allowed to start executions of the target.
    /// </summary>
    public static CfnResource ConstructRole(StateMachineEvent e, CfnResource target, MapNode passThrough, Node? permissionsBoundary, string principal)
    {
        var roleLogicalId = e.LogicalId + "Role";
        var role = new CfnResource(roleLogicalId, RoleConstructor.IamRoleType, e.Resource.KeySpan).PassThrough(passThrough);
        role.Set("AssumeRolePolicyDocument", IamRolePolicies.ConstructAssumeRolePolicyForServicePrincipal(principal));
        role.Set("Policies", new ListNode { IamRolePolicies.StepFunctionsStartExecutionRolePolicy(target.Ref(), roleLogicalId) });
        if (Truthy(permissionsBoundary))
        {
            role.Set("PermissionsBoundary", permissionsBoundary!.Clone());
        }

        return role;
    }

    private static List<CfnResource> Schedule(StateMachineEvent e, CfnResource target, MapNode passThrough, Node? permissionsBoundary)
    {
        var resources = new List<CfnResource>();
        var rule = new CfnResource(e.LogicalId, "AWS::Events::Rule", e.Resource.KeySpan).PassThrough(passThrough);
        resources.Add(rule);
        rule.Set("ScheduleExpression", e.Copy("Schedule"));
        if (Truthy(e["State"]) && e["Enabled"] is not null)
        {
            throw new EventException(e.EventId, "State and Enabled Properties cannot both be specified.", e.Resource.SpanOf("State"));
        }

        if (Truthy(e["State"]))
        {
            rule.Set("State", e.Copy("State"));
        }

        if (e["Enabled"] is { } enabled)
        {
            rule.Set("State", Truthy(enabled) ? "ENABLED" : "DISABLED");
        }

        rule.Set("Name", e.Copy("Name"));
        rule.Set("Description", e.Copy("Description"));

        Node roleArn;
        if (e["RoleArn"] is null)
        {
            var role = ConstructRole(e, target, passThrough, permissionsBoundary, EventsPrincipal);
            resources.Add(role);
            roleArn = role.GetAtt("Arn");
        }
        else
        {
            roleArn = e.Copy("RoleArn")!;
        }

        Node? dlqArn = null;
        if (e["DeadLetterConfig"] is MapNode dlq)
        {
            ValidateDlqConfig(e, dlq);
            dlqArn = DlqQueueArnAndResources(e, dlq, rule, passThrough, resources);
        }

        var t = new MapNode
        {
            ["Arn"] = target.Ref(),
            ["Id"] = TargetId(e),
            ["RoleArn"] = roleArn,
        };
        AddCommonTargetProperties(e, t, dlqArn);
        rule.Set("Targets", new ListNode { t });
        return resources;
    }

    private static List<CfnResource> CloudWatchEvent(StateMachineEvent e, CfnResource target, MapNode passThrough, Node? permissionsBoundary)
    {
        var resources = new List<CfnResource>();
        var rule = new CfnResource(e.LogicalId, "AWS::Events::Rule", e.Resource.KeySpan).PassThrough(passThrough);
        rule.Set("EventBusName", e.Copy("EventBusName"));
        rule.Set("EventPattern", e.Copy("Pattern"));
        rule.Set("Name", e.Copy("RuleName"));
        if (Truthy(e["State"]))
        {
            rule.Set("State", e.Copy("State"));
        }

        resources.Add(rule);
        var role = ConstructRole(e, target, passThrough, permissionsBoundary, EventsPrincipal);
        resources.Add(role);

        Node? dlqArn = null;
        if (e["DeadLetterConfig"] is MapNode dlq)
        {
            ValidateDlqConfig(e, dlq);
            dlqArn = DlqQueueArnAndResources(e, dlq, rule, passThrough, resources);
        }

        var t = new MapNode
        {
            ["Arn"] = target.Ref(),
            ["Id"] = TargetId(e),
            ["RoleArn"] = role.GetAtt("Arn"),
        };
        if (e["Input"] is not null)
        {
            t["Input"] = e.Copy("Input")!;
        }

        if (e["InputPath"] is not null)
        {
            t["InputPath"] = e.Copy("InputPath")!;
        }

        if (e["DeadLetterConfig"] is not null)
        {
            t["DeadLetterConfig"] = new MapNode { ["Arn"] = dlqArn ?? ScalarNode.Null() };
        }

        if (e["RetryPolicy"] is not null)
        {
            t["RetryPolicy"] = e.Copy("RetryPolicy")!;
        }

        if (e["InputTransformer"] is not null)
        {
            t["InputTransformer"] = e.Copy("InputTransformer")!;
        }

        rule.Set("Targets", new ListNode { t });
        return resources;
    }

    private static List<CfnResource> ScheduleV2(StateMachineEvent e, CfnResource target, MapNode passThrough)
    {
        var resources = new List<CfnResource>();
        var schedule = new CfnResource(e.LogicalId, "AWS::Scheduler::Schedule", e.Resource.KeySpan).PassThrough(passThrough);
        resources.Add(schedule);
        schedule.Set("ScheduleExpression", e.Copy("ScheduleExpression"));
        if (Truthy(e["State"]))
        {
            schedule.Set("State", e.Copy("State"));
        }

        if (Truthy(e["OmitName"]))
        {
            if (Truthy(e["Name"]))
            {
                throw new EventException(e.LogicalId, "Name cannot be set when OmitName is True", e.Resource.SpanOf("Name"));
            }
        }
        else
        {
            schedule.Set("Name", Truthy(e["Name"]) ? e.Copy("Name") : ScalarNode.String(e.LogicalId));
        }

        schedule.Set("Description", e.Copy("Description"));
        schedule.Set("FlexibleTimeWindow", Truthy(e["FlexibleTimeWindow"]) ? e.Copy("FlexibleTimeWindow") : new MapNode { ["Mode"] = "OFF" });
        schedule.Set("StartDate", e.Copy("StartDate"));
        schedule.Set("EndDate", e.Copy("EndDate"));
        schedule.Set("ScheduleExpressionTimezone", e.Copy("ScheduleExpressionTimezone"));
        schedule.Set("GroupName", e.Copy("GroupName"));
        schedule.Set("KmsKeyArn", e.Copy("KmsKeyArn"));

        Node? dlqArn = null;
        if (e["DeadLetterConfig"] is MapNode dlq)
        {
            ValidateDlqConfig(e, dlq);
            if (dlq["Arn"] is { IsNull: false } arn)
            {
                dlqArn = arn.Clone();
            }
            else
            {
                var queueLogicalId = QueueLogicalId(e, dlq);
                var queue = new CfnResource(Truthy(queueLogicalId) ? queueLogicalId.AsString()! : e.LogicalId + "Queue", "AWS::SQS::Queue", e.Resource.KeySpan).PassThrough(passThrough);
                resources.Add(queue);
                dlqArn = queue.GetAtt("Arn");
            }
        }

        Node executionRoleArn;
        if (Truthy(e["RoleArn"]))
        {
            executionRoleArn = e.Copy("RoleArn")!;
        }
        else
        {
            var role = new CfnResource(new LogicalIdGenerator(e.LogicalId + "Role").Gen(), RoleConstructor.IamRoleType, e.Resource.KeySpan).PassThrough(passThrough);
            role.Set("AssumeRolePolicyDocument", IamRolePolicies.SchedulerAssumeRolePolicy());
            var policies = new ListNode { IamRolePolicies.StepFunctionsStartExecutionRolePolicy(target.Ref(), e.LogicalId) };
            if (Truthy(dlqArn))
            {
                policies.Add(IamRolePolicies.SqsSendMessageRolePolicy(dlqArn!.Clone(), e.LogicalId));
            }

            role.Set("Policies", policies);
            if (Truthy(e["PermissionsBoundary"]))
            {
                role.Set("PermissionsBoundary", e.Copy("PermissionsBoundary"));
            }

            resources.Add(role);
            executionRoleArn = role.GetAtt("Arn");
        }

        var t = new MapNode { ["Arn"] = target.Ref(), ["RoleArn"] = executionRoleArn };
        AddCommonTargetProperties(e, t, dlqArn);
        schedule.Set("Target", t);
        return resources;
    }

    private static Node TargetId(StateMachineEvent e) =>
        e["Target"] is MapNode target && target.Count > 0 && target.ContainsKey("Id")
            ? target["Id"]!.Clone()
            : ScalarNode.String(GenerateValidTargetId(e.LogicalId, TargetSuffix));

    /// <summary>Input, DeadLetterConfig and RetryPolicy of a Schedule or ScheduleV2 target.</summary>
    private static void AddCommonTargetProperties(StateMachineEvent e, MapNode target, Node? dlqArn)
    {
        if (e["Input"] is not null)
        {
            target["Input"] = e.Copy("Input")!;
        }

        if (e["DeadLetterConfig"] is not null)
        {
            target["DeadLetterConfig"] = new MapNode { ["Arn"] = dlqArn ?? ScalarNode.Null() };
        }

        if (e["RetryPolicy"] is not null)
        {
            target["RetryPolicy"] = e.Copy("RetryPolicy")!;
        }
    }

    /// <summary>EventBridgeRuleUtils.validate_dlq_config.</summary>
    private static void ValidateDlqConfig(StateMachineEvent e, MapNode dlq)
    {
        var span = e.Resource.SpanOf("DeadLetterConfig");
        var isArnDefined = dlq.ContainsKey("Arn");
        var isTypeDefined = dlq.ContainsKey("Type");
        if (isArnDefined && isTypeDefined)
        {
            throw new EventException(e.LogicalId, "You can either define 'Arn' or 'Type' property of DeadLetterConfig.", span);
        }

        if (isTypeDefined && dlq["Type"].AsString() != "SQS")
        {
            throw new EventException(e.LogicalId, "The only valid value for 'Type' property of DeadLetterConfig is 'SQS'.", span);
        }

        if (!isArnDefined && !isTypeDefined)
        {
            throw new EventException(e.LogicalId, "No 'Arn' or 'Type' property provided for DeadLetterConfig.", span);
        }
    }

    private static Node? QueueLogicalId(StateMachineEvent e, MapNode dlq)
    {
        var queueLogicalId = dlq["QueueLogicalId"];
        if (queueLogicalId is { IsNull: false } && queueLogicalId.AsString() is null)
        {
            throw new EventException(e.LogicalId, "QueueLogicalId must be a string", queueLogicalId.Span);
        }

        return queueLogicalId is { IsNull: false } ? queueLogicalId : null;
    }

    /// <summary>
    /// EventBridgeRuleUtils.get_dlq_queue_arn_and_resources: the given Arn, or a new queue (and its queue policy
    /// letting the rule send to it) appended to <paramref name="resources"/>.
    /// </summary>
    private static Node DlqQueueArnAndResources(StateMachineEvent e, MapNode dlq, CfnResource rule, MapNode passThrough, List<CfnResource> resources)
    {
        if (dlq["Arn"] is { IsNull: false } arn)
        {
            return arn.Clone();
        }

        var queueLogicalId = QueueLogicalId(e, dlq);
        var queue = new CfnResource(Truthy(queueLogicalId) ? queueLogicalId.AsString()! : rule.LogicalId + "Queue", "AWS::SQS::Queue", e.Resource.KeySpan).PassThrough(passThrough);
        var policy = new CfnResource(rule.LogicalId + "QueuePolicy", "AWS::SQS::QueuePolicy", e.Resource.KeySpan).PassThrough(passThrough);
        policy.Set("PolicyDocument", new MapNode
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new ListNode
            {
                new MapNode
                {
                    ["Action"] = "sqs:SendMessage",
                    ["Effect"] = "Allow",
                    ["Principal"] = new MapNode { ["Service"] = EventsPrincipal },
                    ["Resource"] = queue.GetAtt("Arn"),
                    ["Condition"] = new MapNode { ["ArnEquals"] = new MapNode { ["aws:SourceArn"] = rule.GetAtt("Arn") } },
                },
            },
        });
        policy.Set("Queues", new ListNode { queue.Ref() });
        resources.Add(queue);
        resources.Add(policy);
        return queue.GetAtt("Arn");
    }

    /// <summary>The principal of the role an Api event creates.</summary>
    public static string ApiPrincipal => ApiGatewayPrincipal;
}
