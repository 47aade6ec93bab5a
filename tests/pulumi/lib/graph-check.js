// Compares the resources a program registered under mocks with the CloudFormation it was generated from.
// The expectations here are written from the provider documentation (the classic @pulumi/aws input names) and the
// CloudFormation document, independently of samc's own tables.
"use strict";

// CloudFormation type → classic token, and top-level CloudFormation properties with their classic input names.
const CLASSIC = {
    "AWS::Lambda::Function": ["aws:lambda/function:Function", { Runtime: "runtime", Handler: "handler", MemorySize: "memorySize", Timeout: "timeout", Role: "role", FunctionName: "name", Description: "description", PackageType: "packageType", Layers: "layers", Architectures: "architectures", ReservedConcurrentExecutions: "reservedConcurrentExecutions", KmsKeyArn: "kmsKeyArn" }],
    "AWS::Lambda::Permission": ["aws:lambda/permission:Permission", { Action: "action", Principal: "principal", FunctionName: "function", SourceArn: "sourceArn", SourceAccount: "sourceAccount", EventSourceToken: "eventSourceToken", FunctionUrlAuthType: "functionUrlAuthType" }],
    "AWS::Lambda::EventSourceMapping": ["aws:lambda/eventSourceMapping:EventSourceMapping", { FunctionName: "functionName", EventSourceArn: "eventSourceArn", BatchSize: "batchSize", StartingPosition: "startingPosition", Enabled: "enabled", MaximumBatchingWindowInSeconds: "maximumBatchingWindowInSeconds", ParallelizationFactor: "parallelizationFactor", MaximumRetryAttempts: "maximumRetryAttempts", FunctionResponseTypes: "functionResponseTypes", Topics: "topics" }],
    "AWS::Lambda::Alias": ["aws:lambda/alias:Alias", { Name: "name", FunctionName: "functionName", FunctionVersion: "functionVersion", Description: "description" }],
    "AWS::Lambda::LayerVersion": ["aws:lambda/layerVersion:LayerVersion", { LayerName: "layerName", Description: "description", CompatibleRuntimes: "compatibleRuntimes", LicenseInfo: "licenseInfo" }],
    "AWS::Lambda::Url": ["aws:lambda/functionUrl:FunctionUrl", { TargetFunctionArn: "functionName", AuthType: "authorizationType", Qualifier: "qualifier", InvokeMode: "invokeMode" }],
    "AWS::Lambda::EventInvokeConfig": ["aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", { FunctionName: "functionName", Qualifier: "qualifier", MaximumEventAgeInSeconds: "maximumEventAgeInSeconds", MaximumRetryAttempts: "maximumRetryAttempts" }],
    "AWS::IAM::Role": ["aws:iam/role:Role", { RoleName: "name", Path: "path", ManagedPolicyArns: "managedPolicyArns", PermissionsBoundary: "permissionsBoundary", MaxSessionDuration: "maxSessionDuration", Description: "description" }],
    "AWS::ApiGateway::RestApi": ["aws:apigateway/restApi:RestApi", { Name: "name", Description: "description", BinaryMediaTypes: "binaryMediaTypes", ApiKeySourceType: "apiKeySource", DisableExecuteApiEndpoint: "disableExecuteApiEndpoint", FailOnWarnings: "failOnWarnings" }],
    "AWS::ApiGateway::Deployment": ["aws:apigateway/deployment:Deployment", { RestApiId: "restApi", Description: "description" }],
    "AWS::ApiGateway::Stage": ["aws:apigateway/stage:Stage", { RestApiId: "restApi", DeploymentId: "deployment", StageName: "stageName", Description: "description", CacheClusterEnabled: "cacheClusterEnabled", CacheClusterSize: "cacheClusterSize", TracingEnabled: "xrayTracingEnabled", Variables: "variables" }],
    "AWS::ApiGateway::BasePathMapping": ["aws:apigateway/basePathMapping:BasePathMapping", { DomainName: "domainName", RestApiId: "restApi", Stage: "stageName", BasePath: "basePath" }],
    "AWS::ApiGateway::DomainName": ["aws:apigateway/domainName:DomainName", { DomainName: "domainName", RegionalCertificateArn: "regionalCertificateArn", CertificateArn: "certificateArn", SecurityPolicy: "securityPolicy" }],
    "AWS::ApiGatewayV2::Api": ["aws:apigatewayv2/api:Api", { Name: "name", ProtocolType: "protocolType", Description: "description", DisableExecuteApiEndpoint: "disableExecuteApiEndpoint", FailOnWarnings: "failOnWarnings" }],
    "AWS::ApiGatewayV2::Stage": ["aws:apigatewayv2/stage:Stage", { ApiId: "apiId", StageName: "name", AutoDeploy: "autoDeploy", Description: "description", DeploymentId: "deploymentId", StageVariables: "stageVariables" }],
    "AWS::ApiGatewayV2::ApiMapping": ["aws:apigatewayv2/apiMapping:ApiMapping", { ApiId: "apiId", DomainName: "domainName", Stage: "stage", ApiMappingKey: "apiMappingKey" }],
    "AWS::SQS::Queue": ["aws:sqs/queue:Queue", { QueueName: "name", VisibilityTimeout: "visibilityTimeoutSeconds", MessageRetentionPeriod: "messageRetentionSeconds", DelaySeconds: "delaySeconds", FifoQueue: "fifoQueue", KmsMasterKeyId: "kmsMasterKeyId", ReceiveMessageWaitTimeSeconds: "receiveWaitTimeSeconds" }],
    "AWS::SNS::Topic": ["aws:sns/topic:Topic", { TopicName: "name", DisplayName: "displayName", KmsMasterKeyId: "kmsMasterKeyId", FifoTopic: "fifoTopic" }],
    "AWS::SNS::Subscription": ["aws:sns/topicSubscription:TopicSubscription", { TopicArn: "topic", Endpoint: "endpoint", Protocol: "protocol", RawMessageDelivery: "rawMessageDelivery" }],
    "AWS::Events::Rule": ["aws:cloudwatch/eventRule:EventRule", { Name: "name", Description: "description", ScheduleExpression: "scheduleExpression", State: "state", EventBusName: "eventBusName", RoleArn: "roleArn" }],
    "AWS::Logs::LogGroup": ["aws:cloudwatch/logGroup:LogGroup", { LogGroupName: "name", RetentionInDays: "retentionInDays", KmsKeyId: "kmsKeyId" }],
    "AWS::Logs::SubscriptionFilter": ["aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter", { LogGroupName: "logGroup", FilterPattern: "filterPattern", DestinationArn: "destinationArn", RoleArn: "roleArn", FilterName: "name" }],
    "AWS::DynamoDB::Table": ["aws:dynamodb/table:Table", { TableName: "name", BillingMode: "billingMode" }],
    "AWS::CodeDeploy::Application": ["aws:codedeploy/application:Application", { ApplicationName: "name", ComputePlatform: "computePlatform" }],
    "AWS::CodeDeploy::DeploymentGroup": ["aws:codedeploy/deploymentGroup:DeploymentGroup", { ApplicationName: "appName", ServiceRoleArn: "serviceRoleArn", DeploymentConfigName: "deploymentConfigName" }],
    "AWS::Scheduler::Schedule": ["aws:scheduler/schedule:Schedule", { Name: "name", ScheduleExpression: "scheduleExpression", State: "state", GroupName: "groupName", Description: "description" }],
    "AWS::S3::Bucket": ["aws:s3/bucket:Bucket", { BucketName: "bucket" }],
    "AWS::SQS::QueuePolicy": ["aws:sqs/queuePolicy:QueuePolicy", {}],
    "AWS::SNS::TopicPolicy": ["aws:sns/topicPolicy:TopicPolicy", {}],
    "AWS::IAM::Policy": ["aws:iam/rolePolicy:RolePolicy", { PolicyName: "name" }],
    "AWS::Route53::RecordSetGroup": ["aws:route53/record:Record", { HostedZoneId: "zoneId" }],
    "AWS::AppSync::GraphQLApi": ["aws:appsync/graphQLApi:GraphQLApi", { Name: "name", AuthenticationType: "authenticationType", XrayEnabled: "xrayEnabled" }],
    "AWS::AppSync::ApiKey": ["aws:appsync/apiKey:ApiKey", { ApiId: "apiId", Description: "description" }],
    "AWS::QLDB::Ledger": ["aws:qldb/ledger:Ledger", { Name: "name", PermissionsMode: "permissionsMode", DeletionProtection: "deletionProtection", KmsKey: "kmsKey" }],
    "AWS::Config::ConfigRule": ["aws:cfg/rule:Rule", { ConfigRuleName: "name", Description: "description", MaximumExecutionFrequency: "maximumExecutionFrequency", InputParameters: "inputParameters" }],
    "AWS::DocDB::DBCluster": ["aws:docdb/cluster:Cluster", { DBClusterIdentifier: "clusterIdentifier", DBSubnetGroupName: "dbSubnetGroupName", EngineVersion: "engineVersion", MasterUsername: "masterUsername", MasterUserPassword: "masterPassword", VpcSecurityGroupIds: "vpcSecurityGroupIds", Port: "port" }],
    "AWS::DocDB::DBInstance": ["aws:docdb/clusterInstance:ClusterInstance", { DBClusterIdentifier: "clusterIdentifier", DBInstanceClass: "instanceClass", DBInstanceIdentifier: "identifier" }],
    "AWS::ElasticLoadBalancingV2::ListenerCertificate": ["aws:lb/listenerCertificate:ListenerCertificate", { ListenerArn: "listenerArn" }],
    "AWS::BedrockAgentCore::GatewayTarget": ["aws:bedrock/agentcoreGatewayTarget:AgentcoreGatewayTarget", { GatewayIdentifier: "gatewayIdentifier", Name: "name", Description: "description" }],
    "AWS::KinesisAnalytics::Application": ["aws:kinesis/analyticsApplication:AnalyticsApplication", { ApplicationName: "name", ApplicationCode: "code", ApplicationDescription: "description" }],
    "AWS::Glue::Table": ["aws:glue/catalogTable:CatalogTable", { DatabaseName: "databaseName", CatalogId: "catalogId", "TableInput.Name": "name", "TableInput.TableType": "tableType", "TableInput.Description": "description" }],
};

