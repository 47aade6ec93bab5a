namespace SamCompiler.Model.Aws;

/// <summary>
/// Every AWS limit samc checks, each stated once in <c>Data/quotas.json</c> with its unit, its AWS documentation page
/// and whether AWS adjusts it; this class names them for the code (lint rules, the local simulator). docs/quotas.md
/// lists the same table.
/// </summary>
public static class Quotas
{
    // Declared first: static initializers run in text order and every property below reads it.
    private static readonly (IReadOnlyList<Quota> List, Dictionary<string, Quota> ByKey) Data = Load();

    /// <summary>Smallest MemorySize.</summary>
    public static Quota MemorySizeMin { get; } = Get("lambda.memory-size.min");

    /// <summary>Largest MemorySize.</summary>
    public static Quota MemorySizeMax { get; } = Get("lambda.memory-size.max");

    /// <summary>Shortest Timeout.</summary>
    public static Quota TimeoutMin { get; } = Get("lambda.timeout.min");

    /// <summary>Longest Timeout.</summary>
    public static Quota TimeoutMax { get; } = Get("lambda.timeout.max");

    /// <summary>Smallest /tmp.</summary>
    public static Quota EphemeralStorageMin { get; } = Get("lambda.ephemeral-storage.min");

    /// <summary>Largest /tmp.</summary>
    public static Quota EphemeralStorageMax { get; } = Get("lambda.ephemeral-storage.max");

    /// <summary>Layers per function.</summary>
    public static Quota Layers { get; } = Get("lambda.layers.max");

    /// <summary>Environment variables, serialized.</summary>
    public static Quota EnvironmentSize { get; } = Get("lambda.environment.size");

    /// <summary>FunctionName length (name only, not an ARN).</summary>
    public static Quota FunctionNameLength { get; } = Get("lambda.function-name.length");

    /// <summary>Handler length.</summary>
    public static Quota HandlerLength { get; } = Get("lambda.handler.length");

    /// <summary>Description length.</summary>
    public static Quota DescriptionLength { get; } = Get("lambda.description.length");

    /// <summary>Alias name length.</summary>
    public static Quota AliasNameLength { get; } = Get("lambda.alias-name.length");

    /// <summary>Account concurrent executions (default; set the account's value in configuration).</summary>
    public static Quota AccountConcurrency { get; } = Get("lambda.concurrency.account");

    /// <summary>Concurrency Lambda keeps unreserved.</summary>
    public static Quota UnreservedConcurrency { get; } = Get("lambda.concurrency.unreserved-minimum");

    /// <summary>Fewest retries of an asynchronous invocation.</summary>
    public static Quota MaximumRetryAttemptsMin { get; } = Get("lambda.event-invoke.retry-attempts.min");

    /// <summary>Most retries of an asynchronous invocation.</summary>
    public static Quota MaximumRetryAttempts { get; } = Get("lambda.event-invoke.retry-attempts.max");

    /// <summary>Shortest MaximumEventAgeInSeconds.</summary>
    public static Quota MaximumEventAgeMin { get; } = Get("lambda.event-invoke.event-age.min");

    /// <summary>Longest MaximumEventAgeInSeconds.</summary>
    public static Quota MaximumEventAgeMax { get; } = Get("lambda.event-invoke.event-age.max");

    /// <summary>Unzipped package with layers.</summary>
    public static Quota PackageUnzipped { get; } = Get("lambda.package.unzipped");

    /// <summary>Zipped package uploaded directly.</summary>
    public static Quota PackageZippedDirect { get; } = Get("lambda.package.zipped-direct");

    /// <summary>SQS BatchSize without a batching window (and for FIFO queues).</summary>
    public static Quota SqsBatchSize { get; } = Get("lambda.esm.sqs.batch-size");

    /// <summary>SQS BatchSize with a batching window.</summary>
    public static Quota SqsBatchSizeWithWindow { get; } = Get("lambda.esm.sqs.batch-size-with-window");

    /// <summary>BatchSize of stream and broker sources.</summary>
    public static Quota StreamBatchSize { get; } = Get("lambda.esm.batch-size");

    /// <summary>Batching window.</summary>
    public static Quota BatchingWindow { get; } = Get("lambda.esm.batching-window");

    /// <summary>Kinesis and DynamoDB ParallelizationFactor.</summary>
    public static Quota ParallelizationFactor { get; } = Get("lambda.esm.parallelization-factor");

