using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Model;

/// <summary>An S3 event.</summary>
public sealed class S3Event : FunctionEvent
{
    internal S3Event(TemplateResource owner, string id, SourceSpan keySpan, string type, MapNode definition)
        : base(owner, id, keySpan, type, definition)
    {
    }

    /// <summary>Bucket as written (a Ref to a bucket of this template).</summary>
    public Node? Bucket => Properties["Bucket"];

    /// <summary>Events (s3:ObjectCreated:*, ...) as written.</summary>
    public Node? S3Events => Properties["Events"];

    /// <summary>Filter as written.</summary>
    public Node? Filter => Properties["Filter"];
}

/// <summary>An SNS event.</summary>
public sealed class SnsEvent : FunctionEvent
{
    internal SnsEvent(TemplateResource owner, string id, SourceSpan keySpan, string type, MapNode definition)
        : base(owner, id, keySpan, type, definition)
    {
    }

    /// <summary>Topic.</summary>
    public ModelValue Topic => Value("Topic");

    /// <summary>FilterPolicy as written.</summary>
    public Node? FilterPolicy => Properties["FilterPolicy"];

    /// <summary>SqsSubscription as written.</summary>
    public Node? SqsSubscription => Properties["SqsSubscription"];
}

/// <summary>A Schedule (EventBridge rule) or ScheduleV2 (EventBridge Scheduler) event.</summary>
public sealed class ScheduleEvent : FunctionEvent
{
    internal ScheduleEvent(TemplateResource owner, string id, SourceSpan keySpan, string type, MapNode definition)
        : base(owner, id, keySpan, type, definition)
    {
    }

    /// <summary>The schedule expression (Schedule, or ScheduleV2's ScheduleExpression).</summary>
    public ModelValue Expression => Value(Type == "ScheduleV2" ? "ScheduleExpression" : "Schedule");

    /// <summary>Input (the event sent).</summary>
    public ModelValue Input => Value("Input");

    /// <summary>Enabled (Schedule) or State (ScheduleV2) as written.</summary>
    public Node? Enabled => Properties["Enabled"] ?? Properties["State"];
}

/// <summary>An EventBridgeRule or CloudWatchEvent event.</summary>
public sealed class EventBridgeEvent : FunctionEvent
{
    internal EventBridgeEvent(TemplateResource owner, string id, SourceSpan keySpan, string type, MapNode definition)
        : base(owner, id, keySpan, type, definition)
    {
    }

    /// <summary>Pattern as written.</summary>
    public Node? Pattern => Properties["Pattern"];

    /// <summary>EventBusName.</summary>
    public ModelValue EventBusName => Value("EventBusName");

    /// <summary>Input.</summary>
    public ModelValue Input => Value("Input");
}