// CloudFormation resources whose content the classic provider keeps in another resource (AWS docs: the classic
// GraphQLApi takes the schema as its "schema" input; there is no schema resource). A resource of such a type that
// points at its holder in the same template (and under the same condition) registers nothing of its own: the holder
// must be registered with the classic token and carry the content. type → [holder property → holder logical id,
// holder classic token, [content property, holder input]...].
const FOLDED = {
    "AWS::AppSync::GraphQLSchema": [p => {
        const a = p.ApiId && p.ApiId["Fn::GetAtt"];
        const parts = Array.isArray(a) ? a : typeof a === "string" ? a.split(".") : [];
        return parts[1] === "ApiId" ? parts[0] : null;
    }, "aws:appsync/graphQLApi:GraphQLApi", [["Definition", "schema"], ["DefinitionS3Location", "schema"]]],
    // The classic AnalyticsApplication lists its outputs (AWS docs: "outputs" input); an output is found by name.
    "AWS::KinesisAnalytics::ApplicationOutput": [p => (p.ApplicationName && typeof p.ApplicationName.Ref === "string" ? p.ApplicationName.Ref : null),
        "aws:kinesis/analyticsApplication:AnalyticsApplication", [["Output", "outputs"]]],
};

// Extra classic resources one CloudFormation resource becomes (CloudFormation nests them, the classic provider
// does not): type → [token, how many].
const EXTRAS = {
    "AWS::Events::Rule": ["aws:cloudwatch/eventTarget:EventTarget", p => (p.Targets || []).length],
    "AWS::SNS::Topic": ["aws:sns/topicSubscription:TopicSubscription", p => (p.Subscription || []).length],
    "AWS::Lambda::Alias": ["aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", p => (p.ProvisionedConcurrencyConfig ? 1 : 0)],
    "AWS::SQS::QueuePolicy": ["aws:sqs/queuePolicy:QueuePolicy", p => (p.Queues || []).length - 1],
    "AWS::SNS::TopicPolicy": ["aws:sns/topicPolicy:TopicPolicy", p => (p.Topics || []).length - 1],
    "AWS::IAM::Policy": ["aws:iam/rolePolicy:RolePolicy", p => (p.Roles || []).length - 1],
    "AWS::Route53::RecordSetGroup": ["aws:route53/record:Record", p => (p.RecordSets || []).length - 1],
    "AWS::ElasticLoadBalancingV2::ListenerCertificate": ["aws:lb/listenerCertificate:ListenerCertificate", p => (p.Certificates || []).length - 1],
};

