using SamCompiler.Syntax;

namespace SamCompiler.Transform.Events;

/// <summary>S3: a bucket notification on a bucket of the same template, plus the permission (push.py S3).</summary>
internal sealed class S3EventSource : PushEventSource
{
    /// <inheritdoc />
    public override string Type => "S3";

    /// <inheritdoc />
    public override string Principal => "s3.amazonaws.com";

    /// <inheritdoc />
    public override IReadOnlyList<EventProperty> PropertyTypes { get; } =
    [
        EventProperty.Of("Bucket", PropertyCheck.String, required: true),
        new("Events", true, PropertyCheck.StringOrStringList, SupportsIntrinsics: false),
        EventProperty.Of("Filter", PropertyCheck.MapOfStrings),
    ];

    /// <inheritdoc />
    public override object? ResourcesToLink(FunctionEvent ev, MapNode samResources, TranslationContext context)
    {
        if (ev["Bucket"] is MapNode bucket && bucket.TryGetValue("Ref", out var r))
        {
            if (r is not ScalarNode { Kind: ScalarKind.String } id)
            {
                throw ev.Error("'Ref' value in S3 events is not a valid string.", "Bucket");
            }

            if (samResources[id.Text] is MapNode definition)
            {
                return new LinkedResource(id.Text, definition);
            }
        }

        throw ev.Error("S3 events must reference an S3 bucket in the same template.", "Bucket");
    }

    /// <inheritdoc />
    public override IReadOnlyList<CfnResource> ToCloudFormation(FunctionEvent ev, EventSourceContext context)
    {
        var bucket = (LinkedResource)context.Linked!;
        var permission = ConstructPermission(ev, context, sourceAccount: Intrinsics.Ref("AWS::AccountId"));
        if (permission.Attributes["Condition"] is { } condition)
        {
            DependOnPermissionUsingTag(bucket, permission, condition);
        }
        else
        {
            DependOnPermission(ev, bucket, permission);
        }

        InjectNotificationConfiguration(ev, context, bucket);
        return [permission, bucket.Emit("AWS::S3::Bucket", LinkedResource.S3BucketProperties)];
    }

    /// <summary>_depend_on_lambda_permissions: the bucket waits for the permission (DependsOn as a set).</summary>
    private static void DependOnPermission(FunctionEvent ev, LinkedResource bucket, CfnResource permission)
    {
        var items = bucket.Definition.ContainsKey("DependsOn") ? bucket.Definition["DependsOn"] : new ListNode();
        List<Node> set = [];
        switch (items)
        {
            case ScalarNode { Kind: ScalarKind.String } s:
                set.Add(s);
                break;
            case ListNode list when list.All(i => i is ScalarNode):
                {
                    // Python's set of the ids. A str equals only a str of the same text, so strings are looked up in
                    // a hash set (one bucket shared by N functions would otherwise cost N^2 comparisons per event).
                    var strings = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var item in list)
                    {
                        if (item is ScalarNode { Kind: ScalarKind.String } text ? strings.Add(text.Text) : !Py.Contains(set, item))
                        {
                            set.Add(item);
                        }
                    }

                    break;
                }
            case MapNode map:
                set.AddRange(map.Keys.Select(k => (Node)k));
                break;
            default:
                throw new ResourceException(
                    ev.LogicalId,
                    "Invalid type for field 'DependsOn'. Expected a string or list of strings.",
                    items is { Span.IsKnown: true } ? items.Span : ev.SpanOf("Bucket"));
        }

        Node id = permission.LogicalId;
        if (!Py.Contains(set, id))
        {
            set.Add(id);
        }

