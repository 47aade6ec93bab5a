namespace SamCompiler.Model;

/// <summary>How Lambda is invoked by an event source type.</summary>
public enum InvocationKind
{
    /// <summary>Synchronously, by a service that waits for the result (Api, HttpApi, AlexaSkill, ...).</summary>
    Synchronous,

    /// <summary>Asynchronously, through Lambda's event queue (S3, SNS, EventBridge, Schedule, ...).</summary>
    Asynchronous,

    /// <summary>By an event source mapping that polls a queue or stream (SQS, Kinesis, DynamoDB, MSK, ...).</summary>
    Polled,
}

/// <summary>Facts about the event source types of AWS::Serverless::Function (samtranslator/model/eventsources).</summary>
public static class EventTypes
{
    /// <summary>Polled sources (event source mappings) that are streams or brokers, not SQS.</summary>
    public static IReadOnlySet<string> StreamAndBroker { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Kinesis", "DynamoDB", "MSK", "SelfManagedKafka", "MQ", "DocumentDB",
    };

    /// <summary>Sources that invoke the function asynchronously.</summary>
    public static IReadOnlySet<string> Async { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "S3", "SNS", "EventBridgeRule", "CloudWatchEvent", "Schedule", "ScheduleV2", "CloudWatchLogs", "IoTRule", "Cognito",
    };

    /// <summary>How an event of <paramref name="type"/> invokes the function.</summary>
    public static InvocationKind InvocationOf(string type) =>
        type == "SQS" || StreamAndBroker.Contains(type) ? InvocationKind.Polled
        : Async.Contains(type) ? InvocationKind.Asynchronous
        : InvocationKind.Synchronous;
}
