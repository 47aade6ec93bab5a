using System.Globalization;
using System.Xml.Linq;
using SamCompiler.Deploy.Aws;

namespace SamCompiler.Deploy.CloudFormation;

/// <summary>CloudFormation over the Query API (version 2010-05-15), on <see cref="QueryApiClient"/>.</summary>
public sealed class CloudFormationClient : ICloudFormationClient
{
    private readonly QueryApiClient _query;

    /// <summary>Creates the client.</summary>
    public CloudFormationClient(AwsConnection connection) => _query = new QueryApiClient(connection, "cloudformation", "2010-05-15");

    /// <summary>The endpoint calls go to.</summary>
    public Uri Endpoint => _query.Endpoint;

    /// <inheritdoc />
    public async Task<StackDescription?> DescribeStackAsync(string stackName, CancellationToken cancellationToken)
    {
        XElement result;
        try
        {
            result = await _query.CallAsync("DescribeStacks", [new("StackName", stackName)], cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex) when (ex.Code == "ValidationError" && ex.ServiceMessage.Contains("does not exist", StringComparison.Ordinal))
        {
            return null;
        }

        var stack = result.Members("Stacks").FirstOrDefault();
        if (stack is null)
        {
            return null;
        }

        return new StackDescription(
            stack.Child("StackId") ?? string.Empty,
            stack.Child("StackName") ?? stackName,
            stack.Child("StackStatus") ?? string.Empty,
            stack.Child("StackStatusReason"),
            [.. stack.Members("Parameters").Select(p => new KeyValuePair<string, string>(p.Child("ParameterKey") ?? string.Empty, p.Child("ParameterValue") ?? string.Empty))],
            [.. stack.Members("Outputs").Select(o => new StackOutput(o.Child("OutputKey") ?? string.Empty, o.Child("OutputValue") ?? string.Empty, o.Child("Description"), o.Child("ExportName")))],
            [.. stack.Members("Tags").Select(t => new KeyValuePair<string, string>(t.Child("Key") ?? string.Empty, t.Child("Value") ?? string.Empty))]);
    }

    /// <inheritdoc />
    public async Task<ChangeSetCreated> CreateChangeSetAsync(ChangeSetRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var p = new List<KeyValuePair<string, string>>
        {
            new("StackName", request.StackName),
            new("ChangeSetName", request.ChangeSetName),
            new("ChangeSetType", request.ChangeSetType),
        };
        if (request.TemplateUrl is not null)
        {
            p.Add(new("TemplateURL", request.TemplateUrl));
        }
        else
        {
            p.Add(new("TemplateBody", request.TemplateBody ?? string.Empty));
        }

        for (var i = 0; i < request.Parameters.Count; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"Parameters.member.{i + 1}.");
            p.Add(new(prefix + "ParameterKey", request.Parameters[i].Key));
            if (request.Parameters[i].UsePreviousValue)
            {
                p.Add(new(prefix + "UsePreviousValue", "true"));
            }
            else
            {
                p.Add(new(prefix + "ParameterValue", request.Parameters[i].Value ?? string.Empty));
            }
        }

        AddList(p, "Capabilities", request.Capabilities);
        AddList(p, "NotificationARNs", request.NotificationArns);
        for (var i = 0; i < request.Tags.Count; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"Tags.member.{i + 1}.");
            p.Add(new(prefix + "Key", request.Tags[i].Key));
            p.Add(new(prefix + "Value", request.Tags[i].Value));
        }

        if (request.RoleArn is not null)
        {
            p.Add(new("RoleARN", request.RoleArn));
        }

        if (request.Description is not null)
        {
            p.Add(new("Description", request.Description));
        }

        if (request.OnStackFailure is not null)
        {
            p.Add(new("OnStackFailure", request.OnStackFailure));
        }

