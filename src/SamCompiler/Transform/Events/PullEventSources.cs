using SamCompiler.Syntax;

namespace SamCompiler.Transform.Events;

/// <summary>
/// Base of the pull event sources (PullEventSource in pull.py): an AWS::Lambda::EventSourceMapping, plus the managed
/// policy or inline policy statements the poller needs, added to the function's generated role.
/// </summary>
internal abstract class PullEventSource : EventSource
{
    /// <summary>Event types that accept FilterCriteria, in the reference's (alphabetical) order.</summary>
    private static readonly string[] TypesWithEventFiltering = ["DocumentDB", "DynamoDB", "Kinesis", "MQ", "MSK", "SelfManagedKafka", "SQS"];

    /// <summary>Valid DestinationConfig.OnFailure.Type values.</summary>
    private static readonly string[] DestinationTypes = ["SQS", "SNS", "S3", "Kafka"];

    /// <summary>
    /// The SAM properties copied unchanged onto the event source mapping (EventSourceMapping property ← SAM property
    /// of the same name), in the reference's order.
    /// </summary>
    private static readonly string[] MappingProperties =
    [
        "StartingPosition", "StartingPositionTimestamp", "BatchSize", "Enabled", "MaximumBatchingWindowInSeconds",
        "MaximumRetryAttempts", "BisectBatchOnFunctionError", "MaximumRecordAgeInSeconds", "ParallelizationFactor",
        "Topics", "Queues", "SourceAccessConfigurations", "TumblingWindowInSeconds", "FunctionResponseTypes",
        "FilterCriteria", "KmsKeyArn", "ScalingConfig", "ProvisionedPollerConfig", "MetricsConfig", "LoggingConfig",
    ];

    /// <summary>PullEventSource.property_types.</summary>
    protected static readonly EventProperty[] CommonProperties =
    [
        EventProperty.Of("BatchSize", PropertyCheck.Int),
        EventProperty.PassThrough("StartingPosition"),
        EventProperty.PassThrough("StartingPositionTimestamp"),
        EventProperty.Of("Enabled", PropertyCheck.Bool),
        EventProperty.Of("MaximumBatchingWindowInSeconds", PropertyCheck.Int),
        EventProperty.Of("MaximumRetryAttempts", PropertyCheck.Int),
        EventProperty.Of("BisectBatchOnFunctionError", PropertyCheck.Bool),
        EventProperty.Of("MaximumRecordAgeInSeconds", PropertyCheck.Int),
        EventProperty.Of("DestinationConfig", PropertyCheck.Map),
        EventProperty.Of("ParallelizationFactor", PropertyCheck.Int),
        EventProperty.Of("Topics", PropertyCheck.List),
        EventProperty.Of("Queues", PropertyCheck.List),
        EventProperty.Of("SourceAccessConfigurations", PropertyCheck.List),
        EventProperty.Of("SecretsManagerKmsKeyId", PropertyCheck.String),
        EventProperty.Of("TumblingWindowInSeconds", PropertyCheck.Int),
        EventProperty.Of("FunctionResponseTypes", PropertyCheck.List),
        EventProperty.Of("KafkaBootstrapServers", PropertyCheck.List),
        EventProperty.Of("FilterCriteria", PropertyCheck.Map),
        EventProperty.PassThrough("KmsKeyArn"),
        EventProperty.Of("ConsumerGroupId", PropertyCheck.String),
        EventProperty.Of("ScalingConfig", PropertyCheck.Map),
        EventProperty.Of("ProvisionedPollerConfig", PropertyCheck.Map),
        EventProperty.Of("SchemaRegistryConfig", PropertyCheck.Map),
        EventProperty.Of("MetricsConfig", PropertyCheck.Map),
        EventProperty.Of("LoggingConfig", PropertyCheck.Map),
    ];

    /// <summary>The EventSourceArn of the mapping, or null.</summary>
    protected abstract Node? EventSourceArn(FunctionEvent ev);

