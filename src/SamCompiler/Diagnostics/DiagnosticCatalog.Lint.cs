namespace SamCompiler.Diagnostics;

/// <summary>Lint descriptors: SAM3001-SAM3999 (Lambda and CloudFormation quotas) and SAM4001-SAM4999 (security and good practice).</summary>
public static partial class DiagnosticCatalog
{
    /// <summary>SAM3001: MemorySize outside 128-10240 MB.</summary>
    public static DiagnosticDescriptor FunctionMemorySize => LintDescriptors.FunctionMemorySize;

    /// <summary>SAM3002: Timeout outside 1-900 seconds.</summary>
    public static DiagnosticDescriptor FunctionTimeout => LintDescriptors.FunctionTimeout;

    /// <summary>SAM3003: EphemeralStorage outside 512-10240 MB.</summary>
    public static DiagnosticDescriptor FunctionEphemeralStorage => LintDescriptors.FunctionEphemeralStorage;

    /// <summary>SAM3004: more than 5 layers after the Globals merge.</summary>
    public static DiagnosticDescriptor FunctionLayerCount => LintDescriptors.FunctionLayerCount;

    /// <summary>SAM3005: environment variables over 4 KB as Lambda measures them.</summary>
    public static DiagnosticDescriptor FunctionEnvironmentSize => LintDescriptors.FunctionEnvironmentSize;

    /// <summary>SAM3006: a reserved or malformed environment variable name.</summary>
    public static DiagnosticDescriptor FunctionEnvironmentKey => LintDescriptors.FunctionEnvironmentKey;

    /// <summary>SAM3007: FunctionName too long or with characters Lambda rejects.</summary>
    public static DiagnosticDescriptor FunctionName => LintDescriptors.FunctionName;

    /// <summary>SAM3008: Handler longer than 128 characters or with whitespace.</summary>
    public static DiagnosticDescriptor FunctionHandler => LintDescriptors.FunctionHandler;

    /// <summary>SAM3009: Description longer than 256 characters.</summary>
    public static DiagnosticDescriptor FunctionDescriptionLength => LintDescriptors.FunctionDescriptionLength;

    /// <summary>SAM3010: AutoPublishAlias name Lambda rejects.</summary>
    public static DiagnosticDescriptor FunctionAliasName => LintDescriptors.FunctionAliasName;

    /// <summary>SAM3011: a deprecated runtime (still accepted for create).</summary>
    public static DiagnosticDescriptor RuntimeDeprecated => LintDescriptors.RuntimeDeprecated;

    /// <summary>SAM3012: a runtime Lambda no longer accepts for new functions.</summary>
    public static DiagnosticDescriptor RuntimeBlocked => LintDescriptors.RuntimeBlocked;

    /// <summary>SAM3013: reserved concurrency summed over the template above the account limit minus the unreserved 100.</summary>
    public static DiagnosticDescriptor AccountConcurrency => LintDescriptors.AccountConcurrency;

    /// <summary>SAM3014: provisioned concurrency above the reserved concurrency or the account limit.</summary>
    public static DiagnosticDescriptor ProvisionedConcurrency => LintDescriptors.ProvisionedConcurrency;

    /// <summary>SAM3015: EventInvokeConfig values out of range.</summary>
    public static DiagnosticDescriptor EventInvokeConfigRange => LintDescriptors.EventInvokeConfigRange;

    /// <summary>SAM3016: deployment package over 250 MB unzipped.</summary>
    public static DiagnosticDescriptor PackageUnzippedSize => LintDescriptors.PackageUnzippedSize;

    /// <summary>SAM3017: deployment package over 50 MB zipped (direct upload limit).</summary>
    public static DiagnosticDescriptor PackageZippedSize => LintDescriptors.PackageZippedSize;

    /// <summary>SAM3018: event source BatchSize out of range.</summary>
    public static DiagnosticDescriptor EventBatchSize => LintDescriptors.EventBatchSize;

    /// <summary>SAM3019: MaximumBatchingWindowInSeconds over 300.</summary>
    public static DiagnosticDescriptor EventBatchingWindow => LintDescriptors.EventBatchingWindow;

    /// <summary>SAM3020: SQS queue visibility timeout below the function timeout.</summary>
    public static DiagnosticDescriptor SqsVisibilityTimeout => LintDescriptors.SqsVisibilityTimeout;