const PSEUDO = { "AWS::Region": "us-east-1", "AWS::AccountId": "123456789012", "AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com", "AWS::StackName": "test" };

// Pulumi's camel case of a CloudFormation name (VpcConfig → vpcConfig, SSESpecification → sseSpecification).
function camel(name) {
    const m = /^[A-Z]+/.exec(name);
    if (!m) return name;
    const run = m[0].length;
    if (run === name.length) return name.toLowerCase();
    const lower = run === 1 ? 1 : (/[a-z]/.test(name[run]) ? run - 1 : run);
    return name.slice(0, lower).toLowerCase() + name.slice(lower);
}

// Config values for the mock run: defaults, else a plain value of the parameter's type.
// DkimDNSTokenName1 → DkimDnsTokenName1: how Pulumi's SDKs spell acronyms inside names.
function titleAcronyms(name) {
    return name.replace(/([A-Z])([A-Z]+)(?=[A-Z][a-z]|[0-9]|$)/g, (m, a, b) => a + b.toLowerCase());
}

function parameterValues(doc) {
    const values = {};
    for (const [name, p] of Object.entries(doc.Parameters || {})) {
        const type = p.Type || "String";
        if (p.Default !== undefined) values[name] = String(p.Default);
        else if (p.AllowedValues) values[name] = String(p.AllowedValues[0]);
        else if (type === "Number") values[name] = "1";
        else if (type.startsWith("List<") || type === "CommaDelimitedList") values[name] = "a,b";
        else values[name] = `value-${name}`;
    }
    return values;
}

