using SamCompiler.Deploy.CloudFormation;
using SamCompiler.Text;

namespace SamCompiler.Deploy.Deploying;

/// <summary>What to deploy and how.</summary>
public sealed record DeployRequest
{
    /// <summary>The stack.</summary>
    public required string StackName { get; init; }

    /// <summary>The CloudFormation template text (sent as TemplateBody unless <see cref="TemplateUrl"/> is set).</summary>
    public required string TemplateBody { get; init; }

    /// <summary>The template's S3 URL when it is larger than CloudFormation takes inline.</summary>
    public string? TemplateUrl { get; init; }

    /// <summary>The template's parameter names (in order).</summary>
    public IReadOnlyList<string> TemplateParameters { get; init; } = [];

    /// <summary>Parameter values given by the user (--parameter-overrides, merged with samconfig).</summary>
    public IReadOnlyDictionary<string, string> ParameterOverrides { get; init; } = new Dictionary<string, string>();

    /// <summary>Capabilities.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>Stack tags.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = [];

    /// <summary>SNS topics for stack events.</summary>
    public IReadOnlyList<string> NotificationArns { get; init; } = [];

    /// <summary>The role CloudFormation assumes.</summary>
    public string? RoleArn { get; init; }

    /// <summary>Create the change set and stop (<c>--no-execute-changeset</c>).</summary>
    public bool NoExecute { get; init; }

    /// <summary>An empty change set is an error (<c>--fail-on-empty-changeset</c>).</summary>
    public bool FailOnEmptyChangeSet { get; init; }

    /// <summary>Keep what was created when the deployment fails (<c>--disable-rollback</c>).</summary>
    public bool DisableRollback { get; init; }

    /// <summary>ROLLBACK, DELETE or DO_NOTHING for a failed creation (<c>--on-failure</c>).</summary>
    public string? OnFailure { get; init; }

    /// <summary>Delete a stack in ROLLBACK_COMPLETE before creating it again (<c>--delete-rollback-complete</c>).</summary>
    public bool DeleteRollbackComplete { get; init; }

    /// <summary>Asked after the change set is shown; false stops without executing (<c>--confirm-changeset</c>).</summary>
    public Func<CancellationToken, Task<bool>>? Confirm { get; init; }

    /// <summary>For failures: the SAM resource each CloudFormation logical id came from.</summary>
    public IReadOnlyDictionary<string, ResourceOrigin> Origins { get; init; } = new Dictionary<string, ResourceOrigin>();

    /// <summary>Where stack-level diagnostics point (the template's start).</summary>
    public SourceSpan TemplateSpan { get; init; } = SourceSpan.None;

    /// <summary>The change set's description.</summary>
    public string Description { get; init; } = "Created by samc";
}

/// <summary>How a deployment ended.</summary>
public enum DeployStatus
{
    /// <summary>CREATE_COMPLETE or UPDATE_COMPLETE.</summary>
    Succeeded,

    /// <summary>The change set had no changes (not an error unless asked).</summary>
    NoChanges,

    /// <summary>The change set was created and left for review.</summary>
    ChangeSetCreated,

    /// <summary>The user declined the change set at the prompt.</summary>
    Declined,

    /// <summary>The stack could not be deployed (failed, rolled back, change set failed, busy ...).</summary>
    Failed,

    /// <summary>Ctrl+C: samc stopped waiting; CloudFormation goes on.</summary>
    Interrupted,
}

/// <summary>The outcome: status, the final stack, the change set and the diagnostics to print.</summary>
public sealed record DeployOutcome(DeployStatus Status, StackDescription? Stack, string? ChangeSetId, IReadOnlyList<SamCompiler.Diagnostics.Diagnostic> Diagnostics);

/// <summary>Receives what a deployment does, as it happens (the CLI draws it).</summary>
public interface IDeployProgress
{
    /// <summary>A status line (creating the change set, waiting ...).</summary>
    void Status(string message);

    /// <summary>The change set's changes.</summary>
    void Changes(IReadOnlyList<ResourceChange> changes);

    /// <summary>The change set starts executing; <paramref name="resourceCount"/> resources are involved.</summary>
    void Executing(int resourceCount);

    /// <summary>One new stack event (in time order).</summary>
    void Event(StackEvent stackEvent);

    /// <summary>The deployment has ended (clears a progress display).</summary>
    void Finished();
}
