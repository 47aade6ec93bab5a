using SamCompiler.Diagnostics;
using SamCompiler.Syntax;

namespace SamCompiler.Emit.Pulumi;

/// <summary>Classic-provider shapes that do not follow from renaming: code, key schemas, inline sub-resources.</summary>
internal sealed partial class PulumiProgramBuilder
{
    private void ClassicSpecial(string logicalId, string cfnType, MapNode rest, PulumiClass cls, List<KeyValuePair<string, PValue>> args, List<PulumiResource> extras)
    {
        switch (cfnType)
        {
            case "AWS::Lambda::Function":
                if (rest.Pop("Code") is { } code)
                {
                    Code(code, rest.Get("Runtime").AsString(), args, "Function code");
                }

                // UpdateRuntimeOn "Auto" (what CloudFormation applies when it is left out) is what a function without a
                // runtime management configuration gets; other modes need the separate RuntimeManagementConfig resource.
                if (rest.Get("RuntimeManagementConfig") is MapNode { IsIntrinsic: false } runtime
                    && runtime.Keys.All(k => k == "UpdateRuntimeOn")
                    && runtime.Get("UpdateRuntimeOn") is null or ScalarNode { Text: "Auto" })
                {
                    rest.Remove("RuntimeManagementConfig");
                }

                break;
            case "AWS::Lambda::LayerVersion":
                if (rest.Pop("Content") is { } content)
                {
                    Code(content, null, args, "Layer content");
                }

                break;
            case "AWS::Lambda::Alias":
                Alias(logicalId, rest, args, extras);
                break;
            case "AWS::Events::Rule":
                if (rest.Pop("Targets") is { } targets)
                {
                    RuleTargets(logicalId, rest, targets, extras);
                }

                break;
            case "AWS::SNS::Topic":
                if (rest.Pop("Subscription") is { } subscriptions)
                {
                    TopicSubscriptions(logicalId, subscriptions, extras);
                }

                break;
            case "AWS::SQS::QueuePolicy":
                PolicyPerTarget(logicalId, cfnType, rest, "Queues", "queueUrl", null, cls, args, extras);
                break;
            case "AWS::SNS::TopicPolicy":
                PolicyPerTarget(logicalId, cfnType, rest, "Topics", "arn", null, cls, args, extras);
                break;
            case "AWS::IAM::Policy":
                if (rest.ContainsKey("Users") || rest.ContainsKey("Groups"))
                {
                    throw new NotExpressibleException("a policy for users or groups has no single classic resource");
                }

                PolicyPerTarget(logicalId, cfnType, rest, "Roles", "role", rest.Pop("PolicyName"), cls, args, extras);
                break;
            case "AWS::Route53::RecordSetGroup":
                RecordSets(logicalId, rest, cls, args, extras);
                break;
            case "AWS::DynamoDB::Table":
                Table(rest, cls, args);
                break;
            case "AWS::AppSync::GraphQLApi":
                if (_schemas.TryGetValue(logicalId, out var schema))
                {
                    args.Add(new("schema", Schema(schema)));
                }

                break;
            case "AWS::AppSync::ApiKey":
                if (rest.ContainsKey("Expires"))
                {
                    // CloudFormation takes epoch seconds, the classic class an RFC 3339 time.
                    throw new NotExpressibleException("Expires has no classic input");
                }

                break;
            case "AWS::ElasticLoadBalancingV2::ListenerCertificate":
                Certificates(logicalId, cfnType, rest, cls, args, extras);
                break;
            case "AWS::Glue::Table":
                if (rest.Pop("TableInput") is { } tableInput)
                {
                    args.AddRange(ConvertObject(tableInput as MapNode is { IsIntrinsic: false } input ? input : throw new NotExpressibleException("TableInput is not a literal mapping"), cls.Shape, null, "TableInput"));
                }

                break;
            case "AWS::KinesisAnalytics::Application":
                if (_applicationOutputs.TryGetValue(logicalId, out var outputs))
                {
                    var shape = cls.Shape.Properties["outputs"];
                    args.Add(new("outputs", new PList([.. outputs.Select(o => (PValue)new PObject(ConvertObject(o, shape.Element!, PulumiCatalog.ClassicFor(cfnType), "Outputs")))])));
                }

                break;
            case "AWS::BedrockAgentCore::GatewayTarget":
                if (rest.Pop("CredentialProviderConfigurations") is { } credentials)
                {
                    args.Add(new("credentialProviderConfiguration", Convert(CredentialProvider(credentials), cls.Shape.Properties["credentialProviderConfiguration"], "CredentialProviderConfigurations")));
                }

                break;
            case "AWS::Logs::SubscriptionFilter":
                if (!rest.ContainsKey("FilterName"))
                {
                    args.Add(new("name", PLiteral.Of(logicalId)));
                }

                break;
        }
    }

