namespace SamCompiler.Validation;

/// <summary>
/// Every limit lint checks, each stated once with its unit, AWS documentation page and whether AWS adjusts it.
/// Rules read their numbers from here; docs/quotas.md lists the same table.
/// </summary>
public static class Quotas
{
    /// <summary>Lambda quotas page.</summary>
    public const string LambdaQuotasUrl = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html";

    /// <summary>Lambda CreateFunction API reference (field lengths and patterns).</summary>
    public const string CreateFunctionUrl = "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html";

    /// <summary>Lambda CreateAlias API reference.</summary>
    public const string CreateAliasUrl = "https://docs.aws.amazon.com/lambda/latest/api/API_CreateAlias.html";

    /// <summary>Lambda PutFunctionEventInvokeConfig API reference.</summary>
    public const string EventInvokeConfigUrl = "https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html";

    /// <summary>Lambda CreateEventSourceMapping API reference.</summary>
    public const string EventSourceMappingUrl = "https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html";

    /// <summary>Lambda reserved environment variables.</summary>
    public const string EnvironmentVariablesUrl = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html";

    /// <summary>Lambda with SQS (visibility timeout advice).</summary>
    public const string SqsUrl = "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html";

    /// <summary>API Gateway quotas.</summary>
    public const string ApiGatewayQuotasUrl = "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html";

    /// <summary>CloudFormation quotas.</summary>
    public const string CloudFormationQuotasUrl = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html";

    /// <summary>Lambda Invoke API reference (payload limits).</summary>
    public const string InvokeUrl = "https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html";

    /// <summary>SQS CreateQueue API reference (queue attributes).</summary>
    public const string SqsCreateQueueUrl = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html";

    /// <summary>API Gateway RestApi MinimumCompressionSize.</summary>
    public const string ApiCompressionUrl = "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gzip-compression-decompression.html";

    /// <summary>Lambda runtime deprecation policy.</summary>
    public const string RuntimesUrl = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html";

    /// <summary>Smallest MemorySize.</summary>
    public static Quota MemorySizeMin { get; } = new("lambda.memory-size.min", 128, "MB", "Smallest function memory", LambdaQuotasUrl, false);

    /// <summary>Largest MemorySize.</summary>
    public static Quota MemorySizeMax { get; } = new("lambda.memory-size.max", 10240, "MB", "Largest function memory", LambdaQuotasUrl, false);

    /// <summary>Shortest Timeout.</summary>
    public static Quota TimeoutMin { get; } = new("lambda.timeout.min", 1, "seconds", "Shortest function timeout", CreateFunctionUrl, false);

    /// <summary>Longest Timeout.</summary>
    public static Quota TimeoutMax { get; } = new("lambda.timeout.max", 900, "seconds", "Longest function timeout (15 minutes)", LambdaQuotasUrl, false);

    /// <summary>Smallest /tmp.</summary>
    public static Quota EphemeralStorageMin { get; } = new("lambda.ephemeral-storage.min", 512, "MB", "Smallest /tmp storage", LambdaQuotasUrl, false);

    /// <summary>Largest /tmp.</summary>
    public static Quota EphemeralStorageMax { get; } = new("lambda.ephemeral-storage.max", 10240, "MB", "Largest /tmp storage", LambdaQuotasUrl, false);

    /// <summary>Layers per function.</summary>
    public static Quota Layers { get; } = new("lambda.layers.max", 5, "count", "Layers per function", LambdaQuotasUrl, false);

    /// <summary>Environment variables, serialized.</summary>
    public static Quota EnvironmentSize { get; } = new("lambda.environment.size", 4096, "bytes", "Environment variables of a function (4 KB, measured on the serialized variables)", LambdaQuotasUrl, false);

    /// <summary>FunctionName length (name only, not an ARN).</summary>
    public static Quota FunctionNameLength { get; } = new("lambda.function-name.length", 64, "characters", "FunctionName length", CreateFunctionUrl, false);

    /// <summary>Handler length.</summary>
    public static Quota HandlerLength { get; } = new("lambda.handler.length", 128, "characters", "Handler length", CreateFunctionUrl, false);

    /// <summary>Description length.</summary>
    public static Quota DescriptionLength { get; } = new("lambda.description.length", 256, "characters", "Description length", CreateFunctionUrl, false);

    /// <summary>Alias name length.</summary>
    public static Quota AliasNameLength { get; } = new("lambda.alias-name.length", 128, "characters", "Alias name length", CreateAliasUrl, false);

    /// <summary>Account concurrent executions (default; set the account's value in configuration).</summary>
    public static Quota AccountConcurrency { get; } = new("lambda.concurrency.account", 1000, "executions", "Concurrent executions per account and region (default)", LambdaQuotasUrl, true);

    /// <summary>Concurrency Lambda keeps unreserved.</summary>
    public static Quota UnreservedConcurrency { get; } = new("lambda.concurrency.unreserved-minimum", 100, "executions", "Concurrency that must stay unreserved", "https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html", false);