        bucket.Definition["DependsOn"] = new ListNode(set);
    }

    /// <summary>
    /// _depend_on_lambda_permissions_using_tag: DependsOn cannot be conditional, so a tag whose value is a
    /// conditional Ref of the permission makes the bucket wait for it.
    /// </summary>
    private static void DependOnPermissionUsingTag(LinkedResource bucket, CfnResource permission, Node condition)
    {
        var properties = PropertiesOf(bucket);
        var tags = properties["Tags"] is { IsNull: false } t ? t : null;
        if (tags is null)
        {
            tags = new ListNode();
            properties["Tags"] = tags;
        }

        if (tags is not ListNode list)
        {
            throw new ResourceException(bucket.LogicalId, "Property 'Tags' should be a list.", tags.Span);
        }

        var combined = new ListNode(list)
        {
            new MapNode
            {
                ["Key"] = "sam:ConditionalDependsOn:" + permission.LogicalId,
                ["Value"] = new MapNode { ["Fn::If"] = new ListNode([condition.Clone(), permission.Ref(), "no dependency"]) },
            },
        };

        properties["Tags"] = combined;
    }

    /// <summary>_inject_notification_configuration: one LambdaConfigurations entry per S3 event type.</summary>
    private static void InjectNotificationConfiguration(FunctionEvent ev, EventSourceContext context, LinkedResource bucket)
    {
        var baseMapping = new MapNode { ["Function"] = context.Function.Arn() };
        if (ev["Filter"] is { } filter)
        {
            baseMapping["Filter"] = filter.Clone();
        }

        var eventTypes = ev["Events"] is ListNode l ? l.ToList() : [ev["Events"]!];
        var mappings = new List<Node>();
        foreach (var eventType in eventTypes)
        {
            var mapping = (MapNode)baseMapping.Clone();
            mapping["Event"] = eventType.Clone();
            mappings.Add(context.Function.Condition is { } condition ? MakeConditional(condition, mapping) : mapping);
        }

        var properties = bucket.Definition.ContainsKey("Properties") ? bucket.Definition["Properties"]! : new MapNode();
        if (properties is not MapNode map)
        {
            throw new ResourceException(bucket.LogicalId, "Properties should be a map.", properties.Span);
        }

        bucket.Definition["Properties"] = map;
        var notification = map["NotificationConfiguration"] is { IsNull: false } n ? n : null;
        if (notification is null)
        {
            notification = new MapNode();
            map["NotificationConfiguration"] = notification;
        }

        if (notification is not MapNode notificationMap)
        {
            throw new ResourceException(bucket.LogicalId, "Property 'NotificationConfiguration' should be a map.", notification.Span);
        }

        var lambdaConfigurations = notificationMap["LambdaConfigurations"] is { IsNull: false } c ? c : null;
        if (lambdaConfigurations is null)
        {
            lambdaConfigurations = new ListNode();
            notificationMap["LambdaConfigurations"] = lambdaConfigurations;
        }

        if (lambdaConfigurations is not ListNode configurations)
        {
            throw new ResourceException(bucket.LogicalId, "Invalid type for LambdaConfigurations. Must be a list.", lambdaConfigurations.Span);
        }

        foreach (var mapping in mappings)
        {
            if (!Py.Contains(configurations, mapping))
            {
                configurations.Add(mapping);
            }
        }
    }

    private static MapNode PropertiesOf(LinkedResource bucket)
    {
        var properties = bucket.Definition["Properties"];
        if (properties is null || properties.IsNull)
        {
            var created = new MapNode();
            bucket.Definition["Properties"] = created;
            return created;
        }

        return properties as MapNode ?? throw new ResourceException(bucket.LogicalId, "Properties should be a map.", properties.Span);
    }

    /// <summary>make_conditional: {"Fn::If": [condition, data, {"Ref": "AWS::NoValue"}]}.</summary>
    internal static MapNode MakeConditional(Node condition, Node data) =>
        new() { ["Fn::If"] = new ListNode([condition.Clone(), data, Intrinsics.NoValue()]) };
}

/// <summary>SNS: a subscription of the function, or of a queue feeding it (push.py SNS).</summary>
internal sealed class SnsEventSource : PushEventSource
{
    /// <summary>Subscription property ← SAM property, copied when given.</summary>
    private static readonly string[] SubscriptionProperties = ["Region", "FilterPolicy", "FilterPolicyScope", "RedrivePolicy"];