    /// <summary>
    /// A CloudFormation policy that lists its targets (queues, topics, roles) becomes one classic policy per target:
    /// the first is the resource itself, the others are named "LogicalId-2", "LogicalId-3"...
    /// </summary>
    private void PolicyPerTarget(string logicalId, string cfnType, MapNode rest, string listProperty, string targetInput, Node? name, PulumiClass cls, List<KeyValuePair<string, PValue>> args, List<PulumiResource> extras)
    {
        var targets = rest.Pop(listProperty) as ListNode;
        var document = rest.Pop("PolicyDocument");
        if (targets is null || targets.Count == 0 || document is null)
        {
            throw new NotExpressibleException($"{listProperty} is not a literal list");
        }

        var policy = Convert(document, PulumiShape.StringShape, "PolicyDocument");
        for (var i = 0; i < targets.Count; i++)
        {
            var entries = new List<KeyValuePair<string, PValue>> { new(targetInput, Convert(targets[i], PulumiShape.StringShape, listProperty)) };
            if (name is not null)
            {
                entries.Add(new("name", Convert(name, PulumiShape.StringShape, "PolicyName")));
            }

            entries.Add(new("policy", policy));
            if (i == 0)
            {
                args.AddRange(entries);
            }
            else
            {
                var extraName = $"{logicalId}-{(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
                extras.Add(new PulumiResource(logicalId, extraName, _dryRun ? extraName : _names.Take(extraName), cfnType, cls, entries, null, [], false));
            }
        }
    }

    /// <summary>The schema of a GraphQL API (see <see cref="FoldSchemas"/>): its text, or the S3 object that holds it.</summary>
    private PValue Schema(MapNode schema)
    {
        if (schema.Get("Definition") is { } definition)
        {
            return Convert(definition, PulumiShape.StringShape, "Definition");
        }

        var location = schema.Get("DefinitionS3Location");
        if (location is null || SchemaObject(location) is not { } found)
        {
            throw new NotExpressibleException("the schema is neither a definition nor a literal S3 location");
        }

        var (bucket, key) = found;
        if (_yaml && !_dryRun)
        {
            Report(DiagnosticCatalog.PulumiYamlUnsupported, location, $"Pulumi YAML cannot read the GraphQL schema from S3 (in {_where}). Use --target pulumi-typescript.");
        }

        // The program reads the schema object when it runs (CloudFormation reads it when it deploys).
        return new PRef($"aws.s3.getObjectOutput({{ bucket: {TypeScriptWriter.Quote(bucket)}, key: {TypeScriptWriter.Quote(key)} }}).body", null, true, ValueType.String);
    }

    /// <summary>
    /// A gateway target's CredentialProviderConfigurations (a list of one, under Fn::If or not) in the classic shape:
    /// { CredentialProvider: { ApiKeyCredentialProvider: {...} } } becomes { ApiKey: {...} }, likewise OAuth; the
    /// GATEWAY_IAM_ROLE type becomes { GatewayIamRole: {} }.
    /// </summary>
    private static Node CredentialProvider(Node node)
    {
        switch (node)
        {
            case MapNode { Count: 1 } branch when branch.KeyAt(0) == "Fn::If" && branch.ValueAt(0) is ListNode { Count: 3 } parts:
                return new MapNode { ["Fn::If"] = new ListNode { parts[0], CredentialProvider(parts[1]), CredentialProvider(parts[2]) } };
            case MapNode m when m.IsIntrinsic:
                return m;
            case ListNode { Count: 1 } list:
                return CredentialProvider(list[0]);
            case MapNode configuration:
                var result = new MapNode();
                foreach (var (key, value) in configuration.Get("CredentialProvider").AsMap() ?? new MapNode())
                {
                    result[key switch
                    {
                        "ApiKeyCredentialProvider" => "ApiKey",
                        "OauthCredentialProvider" => "Oauth",
                        _ => throw new NotExpressibleException($"CredentialProvider.{key} has no classic input"),
                    }] = value;
                }

                if (configuration.Get("CredentialProviderType").AsString() == "GATEWAY_IAM_ROLE")
                {
                    result["GatewayIamRole"] = new MapNode();
                }

                return result;
            default:
                throw new NotExpressibleException("CredentialProviderConfigurations is not a list of one");
        }
    }