// Output names the mock gives every resource: the common ones and every attribute the template reads.
function attributeNames(doc) {
    const names = new Set(["id", "arn", "name", "url", "uuid", "invokeArn", "rootResourceId", "apiEndpoint", "streamArn", "functionUrl", "functionArn", "bucket", "bucketDomainName", "bucketRegionalDomainName", "regionalDomainName", "regionalZoneId", "cloudfrontDomainName", "cloudfrontZoneId", "uniqueId", "deploymentGroupName", "stageName", "version"]);
    walk(doc, node => {
        // ${Resource.Attribute} in Fn::Sub reads an attribute too.
        const sub = node && node["Fn::Sub"];
        const text = Array.isArray(sub) ? sub[0] : sub;
        if (typeof text === "string") {
            for (const m of text.matchAll(/\$\{([A-Za-z0-9]+)\.([A-Za-z0-9.]+)\}/g)) {
                if ((doc.Resources || {})[m[1]]) add(m[2]);
            }
        }
        if (node && node["Fn::GetAtt"]) {
            const v = node["Fn::GetAtt"];
            const attr = Array.isArray(v) ? v[1] : String(v).split(".").slice(1).join(".");
            add(attr);
        }
    });
    return [...names];

    function add(attr) {
        if (typeof attr !== "string") return;
        names.add(camel(attr.replace(/\./g, "")));
        names.add(camel(titleAcronyms(attr.replace(/\./g, ""))));
        names.add(camel(attr.split(".")[0]));
    }
}

function walk(node, fn) {
    fn(node);
    if (Array.isArray(node)) node.forEach(n => walk(n, fn));
    else if (node && typeof node === "object") Object.values(node).forEach(n => walk(n, fn));
}