    /// <summary>get_policy_arn: the managed policy to add to the role, or null.</summary>
    protected virtual string? PolicyArn(EventSourceContext context) => null;

    /// <summary>get_policy_statements: inline policies to add to the role, or null (also where the reference validates).</summary>
    protected virtual List<MapNode>? PolicyStatements(FunctionEvent ev, EventSourceContext context) => null;

    /// <summary>add_extra_eventsourcemapping_fields.</summary>
    protected virtual void AddExtraFields(FunctionEvent ev, CfnResource mapping)
    {
    }

    /// <summary>{**PullEventSource.property_types, **extra}: an overridden entry keeps its place, new ones are appended.</summary>
    protected static EventProperty[] Merge(params EventProperty[] extra)
    {
        var list = CommonProperties.ToList();
        foreach (var p in extra)
        {
            var i = list.FindIndex(x => x.Name == p.Name);
            if (i >= 0)
            {
                list[i] = p;
            }
            else
            {
                list.Add(p);
            }
        }

        return [.. list];
    }

    /// <inheritdoc />
    public override IReadOnlyList<CfnResource> ToCloudFormation(FunctionEvent ev, EventSourceContext context)
    {
        var mapping = context.NewResource(ev.LogicalId, "AWS::Lambda::EventSourceMapping", ev);
        mapping.Set("FunctionName", context.Function.NameOrArn())
            .Set("EventSourceArn", EventSourceArn(ev)?.Clone());
        foreach (var name in MappingProperties)
        {
            mapping.Set(name, ev[name]?.Clone());
        }

        ValidateFilterCriteria(ev);
        if (Py.Truthy(ev["KafkaBootstrapServers"]))
        {
            mapping.Set("SelfManagedEventSource", new MapNode
            {
                ["Endpoints"] = new MapNode { ["KafkaBootstrapServers"] = ev["KafkaBootstrapServers"]!.Clone() },
            });
        }

        var kafkaConfigName = Type switch
        {
            "MSK" => "AmazonManagedKafkaEventSourceConfig",
            "SelfManagedKafka" => "SelfManagedKafkaEventSourceConfig",
            _ => null,
        };
        if (Py.Truthy(ev["ConsumerGroupId"]))
        {
            if (kafkaConfigName is null)
            {
                throw ev.ErrorById($"Property ConsumerGroupId not defined for resource of type {Type}.", "ConsumerGroupId");
            }

            mapping.Set(kafkaConfigName, new MapNode { ["ConsumerGroupId"] = ev["ConsumerGroupId"]!.Clone() });
        }

        MapNode? destinationPolicy = null;
        if (Py.Truthy(ev["DestinationConfig"]))
        {
            var destinationConfig = (MapNode)ev["DestinationConfig"]!.Clone();
            if (destinationConfig["OnFailure"] is not MapNode onFailure)
            {
                throw ev.ErrorById("Property 'DestinationConfig.OnFailure' should be a map.", "DestinationConfig");
            }

            var destinationType = onFailure["Type"];
            if (Py.Truthy(destinationType))
            {
                onFailure.Remove("Type");
                var type = destinationType.AsString();
                if (type is null || !DestinationTypes.Contains(type))
                {
                    throw ev.ErrorById("The only valid values for 'Type' are 'SQS', 'SNS', 'S3', and 'Kafka'", "DestinationConfig");
                }

                var destination = onFailure["Destination"] ?? ScalarNode.Null();
                destinationPolicy = type switch
                {
                    "SQS" => EventPolicies.SqsSendMessage(destination, ev.LogicalId),
                    "SNS" => EventPolicies.SnsPublish(destination, ev.LogicalId),
                    "S3" => EventPolicies.S3SendEventPayload(destination, ev.LogicalId),
                    _ => null,
                };
            }

            mapping.Set("DestinationConfig", destinationConfig);
        }

        AddExtraFields(ev, mapping);
        LinkPolicy(ev, context, destinationPolicy);

        // Copied last: the reference shares the node with the mapping, and resolving the registry policy above
        // resolves parameters inside SchemaRegistryURI in place.
        if (Py.Truthy(ev["SchemaRegistryConfig"]) && kafkaConfigName is not null)
        {
            if (!Py.Truthy(mapping.Properties[kafkaConfigName]))
            {
                mapping.Set(kafkaConfigName, new MapNode());
            }

            ((MapNode)mapping.Properties[kafkaConfigName]!)["SchemaRegistryConfig"] = ev["SchemaRegistryConfig"]!.Clone();
        }

        return [mapping];
    }