    /// <summary>Fewest retries of an asynchronous invocation.</summary>
    public static Quota MaximumRetryAttemptsMin { get; } = new("lambda.event-invoke.retry-attempts.min", 0, "retries", "Smallest MaximumRetryAttempts of EventInvokeConfig", EventInvokeConfigUrl, false);

    /// <summary>Most retries of an asynchronous invocation.</summary>
    public static Quota MaximumRetryAttempts { get; } = new("lambda.event-invoke.retry-attempts.max", 2, "retries", "MaximumRetryAttempts of EventInvokeConfig", EventInvokeConfigUrl, false);

    /// <summary>Shortest MaximumEventAgeInSeconds.</summary>
    public static Quota MaximumEventAgeMin { get; } = new("lambda.event-invoke.event-age.min", 60, "seconds", "Smallest MaximumEventAgeInSeconds of EventInvokeConfig", EventInvokeConfigUrl, false);

    /// <summary>Longest MaximumEventAgeInSeconds.</summary>
    public static Quota MaximumEventAgeMax { get; } = new("lambda.event-invoke.event-age.max", 21600, "seconds", "Largest MaximumEventAgeInSeconds of EventInvokeConfig (6 hours)", EventInvokeConfigUrl, false);

    /// <summary>Unzipped package with layers.</summary>
    public static Quota PackageUnzipped { get; } = new("lambda.package.unzipped", 262_144_000, "bytes", "Deployment package and layers, unzipped (250 MB)", LambdaQuotasUrl, false);

    /// <summary>Zipped package uploaded directly.</summary>
    public static Quota PackageZippedDirect { get; } = new("lambda.package.zipped-direct", 52_428_800, "bytes", "Zipped deployment package uploaded directly (50 MB)", LambdaQuotasUrl, false);

    /// <summary>SQS BatchSize without a batching window (and for FIFO queues).</summary>
    public static Quota SqsBatchSize { get; } = new("lambda.esm.sqs.batch-size", 10, "records", "SQS BatchSize without MaximumBatchingWindowInSeconds, and for FIFO queues", EventSourceMappingUrl, false);

    /// <summary>SQS BatchSize with a batching window.</summary>
    public static Quota SqsBatchSizeWithWindow { get; } = new("lambda.esm.sqs.batch-size-with-window", 10000, "records", "SQS BatchSize with MaximumBatchingWindowInSeconds of at least 1", EventSourceMappingUrl, false);

    /// <summary>BatchSize of stream and broker sources.</summary>
    public static Quota StreamBatchSize { get; } = new("lambda.esm.batch-size", 10000, "records", "BatchSize of Kinesis, DynamoDB, MSK, self-managed Kafka, MQ and DocumentDB sources", EventSourceMappingUrl, false);

    /// <summary>Batching window.</summary>
    public static Quota BatchingWindow { get; } = new("lambda.esm.batching-window", 300, "seconds", "MaximumBatchingWindowInSeconds", EventSourceMappingUrl, false);

    /// <summary>Kinesis and DynamoDB ParallelizationFactor.</summary>
    public static Quota ParallelizationFactor { get; } = new("lambda.esm.parallelization-factor", 10, "count", "ParallelizationFactor of Kinesis and DynamoDB sources", EventSourceMappingUrl, false);

    /// <summary>Stream retry attempts.</summary>
    public static Quota StreamRetryAttempts { get; } = new("lambda.esm.retry-attempts", 10000, "count", "MaximumRetryAttempts of Kinesis and DynamoDB sources (-1 is infinite)", EventSourceMappingUrl, false);

    /// <summary>Stream record age.</summary>
    public static Quota StreamRecordAge { get; } = new("lambda.esm.record-age", 604800, "seconds", "MaximumRecordAgeInSeconds of Kinesis and DynamoDB sources (60 or more; -1 is infinite)", EventSourceMappingUrl, false);

    /// <summary>SQS default visibility timeout when the queue does not set one.</summary>
    public static Quota SqsDefaultVisibilityTimeout { get; } = new("sqs.visibility-timeout.default", 30, "seconds", "SQS VisibilityTimeout when a queue does not set it", "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html", false);

    /// <summary>AWS's advice: visibility timeout at least six times the function timeout.</summary>
    public static Quota SqsVisibilityFactor { get; } = new("lambda.sqs.visibility-factor", 6, "times", "Advised SQS visibility timeout as a multiple of the function timeout", SqsUrl, false);

    /// <summary>REST API integration timeout.</summary>
    public static Quota RestApiIntegrationTimeout { get; } = new("apigateway.rest.integration-timeout", 29, "seconds", "REST API integration timeout (raisable for Regional and private APIs)", ApiGatewayQuotasUrl, true);

    /// <summary>HTTP API integration timeout.</summary>
    public static Quota HttpApiIntegrationTimeout { get; } = new("apigateway.http.integration-timeout", 30, "seconds", "HTTP API integration timeout", ApiGatewayQuotasUrl, false);

