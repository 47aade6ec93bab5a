using SamCompiler.Syntax;

namespace SamCompiler.Transform.Events;

/// <summary>
/// Event sources that become an AWS::Events::Rule targeting the function, plus its permission and an optional
/// dead-letter queue (Schedule and CloudWatchEvent/EventBridgeRule in push.py). The subclasses are tables: which SAM
/// property goes to which rule property and which SAM properties are copied into the target.
/// </summary>
internal abstract class EventsRuleSource : PushEventSource
{
    private const string TargetSuffix = "LambdaTarget";

    /// <inheritdoc />
    public override string Principal => "events.amazonaws.com";

    /// <summary>Rule property ← SAM property.</summary>
    protected abstract (string Cfn, string Sam)[] RuleProperties { get; }

    /// <summary>SAM properties copied into the target under the same name, in the reference's order.</summary>
    protected abstract string[] TargetProperties { get; }

    /// <summary>True for Schedule: the rule is listed before the queue and State/Enabled are checked first.</summary>
    protected abstract bool ScheduleOrder { get; }

    /// <summary>The target Id.</summary>
    protected virtual Node TargetId(FunctionEvent ev) => EventBridgeRuleUtils.ValidTargetId(ev.LogicalId, TargetSuffix);

    /// <inheritdoc />
    public override IReadOnlyList<CfnResource> ToCloudFormation(FunctionEvent ev, EventSourceContext context)
    {
        var resources = new List<CfnResource>();
        var rule = context.NewResource(ev.LogicalId, "AWS::Events::Rule", ev);
        foreach (var (cfn, sam) in RuleProperties)
        {
            rule.Set(cfn, ev[sam]?.Clone());
        }

        if (ScheduleOrder)
        {
            resources.Add(rule);
            SetState(ev, rule);
        }

        var sourceArn = rule.GetAtt("Arn");
        Node? dlqArn = null;
        if (ev["DeadLetterConfig"] is MapNode dlq)
        {
            EventBridgeRuleUtils.ValidateDlqConfig(ev, dlq);
            (dlqArn, var dlqResources) = EventBridgeRuleUtils.DlqQueueArnAndResources(ev, context, dlq, sourceArn, withPolicy: true);
            resources.AddRange(dlqResources);
        }

        if (!ScheduleOrder)
        {
            SetState(ev, rule);
        }

        var target = new MapNode { ["Arn"] = context.Function.Arn(), ["Id"] = TargetId(ev) };
        foreach (var name in TargetProperties)
        {
            if (name == "DeadLetterConfig")
            {
                if (dlqArn is not null)
                {
                    target["DeadLetterConfig"] = new MapNode { ["Arn"] = dlqArn };
                }
            }
            else if (ev[name] is { } value)
            {
                target[name] = value.Clone();
            }
        }

        rule.Set("Targets", new ListNode([target]));
        if (!ScheduleOrder)
        {
            resources.Add(rule);
        }

        resources.Add(ConstructPermission(ev, context, sourceArn: sourceArn));
        return resources;
    }

    private static void SetState(FunctionEvent ev, CfnResource rule)
    {
        var state = ev["State"];
        var enabled = ev["Enabled"];
        if (Py.Truthy(state) && enabled is not null)
        {
            throw ev.Error("State and Enabled Properties cannot both be specified.", "State");
        }

        if (Py.Truthy(state))
        {
            rule.Set("State", state!.Clone());
        }

        if (enabled is not null)
        {
            rule.Set("State", Py.Truthy(enabled) ? "ENABLED" : "DISABLED");
        }
    }
}

/// <summary>Schedule: a scheduled EventBridge rule (push.py Schedule).</summary>
internal sealed class ScheduleEventSource : EventsRuleSource
{
    /// <inheritdoc />
    public override string Type => "Schedule";

    /// <inheritdoc />
    public override IReadOnlyList<EventProperty> PropertyTypes { get; } =
    [
        EventProperty.Of("Schedule", PropertyCheck.String, required: true),
        EventProperty.Of("RuleName", PropertyCheck.String),
        EventProperty.Of("Input", PropertyCheck.String),
        EventProperty.Of("Enabled", PropertyCheck.Bool),
        EventProperty.Of("State", PropertyCheck.String),
        EventProperty.Of("Name", PropertyCheck.String),
        EventProperty.Of("Description", PropertyCheck.String),
        EventProperty.Of("DeadLetterConfig", PropertyCheck.Map),
        EventProperty.Of("RetryPolicy", PropertyCheck.Map),
    ];

    /// <inheritdoc />
    protected override (string Cfn, string Sam)[] RuleProperties { get; } =
    [
        ("ScheduleExpression", "Schedule"),
        ("Name", "Name"),
        ("Description", "Description"),
    ];

    /// <inheritdoc />
    protected override string[] TargetProperties { get; } = ["Input", "DeadLetterConfig", "RetryPolicy"];

    /// <inheritdoc />
    protected override bool ScheduleOrder => true;
}

/// <summary>CloudWatchEvent: an EventBridge rule with an event pattern (push.py CloudWatchEvent).</summary>
internal class CloudWatchEventSource : EventsRuleSource
{
    /// <inheritdoc />
    public override string Type => "CloudWatchEvent";

    /// <inheritdoc />
    public override IReadOnlyList<EventProperty> PropertyTypes { get; } =
    [
        EventProperty.Of("EventBusName", PropertyCheck.String),
        EventProperty.Of("RuleName", PropertyCheck.String),
        EventProperty.Of("Pattern", PropertyCheck.Map),
        EventProperty.Of("DeadLetterConfig", PropertyCheck.Map),
        EventProperty.Of("RetryPolicy", PropertyCheck.Map),
        EventProperty.Of("Input", PropertyCheck.String),
        EventProperty.Of("InputPath", PropertyCheck.String),
        EventProperty.Of("Target", PropertyCheck.Map),
        EventProperty.Of("Enabled", PropertyCheck.Bool),
        EventProperty.Of("State", PropertyCheck.String),
        EventProperty.Of("InputTransformer", PropertyCheck.Map),
    ];

    /// <inheritdoc />
    protected override (string Cfn, string Sam)[] RuleProperties { get; } =
    [
        ("EventBusName", "EventBusName"),
        ("EventPattern", "Pattern"),
        ("Name", "RuleName"),
    ];

    /// <inheritdoc />
    protected override string[] TargetProperties { get; } = ["Input", "InputPath", "DeadLetterConfig", "RetryPolicy", "InputTransformer"];

    /// <inheritdoc />
    protected override bool ScheduleOrder => false;

    /// <inheritdoc />
    protected override Node TargetId(FunctionEvent ev) =>
        ev["Target"] is MapNode target && target.TryGetValue("Id", out var id) ? id.Clone() : base.TargetId(ev);
}

/// <summary>EventBridgeRule: the same as CloudWatchEvent under its newer name.</summary>
internal sealed class EventBridgeRuleSource : CloudWatchEventSource
{
    /// <inheritdoc />
    public override string Type => "EventBridgeRule";
}
