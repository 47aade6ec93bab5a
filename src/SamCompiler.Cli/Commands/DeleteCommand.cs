using System.CommandLine;
using SamCompiler.Deploy.CloudFormation;
using SamCompiler.Deploy.Deploying;
using SamCompiler.Deploy.S3;
using SamCompiler.Diagnostics;
using SamCompiler.Text;

namespace SamCompiler.Cli.Commands;

/// <summary>The arguments of <c>samc delete</c>.</summary>
public sealed record DeleteArguments(string? StackName, bool NoPrompts, bool DeleteArtifacts, string? RoleArn, string? Region, string? Profile, string? EndpointUrl);

/// <summary><c>samc delete</c>: delete a stack and, on request, the artifacts samc uploaded for it.</summary>
public static class DeleteCommand
{
    /// <summary>Declares the command.</summary>
    public static Command Create(CliContext context)
    {
        var stackName = new Option<string?>("--stack-name") { Description = "The stack to delete (required; or stack_name in samconfig)." };
        var noPrompts = new Option<bool>("--no-prompts") { Description = "Do not ask for confirmation (needed when stdin is not a terminal)." };
        var deleteArtifacts = new Option<bool>("--delete-artifacts") { Description = "Also delete the S3 objects the stack's template points at that samc uploaded (keys named by content hash)." };
        var roleArn = new Option<string?>("--role-arn") { Description = "IAM role CloudFormation assumes to delete the stack." };
        var aws = new AwsOptions();
        var command = new Command("delete", "Delete a CloudFormation stack (and, on request, its uploaded artifacts).\n\nExamples:\n  samc delete --stack-name my-app\n  samc delete --stack-name my-app --no-prompts --delete-artifacts")
        {
            stackName, noPrompts, deleteArtifacts, roleArn,
        };
        aws.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(
            new DeleteArguments(parse.GetValue(stackName), parse.GetValue(noPrompts), parse.GetValue(deleteArtifacts), parse.GetValue(roleArn), parse.GetValue(aws.Region), parse.GetValue(aws.Profile), parse.GetValue(aws.EndpointUrl)),
            context,
            cancellationToken));
        return command;
    }

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(DeleteArguments args, CliContext context, CancellationToken cancellationToken)
    {
        using var shutdown = context.ClaimShutdown(cancellationToken);
        cancellationToken = shutdown.Token;
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(args.StackName))
        {
            context.Error.WriteLine("samc: delete needs --stack-name (or stack_name in samconfig).");
            return ExitCodes.Usage;
        }

        var span = SourceSpan.DocumentStart("--stack-name");
        if (!StackDeployer.StackNamePattern().IsMatch(args.StackName) && !args.StackName.StartsWith("arn:", StringComparison.Ordinal))
        {
            DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.InvalidStackName, span,
                $"The stack name \"{args.StackName}\" is not valid: a letter first, then letters, digits and hyphens, at most 128 characters.")]);
            return ExitCodes.Usage;
        }

        var (connection, connectError) = await AwsCommandSupport.ConnectAsync(args.Region, args.Profile, args.EndpointUrl, context, span, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            DiagnosticWriter.WriteText(context.Error, [connectError!]);
            return ExitCodes.InputErrors;
        }

        using (connection)
        using (var store = new S3ArtifactStore(connection))
        {
            var console = new DeployConsole(context.Error, DeployConsole.IsInteractive(context));
            var cloudFormation = new CloudFormationClient(connection);
            var deleter = new StackDeleter(cloudFormation, console, TimeProvider.System);
            try
            {
                var stack = await cloudFormation.DescribeStackAsync(args.StackName, cancellationToken).ConfigureAwait(false);
                if (stack is null)
                {
                    DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.AwsRequestFailed, span,
                        $"The stack \"{args.StackName}\" does not exist in {connection.Settings.Region}; nothing to delete.")]);
                    return ExitCodes.InputErrors;
                }

                if (!args.NoPrompts && !AwsCommandSupport.AskYesNo(context, $"Delete the stack {args.StackName} ({stack.Status}) in {connection.Settings.Region}?"))
                {
                    context.Error.WriteLine("samc: nothing deleted.");
                    return ExitCodes.Success;
                }

                var deleteArtifacts = args.DeleteArtifacts || (!args.NoPrompts && AwsCommandSupport.AskYesNo(context, "Also delete the artifacts samc uploaded for it from S3?"));
                var artifacts = deleteArtifacts ? await deleter.ArtifactsAsync(args.StackName, cancellationToken).ConfigureAwait(false) : [];
                var (deleted, failures, status) = await deleter.DeleteAsync(args.StackName, args.RoleArn, cancellationToken).ConfigureAwait(false);
                if (!deleted)
                {
                    var diagnostics = failures.Select(f => Diagnostic.Create(DiagnosticCatalog.StackResourceFailed, span, $"{f.LogicalResourceId} {f.ResourceType} DELETE_FAILED: {f.ResourceStatusReason ?? "no reason given"}")).ToList();
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.StackDeployFailed, span, $"Stack \"{args.StackName}\" is {status ?? "gone"}: it could not be deleted. Fix the resources above (or retain them: aws cloudformation delete-stack --retain-resources) and run samc delete again."));
                    DiagnosticWriter.WriteText(context.Error, diagnostics);
                    return ExitCodes.InputErrors;
                }

                foreach (var a in artifacts)
                {
                    await store.DeleteObjectAsync(a.Bucket, a.Key, cancellationToken).ConfigureAwait(false);
                    context.Error.WriteLine($"Deleted {a.S3Uri}");
                }

                context.Error.WriteLine($"samc: stack {args.StackName} deleted{(artifacts.Count > 0 ? $", with {artifacts.Count} artifact(s)" : string.Empty)}.");
                return ExitCodes.Success;
            }
            catch (Exception ex) when (AwsCommandSupport.Describe(ex, span) is { } diagnostic)
            {
                console.Finished();
                DiagnosticWriter.WriteText(context.Error, [diagnostic]);
                return ExitCodes.InputErrors;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                console.Finished();
                DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.DeployInterrupted, span,
                    $"Interrupted. If the deletion had started, CloudFormation goes on with it; follow it with: aws cloudformation describe-stacks --stack-name {args.StackName}.")]);
                return ExitCodes.Interrupted;
            }
        }
    }
}