function evalCondition(doc, config, node, seen = new Set()) {
    if (node === null || typeof node !== "object") return node;
    if (Array.isArray(node)) return node.map(n => evalCondition(doc, config, n, seen));
    const [k, v] = Object.entries(node)[0] || [];
    switch (k) {
        case "Fn::Equals": { const [a, b] = evalCondition(doc, config, v, seen); return String(a) === String(b); }
        case "Fn::Not": return !evalCondition(doc, config, v[0], seen);
        case "Fn::And": return v.every(x => evalCondition(doc, config, x, seen));
        case "Fn::Or": return v.some(x => evalCondition(doc, config, x, seen));
        case "Condition": return conditionValue(doc, config, v, seen);
        case "Ref": return v in config ? config[v] : PSEUDO[v];
        case "Fn::Join": return evalCondition(doc, config, v[1], seen).join(v[0]);
        case "Fn::Select": return evalCondition(doc, config, v[1], seen)[Number(v[0])];
        case "Fn::Split": return String(evalCondition(doc, config, v[1], seen)).split(v[0]);
        case "Fn::FindInMap": { const [m, a, b] = evalCondition(doc, config, v, seen); return ((doc.Mappings || {})[m] || {})[a]?.[b]; }
        default: return node;
    }
}

function conditionValue(doc, config, name, seen = new Set()) {
    if (seen.has(name)) return false;
    seen.add(name);
    return Boolean(evalCondition(doc, config, (doc.Conditions || {})[name], seen));
}

// A regular expression the value of a CloudFormation expression must match (resource outputs are wildcards that
// must name the resource), or null when the harness does not evaluate it.
function pattern(doc, config, node, registered) {
    const esc = s => String(s).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const resource = id => {
        // A resource output: the mock value names the resource, or it is one of its inputs.
        const r = registered.find(x => x.name === id);
        const inputs = r ? Object.values(r.inputs).filter(v => typeof v === "string" || typeof v === "number").map(v => esc(v)) : [];
        return `(?:arn:aws:mock:us-east-1:123456789012:mock/${esc(id)}/[A-Za-z0-9]+:1${inputs.length ? "|" + inputs.join("|") : ""})`;
    };
    const ref = name => {
        if (name in config) return esc(config[name]);
        if (name in PSEUDO) return esc(PSEUDO[name]);
        if ((doc.Resources || {})[name]) return resource(name);
        return null;
    };
    if (node === null || node === undefined) return null;
    if (typeof node !== "object") return esc(node);
    if (Array.isArray(node)) return null;
    const [k, v] = Object.entries(node)[0] || [];
    if (Object.keys(node).length !== 1) return null;
    switch (k) {
        case "Ref": return ref(v);
        case "Fn::GetAtt": return resource(Array.isArray(v) ? v[0] : String(v).split(".")[0]);
        case "Fn::Sub": {
            const [text, vars] = Array.isArray(v) ? v : [v, {}];
            if (typeof text !== "string") return null;
            let out = "";
            let last = 0;
            const re = /\$\{([^}]*)\}/g;
            let m;
            while ((m = re.exec(text))) {
                out += esc(text.slice(last, m.index));
                last = re.lastIndex;
                const name = m[1].trim();
                if (name.startsWith("!")) { out += esc("${" + name.slice(1) + "}"); continue; }
                let part;
                if (vars && name in vars) part = pattern(doc, config, vars[name], registered);
                else if (name.includes(".") && !(name in config) && !(name in PSEUDO)) part = resource(name.split(".")[0]);
                else part = ref(name);
                if (part === null) return null;
                out += part;
            }
            return out + esc(text.slice(last));
        }
        case "Fn::Join": {
            if (!Array.isArray(v[1])) return null;
            const parts = v[1].map(x => pattern(doc, config, x, registered));
            return parts.some(p => p === null) ? null : parts.join(esc(v[0]));
        }
        default: return null;
    }
}

// How the mocks show a secret input (Pulumi's secret signature): the value is compared, not its secrecy.
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

