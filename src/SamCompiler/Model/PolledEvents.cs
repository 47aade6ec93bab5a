using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Model;

/// <summary>Properties every polled source (event source mapping) has.</summary>
public abstract class PolledEvent : FunctionEvent
{
    /// <summary>Wraps the entry.</summary>
    protected PolledEvent(TemplateResource owner, string id, SourceSpan keySpan, string type, MapNode definition)
        : base(owner, id, keySpan, type, definition)
    {
    }

    /// <summary>BatchSize.</summary>
    public ModelValue BatchSize => Value("BatchSize");

    /// <summary>MaximumBatchingWindowInSeconds.</summary>
    public ModelValue MaximumBatchingWindowInSeconds => Value("MaximumBatchingWindowInSeconds");

    /// <summary>Enabled.</summary>
    public ModelValue Enabled => Value("Enabled");

    /// <summary>FunctionResponseTypes as written.</summary>
    public Node? FunctionResponseTypes => Properties["FunctionResponseTypes"];
}

/// <summary>An SQS event.</summary>
public sealed class SqsEvent : PolledEvent
{
    internal SqsEvent(TemplateResource owner, string id, SourceSpan keySpan, string type, MapNode definition)
        : base(owner, id, keySpan, type, definition)
    {
    }

    /// <summary>Queue as written (an ARN, or Fn::GetAtt of a queue).</summary>
    public Node? QueueNode => Properties["Queue"];

    /// <summary>Queue, evaluated.</summary>
    public ModelValue Queue => Value("Queue");

    /// <summary>The AWS::SQS::Queue of this template the event reads, or null.</summary>
    public TemplateResource? QueueResource => Referenced("Queue") is { Type: "AWS::SQS::Queue" } q ? q : null;

    /// <summary>True for a FIFO queue (a template queue with FifoQueue true, or an ARN ending in .fifo).</summary>
    public bool IsFifo => QueueResource is { } q
        ? q.Value("FifoQueue").AsBoolean() == true
        : Queue.AsString() is { } arn && arn.EndsWith(".fifo", StringComparison.Ordinal);
}

/// <summary>A Kinesis or DynamoDB stream event.</summary>
public sealed class StreamEvent : PolledEvent
{
    internal StreamEvent(TemplateResource owner, string id, SourceSpan keySpan, string type, MapNode definition)
        : base(owner, id, keySpan, type, definition)
    {
    }

    /// <summary>Stream.</summary>
    public ModelValue Stream => Value("Stream");

    /// <summary>StartingPosition.</summary>
    public ModelValue StartingPosition => Value("StartingPosition");

    /// <summary>ParallelizationFactor.</summary>
    public ModelValue ParallelizationFactor => Value("ParallelizationFactor");

    /// <summary>MaximumRetryAttempts.</summary>
    public ModelValue MaximumRetryAttempts => Value("MaximumRetryAttempts");

    /// <summary>MaximumRecordAgeInSeconds.</summary>
    public ModelValue MaximumRecordAgeInSeconds => Value("MaximumRecordAgeInSeconds");

    /// <summary>BisectBatchOnFunctionError.</summary>
    public ModelValue BisectBatchOnFunctionError => Value("BisectBatchOnFunctionError");

    /// <summary>DestinationConfig as written.</summary>
    public Node? DestinationConfig => Properties["DestinationConfig"];
}

/// <summary>An MSK, SelfManagedKafka, MQ or DocumentDB event.</summary>
public sealed class BrokerEvent : PolledEvent
{
    internal BrokerEvent(TemplateResource owner, string id, SourceSpan keySpan, string type, MapNode definition)
        : base(owner, id, keySpan, type, definition)
    {
    }

    /// <summary>Topics (Kafka) as written.</summary>
    public Node? Topics => Properties["Topics"];

    /// <summary>Queues (MQ) as written.</summary>
    public Node? Queues => Properties["Queues"];
}
