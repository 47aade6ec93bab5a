using System.Text.RegularExpressions;
using SamCompiler.Deploy.CloudFormation;
using SamCompiler.Deploy.Packaging;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Deploy.Deploying;

/// <summary><c>samc delete</c>: the stack, and on request the S3 artifacts its template refers to.</summary>
public sealed partial class StackDeleter(ICloudFormationClient cloudFormation, IDeployProgress progress, TimeProvider clock, TimeSpan? pollInterval = null)
{
    private readonly TimeSpan _poll = pollInterval ?? TimeSpan.FromSeconds(2);

    [GeneratedRegex("(^|/)[0-9a-f]{64}(\\.[a-z0-9]+)?$")]
    private static partial Regex ContentHashKey();

    /// <summary>
    /// The S3 objects samc's packager put there that the stack's template refers to (keys named by a content hash;
    /// other objects the template names are left alone).
    /// </summary>
    public async Task<IReadOnlyList<ArtifactLocation>> ArtifactsAsync(string stackName, CancellationToken cancellationToken)
    {
        var body = await cloudFormation.GetTemplateAsync(stackName, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(body))
        {
            return [];
        }

        var load = YamlDocumentLoader.Load(new SourceText("stack-template", body));
        if (load.Root?["Resources"] is not MapNode resources)
        {
            return [];
        }

        var found = new List<ArtifactLocation>();
        foreach (var resource in resources.Values.OfType<MapNode>())
        {
            if (resource["Type"].AsString() is not { } type || resource["Properties"] is not MapNode properties)
            {
                continue;
            }

            foreach (var rule in PackageableResources.For(type))
            {
                var value = Walk(properties, rule.Property);
                switch (rule.Shape)
                {
                    case ArtifactShape.S3Object when value is MapNode map && map[rule.BucketProperty ?? "Bucket"].AsString() is { } bucket && map[rule.KeyProperty ?? "Key"].AsString() is { } key:
                        Add(bucket, key);
                        break;
                    case ArtifactShape.S3Uri when value.AsString() is { } uri && uri.StartsWith("s3://", StringComparison.Ordinal):
                        var slash = uri.IndexOf('/', 5);
                        if (slash > 5)
                        {
                            Add(uri[5..slash], uri[(slash + 1)..]);
                        }

                        break;
                }
            }
        }

        return found;

        void Add(string bucket, string key)
        {
            if (ContentHashKey().IsMatch(key) && !found.Contains(new ArtifactLocation(bucket, key)))
            {
                found.Add(new ArtifactLocation(bucket, key));
            }
        }
    }

    /// <summary>Deletes the stack and waits until it is gone; returns the final stack (DELETE_FAILED) or null.</summary>
    public async Task<(bool Deleted, IReadOnlyList<StackEvent> Failures, string? Status)> DeleteAsync(string stackName, string? roleArn, CancellationToken cancellationToken)
    {
        var before = await cloudFormation.DescribeStackAsync(stackName, cancellationToken).ConfigureAwait(false);
        if (before is null)
        {
            return (false, [], null);
        }

        string? newest = null;
        await cloudFormation.DescribeStackEventsAsync(before.StackId, e => { newest ??= e.EventId; return true; }, cancellationToken).ConfigureAwait(false);
        progress.Status($"Deleting stack {stackName}");
        await cloudFormation.DeleteStackAsync(stackName, roleArn, cancellationToken).ConfigureAwait(false);
        var events = new List<StackEvent>();
        while (true)
        {
            var seen = newest;
            var fresh = await cloudFormation.DescribeStackEventsAsync(before.StackId, e => e.EventId == seen, cancellationToken).ConfigureAwait(false);
            if (fresh.Count > 0)
            {
                newest = fresh[0].EventId;
                for (var i = fresh.Count - 1; i >= 0; i--)
                {
                    events.Add(fresh[i]);
                    progress.Event(fresh[i]);
                }
            }

            var stack = await cloudFormation.DescribeStackAsync(before.StackId, cancellationToken).ConfigureAwait(false);
            if (stack is null || stack.Status == "DELETE_COMPLETE")
            {
                progress.Finished();
                return (true, [], "DELETE_COMPLETE");
            }

            if (stack.Status == "DELETE_FAILED")
            {
                progress.Finished();
                return (false, [.. events.Where(e => e.ResourceStatus == "DELETE_FAILED" && e.LogicalResourceId != stackName)], stack.Status);
            }

            await Task.Delay(_poll, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Node? Walk(MapNode properties, string path)
    {
        Node? current = properties;
        foreach (var part in path.Split('.'))
        {
            current = current.Get(part);
        }

        return current;
    }
}