    /// <inheritdoc />
    public override string Type => "SNS";

    /// <inheritdoc />
    public override string Principal => "sns.amazonaws.com";

    /// <inheritdoc />
    public override IReadOnlyList<EventProperty> PropertyTypes { get; } =
    [
        EventProperty.Of("Topic", PropertyCheck.String, required: true),
        EventProperty.Of("Region", PropertyCheck.String),
        EventProperty.PassThrough("FilterPolicy"),
        EventProperty.PassThrough("FilterPolicyScope"),
        EventProperty.Of("SqsSubscription", PropertyCheck.BoolOrMap),
        EventProperty.Of("RedrivePolicy", PropertyCheck.Map),
    ];

    /// <inheritdoc />
    public override IReadOnlyList<CfnResource> ToCloudFormation(FunctionEvent ev, EventSourceContext context)
    {
        var topic = ev["Topic"]!;
        var sqsSubscription = ev["SqsSubscription"];
        if (!Py.Truthy(sqsSubscription))
        {
            return
            [
                ConstructPermission(ev, context, sourceArn: topic),
                Subscription(ev, context, "lambda", context.Function.Arn()),
            ];
        }

        if (sqsSubscription is ScalarNode { Kind: ScalarKind.Boolean })
        {
            var queue = context.NewResource(ev.LogicalId + "Queue", "AWS::SQS::Queue", ev);
            if (FifoTopic(Py.LogicalIdFromIntrinsic(topic), context) is { } fifo)
            {
                queue.Set("FifoQueue", fifo);
            }

            var queueArn = queue.GetAtt("Arn");
            var queuePolicy = QueuePolicy(ev, context, topic, queueArn, queue.Ref(), null);
            var subscription = Subscription(ev, context, "sqs", queueArn);
            var mapping = SqsEventSource.ForSnsQueue(ev, context, queueArn, null);
            return [.. mapping, queue, queuePolicy, subscription];
        }

        if (sqsSubscription is not MapNode existing)
        {
            throw ev.Error("Property 'SqsSubscription' should be a map.", "SqsSubscription");
        }

        var existingArn = existing["QueueArn"];
        var existingUrl = existing["QueueUrl"];
        if (!Py.Truthy(existingArn) || !Py.Truthy(existingUrl))
        {
            throw ev.Error("No QueueARN or QueueURL provided.", "SqsSubscription");
        }

        var policy = QueuePolicy(ev, context, topic, existingArn!, existingUrl!, existing["QueuePolicyLogicalId"]);
        var sub = Subscription(ev, context, "sqs", existingArn!);
        var esm = SqsEventSource.ForSnsQueue(ev, context, existingArn!, existing["BatchSize"]);
        return [.. esm, policy, sub];
    }

    private static CfnResource Subscription(FunctionEvent ev, EventSourceContext context, string protocol, Node endpoint)
    {
        var subscription = context.NewResource(ev.LogicalId, "AWS::SNS::Subscription", ev);
        subscription.Set("Protocol", protocol)
            .Set("Endpoint", endpoint.Clone())
            .Set("TopicArn", ev["Topic"]!.Clone());
        foreach (var name in SubscriptionProperties)
        {
            subscription.Set(name, ev[name]?.Clone());
        }

        return subscription;
    }

    private static CfnResource QueuePolicy(FunctionEvent ev, EventSourceContext context, Node topic, Node queueArn, Node queueUrl, Node? logicalId)
    {
        var id = Py.Truthy(logicalId) ? PyRepr.Str(logicalId!) : ev.LogicalId + "QueuePolicy";
        var policy = context.NewResource(id, "AWS::SQS::QueuePolicy", ev);
        policy.Set("PolicyDocument", EventPolicies.SnsTopicSendMessage(topic, queueArn))
            .Set("Queues", new ListNode([queueUrl.Clone()]));
        return policy;
    }

