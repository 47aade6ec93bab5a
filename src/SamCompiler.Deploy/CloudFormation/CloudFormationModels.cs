namespace SamCompiler.Deploy.CloudFormation;

/// <summary>A stack as DescribeStacks reports it.</summary>
public sealed record StackDescription(
    string StackId,
    string StackName,
    string Status,
    string? StatusReason,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    IReadOnlyList<StackOutput> Outputs,
    IReadOnlyList<KeyValuePair<string, string>> Tags);

/// <summary>One stack output.</summary>
public sealed record StackOutput(string Key, string Value, string? Description, string? ExportName);

/// <summary>One stack event.</summary>
public sealed record StackEvent(
    string EventId,
    DateTimeOffset Timestamp,
    string LogicalResourceId,
    string? PhysicalResourceId,
    string ResourceType,
    string ResourceStatus,
    string? ResourceStatusReason,
    string StackId);

/// <summary>A parameter of CreateChangeSet: a value, or <see cref="UsePreviousValue"/>.</summary>
public sealed record StackParameter(string Key, string? Value, bool UsePreviousValue = false);

/// <summary>The request of CreateChangeSet.</summary>
public sealed record ChangeSetRequest
{
    /// <summary>The stack.</summary>
    public required string StackName { get; init; }

    /// <summary>The change set's name.</summary>
    public required string ChangeSetName { get; init; }

    /// <summary>CREATE or UPDATE.</summary>
    public required string ChangeSetType { get; init; }

    /// <summary>The template text (TemplateBody), or null when <see cref="TemplateUrl"/> is given.</summary>
    public string? TemplateBody { get; init; }

    /// <summary>The template's S3 URL (TemplateURL).</summary>
    public string? TemplateUrl { get; init; }

    /// <summary>Parameters.</summary>
    public IReadOnlyList<StackParameter> Parameters { get; init; } = [];

    /// <summary>CAPABILITY_IAM, CAPABILITY_NAMED_IAM, CAPABILITY_AUTO_EXPAND.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>Stack tags.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = [];

    /// <summary>SNS topics for stack events.</summary>
    public IReadOnlyList<string> NotificationArns { get; init; } = [];

    /// <summary>The role CloudFormation assumes.</summary>
    public string? RoleArn { get; init; }

    /// <summary>The change set's description.</summary>
    public string? Description { get; init; }

    /// <summary>DELETE, RETAIN or ROLLBACK for a failed creation (CreateChangeSet OnStackFailure).</summary>
    public string? OnStackFailure { get; init; }
}

/// <summary>A change set as DescribeChangeSet reports it.</summary>
public sealed record ChangeSetDescription(
    string ChangeSetId,
    string Status,
    string? StatusReason,
    string ExecutionStatus,
    IReadOnlyList<ResourceChange> Changes);

/// <summary>One resource change of a change set.</summary>
public sealed record ResourceChange(string Action, string LogicalResourceId, string? PhysicalResourceId, string ResourceType, string? Replacement);

/// <summary>The answer of CreateChangeSet.</summary>
public sealed record ChangeSetCreated(string ChangeSetId, string StackId);
