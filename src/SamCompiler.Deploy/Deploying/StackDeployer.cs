using System.Globalization;
using System.Text.RegularExpressions;
using SamCompiler.Deploy.Aws;
using SamCompiler.Deploy.CloudFormation;
using SamCompiler.Diagnostics;
using SamCompiler.Text;

namespace SamCompiler.Deploy.Deploying;

/// <summary>
/// A deployment through a change set, as SAM CLI's deployer makes it: CREATE or UPDATE by the stack's state,
/// wait for the change set, show it, execute it, follow the stack events until a terminal state, and report
/// failed resources at the SAM resource that produced them.
/// </summary>
public sealed partial class StackDeployer(ICloudFormationClient cloudFormation, IDeployProgress progress, TimeProvider clock, TimeSpan? pollInterval = null)
{
    private readonly TimeSpan _poll = pollInterval ?? TimeSpan.FromSeconds(2);

    /// <summary>CloudFormation's stack name rule: a letter, then letters, digits and hyphens, at most 128.</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]{0,127}$")]
    public static partial Regex StackNamePattern();

    /// <summary>True for statuses that end an operation successfully.</summary>
    public static bool IsSuccess(string status) => status is "CREATE_COMPLETE" or "UPDATE_COMPLETE" or "IMPORT_COMPLETE";

    /// <summary>True while CloudFormation is working on the stack.</summary>
    public static bool IsInProgress(string status) => status.EndsWith("_IN_PROGRESS", StringComparison.Ordinal) && status != "REVIEW_IN_PROGRESS";

    /// <summary>Runs the deployment. Cancelling <paramref name="cancellationToken"/> (Ctrl+C) stops waiting, not CloudFormation.</summary>
    public async Task<DeployOutcome> DeployAsync(DeployRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var diagnostics = new List<Diagnostic>();
        string? changeSetId = null;
        var executed = false;
        try
        {
            var stack = await cloudFormation.DescribeStackAsync(request.StackName, cancellationToken).ConfigureAwait(false);
            if (stack is not null && stack.Status == "ROLLBACK_COMPLETE")
            {
                if (!request.DeleteRollbackComplete)
                {
                    var cause = await FirstFailureAsync(request.StackName, cancellationToken).ConfigureAwait(false);
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.StackRollbackComplete, request.TemplateSpan,
                        $"The stack \"{request.StackName}\" is in ROLLBACK_COMPLETE: its creation failed and was rolled back, so it holds no resources and CloudFormation cannot update it.{cause} Delete it and deploy again: samc deploy --delete-rollback-complete (or samc delete --stack-name {request.StackName})."));
                    return new DeployOutcome(DeployStatus.Failed, stack, null, diagnostics);
                }

                progress.Status($"Deleting stack {request.StackName} (ROLLBACK_COMPLETE) before creating it again");
                await cloudFormation.DeleteStackAsync(request.StackName, request.RoleArn, cancellationToken).ConfigureAwait(false);
                stack = await WaitForDeletionAsync(request.StackName, cancellationToken).ConfigureAwait(false);
            }

