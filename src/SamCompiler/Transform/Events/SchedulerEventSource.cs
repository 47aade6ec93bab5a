using SamCompiler.Syntax;

namespace SamCompiler.Transform.Events;

/// <summary>
/// ScheduleV2: an EventBridge Scheduler schedule invoking the function, with a role Scheduler assumes unless RoleArn
/// is given, and an optional dead-letter queue (model/eventsources/scheduler.py).
/// </summary>
internal sealed class SchedulerEventSource : EventSource
{
    /// <summary>Schedule property ← SAM property, copied when given (ScheduleExpression, State, Name and FlexibleTimeWindow have rules of their own).</summary>
    private static readonly string[] ScheduleProperties = ["Description", "StartDate", "EndDate", "ScheduleExpressionTimezone", "GroupName", "KmsKeyArn"];

    /// <inheritdoc />
    public override string Type => "ScheduleV2";

    /// <inheritdoc />
    public override IReadOnlyList<EventProperty> PropertyTypes { get; } =
    [
        EventProperty.Of("PermissionsBoundary", PropertyCheck.String),
        EventProperty.Of("ScheduleExpression", PropertyCheck.String, required: true),
        EventProperty.Of("FlexibleTimeWindow", PropertyCheck.Map),
        EventProperty.Of("Name", PropertyCheck.String),
        EventProperty.Of("State", PropertyCheck.String),
        EventProperty.Of("Description", PropertyCheck.String),
        EventProperty.Of("StartDate", PropertyCheck.String),
        EventProperty.Of("EndDate", PropertyCheck.String),
        EventProperty.Of("ScheduleExpressionTimezone", PropertyCheck.String),
        EventProperty.Of("GroupName", PropertyCheck.String),
        EventProperty.Of("KmsKeyArn", PropertyCheck.String),
        EventProperty.Of("Input", PropertyCheck.String),
        EventProperty.Of("RoleArn", PropertyCheck.String),
        EventProperty.Of("DeadLetterConfig", PropertyCheck.Map),
        EventProperty.Of("RetryPolicy", PropertyCheck.Map),
        EventProperty.Strict("OmitName", PropertyCheck.Bool),
    ];

    /// <inheritdoc />
    public override IReadOnlyList<CfnResource> ToCloudFormation(FunctionEvent ev, EventSourceContext context)
    {
        var resources = new List<CfnResource>();
        var schedule = context.NewResource(ev.LogicalId, "AWS::Scheduler::Schedule", ev);
        resources.Add(schedule);
        schedule.Set("ScheduleExpression", ev["ScheduleExpression"]!.Clone());
        if (Py.Truthy(ev["State"]))
        {
            schedule.Set("State", ev["State"]!.Clone());
        }

        if (Py.Truthy(ev["OmitName"]))
        {
            if (Py.Truthy(ev["Name"]))
            {
                throw ev.ErrorById("Name cannot be set when OmitName is True", "Name");
            }
        }
        else
        {
            schedule.Set("Name", Py.Truthy(ev["Name"]) ? ev["Name"]!.Clone() : ev.LogicalId);
        }

        schedule.Set("FlexibleTimeWindow", Py.Truthy(ev["FlexibleTimeWindow"]) ? ev["FlexibleTimeWindow"]!.Clone() : new MapNode { ["Mode"] = "OFF" });
        foreach (var name in ScheduleProperties)
        {
            schedule.Set(name, ev[name]?.Clone());
        }

        Node? dlqArn = null;
        if (ev["DeadLetterConfig"] is MapNode dlq)
        {
            EventBridgeRuleUtils.ValidateDlqConfig(ev, dlq);
            (dlqArn, var dlqResources) = EventBridgeRuleUtils.DlqQueueArnAndResources(ev, context, dlq, null, withPolicy: false);
            resources.AddRange(dlqResources);
        }

        var roleArn = ev["RoleArn"];
        if (!Py.Truthy(roleArn))
        {
            var role = context.NewResource(ev.LogicalId + "Role", "AWS::IAM::Role", ev);
            var policies = new ListNode { EventPolicies.LambdaInvokeFunction(context.Function.Arn(), ev.LogicalId) };
            if (Py.Truthy(dlqArn))
            {
                policies.Add(EventPolicies.SqsSendMessage(dlqArn!, ev.LogicalId));
            }

            role.Set("AssumeRolePolicyDocument", EventPolicies.SchedulerAssumeRole()).Set("Policies", policies);
            if (Py.Truthy(ev["PermissionsBoundary"]))
            {
                role.Set("PermissionsBoundary", ev["PermissionsBoundary"]!.Clone());
            }

            resources.Add(role);
            roleArn = role.GetAtt("Arn");
        }

        var target = new MapNode { ["Arn"] = context.Function.Arn(), ["RoleArn"] = roleArn!.Clone() };
        if (ev["Input"] is { } input)
        {
            target["Input"] = input.Clone();
        }

        if (ev["DeadLetterConfig"] is not null)
        {
            target["DeadLetterConfig"] = new MapNode { ["Arn"] = dlqArn?.Clone() ?? ScalarNode.Null() };
        }

        if (ev["RetryPolicy"] is { } retry)
        {
            target["RetryPolicy"] = retry.Clone();
        }

        schedule.Set("Target", target);
        return resources;
    }
}