    /// <summary>_check_fifo_topic: the FifoTopic of the referenced topic (parameters resolved) when it is truthy.</summary>
    private static Node? FifoTopic(string? topicId, EventSourceContext context)
    {
        if (topicId is null || context.Translation.SamResources[topicId] is not MapNode topic)
        {
            return null;
        }

        if (topic["Properties"] is not MapNode properties || properties["FifoTopic"] is not { } fifo)
        {
            return null;
        }

        var resolved = context.Translation.Intrinsics.ResolveParameterRefs(fifo.Clone());
        return Py.Truthy(resolved) ? resolved : null;
    }
}

/// <summary>AlexaSkill: a permission for the Alexa Skills Kit (push.py AlexaSkill).</summary>
internal sealed class AlexaSkillEventSource : PushEventSource
{
    /// <inheritdoc />
    public override string Type => "AlexaSkill";

    /// <inheritdoc />
    public override string Principal => "alexa-appkit.amazon.com";

    /// <inheritdoc />
    public override IReadOnlyList<EventProperty> PropertyTypes { get; } = [EventProperty.Of("SkillId", PropertyCheck.String)];

    /// <inheritdoc />
    public override IReadOnlyList<CfnResource> ToCloudFormation(FunctionEvent ev, EventSourceContext context) =>
        [ConstructPermission(ev, context, eventSourceToken: ev["SkillId"])];
}

/// <summary>IoTRule: a topic rule invoking the function, plus the permission (push.py IoTRule).</summary>
internal sealed class IoTRuleEventSource : PushEventSource
{
    /// <inheritdoc />
    public override string Type => "IoTRule";

    /// <inheritdoc />
    public override string Principal => "iot.amazonaws.com";

    /// <inheritdoc />
    public override IReadOnlyList<EventProperty> PropertyTypes { get; } =
    [
        EventProperty.Of("Sql", PropertyCheck.String, required: true),
        EventProperty.Of("AwsIotSqlVersion", PropertyCheck.String),
    ];

    /// <inheritdoc />
    public override IReadOnlyList<CfnResource> ToCloudFormation(FunctionEvent ev, EventSourceContext context)
    {
        var sourceArn = Py.Sub(
            $"arn:{context.Partition}:iot:${{AWS::Region}}:${{AWS::AccountId}}:rule/${{RuleName}}",
            new MapNode { ["RuleName"] = Intrinsics.Ref(ev.LogicalId) });
        var permission = ConstructPermission(ev, context, sourceArn: sourceArn, sourceAccount: Intrinsics.Sub("${AWS::AccountId}"));

        var payload = new MapNode
        {
            ["Sql"] = ev["Sql"]!.Clone(),
            ["RuleDisabled"] = false,
            ["Actions"] = new ListNode([new MapNode { ["Lambda"] = new MapNode { ["FunctionArn"] = context.Function.Arn() } }]),
        };
        if (Py.Truthy(ev["AwsIotSqlVersion"]))
        {
            payload["AwsIotSqlVersion"] = ev["AwsIotSqlVersion"]!.Clone();
        }

        var rule = context.NewResource(ev.LogicalId, "AWS::IoT::TopicRule", ev).Set("TopicRulePayload", payload);
        return [permission, rule];
    }
}

/// <summary>Cognito: user pool triggers merged into the pool's LambdaConfig, plus the permission (push.py Cognito).</summary>
internal sealed class CognitoEventSource : PushEventSource
{
    /// <inheritdoc />
    public override string Type => "Cognito";

    /// <inheritdoc />
    public override string Principal => "cognito-idp.amazonaws.com";

    /// <inheritdoc />
    public override IReadOnlyList<EventProperty> PropertyTypes { get; } =
    [
        EventProperty.Of("UserPool", PropertyCheck.String, required: true),
        new("Trigger", true, PropertyCheck.StringOrStringList, SupportsIntrinsics: false),
    ];

