namespace SamCompiler.Emit.Pulumi;

/// <summary>A Pulumi resource class: its type token, its input shape and its output property names.</summary>
internal sealed record PulumiClass(string Token, PulumiShape Shape, IReadOnlySet<string> Outputs)
{
    /// <summary>Outputs typed <c>Output&lt;T | undefined&gt;</c>.</summary>
    public IReadOnlySet<string> OptionalOutputs { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>True for @pulumi/aws-native.</summary>
    public bool IsNative => Token.StartsWith("aws-native:", StringComparison.Ordinal);

    /// <summary>The TypeScript class path, e.g. <c>aws.lambda.Function</c> or <c>awsnative.lambda.Function</c>.</summary>
    public string TypeScriptClass
    {
        get
        {
            var parts = Token.Split(':');
            var module = parts[1].Split('/')[0];
            return $"{(IsNative ? "awsnative" : "aws")}.{module}.{parts[2]}";
        }
    }
}

/// <summary>
/// How a CloudFormation type maps to a class of the classic @pulumi/aws provider. Properties not named in
/// <see cref="Renames"/> map by camel case (or its plural) when the provider has such a property.
/// </summary>
/// <param name="CfnType">The CloudFormation type.</param>
/// <param name="Token">The classic type token.</param>
/// <param name="RefOutput">The output that Ref returns.</param>
/// <param name="Attributes">Fn::GetAtt attribute to output property.</param>
/// <param name="Renames">CloudFormation property path (dotted for nested) to Pulumi name.</param>
internal sealed record ClassicMapping(
    string CfnType,
    string Token,
    string RefOutput,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyDictionary<string, string> Renames);

/// <summary>The classes samc emits and the hand-written classic mappings.</summary>
internal static class PulumiCatalog
{
    private static readonly Lazy<(Dictionary<string, PulumiClass> Native, Dictionary<string, PulumiClass> Classic)> Data = new(Load);

    private static readonly Dictionary<string, ClassicMapping> Mappings = BuildMappings();

    /// <summary>The aws-native class for a CloudFormation type, if the package has one.</summary>
    public static PulumiClass? Native(string cfnType) => Data.Value.Native.GetValueOrDefault(cfnType);

    /// <summary>The classic class of a token.</summary>
    public static PulumiClass Classic(string token) => Data.Value.Classic[token];

    /// <summary>The classic mapping of a CloudFormation type, if samc has one.</summary>
    public static ClassicMapping? ClassicFor(string cfnType) => Mappings.GetValueOrDefault(cfnType);

    /// <summary>Every CloudFormation type with a classic mapping.</summary>
    public static IEnumerable<string> ClassicTypes => Mappings.Keys;

    private static (Dictionary<string, PulumiClass>, Dictionary<string, PulumiClass>) Load()
    {
        var native = new Dictionary<string, PulumiClass>(StringComparer.Ordinal);
        var classic = new Dictionary<string, PulumiClass>(StringComparer.Ordinal);
        foreach (var raw in PulumiShapeData.Text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split('\t');
            var outputs = cells[3].Split(',');
            var cls = new PulumiClass(cells[1], PulumiShape.Parse(cells[2]), new HashSet<string>(outputs.Select(o => o.TrimEnd('?')), StringComparer.Ordinal))
            {
                OptionalOutputs = new HashSet<string>(outputs.Where(o => o.EndsWith('?')).Select(o => o.TrimEnd('?')), StringComparer.Ordinal),
            };
            if (cells[0] == "classic")
            {
                classic[cells[1]] = cls;
            }
            else
            {
                native[cells[0]] = cls;
            }
        }

        return (native, classic);
    }

    private static Dictionary<string, string> D(params string[] pairs)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < pairs.Length; i += 2)
        {
            d[pairs[i]] = pairs[i + 1];
        }