        var result = await _query.CallAsync("CreateChangeSet", p, cancellationToken).ConfigureAwait(false);
        return new ChangeSetCreated(result.Child("Id") ?? request.ChangeSetName, result.Child("StackId") ?? string.Empty);
    }

    /// <inheritdoc />
    public async Task<ChangeSetDescription> DescribeChangeSetAsync(string changeSetId, string stackName, CancellationToken cancellationToken)
    {
        var changes = new List<ResourceChange>();
        string? next = null;
        XElement result;
        do
        {
            var p = new List<KeyValuePair<string, string>> { new("ChangeSetName", changeSetId), new("StackName", stackName) };
            if (next is not null)
            {
                p.Add(new("NextToken", next));
            }

            result = await _query.CallAsync("DescribeChangeSet", p, cancellationToken).ConfigureAwait(false);
            foreach (var change in result.Members("Changes"))
            {
                var rc = change.ChildElement("ResourceChange");
                if (rc is not null)
                {
                    changes.Add(new ResourceChange(rc.Child("Action") ?? string.Empty, rc.Child("LogicalResourceId") ?? string.Empty, rc.Child("PhysicalResourceId"), rc.Child("ResourceType") ?? string.Empty, rc.Child("Replacement")));
                }
            }

            next = result.Child("NextToken");
        }
        while (!string.IsNullOrEmpty(next));

        return new ChangeSetDescription(result.Child("ChangeSetId") ?? changeSetId, result.Child("Status") ?? string.Empty, result.Child("StatusReason"), result.Child("ExecutionStatus") ?? string.Empty, changes);
    }

    /// <inheritdoc />
    public Task ExecuteChangeSetAsync(string changeSetId, string stackName, bool disableRollback, CancellationToken cancellationToken)
    {
        var p = new List<KeyValuePair<string, string>> { new("ChangeSetName", changeSetId), new("StackName", stackName) };
        if (disableRollback)
        {
            p.Add(new("DisableRollback", "true"));
        }

        return _query.CallAsync("ExecuteChangeSet", p, cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteChangeSetAsync(string changeSetId, string stackName, CancellationToken cancellationToken) =>
        _query.CallAsync("DeleteChangeSet", [new("ChangeSetName", changeSetId), new("StackName", stackName)], cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<StackEvent>> DescribeStackEventsAsync(string stackName, Func<StackEvent, bool> stopAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stopAt);
        var events = new List<StackEvent>();
        string? next = null;
        do
        {
            var p = new List<KeyValuePair<string, string>> { new("StackName", stackName) };
            if (next is not null)
            {
                p.Add(new("NextToken", next));
            }

            var result = await _query.CallAsync("DescribeStackEvents", p, cancellationToken).ConfigureAwait(false);
            foreach (var e in result.Members("StackEvents"))
            {
                var ev = new StackEvent(
                    e.Child("EventId") ?? string.Empty,
                    DateTimeOffset.TryParse(e.Child("Timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ts) ? ts : DateTimeOffset.MinValue,
                    e.Child("LogicalResourceId") ?? string.Empty,
                    e.Child("PhysicalResourceId"),
                    e.Child("ResourceType") ?? string.Empty,
                    e.Child("ResourceStatus") ?? string.Empty,
                    e.Child("ResourceStatusReason"),
                    e.Child("StackId") ?? string.Empty);
                if (stopAt(ev))
                {
                    return events;
                }

                events.Add(ev);
            }

            next = result.Child("NextToken");
        }
        while (!string.IsNullOrEmpty(next));

        return events;
    }

    /// <inheritdoc />
    public Task DeleteStackAsync(string stackName, string? roleArn, CancellationToken cancellationToken)
    {
        var p = new List<KeyValuePair<string, string>> { new("StackName", stackName) };
        if (roleArn is not null)
        {
            p.Add(new("RoleARN", roleArn));
        }

        return _query.CallAsync("DeleteStack", p, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<string?> GetTemplateAsync(string stackName, CancellationToken cancellationToken)
    {
        var result = await _query.CallAsync("GetTemplate", [new("StackName", stackName), new("TemplateStage", "Original")], cancellationToken).ConfigureAwait(false);
        return result.Child("TemplateBody");
    }

    private static void AddList(List<KeyValuePair<string, string>> p, string name, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            p.Add(new(string.Create(CultureInfo.InvariantCulture, $"{name}.member.{i + 1}"), values[i]));
        }
    }
}