    /// <inheritdoc />
    public override object? ResourcesToLink(FunctionEvent ev, MapNode samResources, TranslationContext context)
    {
        if (ev["UserPool"] is MapNode pool && pool.TryGetValue("Ref", out var r))
        {
            if (r is not ScalarNode { Kind: ScalarKind.String } id)
            {
                throw ev.ErrorById("Ref in Userpool is not a string.", "UserPool");
            }

            if (samResources[id.Text] is MapNode definition)
            {
                return new LinkedResource(id.Text, definition);
            }
        }

        throw ev.Error("Cognito events must reference a Cognito UserPool in the same template.", "UserPool");
    }

    /// <inheritdoc />
    public override IReadOnlyList<CfnResource> ToCloudFormation(FunctionEvent ev, EventSourceContext context)
    {
        var pool = (LinkedResource)context.Linked!;
        var permission = ConstructPermission(
            ev, context, sourceArn: Intrinsics.GetAtt(pool.LogicalId, "Arn"), prefix: context.Function.LogicalId + "Cognito");

        var triggers = ev["Trigger"] is ListNode l ? l.ToList() : [ev["Trigger"]!];
        var properties = pool.Definition["Properties"];
        if (properties is null || properties.IsNull)
        {
            properties = new MapNode();
            pool.Definition["Properties"] = properties;
        }

        if (properties is not MapNode propertiesMap)
        {
            throw new ResourceException(pool.LogicalId, "Properties of a resource must be an object.", properties.Span);
        }

        var lambdaConfig = propertiesMap["LambdaConfig"];
        if (lambdaConfig is null || lambdaConfig.IsNull)
        {
            lambdaConfig = new MapNode();
            propertiesMap["LambdaConfig"] = lambdaConfig;
        }

        if (lambdaConfig is not MapNode config)
        {
            throw new ResourceException(pool.LogicalId, "Property 'LambdaConfig' should be a map.", lambdaConfig.Span);
        }

        foreach (var trigger in triggers)
        {
            var name = trigger.AsString() ?? PyRepr.Str(trigger);
            if (config.ContainsKey(name))
            {
                throw ev.Error($"Cognito trigger \"{PyRepr.Str(ev["Trigger"]!)}\" defined multiple times.", "Trigger");
            }

            config[name] = context.Function.Arn();
        }

        return [permission, pool.Emit("AWS::Cognito::UserPool", LinkedResource.CognitoUserPoolProperties)];
    }
}

/// <summary>CloudWatchLogs: a subscription filter on a log group, plus the permission (cloudwatchlogs.py).</summary>
internal sealed class CloudWatchLogsEventSource : PushEventSource
{
    /// <inheritdoc />
    public override string Type => "CloudWatchLogs";

    /// <inheritdoc />
    public override string Principal => "logs.amazonaws.com";

    /// <inheritdoc />
    public override IReadOnlyList<EventProperty> PropertyTypes { get; } =
    [
        EventProperty.Of("LogGroupName", PropertyCheck.String, required: true),
        EventProperty.Of("FilterPattern", PropertyCheck.String, required: true),
    ];

    /// <inheritdoc />
    public override IReadOnlyList<CfnResource> ToCloudFormation(FunctionEvent ev, EventSourceContext context)
    {
        var sourceArn = Py.Sub(
            $"arn:{context.Partition}:logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:${{__LogGroupName__}}:*",
            new MapNode { ["__LogGroupName__"] = ev["LogGroupName"]!.Clone() });
        var permission = ConstructPermission(ev, context, sourceArn: sourceArn);
        var filter = context.NewResource(ev.LogicalId, "AWS::Logs::SubscriptionFilter", ev);
        filter.DependsOn = new ListNode([permission.LogicalId]);
        filter.Set("LogGroupName", ev["LogGroupName"]!.Clone())
            .Set("FilterPattern", ev["FilterPattern"]!.Clone())
            .Set("DestinationArn", context.Function.Arn());
        return [permission, filter];
    }
}
