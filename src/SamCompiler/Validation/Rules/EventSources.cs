using SamCompiler.Syntax;

namespace SamCompiler.Validation.Rules;

/// <summary>Facts about event source types shared by the event rules.</summary>
internal static class EventSources
{
    /// <summary>Polled sources (event source mappings) other than SQS.</summary>
    public static IReadOnlySet<string> StreamAndBroker { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Kinesis", "DynamoDB", "MSK", "SelfManagedKafka", "MQ", "DocumentDB",
    };

    /// <summary>Sources that invoke the function asynchronously.</summary>
    public static IReadOnlySet<string> Async { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "S3", "SNS", "EventBridgeRule", "CloudWatchEvent", "Schedule", "ScheduleV2", "CloudWatchLogs", "IoTRule", "Cognito",
    };

    /// <summary>The function timeout in seconds (Lambda's default 3 when unset), or null when it is not known.</summary>
    public static double? Timeout(LintTemplate template, LintResource fn) =>
        fn["Timeout"] is null ? 3 : template.Number(fn["Timeout"]);

    /// <summary>The AWS::SQS::Queue of the template an SQS event's Queue names, or null.</summary>
    public static LintResource? Queue(LintTemplate template, LintEvent e) =>
        template.Referenced(e.Properties["Queue"]) is { Type: "AWS::SQS::Queue" } q ? q : null;

    /// <summary>True when the SQS event's queue is FIFO (a template queue with FifoQueue true, or an ARN ending in .fifo).</summary>
    public static bool IsFifo(LintTemplate template, LintEvent e)
    {
        if (Queue(template, e) is { } q)
        {
            return q["FifoQueue"] is ScalarNode { IsTrue: true } || template.String(q["FifoQueue"]) == "true";
        }

        return template.String(e.Properties["Queue"]) is { } arn && arn.EndsWith(".fifo", StringComparison.Ordinal);
    }
}