        return d;
    }

    private static Dictionary<string, ClassicMapping> BuildMappings()
    {
        ClassicMapping[] all =
        [
            new("AWS::Lambda::Function", "aws:lambda/function:Function", "name", D("Arn", "arn"), D("FunctionName", "name", "ImageConfig.Command", "commands", "ImageConfig.EntryPoint", "entryPoints")),
            new("AWS::Lambda::Permission", "aws:lambda/permission:Permission", "id", D(), D("FunctionName", "function", "PrincipalOrgID", "principalOrgId")),
            new("AWS::Lambda::EventSourceMapping", "aws:lambda/eventSourceMapping:EventSourceMapping", "uuid", D("EventSourceMappingArn", "arn"), D("DestinationConfig.OnFailure.Destination", "destinationArn", "SourceAccessConfigurations.URI", "uri")),
            new("AWS::Lambda::Alias", "aws:lambda/alias:Alias", "arn", D(), D()),
            new("AWS::Lambda::LayerVersion", "aws:lambda/layerVersion:LayerVersion", "arn", D(), D()),
            new("AWS::Lambda::Url", "aws:lambda/functionUrl:FunctionUrl", "functionArn", D("FunctionUrl", "functionUrl", "FunctionArn", "functionArn"), D("TargetFunctionArn", "functionName", "AuthType", "authorizationType")),
            new("AWS::Lambda::EventInvokeConfig", "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", "id", D(), D()),
            new("AWS::IAM::Role", "aws:iam/role:Role", "name", D("Arn", "arn", "RoleId", "uniqueId"), D("RoleName", "name", "AssumeRolePolicyDocument", "assumeRolePolicy", "Policies", "inlinePolicies", "Policies.PolicyName", "name", "Policies.PolicyDocument", "policy")),
            new("AWS::ApiGateway::RestApi", "aws:apigateway/restApi:RestApi", "id", D("RootResourceId", "rootResourceId", "RestApiId", "id"), D("Mode", "putRestApiMode")),
            new("AWS::ApiGateway::Deployment", "aws:apigateway/deployment:Deployment", "id", D("DeploymentId", "id"), D("RestApiId", "restApi")),
            new("AWS::ApiGateway::Stage", "aws:apigateway/stage:Stage", "stageName", D(), D("RestApiId", "restApi", "DeploymentId", "deployment", "TracingEnabled", "xrayTracingEnabled", "AccessLogSetting", "accessLogSettings")),
            new("AWS::ApiGateway::BasePathMapping", "aws:apigateway/basePathMapping:BasePathMapping", "id", D(), D("RestApiId", "restApi", "Stage", "stageName")),
            new("AWS::ApiGateway::DomainName", "aws:apigateway/domainName:DomainName", "domainName", D("RegionalDomainName", "regionalDomainName", "RegionalHostedZoneId", "regionalZoneId", "DistributionDomainName", "cloudfrontDomainName", "DistributionHostedZoneId", "cloudfrontZoneId"), D()),
            new("AWS::ApiGatewayV2::Api", "aws:apigatewayv2/api:Api", "id", D("ApiEndpoint", "apiEndpoint", "ApiId", "id"), D()),
            new("AWS::ApiGatewayV2::Stage", "aws:apigatewayv2/stage:Stage", "name", D(), D("StageName", "name")),
            new("AWS::ApiGatewayV2::ApiMapping", "aws:apigatewayv2/apiMapping:ApiMapping", "id", D(), D()),
            new("AWS::SQS::Queue", "aws:sqs/queue:Queue", "url", D("Arn", "arn", "QueueName", "name", "QueueUrl", "url"), D("QueueName", "name", "MessageRetentionPeriod", "messageRetentionSeconds", "VisibilityTimeout", "visibilityTimeoutSeconds", "ReceiveMessageWaitTimeSeconds", "receiveWaitTimeSeconds", "MaximumMessageSize", "maxMessageSize")),
            new("AWS::SNS::Topic", "aws:sns/topic:Topic", "arn", D("TopicArn", "arn", "TopicName", "name"), D("TopicName", "name")),
            new("AWS::SNS::Subscription", "aws:sns/topicSubscription:TopicSubscription", "arn", D("Arn", "arn"), D("TopicArn", "topic")),
            new("AWS::Events::Rule", "aws:cloudwatch/eventRule:EventRule", "name", D("Arn", "arn"), D()),
            new("AWS::Logs::LogGroup", "aws:cloudwatch/logGroup:LogGroup", "name", D("Arn", "arn"), D("LogGroupName", "name")),
            new("AWS::Logs::SubscriptionFilter", "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter", "name", D(), D("LogGroupName", "logGroup", "FilterName", "name")),
            new("AWS::DynamoDB::Table", "aws:dynamodb/table:Table", "name", D("Arn", "arn", "StreamArn", "streamArn"), D("TableName", "name")),
            new("AWS::CodeDeploy::Application", "aws:codedeploy/application:Application", "name", D(), D("ApplicationName", "name")),
            new("AWS::CodeDeploy::DeploymentGroup", "aws:codedeploy/deploymentGroup:DeploymentGroup", "deploymentGroupName", D(), D("ApplicationName", "appName")),
            new("AWS::Scheduler::Schedule", "aws:scheduler/schedule:Schedule", "name", D("Arn", "arn"), D()),
            new("AWS::SQS::QueuePolicy", "aws:sqs/queuePolicy:QueuePolicy", "id", D(), D()),
            new("AWS::SNS::TopicPolicy", "aws:sns/topicPolicy:TopicPolicy", "id", D(), D()),
            new("AWS::IAM::Policy", "aws:iam/rolePolicy:RolePolicy", "id", D(), D()),
            new("AWS::Route53::RecordSetGroup", "aws:route53/record:Record", "name", D(), D()),
            new("AWS::AppSync::GraphQLApi", "aws:appsync/graphQLApi:GraphQLApi", "arn", D("ApiId", "id", "Arn", "arn", "GraphQLUrl", "uris.GRAPHQL", "RealtimeUrl", "uris.REALTIME"), D()),
            // Ref on an API key returns its ARN, which the classic class has no output for (RefOutput "" = not expressible).
            new("AWS::AppSync::ApiKey", "aws:appsync/apiKey:ApiKey", string.Empty, D("ApiKey", "key", "ApiKeyId", "apiKeyId"), D()),
            new("AWS::QLDB::Ledger", "aws:qldb/ledger:Ledger", "name", D("Arn", "arn"), D()),
            new("AWS::Config::ConfigRule", "aws:cfg/rule:Rule", "name", D("Arn", "arn", "ConfigRuleId", "ruleId"), D("ConfigRuleName", "name")),
            new("AWS::DocDB::DBCluster", "aws:docdb/cluster:Cluster", "clusterIdentifier", D("Endpoint", "endpoint", "ReadEndpoint", "readerEndpoint", "Port", "port", "ClusterResourceId", "clusterResourceId"), D("DBClusterIdentifier", "clusterIdentifier", "MasterUserPassword", "masterPassword", "DBClusterParameterGroupName", "dbClusterParameterGroupName", "DBSubnetGroupName", "dbSubnetGroupName")),
            new("AWS::DocDB::DBInstance", "aws:docdb/clusterInstance:ClusterInstance", "identifier", D("Endpoint", "endpoint", "Port", "port"), D("DBClusterIdentifier", "clusterIdentifier", "DBInstanceIdentifier", "identifier", "DBInstanceClass", "instanceClass")),
            new("AWS::ElasticLoadBalancingV2::ListenerCertificate", "aws:lb/listenerCertificate:ListenerCertificate", "id", D(), D()),
            // The classic table takes TableInput's members at the top level.
            new("AWS::Glue::Table", "aws:glue/catalogTable:CatalogTable", "name", D(), D()),
            new("AWS::BedrockAgentCore::GatewayTarget", "aws:bedrock/agentcoreGatewayTarget:AgentcoreGatewayTarget", "targetId", D("TargetId", "targetId"), D()),
            new("AWS::KinesisAnalytics::Application", "aws:kinesis/analyticsApplication:AnalyticsApplication", "name", D(), D(
                "ApplicationName", "name",
                "ApplicationCode", "code",
                "ApplicationDescription", "description",
                "Inputs.InputSchema", "schema",
                "Inputs.InputSchema.RecordFormat.MappingParameters.JSONMappingParameters", "json",
                "Inputs.InputSchema.RecordFormat.MappingParameters.CSVMappingParameters", "csv",
                "Inputs.KinesisFirehoseInput", "kinesisFirehose",
                "Inputs.KinesisStreamsInput", "kinesisStream",
                "Inputs.InputParallelism", "parallelism",
                "Inputs.InputProcessingConfiguration", "processingConfiguration",
                "Inputs.InputProcessingConfiguration.InputLambdaProcessor", "lambda",
                "Outputs.DestinationSchema", "schema",
                "Outputs.LambdaOutput", "lambda",
                "Outputs.KinesisFirehoseOutput", "kinesisFirehose",
                "Outputs.KinesisStreamsOutput", "kinesisStream")),
            new("AWS::S3::Bucket", "aws:s3/bucket:Bucket", "bucket", D("Arn", "arn", "DomainName", "bucketDomainName", "RegionalDomainName", "bucketRegionalDomainName"), D("BucketName", "bucket")),
        ];
        return all.ToDictionary(m => m.CfnType, StringComparer.Ordinal);
    }
}
