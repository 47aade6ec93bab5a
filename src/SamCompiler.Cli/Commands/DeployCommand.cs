using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SamCompiler.Deploy.Aws;
using SamCompiler.Deploy.CloudFormation;
using SamCompiler.Deploy.Deploying;
using SamCompiler.Deploy.Packaging;
using SamCompiler.Deploy.S3;
using SamCompiler.Diagnostics;
using SamCompiler.Emit.CloudFormation;
using SamCompiler.Syntax;
using SamCompiler.Text;
using SamCompiler.Transform;
using SamCompiler.Model.Aws;

namespace SamCompiler.Cli.Commands;

/// <summary>The arguments of <c>samc deploy</c>.</summary>
public sealed record DeployArguments
{
    /// <summary>-t.</summary>
    public string? Template { get; init; }

    /// <summary>--stack-name.</summary>
    public string? StackName { get; init; }

    /// <summary>--s3-bucket.</summary>
    public string? Bucket { get; init; }

    /// <summary>--resolve-s3.</summary>
    public bool ResolveS3 { get; init; }

    /// <summary>--s3-prefix.</summary>
    public string? Prefix { get; init; }

    /// <summary>--parameter-overrides.</summary>
    public IReadOnlyList<string> ParameterOverrides { get; init; } = [];

    /// <summary>--capabilities.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>--tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>--notification-arns.</summary>
    public IReadOnlyList<string> NotificationArns { get; init; } = [];

    /// <summary>--role-arn.</summary>
    public string? RoleArn { get; init; }

    /// <summary>--no-execute-changeset.</summary>
    public bool NoExecute { get; init; }

    /// <summary>--fail-on-empty-changeset (and its --no- form).</summary>
    public bool FailOnEmpty { get; init; }

    /// <summary>--confirm-changeset.</summary>
    public bool Confirm { get; init; }

    /// <summary>--disable-rollback.</summary>
    public bool DisableRollback { get; init; }

    /// <summary>--on-failure.</summary>
    public string? OnFailure { get; init; }

    /// <summary>--delete-rollback-complete.</summary>
    public bool DeleteRollbackComplete { get; init; }

    /// <summary>--force-upload.</summary>
    public bool ForceUpload { get; init; }

    /// <summary>--region.</summary>
    public string? Region { get; init; }

    /// <summary>--profile.</summary>
    public string? Profile { get; init; }

    /// <summary>--endpoint-url.</summary>
    public string? EndpointUrl { get; init; }
}