    /// <summary>SAM3021: API event on a function whose timeout exceeds the API Gateway integration timeout.</summary>
    public static DiagnosticDescriptor ApiIntegrationTimeout => LintDescriptors.ApiIntegrationTimeout;

    /// <summary>SAM3022: more than 500 resources after the transform.</summary>
    public static DiagnosticDescriptor TemplateResourceCount => LintDescriptors.TemplateResourceCount;

    /// <summary>SAM3023: more than 200 parameters.</summary>
    public static DiagnosticDescriptor TemplateParameterCount => LintDescriptors.TemplateParameterCount;

    /// <summary>SAM3024: more than 200 outputs.</summary>
    public static DiagnosticDescriptor TemplateOutputCount => LintDescriptors.TemplateOutputCount;

    /// <summary>SAM3025: more than 200 mappings.</summary>
    public static DiagnosticDescriptor TemplateMappingCount => LintDescriptors.TemplateMappingCount;

    /// <summary>SAM3026: template body over 1 MB (the S3 limit).</summary>
    public static DiagnosticDescriptor TemplateBodySize => LintDescriptors.TemplateBodySize;

    /// <summary>SAM3027: template body over 51,200 bytes (must go through S3).</summary>
    public static DiagnosticDescriptor TemplateBodyDirectSize => LintDescriptors.TemplateBodyDirectSize;

    /// <summary>SAM3028: logical id not alphanumeric or longer than 255 characters.</summary>
    public static DiagnosticDescriptor LogicalId => LintDescriptors.LogicalId;

    /// <summary>SAM3029: Kinesis/DynamoDB stream settings out of range.</summary>
    public static DiagnosticDescriptor EventStreamSettings => LintDescriptors.EventStreamSettings;

    /// <summary>SAM3030: an SQS queue's MaximumMessageSize outside 1,024-1,048,576 bytes.</summary>
    public static DiagnosticDescriptor SqsMessageSize => LintDescriptors.SqsMessageSize;

    /// <summary>SAM3031: an API's MinimumCompressionSize outside 0-10,485,760 bytes.</summary>
    public static DiagnosticDescriptor ApiCompressionSize => LintDescriptors.ApiCompressionSize;

    /// <summary>SAM4001: a secret in a plain environment variable.</summary>
    public static DiagnosticDescriptor PlaintextSecret => LintDescriptors.PlaintextSecret;

    /// <summary>SAM4002: "*" actions or resources in an inline policy.</summary>
    public static DiagnosticDescriptor WildcardPolicy => LintDescriptors.WildcardPolicy;

    /// <summary>SAM4003: a Function URL with AuthType NONE.</summary>
    public static DiagnosticDescriptor FunctionUrlAuthNone => LintDescriptors.FunctionUrlAuthNone;

    /// <summary>SAM4004: async event sources without a DLQ or on-failure destination.</summary>
    public static DiagnosticDescriptor AsyncFailureDestination => LintDescriptors.AsyncFailureDestination;

    /// <summary>SAM4005: a function without reserved concurrency (off unless enabled in configuration).</summary>
    public static DiagnosticDescriptor MissingReservedConcurrency => LintDescriptors.MissingReservedConcurrency;

    /// <summary>SAM4006: SQS visibility timeout below six times the function timeout.</summary>
    public static DiagnosticDescriptor SqsVisibilityTimeoutAdvice => LintDescriptors.SqsVisibilityTimeoutAdvice;

    /// <summary>SAM4007: a lint suppression or configuration entry names an unknown id.</summary>
    public static DiagnosticDescriptor UnknownRuleReference => LintDescriptors.UnknownRuleReference;

    /// <summary>SAM4008: a dead-letter or on-failure queue whose stated MaximumMessageSize is below the async payload limit.</summary>
    public static DiagnosticDescriptor FailureQueueMessageSize => LintDescriptors.FailureQueueMessageSize;