    /// <summary>Stream retry attempts.</summary>
    public static Quota StreamRetryAttempts { get; } = Get("lambda.esm.retry-attempts");

    /// <summary>Stream record age.</summary>
    public static Quota StreamRecordAge { get; } = Get("lambda.esm.record-age");

    /// <summary>SQS default visibility timeout when the queue does not set one.</summary>
    public static Quota SqsDefaultVisibilityTimeout { get; } = Get("sqs.visibility-timeout.default");

    /// <summary>AWS's advice: visibility timeout at least six times the function timeout.</summary>
    public static Quota SqsVisibilityFactor { get; } = Get("lambda.sqs.visibility-factor");

    /// <summary>REST API integration timeout.</summary>
    public static Quota RestApiIntegrationTimeout { get; } = Get("apigateway.rest.integration-timeout");

    /// <summary>HTTP API integration timeout.</summary>
    public static Quota HttpApiIntegrationTimeout { get; } = Get("apigateway.http.integration-timeout");

    /// <summary>Resources per template.</summary>
    public static Quota Resources { get; } = Get("cloudformation.resources");

    /// <summary>Parameters per template.</summary>
    public static Quota Parameters { get; } = Get("cloudformation.parameters");

    /// <summary>Outputs per template.</summary>
    public static Quota Outputs { get; } = Get("cloudformation.outputs");

    /// <summary>Mappings per template.</summary>
    public static Quota Mappings { get; } = Get("cloudformation.mappings");

    /// <summary>Template body through S3.</summary>
    public static Quota TemplateBodyS3 { get; } = Get("cloudformation.template-body.s3");

    /// <summary>Template body passed inline.</summary>
    public static Quota TemplateBodyDirect { get; } = Get("cloudformation.template-body.direct");

    /// <summary>Logical id length.</summary>
    public static Quota LogicalIdLength { get; } = Get("cloudformation.logical-id.length");

    /// <summary>Largest request or response of a synchronous invocation.</summary>
    public static Quota SyncPayload { get; } = Get("lambda.payload.sync");

    /// <summary>Largest event of an asynchronous invocation.</summary>
    public static Quota AsyncPayload { get; } = Get("lambda.payload.async");

    /// <summary>Smallest SQS MaximumMessageSize.</summary>
    public static Quota SqsMessageSizeMin { get; } = Get("sqs.maximum-message-size.min");

    /// <summary>Largest SQS MaximumMessageSize.</summary>
    public static Quota SqsMessageSizeMax { get; } = Get("sqs.maximum-message-size.max");

    /// <summary>Smallest API Gateway MinimumCompressionSize.</summary>
    public static Quota ApiCompressionSizeMin { get; } = Get("apigateway.minimum-compression-size.min");

    /// <summary>Largest API Gateway MinimumCompressionSize.</summary>
    public static Quota ApiCompressionSizeMax { get; } = Get("apigateway.minimum-compression-size.max");

    /// <summary>Largest request body of a REST or HTTP API (API Gateway payload size, not adjustable).</summary>
    public static Quota ApiGatewayPayload { get; } = Get("apigateway.payload.max");

    /// <summary>Every quota, in the order of Data/quotas.json (and docs/quotas.md).</summary>
    public static IReadOnlyList<Quota> All => Data.List;

    /// <summary>A quota by key; throws when the data file lacks it (a build defect, caught by the tests).</summary>
    public static Quota Get(string key) =>
        Data.ByKey.TryGetValue(key, out var quota) ? quota : throw new InvalidOperationException($"Data/quotas.json has no quota \"{key}\".");

    private static (IReadOnlyList<Quota>, Dictionary<string, Quota>) Load()
    {
        using var document = EmbeddedData.Open("quotas.json");
        var list = new List<Quota>();
        foreach (var q in document.RootElement.GetProperty("quotas").EnumerateArray())
        {
            list.Add(new Quota(
                q.GetProperty("key").GetString()!,
                q.GetProperty("value").GetInt64(),
                q.GetProperty("unit").GetString()!,
                q.GetProperty("description").GetString()!,
                q.GetProperty("url").GetString()!,
                q.GetProperty("adjustable").GetBoolean()));
        }

        return (list, list.ToDictionary(q => q.Key, StringComparer.Ordinal));
    }
}