function compareValue(doc, config, cfn, actual, registered, native) {
    if (actual && typeof actual === "object" && !Array.isArray(actual) && SECRET_SIG in actual && "value" in actual) actual = actual.value;
    if (Array.isArray(cfn) && cfn.length === 1 && !Array.isArray(actual) && actual !== undefined && typeof actual !== "object") actual = [actual];
    if (Array.isArray(cfn)) {
        if (!Array.isArray(actual) || actual.length !== cfn.length) return cfn.some(x => typeof x === "object") ? null : false;
        for (let i = 0; i < cfn.length; i++) {
            const r = compareValue(doc, config, cfn[i], actual[i], registered, native);
            if (r === false) return false;
        }
        return true;
    }
    if (cfn && typeof cfn === "object" && Object.keys(cfn).length === 1 && ("Fn::If" in cfn || "Ref" in cfn && cfn.Ref === "AWS::NoValue")) return null;
    const p = pattern(doc, config, cfn, registered);
    if (p === null) return null;
    if (Array.isArray(actual) && actual.every(x => typeof x !== "object")) actual = actual.join(",");
    if (actual === undefined || actual === null || typeof actual === "object") return false;
    if (native && typeof cfn !== "object") {
        // aws-native spells enum values its own way (TERMINATE → Terminate).
        const norm = v => String(v).replace(/[_\-.]/g, "").toLowerCase();
        return norm(cfn) === norm(actual);
    }
    return new RegExp(`^${p}$`, "s").test(String(actual));
}

// Custom resources (Custom::*, AWS::CloudFormation::CustomResource): aws-native documents CustomResourceEmulator as the
// way to run a CloudFormation custom resource (it sends the ServiceToken function CloudFormation's requests and reads
// the response from S3). Expect one emulator with the same service token, type and properties, and its response
// bucket ("<id>-Responses").
const EMULATOR = "aws-native:cloudformation:CustomResourceEmulator";
const isCustom = type => type === "AWS::CloudFormation::CustomResource" || type.startsWith("Custom::");

function compareCustom(doc, config, id, r, reg, registered, claimed) {
    const problems = [];
    if (reg.type !== EMULATOR) return [`${id}: registered as ${reg.type}, expected ${EMULATOR}`];
    const props = { ...(r.Properties || {}) };
    const token = props.ServiceToken;
    delete props.ServiceToken;
    delete props.ServiceTimeout;
    if (compareValue(doc, config, token, reg.inputs.serviceToken, registered, false) === false) problems.push(`${id}.ServiceToken: expected ${JSON.stringify(token)}, got ${JSON.stringify(reg.inputs.serviceToken)}`);
    if (reg.inputs.resourceType !== r.Type) problems.push(`${id}: resourceType ${reg.inputs.resourceType}, expected ${r.Type}`);
    const given = reg.inputs.customResourceProperties || {};
    const want = Object.keys(props).filter(k => !(props[k] && props[k].Ref === "AWS::NoValue")).sort();
    if (JSON.stringify(Object.keys(given).sort()) !== JSON.stringify(want)) problems.push(`${id}: properties ${Object.keys(given).sort()}, expected ${want}`);
    for (const k of want) {
        if (compareValue(doc, config, props[k], given[k], registered, false) === false) problems.push(`${id}.${k}: expected ${JSON.stringify(props[k]).slice(0, 120)}, got ${JSON.stringify(given[k])?.slice(0, 120)}`);
    }
    const buckets = registered.filter(x => x.type === "aws:s3/bucket:Bucket" && x.name === `${id}-Responses`);
    buckets.forEach(x => claimed.add(x));
    if (buckets.length !== 1) problems.push(`${id}: ${buckets.length} response buckets registered, expected 1`);
    else if (!String(reg.inputs.bucketName).includes(`:mock/${id}-Responses/`)) problems.push(`${id}: bucketName is not its response bucket`);
    return problems;
}