    static partial void AddLintDescriptors(List<DiagnosticDescriptor> list) => list.AddRange(
    [
        FunctionMemorySize, FunctionTimeout, FunctionEphemeralStorage, FunctionLayerCount, FunctionEnvironmentSize,
        FunctionEnvironmentKey, FunctionName, FunctionHandler, FunctionDescriptionLength, FunctionAliasName,
        RuntimeDeprecated, RuntimeBlocked, AccountConcurrency, ProvisionedConcurrency, EventInvokeConfigRange,
        PackageUnzippedSize, PackageZippedSize, EventBatchSize, EventBatchingWindow, SqsVisibilityTimeout,
        ApiIntegrationTimeout, TemplateResourceCount, TemplateParameterCount, TemplateOutputCount, TemplateMappingCount,
        TemplateBodySize, TemplateBodyDirectSize, LogicalId, EventStreamSettings, SqsMessageSize, ApiCompressionSize,
        PlaintextSecret, WildcardPolicy, FunctionUrlAuthNone, AsyncFailureDestination, MissingReservedConcurrency,
        SqsVisibilityTimeoutAdvice, UnknownRuleReference, FailureQueueMessageSize,
    ]);

    /// <summary>Holds the lint descriptors so they are built on first use, whatever order the partial files' initializers run in.</summary>
    private static class LintDescriptors
    {
        internal static readonly DiagnosticDescriptor FunctionMemorySize = Quota("SAM3001", "function-memory-size", "MemorySize is outside the range Lambda accepts.");

        internal static readonly DiagnosticDescriptor FunctionTimeout = Quota("SAM3002", "function-timeout", "Timeout is outside the range Lambda accepts.");

        internal static readonly DiagnosticDescriptor FunctionEphemeralStorage = Quota("SAM3003", "function-ephemeral-storage", "EphemeralStorage size is outside the range Lambda accepts.");

        internal static readonly DiagnosticDescriptor FunctionLayerCount = Quota("SAM3004", "function-layer-count", "A function uses more layers than Lambda allows.");

        internal static readonly DiagnosticDescriptor FunctionEnvironmentSize = Quota("SAM3005", "function-environment-size", "The environment variables are larger than Lambda allows.");

        internal static readonly DiagnosticDescriptor FunctionEnvironmentKey = Quota("SAM3006", "function-environment-key", "An environment variable name is reserved by Lambda or not a valid name.");

        internal static readonly DiagnosticDescriptor FunctionName = Quota("SAM3007", "function-name", "FunctionName is too long or has characters Lambda rejects.");

        internal static readonly DiagnosticDescriptor FunctionHandler = Quota("SAM3008", "function-handler", "Handler is too long or has whitespace.");

        internal static readonly DiagnosticDescriptor FunctionDescriptionLength = Quota("SAM3009", "function-description-length", "Description is longer than Lambda allows.");

        internal static readonly DiagnosticDescriptor FunctionAliasName = Quota("SAM3010", "function-alias-name", "The alias name is not valid for Lambda.");

        internal static readonly DiagnosticDescriptor RuntimeDeprecated = new("SAM3011", "runtime-deprecated", DiagnosticCategory.Quota, DiagnosticSeverity.Warning, "The runtime is deprecated.");

        internal static readonly DiagnosticDescriptor RuntimeBlocked = Quota("SAM3012", "runtime-blocked", "Lambda no longer accepts the runtime for new functions.");

        internal static readonly DiagnosticDescriptor AccountConcurrency = Quota("SAM3013", "account-concurrency", "Reserved concurrency over the template exceeds what the account can reserve.");

        internal static readonly DiagnosticDescriptor ProvisionedConcurrency = Quota("SAM3014", "provisioned-concurrency", "Provisioned concurrency exceeds the reserved concurrency.");

        internal static readonly DiagnosticDescriptor EventInvokeConfigRange = Quota("SAM3015", "event-invoke-config-range", "An EventInvokeConfig value is outside the range Lambda accepts.");

        internal static readonly DiagnosticDescriptor PackageUnzippedSize = Quota("SAM3016", "package-unzipped-size", "The deployment package with its layers is larger than 250 MB unzipped.");

        internal static readonly DiagnosticDescriptor PackageZippedSize = new("SAM3017", "package-zipped-size", DiagnosticCategory.Quota, DiagnosticSeverity.Warning, "The zipped deployment package is larger than a direct upload allows.");

        internal static readonly DiagnosticDescriptor EventBatchSize = Quota("SAM3018", "event-batch-size", "An event source BatchSize is outside the range Lambda accepts.");