    /// <summary>The bucket and key of a literal S3 location: "s3://bucket/key" or { Bucket, Key }.</summary>
    private static (string Bucket, string Key)? SchemaObject(Node location)
    {
        if (location is MapNode { IsIntrinsic: false } map && map.Get("Bucket") is ScalarNode { Kind: ScalarKind.String } bucket && map.Get("Key") is ScalarNode { Kind: ScalarKind.String } key && map.Count == 2)
        {
            return (bucket.Text, key.Text);
        }

        if (location.AsString() is { } uri && uri.StartsWith("s3://", StringComparison.Ordinal) && uri[5..].Split('/', 2) is [{ Length: > 0 } b, { Length: > 0 } k])
        {
            return (b, k);
        }

        return null;
    }

    /// <summary>A listener certificate resource lists certificates; the classic class holds one (the first is the resource itself).</summary>
    private void Certificates(string logicalId, string cfnType, MapNode rest, PulumiClass cls, List<KeyValuePair<string, PValue>> args, List<PulumiResource> extras)
    {
        var certificates = rest.Pop("Certificates") as ListNode ?? throw new NotExpressibleException("Certificates is not a literal list");
        var listener = rest.Pop("ListenerArn") ?? throw new NotExpressibleException("ListenerArn is missing");
        for (var i = 0; i < certificates.Count; i++)
        {
            var arn = certificates[i].Get("CertificateArn") ?? throw new NotExpressibleException("a certificate without CertificateArn");
            List<KeyValuePair<string, PValue>> entries = [new("listenerArn", Convert(listener, PulumiShape.StringShape, "ListenerArn")), new("certificateArn", Convert(arn, PulumiShape.StringShape, "Certificates.CertificateArn"))];
            if (i == 0)
            {
                args.AddRange(entries);
            }
            else
            {
                var name = $"{logicalId}-{(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
                extras.Add(new PulumiResource(logicalId, name, _dryRun ? name : _names.Take(name), cfnType, cls, entries, null, [], false));
            }
        }
    }

    /// <summary>A record set group becomes one classic Record per record set (the first is the resource itself).</summary>
    private void RecordSets(string logicalId, MapNode rest, PulumiClass cls, List<KeyValuePair<string, PValue>> args, List<PulumiResource> extras)
    {
        var sets = rest.Pop("RecordSets") as ListNode ?? throw new NotExpressibleException("RecordSets is not a literal list");
        PValue zone;
        if (rest.Pop("HostedZoneId") is { } zoneId)
        {
            zone = Convert(zoneId, PulumiShape.StringShape, "HostedZoneId");
        }
        else if (rest.Pop("HostedZoneName") is ScalarNode { Kind: ScalarKind.String } zoneName)
        {
            zone = new PRef($"aws.route53.getZoneOutput({{ name: {TypeScriptWriter.Quote(zoneName.Text)} }}).zoneId", null, true, ValueType.String);
        }
        else
        {
            throw new NotExpressibleException("the hosted zone is neither an id nor a literal name");
        }

        rest.Remove("Comment");
        for (var i = 0; i < sets.Count; i++)
        {
            var set = sets[i].AsMap() ?? throw new NotExpressibleException("a record set is not a mapping");
            var entries = new List<KeyValuePair<string, PValue>> { new("zoneId", zone) };
            foreach (var (key, value) in set)
            {
                switch (key)
                {
                    case "Name":
                    case "Type":
                    case "SetIdentifier":
                        entries.Add(new(Naming.Camel(key), Convert(value, PulumiShape.StringShape, key)));
                        break;
                    case "TTL":
                        entries.Add(new("ttl", Convert(value, PulumiShape.NumberShape, key)));
                        break;
                    case "ResourceRecords":
                        entries.Add(new("records", Convert(value, PulumiShape.StringList, key)));
                        break;
                    case "Weight":
                        entries.Add(new("weightedRoutingPolicies", new PList([new PObject([new("weight", Convert(value, PulumiShape.NumberShape, key))])])));
                        break;
                    case "Region":
                        // Latency-based routing.
                        entries.Add(new("latencyRoutingPolicies", new PList([new PObject([new("region", Convert(value, PulumiShape.StringShape, key))])])));
                        break;
                    case "AliasTarget":
                        var alias = value.AsMap() ?? throw new NotExpressibleException("AliasTarget is not a mapping");
                        entries.Add(new("aliases", new PList([new PObject(
                        [
                            new("name", Convert(alias.Get("DNSName") ?? throw new NotExpressibleException("AliasTarget without DNSName"), PulumiShape.StringShape, "AliasTarget.DNSName")),
                            new("zoneId", Convert(alias.Get("HostedZoneId") ?? throw new NotExpressibleException("AliasTarget without HostedZoneId"), PulumiShape.StringShape, "AliasTarget.HostedZoneId")),
                            new("evaluateTargetHealth", alias.Get("EvaluateTargetHealth") is { } health ? Convert(health, PulumiShape.BooleanShape, "AliasTarget.EvaluateTargetHealth") : new PLiteral(ScalarNode.Boolean(false))),
                        ])])));
                        break;
                    default:
                        throw new NotExpressibleException($"RecordSets.{key} has no classic input");
                }
            }

            if (i == 0)
            {
                args.AddRange(entries);
            }
            else
            {
                var name = $"{logicalId}-{(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
                extras.Add(new PulumiResource(logicalId, name, _dryRun ? name : _names.Take(name), "AWS::Route53::RecordSetGroup", cls, entries, null, [], false));
            }
        }
    }

