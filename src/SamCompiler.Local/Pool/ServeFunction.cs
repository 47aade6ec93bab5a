using SamCompiler.Local.Model;
using SamCompiler.Model.Aws;

namespace SamCompiler.Local.Pool;

/// <summary>Where a failed (or succeeded) asynchronous invocation is sent.</summary>
/// <param name="Kind">DeadLetterQueue, OnFailure or OnSuccess.</param>
/// <param name="Type">SQS, SNS, Lambda or EventBridge.</param>
/// <param name="Arn">The target ARN as far as samc can resolve it.</param>
public sealed record AsyncDestination(string Kind, string Type, string Arn);

/// <summary>A function as the servers see it: what running it needs plus its invocation settings.</summary>
public sealed record ServeFunction
{
    /// <summary>What running the function needs.</summary>
    public required LocalFunction Function { get; init; }

    /// <summary>The template variables after --env-vars.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Variables { get; init; }

    /// <summary>The logical id.</summary>
    public string LogicalId => Function.LogicalId;

    /// <summary>ReservedConcurrentExecutions, when set.</summary>
    public int? ReservedConcurrency { get; init; }

    /// <summary>The AutoPublishAlias name, when set (the alias and version 1 both run the code as is).</summary>
    public string? Alias { get; init; }

    /// <summary>MaximumRetryAttempts of EventInvokeConfig (Lambda's default: 2).</summary>
    public int MaximumRetryAttempts { get; init; } = 2;

    /// <summary>MaximumEventAgeInSeconds of EventInvokeConfig (Lambda's default and maximum: 6 hours).</summary>
    public TimeSpan MaximumEventAge { get; init; } = TimeSpan.FromSeconds(Quotas.MaximumEventAgeMax.Value);

    /// <summary>The DeadLetterQueue, when set.</summary>
    public AsyncDestination? DeadLetter { get; init; }

    /// <summary>The OnFailure destination of EventInvokeConfig, when set.</summary>
    public AsyncDestination? OnFailure { get; init; }

    /// <summary>The OnSuccess destination of EventInvokeConfig, when set.</summary>
    public AsyncDestination? OnSuccess { get; init; }

    /// <summary>True when <paramref name="qualifier"/> names something this function has: $LATEST, version 1 (with an alias) or the alias.</summary>
    public bool HasQualifier(string? qualifier) =>
        qualifier is null or "" or "$LATEST"
        || (Alias is not null && (qualifier == "1" || string.Equals(qualifier, Alias, StringComparison.Ordinal)));

    /// <summary>The version a qualifier executes ($LATEST or 1).</summary>
    public static string ExecutedVersion(string? qualifier) => qualifier is null or "" or "$LATEST" ? "$LATEST" : "1";
}