        internal static readonly DiagnosticDescriptor EventBatchingWindow = Quota("SAM3019", "event-batching-window", "The batching window is outside the range Lambda accepts.");

        internal static readonly DiagnosticDescriptor SqsVisibilityTimeout = Quota("SAM3020", "sqs-visibility-timeout", "The SQS queue's visibility timeout is shorter than the function timeout.");

        internal static readonly DiagnosticDescriptor ApiIntegrationTimeout = new("SAM3021", "api-integration-timeout", DiagnosticCategory.Quota, DiagnosticSeverity.Warning, "The function timeout is longer than the API Gateway integration timeout.");

        internal static readonly DiagnosticDescriptor TemplateResourceCount = Quota("SAM3022", "template-resource-count", "The transformed template has more resources than CloudFormation allows.");

        internal static readonly DiagnosticDescriptor TemplateParameterCount = Quota("SAM3023", "template-parameter-count", "The template has more parameters than CloudFormation allows.");

        internal static readonly DiagnosticDescriptor TemplateOutputCount = Quota("SAM3024", "template-output-count", "The template has more outputs than CloudFormation allows.");

        internal static readonly DiagnosticDescriptor TemplateMappingCount = Quota("SAM3025", "template-mapping-count", "The template has more mappings than CloudFormation allows.");

        internal static readonly DiagnosticDescriptor TemplateBodySize = Quota("SAM3026", "template-body-size", "The template body is larger than CloudFormation accepts.");

        internal static readonly DiagnosticDescriptor TemplateBodyDirectSize = new("SAM3027", "template-body-direct-size", DiagnosticCategory.Quota, DiagnosticSeverity.Warning, "The template body is too large to pass inline; it must be uploaded to S3.");

        internal static readonly DiagnosticDescriptor LogicalId = Quota("SAM3028", "logical-id", "A logical id is not alphanumeric or is too long.");

        internal static readonly DiagnosticDescriptor EventStreamSettings = Quota("SAM3029", "event-stream-settings", "A stream event source setting is outside the range Lambda accepts.");

        internal static readonly DiagnosticDescriptor SqsMessageSize = Quota("SAM3030", "sqs-message-size", "An SQS queue's MaximumMessageSize is outside the range SQS accepts.");

        internal static readonly DiagnosticDescriptor ApiCompressionSize = Quota("SAM3031", "api-compression-size", "An API's MinimumCompressionSize is outside the range API Gateway accepts.");

        internal static readonly DiagnosticDescriptor PlaintextSecret = Practice("SAM4001", "plaintext-secret", "An environment variable appears to hold a secret in plain text.");

        internal static readonly DiagnosticDescriptor WildcardPolicy = Practice("SAM4002", "wildcard-policy", "An inline policy allows every action or every resource.");

        internal static readonly DiagnosticDescriptor FunctionUrlAuthNone = Practice("SAM4003", "function-url-auth-none", "The Function URL is public (AuthType NONE).");

        internal static readonly DiagnosticDescriptor AsyncFailureDestination = Practice("SAM4004", "async-failure-destination", "A function invoked asynchronously has no dead-letter queue or on-failure destination.");

        internal static readonly DiagnosticDescriptor MissingReservedConcurrency = Practice("SAM4005", "missing-reserved-concurrency", "The function has no reserved concurrency.");

        internal static readonly DiagnosticDescriptor SqsVisibilityTimeoutAdvice = Practice("SAM4006", "sqs-visibility-timeout-advice", "The SQS queue's visibility timeout is less than six times the function timeout.");

        internal static readonly DiagnosticDescriptor FailureQueueMessageSize = Practice("SAM4008", "failure-queue-message-size", "A dead-letter or on-failure queue accepts smaller messages than an asynchronous event can be.");

        internal static readonly DiagnosticDescriptor UnknownRuleReference = Practice("SAM4007", "unknown-rule-reference", "A suppression or configuration entry names an unknown diagnostic.");
    }

    private static DiagnosticDescriptor Quota(string id, string name, string title) =>
        new(id, name, DiagnosticCategory.Quota, DiagnosticSeverity.Error, title);

    private static DiagnosticDescriptor Practice(string id, string name, string title) =>
        new(id, name, DiagnosticCategory.Practice, DiagnosticSeverity.Warning, title);
}