            if (stack is not null && IsInProgress(stack.Status))
            {
                var hint = stack.Status == "UPDATE_IN_PROGRESS" ? $" To stop that update: aws cloudformation cancel-update-stack --stack-name {request.StackName}." : string.Empty;
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.StackBusy, request.TemplateSpan,
                    $"The stack \"{request.StackName}\" is {stack.Status}: another operation is running. Wait for it to finish and deploy again.{hint}"));
                return new DeployOutcome(DeployStatus.Failed, stack, null, diagnostics);
            }

            var type = stack is null || stack.Status == "REVIEW_IN_PROGRESS" ? "CREATE" : "UPDATE";
            var existing = type == "UPDATE" ? stack!.Parameters.Select(p => p.Key).ToHashSet(StringComparer.Ordinal) : [];
            var parameters = new List<StackParameter>();
            foreach (var name in request.TemplateParameters)
            {
                if (request.ParameterOverrides.TryGetValue(name, out var value))
                {
                    parameters.Add(new StackParameter(name, value));
                }
                else if (existing.Contains(name))
                {
                    parameters.Add(new StackParameter(name, null, UsePreviousValue: true));
                }
            }

            var changeSetName = "samc-" + clock.GetUtcNow().ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
            progress.Status($"Creating change set {changeSetName} ({type}) for stack {request.StackName}");
            ChangeSetCreated created;
            try
            {
                created = await cloudFormation.CreateChangeSetAsync(
                new ChangeSetRequest
                {
                    StackName = request.StackName,
                    ChangeSetName = changeSetName,
                    ChangeSetType = type,
                    TemplateBody = request.TemplateUrl is null ? request.TemplateBody : null,
                    TemplateUrl = request.TemplateUrl,
                    Parameters = parameters,
                    Capabilities = request.Capabilities,
                    Tags = request.Tags,
                    NotificationArns = request.NotificationArns,
                    RoleArn = request.RoleArn,
                    Description = request.Description,
                    OnStackFailure = type == "CREATE" ? OnStackFailure(request) : null,
                },
                cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException ex) when (ex.Code == "ValidationError" && IsEmptyChangeSetReason(ex.ServiceMessage))
            {
                // Some endpoints refuse an empty change set outright instead of creating it FAILED.
                return Empty(request, stack, diagnostics);
            }
            catch (AwsServiceException ex) when (ex.Code is "ValidationError" or "InsufficientCapabilitiesException" or "LimitExceededException" or "AlreadyExistsException" or "TokenAlreadyExistsException")
            {
                var hint = ex.Code == "InsufficientCapabilitiesException" ? " Add it with --capabilities (e.g. --capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND)." : string.Empty;
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ChangeSetFailed, request.TemplateSpan,
                    $"CloudFormation refused the change set for stack \"{request.StackName}\": {ex.Code}: {ex.ServiceMessage}{hint}"));
                return new DeployOutcome(DeployStatus.Failed, stack, null, diagnostics);
            }

            changeSetId = created.ChangeSetId;

            var changeSet = await WaitForChangeSetAsync(changeSetId, request.StackName, cancellationToken).ConfigureAwait(false);
            if (changeSet.Status == "FAILED")
            {
                var reason = changeSet.StatusReason ?? "no reason given";
                if (IsEmptyChangeSetReason(reason))
                {
                    await TryDeleteChangeSetAsync(changeSetId, request.StackName).ConfigureAwait(false);
                    return Empty(request, stack, diagnostics);
                }

                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ChangeSetFailed, request.TemplateSpan,
                    $"CloudFormation could not create the change set for stack \"{request.StackName}\": {reason}"));
                return new DeployOutcome(DeployStatus.Failed, stack, changeSetId, diagnostics);
            }

            progress.Changes(changeSet.Changes);
            if (request.NoExecute)
            {
                return new DeployOutcome(DeployStatus.ChangeSetCreated, stack, changeSetId, diagnostics);
            }

            if (request.Confirm is { } confirm && !await confirm(cancellationToken).ConfigureAwait(false))
            {
                return new DeployOutcome(DeployStatus.Declined, stack, changeSetId, diagnostics);
            }

            var newest = await NewestEventIdAsync(request.StackName, cancellationToken).ConfigureAwait(false);
            progress.Executing(changeSet.Changes.Count);
            await cloudFormation.ExecuteChangeSetAsync(changeSetId, request.StackName, request.DisableRollback, cancellationToken).ConfigureAwait(false);
            executed = true;
            var (final, events) = await FollowAsync(request.StackName, newest, cancellationToken).ConfigureAwait(false);
            progress.Finished();
            if (IsSuccess(final.Status))
            {
                return new DeployOutcome(DeployStatus.Succeeded, final, changeSetId, diagnostics);
            }

            Failures(request, final, events, diagnostics);
            return new DeployOutcome(DeployStatus.Failed, final, changeSetId, diagnostics);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress.Finished();
            return await InterruptedAsync(request, changeSetId, executed).ConfigureAwait(false);
        }
    }

    private static DeployOutcome Empty(DeployRequest request, StackDescription? stack, List<Diagnostic> diagnostics)
    {
        if (request.FailOnEmptyChangeSet)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.EmptyChangeSet, request.TemplateSpan,
                $"No changes to deploy: stack \"{request.StackName}\" is up to date (--fail-on-empty-changeset makes this an error)."));
            return new DeployOutcome(DeployStatus.Failed, stack, null, diagnostics);
        }

        return new DeployOutcome(DeployStatus.NoChanges, stack, null, diagnostics);
    }

    /// <summary>True for the reasons CloudFormation gives a change set without changes.</summary>
    public static bool IsEmptyChangeSetReason(string reason) =>
        reason.Contains("didn't contain changes", StringComparison.Ordinal)
        || reason.Contains("No updates are to be performed", StringComparison.Ordinal)
        || reason.Contains("does not contain any changes", StringComparison.OrdinalIgnoreCase);

    private static string? OnStackFailure(DeployRequest request) =>
        request.DisableRollback ? "DO_NOTHING" : request.OnFailure;

    private async Task<ChangeSetDescription> WaitForChangeSetAsync(string changeSetId, string stackName, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            var cs = await cloudFormation.DescribeChangeSetAsync(changeSetId, stackName, cancellationToken).ConfigureAwait(false);
            if (cs.Status is "CREATE_COMPLETE" or "FAILED" or "DELETE_COMPLETE" or "DELETE_FAILED")
            {
                return cs;
            }

            await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(_poll.TotalMilliseconds, delay.TotalMilliseconds * 2));
        }
    }

    private async Task<string?> NewestEventIdAsync(string stackName, CancellationToken cancellationToken)
    {
        string? newest = null;
        try
        {
            await cloudFormation.DescribeStackEventsAsync(stackName, e => { newest ??= e.EventId; return true; }, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex) when (ex.Code == "ValidationError")
        {
            // A stack that exists only as a change set holder may have no events yet.
        }

        return newest;
    }

    private async Task<(StackDescription Final, List<StackEvent> Events)> FollowAsync(string stackName, string? lastSeen, CancellationToken cancellationToken)
    {
        var all = new List<StackEvent>();
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            var seen = lastSeen;
            var fresh = await cloudFormation.DescribeStackEventsAsync(stackName, e => e.EventId == seen, cancellationToken).ConfigureAwait(false);
            if (fresh.Count > 0)
            {
                lastSeen = fresh[0].EventId;
                for (var i = fresh.Count - 1; i >= 0; i--)
                {
                    all.Add(fresh[i]);
                    progress.Event(fresh[i]);
                }
            }

            var stack = await cloudFormation.DescribeStackAsync(stackName, cancellationToken).ConfigureAwait(false)
                ?? throw new AwsServiceException("cloudformation", "DescribeStacks", "ValidationError", $"Stack {stackName} disappeared while it was being deployed.", 400);
            if (!IsInProgress(stack.Status))
            {
                // Events written after the last poll but before the terminal state.
                var seenLast = lastSeen;
                var tail = await cloudFormation.DescribeStackEventsAsync(stackName, e => e.EventId == seenLast, cancellationToken).ConfigureAwait(false);
                for (var i = tail.Count - 1; i >= 0; i--)
                {
                    all.Add(tail[i]);
                    progress.Event(tail[i]);
                }

                return (stack, all);
            }

            await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(_poll.TotalMilliseconds, delay.TotalMilliseconds * 2));
        }
    }

    private async Task<StackDescription?> WaitForDeletionAsync(string stackName, CancellationToken cancellationToken)
    {
        while (true)
        {
            var stack = await cloudFormation.DescribeStackAsync(stackName, cancellationToken).ConfigureAwait(false);
            if (stack is null || stack.Status == "DELETE_COMPLETE")
            {
                return null;
            }

            if (stack.Status == "DELETE_FAILED")
            {
                throw new AwsServiceException("cloudformation", "DeleteStack", "DELETE_FAILED", stack.StatusReason ?? "The stack could not be deleted.", 400);
            }

            await Task.Delay(_poll, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> FirstFailureAsync(string stackName, CancellationToken cancellationToken)
    {
        try
        {
            var events = await cloudFormation.DescribeStackEventsAsync(stackName, _ => false, cancellationToken).ConfigureAwait(false);
            var first = events.LastOrDefault(e => e.ResourceStatus.EndsWith("_FAILED", StringComparison.Ordinal) && !string.IsNullOrEmpty(e.ResourceStatusReason) && !IsCancelledReason(e.ResourceStatusReason!));
            return first is null ? string.Empty : $" The first failure was {first.LogicalResourceId} ({first.ResourceType}) {first.ResourceStatus}: {first.ResourceStatusReason}";
        }
        catch (AwsServiceException)
        {
            return string.Empty;
        }
    }

    private static bool IsCancelledReason(string reason) =>
        reason.StartsWith("Resource creation cancelled", StringComparison.Ordinal) || reason.StartsWith("Resource update cancelled", StringComparison.Ordinal);

    private static void Failures(DeployRequest request, StackDescription final, List<StackEvent> events, List<Diagnostic> diagnostics)
    {
        foreach (var e in events)
        {
            if (!e.ResourceStatus.EndsWith("_FAILED", StringComparison.Ordinal) || e.ResourceType == "AWS::CloudFormation::Stack" && e.LogicalResourceId == request.StackName)
            {
                continue;
            }

            var reason = string.IsNullOrEmpty(e.ResourceStatusReason) ? "no reason given" : e.ResourceStatusReason;
            SourceSpan span;
            string origin;
            if (request.Origins.TryGetValue(e.LogicalResourceId, out var o))
            {
                span = o.Span;
                origin = o.SamLogicalId == e.LogicalResourceId ? string.Empty : $" (made from {o.SamLogicalId})";
            }
            else
            {
                span = request.TemplateSpan;
                origin = string.Empty;
            }

            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.StackResourceFailed, span, $"{e.LogicalResourceId}{origin} {e.ResourceType} {e.ResourceStatus}: {reason}"));
        }

        var what = final.Status switch
        {
            "ROLLBACK_COMPLETE" => "its creation failed and was rolled back; delete it before deploying again (samc deploy --delete-rollback-complete)",
            "UPDATE_ROLLBACK_COMPLETE" => "the update failed and CloudFormation restored the previous version",
            "CREATE_FAILED" or "UPDATE_FAILED" => "the deployment failed and rollback was disabled, so what was created stays; fix the template and deploy again",
            "ROLLBACK_FAILED" or "UPDATE_ROLLBACK_FAILED" => "the rollback failed too; see the events, then continue it with aws cloudformation continue-update-rollback",
            _ => "the deployment did not complete",
        };
        var reasonText = string.IsNullOrEmpty(final.StatusReason) ? string.Empty : $" ({final.StatusReason})";
        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.StackDeployFailed, request.TemplateSpan, $"Stack \"{request.StackName}\" is {final.Status}{reasonText}: {what}."));
    }

    private async Task<DeployOutcome> InterruptedAsync(DeployRequest request, string? changeSetId, bool executed)
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        StackDescription? stack = null;
        try
        {
            stack = await cloudFormation.DescribeStackAsync(request.StackName, grace.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AwsServiceException or AwsEndpointException or OperationCanceledException)
        {
            // Reported without the current status.
        }

        var status = stack?.Status ?? "unknown";
        string message;
        if (executed)
        {
            var cancel = status == "UPDATE_IN_PROGRESS" ? $" To stop it: aws cloudformation cancel-update-stack --stack-name {request.StackName}." : string.Empty;
            message = $"Interrupted. samc stopped waiting, but CloudFormation goes on: stack \"{request.StackName}\" is {status}. Follow it with: aws cloudformation describe-stack-events --stack-name {request.StackName}.{cancel} Run samc deploy again once it has finished.";
        }
        else if (changeSetId is not null)
        {
            message = $"Interrupted before the change set was executed; nothing changed (stack \"{request.StackName}\" is {status}). The change set stays for review: aws cloudformation execute-change-set --change-set-name {changeSetId} runs it, aws cloudformation delete-change-set --change-set-name {changeSetId} removes it; or run samc deploy again.";
        }
        else
        {
            message = $"Interrupted before a change set was created; nothing changed (stack \"{request.StackName}\" is {status}). Run samc deploy again.";
        }

        return new DeployOutcome(DeployStatus.Interrupted, stack, changeSetId, [Diagnostic.Create(DiagnosticCatalog.DeployInterrupted, request.TemplateSpan, message)]);
    }

    private async Task TryDeleteChangeSetAsync(string changeSetId, string stackName)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await cloudFormation.DeleteChangeSetAsync(changeSetId, stackName, cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AwsServiceException or AwsEndpointException or OperationCanceledException)
        {
            // An empty change set left behind is harmless.
        }
    }
}
