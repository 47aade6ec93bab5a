namespace SamCompiler.Deploy.CloudFormation;

/// <summary>The CloudFormation operations samc uses (so the deployer can be tested with a fake).</summary>
public interface ICloudFormationClient
{
    /// <summary>DescribeStacks for one stack; null when it does not exist.</summary>
    Task<StackDescription?> DescribeStackAsync(string stackName, CancellationToken cancellationToken);

    /// <summary>CreateChangeSet.</summary>
    Task<ChangeSetCreated> CreateChangeSetAsync(ChangeSetRequest request, CancellationToken cancellationToken);

    /// <summary>DescribeChangeSet (all pages of changes).</summary>
    Task<ChangeSetDescription> DescribeChangeSetAsync(string changeSetId, string stackName, CancellationToken cancellationToken);

    /// <summary>ExecuteChangeSet.</summary>
    Task ExecuteChangeSetAsync(string changeSetId, string stackName, bool disableRollback, CancellationToken cancellationToken);

    /// <summary>DeleteChangeSet.</summary>
    Task DeleteChangeSetAsync(string changeSetId, string stackName, CancellationToken cancellationToken);

    /// <summary>DescribeStackEvents, newest first, following pages until <paramref name="stopAt"/> returns true.</summary>
    Task<IReadOnlyList<StackEvent>> DescribeStackEventsAsync(string stackName, Func<StackEvent, bool> stopAt, CancellationToken cancellationToken);

    /// <summary>DeleteStack.</summary>
    Task DeleteStackAsync(string stackName, string? roleArn, CancellationToken cancellationToken);

    /// <summary>GetTemplate (the processed template when available, else the original).</summary>
    Task<string?> GetTemplateAsync(string stackName, CancellationToken cancellationToken);
}