    /// <summary>An output of the resource an extra statement belongs to.</summary>
    private PValue PrimaryOutput(string logicalId, string output) =>
        _resources.TryGetValue(logicalId, out var primary) ? ResourceOutput(primary, output) : new PRef("undefined", null, true, ValueType.String);

    private void Code(Node code, string? runtime, List<KeyValuePair<string, PValue>> args, string what)
    {
        if (code is not MapNode map || map.IsIntrinsic)
        {
            throw new NotExpressibleException($"{what} is not a literal mapping");
        }

        if (LocalArtifacts.LocalPath(map.Get("S3Bucket"), map.Get("S3Key")) is { } local)
        {
            args.Add(new("code", new PFileArchive(local)));
            return;
        }

        foreach (var (key, value) in map)
        {
            switch (key)
            {
                case "S3Bucket":
                case "S3Key":
                case "S3ObjectVersion":
                case "ImageUri":
                    args.Add(new(Naming.Camel(key), Convert(value, PulumiShape.StringShape, key)));
                    break;
                case "ZipFile":
                    var file = runtime switch
                    {
                        not null when runtime.StartsWith("python", StringComparison.Ordinal) => "index.py",
                        not null when runtime.StartsWith("nodejs", StringComparison.Ordinal) => "index.js",
                        _ => "index",
                    };
                    args.Add(new("code", new PInlineArchive(file, Convert(value, PulumiShape.StringShape, key))));
                    break;
                default:
                    throw new NotExpressibleException($"{what} property \"{key}\" has no classic input");
            }
        }
    }

    private void Alias(string logicalId, MapNode rest, List<KeyValuePair<string, PValue>> args, List<PulumiResource> extras)
    {
        if (rest.Pop("RoutingConfig") is { } routing)
        {
            var weights = routing.Get("AdditionalVersionWeights").AsList();
            if (routing is not MapNode { Count: 1 } || weights is null || weights.Any(w => w.Get("FunctionVersion") is not ScalarNode || w.Get("FunctionWeight") is not ScalarNode))
            {
                throw new NotExpressibleException("RoutingConfig with computed versions has no classic input");
            }

            var map = new PObject([.. weights.Select(w => new KeyValuePair<string, PValue>(((ScalarNode)w.Get("FunctionVersion")!).Text, Coerce(Raw(w.Get("FunctionWeight")!, "RoutingConfig"), PulumiShape.NumberShape)))]);
            args.Add(new("routingConfig", new PObject([new("additionalVersionWeights", map)])));
        }

        if (rest.Pop("ProvisionedConcurrencyConfig") is { } provisioned)
        {
            var executions = provisioned.Get("ProvisionedConcurrentExecutions") ?? throw new NotExpressibleException("ProvisionedConcurrencyConfig without ProvisionedConcurrentExecutions");
            var cls = PulumiCatalog.Classic("aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig");
            var function = rest.Get("FunctionName") ?? throw new NotExpressibleException("Alias without FunctionName");
            var name = logicalId + "-ProvisionedConcurrency";

            extras.Add(new PulumiResource(
                logicalId,
                name,
                _dryRun ? name : _names.Take(name),
                "AWS::Lambda::Alias",
                cls,
                [
                    new("functionName", Convert(function, PulumiShape.StringShape, "FunctionName")),
                    new("qualifier", PrimaryOutput(logicalId, "name")),
                    new("provisionedConcurrentExecutions", Convert(executions, PulumiShape.NumberShape, "ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions")),
                ],
                null,
                [],
                false));
        }
    }