    /// <summary>_link_policy: adds the managed policy and statements (and the destination policy) to the generated role.</summary>
    private void LinkPolicy(FunctionEvent ev, EventSourceContext context, MapNode? destinationPolicy)
    {
        var policyArn = PolicyArn(context);
        var statements = PolicyStatements(ev, context);
        var role = context.Role;
        if (role is null)
        {
            return;
        }

        if (policyArn is not null)
        {
            if (role.Properties["ManagedPolicyArns"] is not ListNode arns)
            {
                arns = new ListNode();
                role.Properties["ManagedPolicyArns"] = arns;
            }

            if (!Py.Contains(arns, policyArn))
            {
                arns.Add(policyArn);
            }
        }

        if (statements is not null)
        {
            var policies = RolePolicies(role);
            foreach (var policy in statements)
            {
                if (!Py.Contains(policies, policy) && !policies.Any(d => Node.DeepEquals(d.Get("PolicyDocument"), policy["PolicyDocument"])))
                {
                    policies.Add(policy);
                }
            }
        }

        if (destinationPolicy is not null)
        {
            if (role.Properties["Policies"] is not ListNode)
            {
                RolePolicies(role).Add(destinationPolicy);
            }

            var policies = RolePolicies(role);
            if (policies.Count > 0 && !Py.Contains(policies, destinationPolicy) &&
                !policies.Any(d => Node.DeepEquals(d.Get("PolicyDocument") ?? new MapNode(), destinationPolicy["PolicyDocument"])))
            {
                policies.Add(destinationPolicy);
            }
        }
    }

    private static ListNode RolePolicies(CfnResource role)
    {
        if (role.Properties["Policies"] is not ListNode policies)
        {
            policies = new ListNode();
            role.Properties["Policies"] = policies;
        }

        return policies;
    }

    /// <summary>_validate_filter_criteria: FilterCriteria holds nothing or only Filters.</summary>
    private void ValidateFilterCriteria(FunctionEvent ev)
    {
        var criteria = ev["FilterCriteria"];
        if (!Py.Truthy(criteria) || criteria!.IsIntrinsic)
        {
            return;
        }

        if (!TypesWithEventFiltering.Contains(Type))
        {
            throw ev.Error($"FilterCriteria is only available for {string.Join(", ", TypesWithEventFiltering)} events.", "FilterCriteria");
        }

        if (criteria is MapNode m && !(m.Count == 0 || (m.Count == 1 && m.KeyAt(0) == "Filters")))
        {
            throw ev.Error("FilterCriteria field has a wrong format", "FilterCriteria");
        }
    }

    /// <summary>_validate_source_access_configurations: checks the list and returns the URI of the required type.</summary>
    protected static Node SourceAccessUri(FunctionEvent ev, string type, string[] supportedTypes, string requiredType)
    {
        var configurations = ev["SourceAccessConfigurations"];
        if (!Py.Truthy(configurations))
        {
            throw ev.Error($"No SourceAccessConfigurations for Amazon {type} event provided.", "SourceAccessConfigurations");
        }

        if (configurations is not ListNode list)
        {
            throw ev.Error("Provided SourceAccessConfigurations cannot be parsed into a list.", "SourceAccessConfigurations");
        }

        Node? uri = null;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not MapNode conf)
            {
                throw ev.Error($"Property 'SourceAccessConfigurations[{i}]' should be a map.", "SourceAccessConfigurations");
            }

            if (conf["Type"] is not ScalarNode { Kind: ScalarKind.String } typeNode)
            {
                throw ev.Error($"Property 'SourceAccessConfigurations[{i}].Type' should be a string.", "SourceAccessConfigurations");
            }