    /// <summary>Resources per template.</summary>
    public static Quota Resources { get; } = new("cloudformation.resources", 500, "count", "Resources in a template, after the SAM transform", CloudFormationQuotasUrl, false);

    /// <summary>Parameters per template.</summary>
    public static Quota Parameters { get; } = new("cloudformation.parameters", 200, "count", "Parameters in a template", CloudFormationQuotasUrl, false);

    /// <summary>Outputs per template.</summary>
    public static Quota Outputs { get; } = new("cloudformation.outputs", 200, "count", "Outputs in a template", CloudFormationQuotasUrl, false);

    /// <summary>Mappings per template.</summary>
    public static Quota Mappings { get; } = new("cloudformation.mappings", 200, "count", "Mappings in a template", CloudFormationQuotasUrl, false);

    /// <summary>Template body through S3.</summary>
    public static Quota TemplateBodyS3 { get; } = new("cloudformation.template-body.s3", 1_048_576, "bytes", "Template body in an S3 object (1 MB)", CloudFormationQuotasUrl, false);

    /// <summary>Template body passed inline.</summary>
    public static Quota TemplateBodyDirect { get; } = new("cloudformation.template-body.direct", 51_200, "bytes", "Template body passed inline in the request", CloudFormationQuotasUrl, false);

    /// <summary>Logical id length.</summary>
    public static Quota LogicalIdLength { get; } = new("cloudformation.logical-id.length", 255, "characters", "Logical id length (alphanumeric only)", CloudFormationQuotasUrl, false);

    /// <summary>Largest request or response of a synchronous invocation.</summary>
    public static Quota SyncPayload { get; } = new("lambda.payload.sync", 6291456, "bytes", "Invocation payload (request and response) of a synchronous invocation (6 MB)", InvokeUrl, false);

    /// <summary>Largest event of an asynchronous invocation.</summary>
    public static Quota AsyncPayload { get; } = new("lambda.payload.async", 1048576, "bytes", "Invocation payload of an asynchronous invocation (1 MB)", InvokeUrl, false);

    /// <summary>Smallest SQS MaximumMessageSize.</summary>
    public static Quota SqsMessageSizeMin { get; } = new("sqs.maximum-message-size.min", 1024, "bytes", "Smallest SQS MaximumMessageSize (1 KiB)", SqsCreateQueueUrl, false);

    /// <summary>Largest SQS MaximumMessageSize.</summary>
    public static Quota SqsMessageSizeMax { get; } = new("sqs.maximum-message-size.max", 1048576, "bytes", "Largest SQS MaximumMessageSize (1 MiB)", SqsCreateQueueUrl, false);

    /// <summary>Smallest API Gateway MinimumCompressionSize.</summary>
    public static Quota ApiCompressionSizeMin { get; } = new("apigateway.minimum-compression-size.min", 0, "bytes", "Smallest REST API MinimumCompressionSize", ApiCompressionUrl, false);

    /// <summary>Largest API Gateway MinimumCompressionSize.</summary>
    public static Quota ApiCompressionSizeMax { get; } = new("apigateway.minimum-compression-size.max", 10485760, "bytes", "Largest REST API MinimumCompressionSize (10 MB, the REST API payload limit)", ApiCompressionUrl, false);

    /// <summary>Largest request body of a REST or HTTP API (API Gateway payload size, not adjustable).</summary>
    public static Quota ApiGatewayPayload { get; } = new("apigateway.payload.max", 10485760, "bytes", "Largest request payload of a REST or HTTP API (10 MB)", ApiGatewayQuotasUrl, false);

    /// <summary>Every quota, in the order docs/quotas.md lists them.</summary>
    public static IReadOnlyList<Quota> All { get; } =
    [
        MemorySizeMin, MemorySizeMax, TimeoutMin, TimeoutMax, EphemeralStorageMin, EphemeralStorageMax, Layers, EnvironmentSize,
        FunctionNameLength, HandlerLength, DescriptionLength, AliasNameLength, AccountConcurrency, UnreservedConcurrency,
        MaximumRetryAttemptsMin, MaximumRetryAttempts, MaximumEventAgeMin, MaximumEventAgeMax, PackageUnzipped, PackageZippedDirect,
        SqsBatchSize, SqsBatchSizeWithWindow, StreamBatchSize, BatchingWindow, ParallelizationFactor, StreamRetryAttempts, StreamRecordAge,
        SqsDefaultVisibilityTimeout, SqsVisibilityFactor, RestApiIntegrationTimeout, HttpApiIntegrationTimeout,
        Resources, Parameters, Outputs, Mappings, TemplateBodyS3, TemplateBodyDirect, LogicalIdLength,
        SyncPayload, AsyncPayload, SqsMessageSizeMin, SqsMessageSizeMax, ApiCompressionSizeMin, ApiCompressionSizeMax,
        ApiGatewayPayload,
    ];
}