function compare(doc, registered, config) {
    const problems = [];
    const resources = doc.Resources || {};
    const claimed = new Set();
    for (const [id, r] of Object.entries(resources)) {
        const created = !r.Condition || conditionValue(doc, config, r.Condition);
        const mine = registered.filter(x => x.name === id);
        if (!created) {
            if (mine.length) problems.push(`${id}: condition ${r.Condition} is false but the resource was created`);
            continue;
        }
        const fold = FOLDED[r.Type];
        const holderId = fold && fold[0](r.Properties || {});
        const holder = holderId && resources[holderId];
        if (mine.length === 0 && holder && (holder.Condition || null) === (r.Condition || null)) {
            const held = registered.filter(x => x.name === holderId);
            if (held.length !== 1 || held[0].type !== fold[1]) { problems.push(`${id}: folded into ${holderId}, which is not registered as ${fold[1]}`); continue; }
            for (const [cfnName, input] of fold[2]) {
                const cfn = (r.Properties || {})[cfnName];
                if (cfn === undefined) continue;
                // Content in S3 is read when the program runs (the mocks return nothing); inline content must match.
                if (!(input in held[0].inputs) && cfnName.endsWith("S3Location")) continue;
                let actual = held[0].inputs[input];
                if (actual === undefined) { problems.push(`${id}.${cfnName}: ${holderId} has no ${input}`); continue; }
                // A list input holds one entry per folded resource: compare with the entry of the same name.
                if (Array.isArray(actual) && cfn && typeof cfn === "object" && !Array.isArray(cfn)) {
                    const entry = actual.find(x => x && x.name === cfn.Name);
                    if (!entry) { problems.push(`${id}.${cfnName}: no entry named ${JSON.stringify(cfn.Name)} in ${holderId}.${input}`); continue; }
                    actual = entry;
                    for (const [k, v] of Object.entries(cfn)) {
                        const key = Object.keys(actual).find(x => x.toLowerCase() === camel(k).toLowerCase());
                        if (key !== undefined && compareValue(doc, config, v, actual[key], registered, false) === false) problems.push(`${id}.${cfnName}.${k}: expected ${JSON.stringify(v)}, got ${JSON.stringify(actual[key])}`);
                    }
                    continue;
                }
                const same = compareValue(doc, config, cfn, actual, registered, false);
                if (same === false) problems.push(`${id}.${cfnName}: expected in ${holderId}.${input}, got ${JSON.stringify(held[0].inputs[input])?.slice(0, 120)}`);
            }
            continue;
        }
        if (mine.length !== 1) { problems.push(`${id}: ${mine.length} resources registered, expected 1`); continue; }
        const reg = mine[0];
        claimed.add(reg);
        if (isCustom(r.Type)) {
            problems.push(...compareCustom(doc, config, id, r, reg, registered, claimed));
            continue;
        }
        const classic = CLASSIC[r.Type];
        const parts = r.Type.split("::");
        const nativeToken = `aws-native:${(parts[1] || "").toLowerCase()}:${parts[2]}`.toLowerCase();
        let props;
        if (classic && reg.type === classic[0]) props = classic[1];
        else if (reg.type.toLowerCase() === nativeToken) props = Object.fromEntries(Object.keys(r.Properties || {}).map(k => [k, camel(k)]));
        else { problems.push(`${id}: registered as ${reg.type}, expected ${classic ? classic[0] + " or " : ""}${nativeToken}`); continue; }
        for (const [cfnName, pulumiName] of Object.entries(props)) {
            // "A.B": member B of property A (the classic class takes it at the top level).
            const cfn = cfnName.split(".").reduce((o, k) => (o && typeof o === "object" ? o[k] : undefined), r.Properties || {});
            if (cfn === undefined) continue;
            // aws-native spells acronyms its own way (callbackUrls for CallbackURLs): match names ignoring case.
            const key = Object.keys(reg.inputs).find(k => k === pulumiName) ?? Object.keys(reg.inputs).find(k => k.toLowerCase() === pulumiName.toLowerCase());
            const same = compareValue(doc, config, cfn, key === undefined ? undefined : reg.inputs[key], registered, !classic || reg.type !== classic[0]);
            if (same === false) problems.push(`${id}.${cfnName}: expected ${JSON.stringify(cfn).slice(0, 120)}, got ${JSON.stringify(key === undefined ? undefined : reg.inputs[key])?.slice(0, 120)}`);
        }
        const extra = EXTRAS[r.Type];
        if (extra && reg.type === (classic || [])[0]) {
            const want = extra[1](r.Properties || {});
            const got = registered.filter(x => x.type === extra[0] && x.name.startsWith(id + "-") && !resources[x.name]);
            got.forEach(x => claimed.add(x));
            if (got.length !== want) problems.push(`${id}: ${got.length} ${extra[0]} registered, expected ${want}`);
        }
    }
    for (const x of registered) {
        if (!claimed.has(x)) problems.push(`unexpected resource ${x.name} (${x.type})`);
    }
    return problems;
}

module.exports = { pattern, compare, parameterValues, attributeNames, camel, conditionValue, CLASSIC, FOLDED };