/// <summary>
/// <c>samc deploy</c>: package when needed, compile with samc's own translator (the stack gets plain
/// CloudFormation), then a change set, its table, its execution with live progress, and the outputs.
/// </summary>
public static class DeployCommand
{
    /// <summary>Declares the command.</summary>
    public static Command Create(CliContext context)
    {
        var template = new Option<string?>("--template-file", "-t", "--template") { Description = "The SAM template (default: template.yaml, template.yml or template.json here)." };
        var stackName = new Option<string?>("--stack-name") { Description = "The CloudFormation stack to create or update (required; or stack_name in samconfig)." };
        var bucket = new Option<string?>("--s3-bucket") { Description = "S3 bucket for local artifacts and templates over 51,200 bytes." };
        var resolveS3 = new Option<bool>("--resolve-s3") { Description = "Use (and create when missing) samc's bucket samc-artifacts-ACCOUNT-REGION." };
        var prefix = new Option<string?>("--s3-prefix") { Description = "Prefix of the artifact keys." };
        var overrides = new Option<string[]>("--parameter-overrides") { Description = "Parameter values: K=V or ParameterKey=K,ParameterValue=V (merged key by key with samconfig's).", AllowMultipleArgumentsPerToken = true };
        var capabilities = new Option<string[]>("--capabilities") { Description = "CAPABILITY_IAM, CAPABILITY_NAMED_IAM, CAPABILITY_AUTO_EXPAND (default: CAPABILITY_IAM).", AllowMultipleArgumentsPerToken = true };
        var tags = new Option<string[]>("--tags") { Description = "Stack tags: K=V ...", AllowMultipleArgumentsPerToken = true };
        var notificationArns = new Option<string[]>("--notification-arns") { Description = "SNS topic ARNs for stack events.", AllowMultipleArgumentsPerToken = true };
        var roleArn = new Option<string?>("--role-arn") { Description = "IAM role CloudFormation assumes for the deployment." };
        var noExecute = new Option<bool>("--no-execute-changeset") { Description = "Create and show the change set, do not execute it." };
        var failOnEmpty = new Option<bool>("--fail-on-empty-changeset") { Description = "Exit 1 when there is nothing to deploy." };
        var noFailOnEmpty = new Option<bool>("--no-fail-on-empty-changeset") { Description = "Exit 0 when there is nothing to deploy (the default)." };
        var confirm = new Option<bool>("--confirm-changeset") { Description = "Ask before executing the change set." };
        var disableRollback = new Option<bool>("--disable-rollback") { Description = "Keep what was created or updated when the deployment fails." };
        var onFailure = new Option<string?>("--on-failure") { Description = "What CloudFormation does when creating the stack fails: ROLLBACK (default), DELETE or DO_NOTHING." };
        onFailure.AcceptOnlyFromAmong("ROLLBACK", "DELETE", "DO_NOTHING");
        var deleteRollbackComplete = new Option<bool>("--delete-rollback-complete") { Description = "Delete the stack first when it is in ROLLBACK_COMPLETE (a failed creation that holds nothing)." };
        var force = new Option<bool>("--force-upload") { Description = "Upload every artifact even when an object with its hash exists." };
        var aws = new AwsOptions();
        var command = new Command("deploy", "Deploy a SAM template to a CloudFormation stack: package, compile with samc, change set, execute, follow.\n\nExamples:\n  samc deploy --stack-name my-app --resolve-s3\n  samc deploy --stack-name my-app --s3-bucket my-artifacts --parameter-overrides Stage=prod --no-execute-changeset\n  samc deploy --config-env prod")
        {
            template, stackName, bucket, resolveS3, prefix, overrides, capabilities, tags, notificationArns, roleArn, noExecute, failOnEmpty, noFailOnEmpty, confirm, disableRollback, onFailure, deleteRollbackComplete, force,
        };
        aws.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(
            new DeployArguments
            {
                Template = parse.GetValue(template),
                StackName = parse.GetValue(stackName),
                Bucket = parse.GetValue(bucket),
                ResolveS3 = parse.GetValue(resolveS3),
                Prefix = parse.GetValue(prefix),
                ParameterOverrides = parse.GetValue(overrides) ?? [],
                Capabilities = parse.GetValue(capabilities) ?? [],
                Tags = parse.GetValue(tags) ?? [],
                NotificationArns = parse.GetValue(notificationArns) ?? [],
                RoleArn = parse.GetValue(roleArn),
                NoExecute = parse.GetValue(noExecute),
                FailOnEmpty = parse.GetValue(failOnEmpty) && !parse.GetValue(noFailOnEmpty),
                Confirm = parse.GetValue(confirm),
                DisableRollback = parse.GetValue(disableRollback),
                OnFailure = parse.GetValue(onFailure),
                DeleteRollbackComplete = parse.GetValue(deleteRollbackComplete),
                ForceUpload = parse.GetValue(force),
                Region = parse.GetValue(aws.Region),
                Profile = parse.GetValue(aws.Profile),
                EndpointUrl = parse.GetValue(aws.EndpointUrl),
            },
            context,
            cancellationToken));
        return command;
    }

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(DeployArguments args, CliContext context, CancellationToken cancellationToken)
    {
        using var shutdown = context.ClaimShutdown(cancellationToken);
        cancellationToken = shutdown.Token;
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        if (string.IsNullOrEmpty(args.StackName))
        {
            context.Error.WriteLine("samc: deploy needs --stack-name (or stack_name in samconfig).");
            return ExitCodes.Usage;
        }

        if (!StackDeployer.StackNamePattern().IsMatch(args.StackName))
        {
            DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.InvalidStackName, SourceSpan.DocumentStart("--stack-name"),
                $"The stack name \"{args.StackName}\" is not valid: CloudFormation wants a letter first, then letters, digits and hyphens, at most 128 characters.")]);
            return ExitCodes.Usage;
        }

        if (args.Bucket is not null && args.ResolveS3)
        {
            context.Error.WriteLine("samc: give either --s3-bucket or --resolve-s3, not both.");
            return ExitCodes.Usage;
        }

        if (!ParameterOverrides.TryParse(args.ParameterOverrides, out var parameterNodes, out var parameterError))
        {
            context.Error.WriteLine($"samc: --parameter-overrides: {parameterError}");
            return ExitCodes.Usage;
        }

        if (!TryParseTags(args.Tags, out var tags, out var tagError))
        {
            context.Error.WriteLine($"samc: --tags: {tagError}");
            return ExitCodes.Usage;
        }

        var path = TemplateFiles.Find(args.Template, context);
        if (path is null)
        {
            context.Error.WriteLine("samc: no --template-file given and no template.yaml, template.yml or template.json in this folder.");
            return ExitCodes.Usage;
        }

        var source = TemplateFiles.Read(path, context, out var readError);
        if (source is null)
        {
            DiagnosticWriter.WriteText(context.Error, [readError!]);
            return ExitCodes.Usage;
        }

        var load = YamlDocumentLoader.Load(source);
        if (load.Root is null || load.HasErrors)
        {
            DiagnosticWriter.WriteText(context.Error, load.Diagnostics);
            return ExitCodes.InputErrors;
        }

        var (connection, connectError) = await AwsCommandSupport.ConnectAsync(args.Region, args.Profile, args.EndpointUrl, context, SourceSpan.DocumentStart(source.Path), cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            DiagnosticWriter.WriteText(context.Error, [connectError!]);
            return ExitCodes.InputErrors;
        }

        var span = SourceSpan.DocumentStart(source.Path);
        var console = new DeployConsole(context.Error, DeployConsole.IsInteractive(context));
        var translate = new TranslateOptions { Region = connection.Settings.Region, ParameterOverrides = parameterNodes };
        using (connection)
        using (var store = new S3ArtifactStore(connection))
        {
            try
            {
                var (bucket, bucketError) = await ArtifactBuckets.ResolveAsync(args.Bucket, args.ResolveS3, connection, store, console, span, cancellationToken).ConfigureAwait(false);
                if (bucketError is not null)
                {
                    DiagnosticWriter.WriteText(context.Error, [bucketError]);
                    return ExitCodes.InputErrors;
                }

                // Package in memory: the tree keeps the user's spans, so the compile below still points at the template.
                IArtifactUploader uploader = bucket is null ? new NoBucketUploader() : new S3Uploader(store, bucket, args.Prefix, args.ForceUpload, console);
                var packageOptions = new PackageOptions { CompileNested = (child, tree) => CompileTree(child, tree, translate) };
                PackageResult packaged;
                try
                {
                    packaged = await TemplatePackager.PackageTreeAsync(source, load.Root, context.Resolve(path), uploader, packageOptions, cancellationToken).ConfigureAwait(false);
                }
                catch (NoBucketUploader.NeedsBucketException ex)
                {
                    DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.ArtifactsNeedBucket, span,
                        $"The template has local artifacts ({ex.Path}); give --s3-bucket BUCKET or --resolve-s3 (or s3_bucket / resolve_s3 in samconfig) so samc can upload them.")]);
                    return ExitCodes.InputErrors;
                }

                DiagnosticWriter.WriteText(context.Error, packaged.Diagnostics);
                if (packaged.HasErrors || packaged.Template is null)
                {
                    return ExitCodes.InputErrors;
                }

                var samTree = packaged.Template;
                var (body, compiled, compileDiagnostics) = Compile(source, samTree, translate);
                DiagnosticWriter.WriteText(context.Error, compileDiagnostics.Where(d => !packaged.Diagnostics.Contains(d)));
                if (body is null || compiled is null)
                {
                    return compileDiagnostics.Any(d => d.Id == DiagnosticCatalog.InternalError.Id) ? ExitCodes.InternalError : ExitCodes.InputErrors;
                }

                string? templateUrl = null;
                var size = System.Text.Encoding.UTF8.GetByteCount(body);
                if (size > Quotas.TemplateBodyDirect.Value)
                {
                    if (bucket is null)
                    {
                        DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.ArtifactsNeedBucket, span,
                            string.Create(CultureInfo.InvariantCulture, $"The compiled template is {size:N0} bytes; CloudFormation takes at most {Quotas.TemplateBodyDirect.Value:N0} bytes inline ({Quotas.TemplateBodyDirect.DocUrl}), so it goes through S3: give --s3-bucket or --resolve-s3."))]);
                        return ExitCodes.InputErrors;
                    }

                    var location = await uploader.UploadAsync(LocalArtifact.FromTemplate(source.Path, body), cancellationToken).ConfigureAwait(false);
                    templateUrl = uploader.Url(location);
                    console.Status(string.Create(CultureInfo.InvariantCulture, $"The template is {size:N0} bytes (over {Quotas.TemplateBodyDirect.Value:N0}); CloudFormation reads it from {templateUrl}"));
                }

                var deployer = new StackDeployer(new CloudFormationClient(connection), console, TimeProvider.System);
                var request = new DeployRequest
                {
                    StackName = args.StackName,
                    TemplateBody = body,
                    TemplateUrl = templateUrl,
                    TemplateParameters = compiled["Parameters"] is MapNode ps ? [.. ps.Keys] : [],
                    ParameterOverrides = parameterNodes.ToDictionary(p => p.Key, p => p.Value.AsString() ?? p.Value.ToString() ?? string.Empty, StringComparer.Ordinal),
                    Capabilities = args.Capabilities.Count > 0 ? [.. args.Capabilities.SelectMany(c => c.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))] : ["CAPABILITY_IAM"],
                    Tags = tags,
                    NotificationArns = args.NotificationArns,
                    RoleArn = args.RoleArn,
                    NoExecute = args.NoExecute,
                    FailOnEmptyChangeSet = args.FailOnEmpty,
                    DisableRollback = args.DisableRollback,
                    OnFailure = args.OnFailure,
                    DeleteRollbackComplete = args.DeleteRollbackComplete,
                    Confirm = args.Confirm ? _ => Task.FromResult(AwsCommandSupport.AskYesNo(context, "Deploy this change set?")) : null,
                    Origins = ResourceOrigins.Build(samTree, compiled),
                    TemplateSpan = span,
                    Description = $"Created by samc {Program.Version}",
                };
                foreach (var unknown in request.ParameterOverrides.Keys.Where(k => !request.TemplateParameters.Contains(k)))
                {
                    context.Error.WriteLine($"samc: --parameter-overrides: \"{unknown}\" is not a parameter of the template; ignored.");
                }

                request = request with { ParameterOverrides = request.ParameterOverrides.Where(p => request.TemplateParameters.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) };
                var outcome = await deployer.DeployAsync(request, cancellationToken).ConfigureAwait(false);
                DiagnosticWriter.WriteText(context.Error, outcome.Diagnostics);
                Timing(context, connection, started);
                return Report(outcome, args, context);
            }
            catch (Exception ex) when (AwsCommandSupport.Describe(ex, span, args.Bucket) is { } diagnostic)
            {
                console.Finished();
                DiagnosticWriter.WriteText(context.Error, [diagnostic]);
                return ExitCodes.InputErrors;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                console.Finished();
                DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.DeployInterrupted, span,
                    $"Interrupted while packaging; no change set was created and stack \"{args.StackName}\" is as it was. Uploaded artifacts stay in S3 and are reused next time. Run samc deploy again.")]);
                return ExitCodes.Interrupted;
            }
        }
    }

    /// <summary>Compiles a (packaged) SAM tree to CloudFormation JSON, with the document.</summary>
    internal static (string? Body, MapNode? Document, IReadOnlyList<Diagnostic> Diagnostics) Compile(SourceText source, MapNode tree, TranslateOptions options)
    {
        if (!SamTranslator.NeedsTransform(tree))
        {
            return (CfnJsonWriter.Write(tree), tree, []);
        }

        try
        {
            var result = SamTranslator.Translate(source, tree, options);
            var diagnostics = DiagnosticBag.Assemble(result.Diagnostics);
            return result.Template is null || diagnostics.Any(d => d.IsError) ? (null, null, diagnostics) : (CfnJsonWriter.Write(result.Template), result.Template, diagnostics);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (null, null, [Diagnostic.Create(DiagnosticCatalog.InternalError, SourceSpan.DocumentStart(source.Path), $"Internal error while translating: {ex.GetType().Name}: {ex.Message} This is a bug in samc; please report it with the template.")]);
        }
    }

    private static (string? Text, IReadOnlyList<Diagnostic> Diagnostics) CompileTree(SourceText source, MapNode tree, TranslateOptions options)
    {
        var (body, _, diagnostics) = Compile(source, tree, options with { ParameterOverrides = new Dictionary<string, Node>(StringComparer.Ordinal) });
        return (body, diagnostics);
    }

    private static int Report(DeployOutcome outcome, DeployArguments args, CliContext context)
    {
        switch (outcome.Status)
        {
            case DeployStatus.Succeeded:
                context.Error.WriteLine($"samc: stack {args.StackName} is {outcome.Stack?.Status}");
                WriteOutputs(outcome.Stack, context);
                return ExitCodes.Success;
            case DeployStatus.NoChanges:
                context.Error.WriteLine($"samc: no changes to deploy; stack {args.StackName} is up to date ({outcome.Stack?.Status}).");
                WriteOutputs(outcome.Stack, context);
                return ExitCodes.Success;
            case DeployStatus.ChangeSetCreated:
                context.Error.WriteLine($"samc: change set created and not executed (--no-execute-changeset): {outcome.ChangeSetId}");
                context.Error.WriteLine($"  execute it: aws cloudformation execute-change-set --change-set-name {outcome.ChangeSetId}");
                return ExitCodes.Success;
            case DeployStatus.Declined:
                context.Error.WriteLine($"samc: not executed; the change set stays for review: {outcome.ChangeSetId}");
                return ExitCodes.Success;
            case DeployStatus.Interrupted:
                return ExitCodes.Interrupted;
            default:
                return ExitCodes.InputErrors;
        }
    }

    private static void WriteOutputs(StackDescription? stack, CliContext context)
    {
        if (stack is null || stack.Outputs.Count == 0)
        {
            return;
        }

        var rows = stack.Outputs.Select(o => new[] { o.Key, o.Value, o.Description ?? string.Empty }).ToList();
        DeployConsole.Table(context.Out, ["Key", "Value", "Description"], rows, "Outputs:");
    }

    private static void Timing(CliContext context, AwsConnection connection, long started)
    {
        if (context.Environment.TryGetValue("SAMC_DEPLOY_TIMING", out var v) && v == "1")
        {
            var total = Stopwatch.GetElapsedTime(started);
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"samc-timing: calls={connection.Calls} in-calls-ms={connection.TimeInCalls.TotalMilliseconds:F0} total-ms={total.TotalMilliseconds:F0} outside-calls-ms={(total - connection.TimeInCalls).TotalMilliseconds:F0}"));
        }
    }

    private static bool TryParseTags(IReadOnlyList<string> tokens, out List<KeyValuePair<string, string>> tags, out string? error)
    {
        tags = [];
        error = null;
        foreach (var token in tokens.SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                error = $"\"{token}\" is not of the form KEY=VALUE.";
                return false;
            }

            tags.Add(new(token[..eq], token[(eq + 1)..]));
        }

        return true;
    }

    /// <summary>The uploader used when no bucket was given: it fails on the first artifact.</summary>
    private sealed class NoBucketUploader : IArtifactUploader
    {
        public Task<ArtifactLocation> UploadAsync(LocalArtifact artifact, CancellationToken cancellationToken) =>
            throw new NeedsBucketException(artifact.SourcePath);

        public string Url(ArtifactLocation location) => throw new InvalidOperationException("No bucket.");

        public sealed class NeedsBucketException(string path) : Exception($"{path} needs a bucket")
        {
            public string Path { get; } = path;
        }
    }
}