            if (!supportedTypes.Contains(typeNode.Text))
            {
                var supported = "[" + string.Join(", ", supportedTypes.Select(t => $"'{t}'")) + "]";
                throw ev.Error($"Invalid property Type specified in SourceAccessConfigurations. The supported values are: {supported}.", "SourceAccessConfigurations");
            }

            if (typeNode.Text == requiredType)
            {
                if (uri is not null)
                {
                    throw ev.Error($"Multiple {requiredType} properties specified in SourceAccessConfigurations.", "SourceAccessConfigurations");
                }

                uri = conf["URI"];
                if (!Py.Truthy(uri))
                {
                    throw ev.Error($"No {requiredType} URI property specified in SourceAccessConfigurations.", "SourceAccessConfigurations");
                }
            }
        }

        return uri ?? throw ev.Error($"No {requiredType} property specified in SourceAccessConfigurations.", "SourceAccessConfigurations");
    }

    /// <summary>validate_secrets_manager_kms_key_id: the key id must be a string here (an intrinsic got past the type check).</summary>
    protected static string SecretsManagerKmsKeyId(FunctionEvent ev) =>
        ev["SecretsManagerKmsKeyId"].AsString() ?? throw ev.Error("Property 'SecretsManagerKmsKeyId' should be a string.", "SecretsManagerKmsKeyId");

    /// <summary>{"Fn::Sub": "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/" + id}.</summary>
    protected static MapNode KmsKeyArn(string keyId) => Intrinsics.Sub("arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/" + keyId);

    /// <summary>secretsmanager:GetSecretValue on <paramref name="resource"/>.</summary>
    protected static MapNode SecretStatement(Node? resource) => EventPolicies.Allow(new ListNode(["secretsmanager:GetSecretValue"]), resource);

    /// <summary>The statement letting the poller manage network interfaces in a VPC.</summary>
    protected static MapNode VpcStatement() => EventPolicies.Allow(
        new ListNode(
        [
            "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface",
            "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
        ]),
        "*");

    /// <summary>get_schema_registry_permissions: validates SchemaRegistryConfig and returns its statements.</summary>
    protected static List<MapNode>? SchemaRegistryStatements(FunctionEvent ev, EventSourceContext context)
    {
        if (!Py.Truthy(ev["SchemaRegistryConfig"]))
        {
            return null;
        }

        if (ev["SchemaRegistryConfig"] is not MapNode config)
        {
            throw ev.Error("Property 'SchemaRegistryConfig' should be a map.", "SchemaRegistryConfig");
        }

        foreach (var field in (string[])["SchemaRegistryURI", "EventRecordFormat", "SchemaValidationConfigs"])
        {
            if (!config.ContainsKey(field))
            {
                throw ev.Error($"Missing required field {field} in SchemaRegistryConfig", "SchemaRegistryConfig");
            }
        }

        if (config["EventRecordFormat"].AsString() is not ("JSON" or "SOURCE"))
        {
            throw ev.Error("EventRecordFormat in SchemaRegistryConfig must be either 'JSON' or 'SOURCE'", "SchemaRegistryConfig");
        }

        if (config["SchemaValidationConfigs"] is not ListNode)
        {
            throw ev.Error("SchemaValidationConfigs must be a list", "SchemaRegistryConfig");
        }

        var accessConfigs = config["AccessConfigs"];
        if (Py.Truthy(accessConfigs))
        {
            if (accessConfigs is not ListNode accessList)
            {
                throw ev.Error("AccessConfigs in SchemaRegistryConfig must be a list", "SchemaRegistryConfig");
            }

            if (accessList.Any(c => c is not MapNode m || !m.ContainsKey("Type") || !m.ContainsKey("URI")))
            {
                throw ev.Error("Each AccessConfig must be a dict with 'Type' and 'URI' fields", "SchemaRegistryConfig");
            }
        }

        var statements = new List<MapNode>();
        if (accessConfigs is ListNode configs)
        {
            foreach (var c in configs.OfType<MapNode>().Where(c => c.ContainsKey("URI")))
            {
                statements.Add(SecretStatement(c["URI"]));
            }
        }

        var registryUri = config["SchemaRegistryURI"]!;
        string? registryArn = null;
        if (registryUri is ScalarNode { Kind: ScalarKind.String } s)
        {
            registryArn = s.Text;
        }
        else if (registryUri is MapNode uri)
        {
            // The reference resolves a shallow copy: parameter references nested in the value are resolved in
            // the template itself, which shows in the event source mapping.
            registryArn = context.Translation.Intrinsics.ResolveParameterRefs(uri.ShallowCopy()).Get("Fn::Sub").AsString();
        }

        if (RegistryName(registryArn) is { } name)
        {
            statements.Add(EventPolicies.Allow(new ListNode(["glue:GetRegistry"]), registryUri));
            statements.Add(EventPolicies.Allow(
                new ListNode(["glue:GetSchemaVersion"]),
                new ListNode([Intrinsics.Sub("arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:schema/" + name + "/*")])));
        }

        return statements;
    }

    /// <summary>get_registry_name: NAME of an arn:...:registry/NAME.</summary>
    private static string? RegistryName(string? registryArn)
    {
        if (registryArn is null || !registryArn.StartsWith("arn", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = registryArn.Split(':');
        return parts.Length >= 6 && parts[5].StartsWith("registry/", StringComparison.Ordinal) ? parts[5]["registry/".Length..] : null;
    }
}

/// <summary>A stream source (Kinesis, DynamoDB, MSK): Stream and StartingPosition are required.</summary>
internal abstract class StreamEventSource : PullEventSource
{
    /// <inheritdoc />
    public override IReadOnlyList<EventProperty> PropertyTypes { get; } =
        Merge(EventProperty.PassThrough("Stream", required: true), EventProperty.PassThrough("StartingPosition", required: true));

    /// <summary>The AWS managed policy for the poller (service-role/...).</summary>
    protected abstract string ManagedPolicy { get; }

    /// <inheritdoc />
    protected override Node? EventSourceArn(FunctionEvent ev) => ev["Stream"];

    /// <inheritdoc />
    protected override string? PolicyArn(EventSourceContext context) => context.ManagedPolicyArn(ManagedPolicy);
}

/// <summary>Kinesis data streams.</summary>
internal sealed class KinesisEventSource : StreamEventSource
{
    /// <inheritdoc />
    public override string Type => "Kinesis";

    /// <inheritdoc />
    protected override string ManagedPolicy => "service-role/AWSLambdaKinesisExecutionRole";
}

/// <summary>DynamoDB streams.</summary>
internal sealed class DynamoDbEventSource : StreamEventSource
{
    /// <inheritdoc />
    public override string Type => "DynamoDB";

    /// <inheritdoc />
    protected override string ManagedPolicy => "service-role/AWSLambdaDynamoDBExecutionRole";
}

/// <summary>Amazon MSK topics.</summary>
internal sealed class MskEventSource : StreamEventSource
{
    /// <inheritdoc />
    public override string Type => "MSK";

    /// <inheritdoc />
    protected override string ManagedPolicy => "service-role/AWSLambdaMSKExecutionRole";

    /// <inheritdoc />
    protected override List<MapNode>? PolicyStatements(FunctionEvent ev, EventSourceContext context)
    {
        var statements = new List<MapNode>();
        if (Py.Truthy(ev["SchemaRegistryConfig"]) && SchemaRegistryStatements(ev, context) is { } registry)
        {
            statements.AddRange(registry);
        }

        if (Py.Truthy(ev["SourceAccessConfigurations"]) && ev["SourceAccessConfigurations"] is ListNode configurations)
        {
            foreach (var conf in configurations.OfType<MapNode>())
            {
                if (conf["Type"].AsString() == "CLIENT_CERTIFICATE_TLS_AUTH" && Py.Truthy(conf["URI"]))
                {
                    statements.Add(SecretStatement(conf["URI"]));
                }
            }
        }

        if (statements.Count == 0)
        {
            return null;
        }

        return
        [
            new MapNode
            {
                ["PolicyName"] = "MSKExecutionRolePolicy",
                ["PolicyDocument"] = new MapNode { ["Statement"] = new ListNode(statements) },
            },
        ];
    }
}

/// <summary>SQS queues.</summary>
internal sealed class SqsEventSource : PullEventSource
{
    private static readonly SqsEventSource Instance = new();

    /// <inheritdoc />
    public override string Type => "SQS";

    /// <inheritdoc />
    public override IReadOnlyList<EventProperty> PropertyTypes { get; } = Merge(EventProperty.PassThrough("Queue", required: true));

    /// <inheritdoc />
    protected override Node? EventSourceArn(FunctionEvent ev) => ev["Queue"];

    /// <inheritdoc />
    protected override string? PolicyArn(EventSourceContext context) => context.ManagedPolicyArn("service-role/AWSLambdaSQSQueueExecutionRole");

    /// <summary>
    /// SNS._inject_sqs_event_source_mapping: the mapping from the queue of an SNS SqsSubscription, named EVENT +
    /// "EventSourceMapping", BatchSize defaulting to 10, always enabled.
    /// </summary>
    public static IReadOnlyList<CfnResource> ForSnsQueue(FunctionEvent snsEvent, EventSourceContext context, Node queueArn, Node? batchSize)
    {
        var properties = new MapNode
        {
            ["Queue"] = queueArn.Clone(),
            ["BatchSize"] = Py.Truthy(batchSize) ? batchSize!.Clone() : 10,
            ["Enabled"] = true,
        };
        var ev = new FunctionEvent(snsEvent.LogicalId + "EventSourceMapping", snsEvent.RelativeId, "SQS", snsEvent.Definition, properties, snsEvent.Span);
        var inner = new EventSourceContext(context.SamFunction, context.LambdaFunction, context.Function, context.Role, context.Translation, null);
        return Instance.ToCloudFormation(ev, inner);
    }
}

/// <summary>Amazon MQ brokers.</summary>
internal sealed class MqEventSource : PullEventSource
{
    /// <inheritdoc />
    public override string Type => "MQ";

    /// <inheritdoc />
    public override IReadOnlyList<EventProperty> PropertyTypes { get; } =
        Merge(EventProperty.PassThrough("Broker", required: true), EventProperty.Strict("DynamicPolicyName", PropertyCheck.Bool));

    /// <inheritdoc />
    protected override Node? EventSourceArn(FunctionEvent ev) => ev["Broker"];

    /// <inheritdoc />
    protected override List<MapNode>? PolicyStatements(FunctionEvent ev, EventSourceContext context)
    {
        var basicAuthUri = SourceAccessUri(ev, Type, ["BASIC_AUTH", "VIRTUAL_HOST"], "BASIC_AUTH");
        var statements = new ListNode
        {
            SecretStatement(basicAuthUri),
            EventPolicies.Allow(new ListNode(["mq:DescribeBroker"]), ev["Broker"]),
        };
        if (Py.Truthy(ev["SecretsManagerKmsKeyId"]))
        {
            statements.Add(EventPolicies.Allow("kms:Decrypt", KmsKeyArn(SecretsManagerKmsKeyId(ev))));
        }

        var policyName = Py.Truthy(ev["DynamicPolicyName"]) ? ev.LogicalId + "AMQPolicy" : "SamAutoGeneratedAMQPolicy";
        return [new MapNode { ["PolicyName"] = policyName, ["PolicyDocument"] = new MapNode { ["Statement"] = statements } }];
    }
}

/// <summary>Self-managed Apache Kafka clusters.</summary>
internal sealed class SelfManagedKafkaEventSource : PullEventSource
{
    private static readonly string[] AuthMechanisms = ["SASL_SCRAM_256_AUTH", "SASL_SCRAM_512_AUTH", "BASIC_AUTH", "CLIENT_CERTIFICATE_TLS_AUTH"];

    /// <inheritdoc />
    public override string Type => "SelfManagedKafka";

    /// <inheritdoc />
    public override IReadOnlyList<EventProperty> PropertyTypes { get; } = CommonProperties;

    /// <inheritdoc />
    protected override Node? EventSourceArn(FunctionEvent ev) => null;

    /// <inheritdoc />
    protected override List<MapNode>? PolicyStatements(FunctionEvent ev, EventSourceContext context)
    {
        if (!Py.Truthy(ev["KafkaBootstrapServers"]))
        {
            throw ev.Error("No KafkaBootstrapServers provided for self managed kafka as an event source", "KafkaBootstrapServers");
        }

        if (!Py.Truthy(ev["Topics"]))
        {
            throw ev.Error("No Topics provided for self managed kafka as an event source", "Topics");
        }

        if (Count(ev["Topics"]!) != 1)
        {
            throw ev.Error("Topics for self managed kafka only supports single configuration entry.", "Topics");
        }

        if (!Py.Truthy(ev["SourceAccessConfigurations"]))
        {
            throw ev.Error("No SourceAccessConfigurations for self managed kafka event provided.", "SourceAccessConfigurations");
        }

        var statements = new ListNode();
        var (authUri, authUri2, hasVpc) = SecretKeys(ev);
        if (Py.Truthy(authUri))
        {
            statements.Add(SecretStatement(authUri));
        }

        if (Py.Truthy(authUri2))
        {
            // The reference grants the first URI here, not the root CA certificate's.
            statements.Add(SecretStatement(authUri));
        }

        if (hasVpc)
        {
            statements.Add(VpcStatement());
        }

        if (Py.Truthy(ev["SecretsManagerKmsKeyId"]))
        {
            statements.Add(EventPolicies.Allow(new ListNode(["kms:Decrypt"]), KmsKeyArn(SecretsManagerKmsKeyId(ev))));
        }

        if (Py.Truthy(ev["SchemaRegistryConfig"]) && SchemaRegistryStatements(ev, context) is { } registry)
        {
            foreach (var s in registry)
            {
                statements.Add(s);
            }
        }

        return
        [
            new MapNode
            {
                ["PolicyDocument"] = new MapNode { ["Statement"] = statements, ["Version"] = "2012-10-17" },
                ["PolicyName"] = "SelfManagedKafkaExecutionRolePolicy",
            },
        ];
    }

    private static int Count(Node n) => n switch
    {
        ListNode l => l.Count,
        MapNode m => m.Count,
        ScalarNode { Kind: ScalarKind.String } s => s.Text.Length,
        _ => 1,
    };

    /// <summary>get_secret_key: the auth URI, the root CA URI and whether both VPC entries are present.</summary>
    private static (Node? AuthUri, Node? AuthUri2, bool HasVpc) SecretKeys(FunctionEvent ev)
    {
        if (ev["SourceAccessConfigurations"] is not ListNode configurations)
        {
            throw ev.Error("SourceAccessConfigurations for self managed kafka event should be a list.", "SourceAccessConfigurations");
        }

        Node? authUri = null;
        Node? authUri2 = null;
        var hasSubnet = false;
        var hasSecurityGroup = false;
        foreach (var item in configurations)
        {
            if (item is not MapNode config)
            {
                throw new ResourceException(ev.RelativeId, "Property 'SourceAccessConfigurations' should be a map.", ev.SpanOf("SourceAccessConfigurations"));
            }

            var type = config["Type"].AsString();
            if (type == "VPC_SUBNET")
            {
                ValidateUri(ev, config["URI"], "VPC_SUBNET");
                hasSubnet = true;
            }
            else if (type == "VPC_SECURITY_GROUP")
            {
                ValidateUri(ev, config["URI"], "VPC_SECURITY_GROUP");
                hasSecurityGroup = true;
            }
            else if (type is not null && AuthMechanisms.Contains(type))
            {
                if (Py.Truthy(authUri))
                {
                    throw ev.Error("Multiple auth mechanism properties specified in SourceAccessConfigurations for self managed kafka event.", "SourceAccessConfigurations");
                }

                ValidateUri(ev, config["URI"], "auth mechanism");
                authUri = config["URI"];
            }
            else if (type == "SERVER_ROOT_CA_CERTIFICATE")
            {
                ValidateUri(ev, config["URI"], "SERVER_ROOT_CA_CERTIFICATE");
                authUri2 = config["URI"];
            }
            else
            {
                throw ev.Error("Invalid SourceAccessConfigurations Type provided for self managed kafka event.", "SourceAccessConfigurations");
            }
        }

        if (hasSubnet != hasSecurityGroup)
        {
            throw ev.Error("VPC_SUBNET and VPC_SECURITY_GROUP in SourceAccessConfigurations for SelfManagedKafka must be both provided.", "SourceAccessConfigurations");
        }

        return (authUri, authUri2, hasSubnet && hasSecurityGroup);
    }

    private static void ValidateUri(FunctionEvent ev, Node? uri, string what)
    {
        if (!Py.Truthy(uri))
        {
            throw ev.Error($"No {what} URI property specified in SourceAccessConfigurations for self managed kafka event.", "SourceAccessConfigurations");
        }

        if (uri is not ScalarNode { Kind: ScalarKind.String } && !uri!.IsIntrinsic)
        {
            throw ev.Error($"Wrong Type for {what} URI property specified in SourceAccessConfigurations for self managed kafka event.", "SourceAccessConfigurations");
        }
    }
}

/// <summary>Amazon DocumentDB change streams.</summary>
internal sealed class DocumentDbEventSource : PullEventSource
{
    /// <inheritdoc />
    public override string Type => "DocumentDB";

    /// <inheritdoc />
    public override IReadOnlyList<EventProperty> PropertyTypes { get; } = Merge(
        EventProperty.PassThrough("Cluster", required: true),
        EventProperty.PassThrough("DatabaseName", required: true),
        EventProperty.PassThrough("CollectionName"),
        EventProperty.PassThrough("FullDocument"));

    /// <inheritdoc />
    protected override Node? EventSourceArn(FunctionEvent ev) => ev["Cluster"];

    /// <inheritdoc />
    protected override void AddExtraFields(FunctionEvent ev, CfnResource mapping)
    {
        var config = new MapNode { ["DatabaseName"] = ev["DatabaseName"]?.Clone() ?? ScalarNode.Null() };
        foreach (var name in (string[])["CollectionName", "FullDocument"])
        {
            if (Py.Truthy(ev[name]))
            {
                config[name] = ev[name]!.Clone();
            }
        }

        mapping.Set("DocumentDBEventSourceConfig", config);
    }

    /// <inheritdoc />
    protected override List<MapNode>? PolicyStatements(FunctionEvent ev, EventSourceContext context)
    {
        var basicAuthUri = SourceAccessUri(ev, Type, ["BASIC_AUTH"], "BASIC_AUTH");
        var statements = new ListNode
        {
            SecretStatement(basicAuthUri),
            EventPolicies.Allow(new ListNode(["rds:DescribeDBClusterParameters"]), Intrinsics.Sub("arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:cluster-pg:*")),
            EventPolicies.Allow(new ListNode(["rds:DescribeDBSubnetGroups"]), Intrinsics.Sub("arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:subgrp:*")),
            EventPolicies.Allow(new ListNode(["rds:DescribeDBClusters"]), ev["Cluster"]),
            VpcStatement(),
        };
        if (Py.Truthy(ev["SecretsManagerKmsKeyId"]))
        {
            statements.Add(EventPolicies.Allow(new ListNode(["kms:Decrypt"]), KmsKeyArn(SecretsManagerKmsKeyId(ev))));
        }

        return [new MapNode { ["PolicyName"] = "SamAutoGeneratedDocumentDBPolicy", ["PolicyDocument"] = new MapNode { ["Statement"] = statements } }];
    }
}