    private void RuleTargets(string logicalId, MapNode rest, Node targets, List<PulumiResource> extras)
    {
        if (targets is not ListNode list)
        {
            throw new NotExpressibleException("Targets is not a list");
        }

        var cls = PulumiCatalog.Classic("aws:cloudwatch/eventTarget:EventTarget");
        var targetMapping = new ClassicMapping("AWS::Events::Rule#Target", cls.Token, "id", new Dictionary<string, string>(), new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Id"] = "targetId",
            ["InputTransformer.InputPathsMap"] = "inputPaths",
            ["SqsParameters"] = "sqsTarget",
            ["KinesisParameters"] = "kinesisTarget",
            ["KinesisParameters.PartitionKeyPath"] = "partitionKeyPath",
            ["HttpParameters"] = "httpTarget",
            ["HttpParameters.HeaderParameters"] = "headerParameters",
            ["HttpParameters.QueryStringParameters"] = "queryStringParameters",
        });
        var index = 0;
        foreach (var target in list)
        {
            index++;
            if (target is not MapNode targetMap || target.IsIntrinsic)
            {
                throw new NotExpressibleException("a rule target is not a literal mapping");
            }

            var id = targetMap.Get("Id").AsString() ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var args = new List<KeyValuePair<string, PValue>> { new("rule", PrimaryOutput(logicalId, "name")) };
            if (rest.Get("EventBusName") is { } bus)
            {
                args.Add(new("eventBusName", Convert(bus, PulumiShape.StringShape, "EventBusName")));
            }

            args.AddRange(ConvertObject(targetMap, cls.Shape, targetMapping, string.Empty));
            var name = $"{logicalId}-{id}";
            extras.Add(new PulumiResource(logicalId, name, _dryRun ? name : _names.Take(name), "AWS::Events::Rule", cls, args, null, [], false));
        }
    }

    private void TopicSubscriptions(string logicalId, Node subscriptions, List<PulumiResource> extras)
    {
        if (subscriptions is not ListNode list)
        {
            throw new NotExpressibleException("Subscription is not a list");
        }

        var cls = PulumiCatalog.Classic("aws:sns/topicSubscription:TopicSubscription");
        var index = 0;
        foreach (var subscription in list)
        {
            index++;
            if (subscription is not MapNode map || map.IsIntrinsic)
            {
                throw new NotExpressibleException("a topic subscription is not a literal mapping");
            }

            var args = new List<KeyValuePair<string, PValue>> { new("topic", PrimaryOutput(logicalId, "arn")) };
            args.AddRange(ConvertObject(map, cls.Shape, null, string.Empty));
            var name = $"{logicalId}-Subscription{index}";
            extras.Add(new PulumiResource(logicalId, name, _dryRun ? name : _names.Take(name), "AWS::SNS::Topic", cls, args, null, [], false));
        }
    }

    private void Table(MapNode rest, PulumiClass cls, List<KeyValuePair<string, PValue>> args)
    {
        if (rest.Pop("AttributeDefinitions") is { } definitions)
        {
            var list = definitions.AsList() ?? throw new NotExpressibleException("AttributeDefinitions is not a list");
            args.Add(new("attributes", new PList([.. list.Select(d => new PObject(
            [
                new("name", Convert(d.Get("AttributeName") ?? throw new NotExpressibleException("attribute without a name"), PulumiShape.StringShape, "AttributeName")),
                new("type", Convert(d.Get("AttributeType") ?? throw new NotExpressibleException("attribute without a type"), PulumiShape.StringShape, "AttributeType")),
            ]))])));
        }

        if (rest.Pop("KeySchema") is { } keySchema)
        {
            KeySchema(keySchema, args);
        }

        if (rest.Pop("ProvisionedThroughput") is { } throughput)
        {
            Throughput(throughput, args);
        }

        if (rest.Pop("StreamSpecification") is { } stream)
        {
            args.Add(new("streamEnabled", new PLiteral(ScalarNode.Boolean(true))));
            args.Add(new("streamViewType", Convert(stream.Get("StreamViewType") ?? throw new NotExpressibleException("StreamSpecification without StreamViewType"), PulumiShape.StringShape, "StreamSpecification.StreamViewType")));
        }

        if (rest.Pop("SSESpecification") is { } sse)
        {
            var entries = new List<KeyValuePair<string, PValue>>();
            foreach (var (key, value) in sse.AsMap() ?? throw new NotExpressibleException("SSESpecification is not a mapping"))
            {
                var name = key switch
                {
                    "SSEEnabled" => "enabled",
                    "KMSMasterKeyId" => "kmsKeyArn",
                    "SSEType" => null,
                    _ => throw new NotExpressibleException($"SSESpecification.{key} has no classic input"),
                };
                if (name is not null)
                {
                    entries.Add(new(name, Convert(value, name == "enabled" ? PulumiShape.BooleanShape : PulumiShape.StringShape, "SSESpecification." + key)));
                }
            }

            args.Add(new("serverSideEncryption", new PObject(entries)));
        }

        if (rest.Pop("TimeToLiveSpecification") is { } ttl)
        {
            args.Add(new("ttl", Convert(ttl, cls.Shape.Properties["ttl"], "TimeToLiveSpecification")));
        }

        if (rest.Pop("PointInTimeRecoverySpecification") is { } pitr)
        {
            var enabled = pitr.Get("PointInTimeRecoveryEnabled") ?? throw new NotExpressibleException("PointInTimeRecoverySpecification without PointInTimeRecoveryEnabled");
            args.Add(new("pointInTimeRecovery", new PObject([new("enabled", Convert(enabled, PulumiShape.BooleanShape, "PointInTimeRecoverySpecification"))])));
        }

        if (rest.Pop("GlobalSecondaryIndexes") is { } indexes)
        {
            var list = indexes.AsList() ?? throw new NotExpressibleException("GlobalSecondaryIndexes is not a list");
            var items = new List<PValue>();
            foreach (var index in list)
            {
                var entries = new List<KeyValuePair<string, PValue>>();
                foreach (var (key, value) in index.AsMap() ?? throw new NotExpressibleException("a global secondary index is not a mapping"))
                {
                    switch (key)
                    {
                        case "IndexName":
                            entries.Add(new("name", Convert(value, PulumiShape.StringShape, key)));
                            break;
                        case "KeySchema":
                            KeySchema(value, entries);
                            break;
                        case "ProvisionedThroughput":
                            Throughput(value, entries);
                            break;
                        case "Projection":
                            foreach (var (pk, pv) in value.AsMap() ?? throw new NotExpressibleException("Projection is not a mapping"))
                            {
                                entries.Add(pk switch
                                {
                                    "ProjectionType" => new("projectionType", Convert(pv, PulumiShape.StringShape, pk)),
                                    "NonKeyAttributes" => new("nonKeyAttributes", Convert(pv, PulumiShape.StringList, pk)),
                                    _ => throw new NotExpressibleException($"Projection.{pk} has no classic input"),
                                });
                            }

                            break;
                        default:
                            throw new NotExpressibleException($"GlobalSecondaryIndexes.{key} has no classic input");
                    }
                }

                items.Add(new PObject(entries));
            }

            args.Add(new("globalSecondaryIndexes", new PList(items)));
        }
    }

    private void KeySchema(Node keySchema, List<KeyValuePair<string, PValue>> args)
    {
        foreach (var key in keySchema.AsList() ?? throw new NotExpressibleException("KeySchema is not a list"))
        {
            var type = key.Get("KeyType").AsString();
            var attribute = key.Get("AttributeName") ?? throw new NotExpressibleException("KeySchema entry without AttributeName");
            args.Add(type switch
            {
                "HASH" => new("hashKey", Convert(attribute, PulumiShape.StringShape, "KeySchema")),
                "RANGE" => new("rangeKey", Convert(attribute, PulumiShape.StringShape, "KeySchema")),
                _ => throw new NotExpressibleException("KeySchema entry with a computed KeyType"),
            });
        }
    }

    private void Throughput(Node throughput, List<KeyValuePair<string, PValue>> args)
    {
        foreach (var (key, value) in throughput.AsMap() ?? throw new NotExpressibleException("ProvisionedThroughput is not a mapping"))
        {
            args.Add(key switch
            {
                "ReadCapacityUnits" => new("readCapacity", Convert(value, PulumiShape.NumberShape, key)),
                "WriteCapacityUnits" => new("writeCapacity", Convert(value, PulumiShape.NumberShape, key)),
                _ => throw new NotExpressibleException($"ProvisionedThroughput.{key} has no classic input"),
            });
        }
    }
}
