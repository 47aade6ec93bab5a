using System.CommandLine;
using SamCompiler.Deploy.Aws;
using SamCompiler.Deploy.Packaging;
using SamCompiler.Deploy.S3;
using SamCompiler.Diagnostics;
using SamCompiler.Text;

namespace SamCompiler.Cli.Commands;

/// <summary>The arguments of <c>samc package</c>.</summary>
public sealed record PackageArguments(
    string? Template,
    string? Bucket,
    bool ResolveS3,
    string? Prefix,
    string? OutputPath,
    bool UseJson,
    bool ForceUpload,
    string? Region,
    string? Profile,
    string? EndpointUrl);

/// <summary><c>samc package</c>: upload local artifacts to S3 and write the template that points at them.</summary>
public static class PackageCommand
{
    /// <summary>Declares the command.</summary>
    public static Command Create(CliContext context)
    {
        var template = new Option<string?>("--template-file", "-t", "--template") { Description = "The SAM template (default: template.yaml, template.yml or template.json here)." };
        var bucket = new Option<string?>("--s3-bucket") { Description = "S3 bucket for the artifacts." };
        var resolveS3 = new Option<bool>("--resolve-s3") { Description = "Use (and create when missing) samc's bucket samc-artifacts-ACCOUNT-REGION." };
        var prefix = new Option<string?>("--s3-prefix") { Description = "Prefix of the object keys (the key is PREFIX/CONTENT-SHA256.EXT)." };
        var output = new Option<string?>("--output-template-file", "-o") { Description = "Write the packaged template here (default: stdout)." };
        var useJson = new Option<bool>("--use-json") { Description = "Write the packaged template as JSON (default: YAML)." };
        var force = new Option<bool>("--force-upload") { Description = "Upload every artifact even when an object with its hash exists." };
        var aws = new AwsOptions();
        var command = new Command("package", "Zip local code folders deterministically, upload what S3 does not have yet, and write the template with S3 locations.\n\nExamples:\n  samc package --s3-bucket my-artifacts -o packaged.yaml\n  samc package -t app/template.yaml --resolve-s3 --s3-prefix app")
        {
            template, bucket, resolveS3, prefix, output, useJson, force,
        };
        aws.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(
            new PackageArguments(
                parse.GetValue(template),
                parse.GetValue(bucket),
                parse.GetValue(resolveS3),
                parse.GetValue(prefix),
                parse.GetValue(output),
                parse.GetValue(useJson),
                parse.GetValue(force),
                parse.GetValue(aws.Region),
                parse.GetValue(aws.Profile),
                parse.GetValue(aws.EndpointUrl)),
            context,
            cancellationToken));
        return command;
    }

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(PackageArguments args, CliContext context, CancellationToken cancellationToken)
    {
        using var shutdown = context.ClaimShutdown(cancellationToken);
        cancellationToken = shutdown.Token;
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        if (args.Bucket is not null && args.ResolveS3)
        {
            context.Error.WriteLine("samc: give either --s3-bucket or --resolve-s3, not both.");
            return ExitCodes.Usage;
        }

        if (args.Bucket is null && !args.ResolveS3)
        {
            context.Error.WriteLine("samc: package needs --s3-bucket BUCKET or --resolve-s3 (or s3_bucket in samconfig).");
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

        var (connection, connectError) = await AwsCommandSupport.ConnectAsync(args.Region, args.Profile, args.EndpointUrl, context, SourceSpan.DocumentStart(source.Path), cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            DiagnosticWriter.WriteText(context.Error, [connectError!]);
            return ExitCodes.InputErrors;
        }

        using (connection)
        using (var store = new S3ArtifactStore(connection))
        {
            var console = new DeployConsole(context.Error, DeployConsole.IsInteractive(context));
            var span = SourceSpan.DocumentStart(source.Path);
            string? bucket = null;
            try
            {
                var (resolved, bucketError) = await ArtifactBuckets.ResolveAsync(args.Bucket, args.ResolveS3, connection, store, console, span, cancellationToken).ConfigureAwait(false);
                if (bucketError is not null)
                {
                    DiagnosticWriter.WriteText(context.Error, [bucketError]);
                    return ExitCodes.InputErrors;
                }

                bucket = resolved!;
                var uploader = new S3Uploader(store, bucket, args.Prefix, args.ForceUpload, console);
                var result = await TemplatePackager.PackageAsync(source, context.Resolve(path), uploader, new PackageOptions { UseJson = args.UseJson }, cancellationToken).ConfigureAwait(false);
                DiagnosticWriter.WriteText(context.Error, result.Diagnostics);
                if (result.HasErrors || result.Text is null)
                {
                    return ExitCodes.InputErrors;
                }

                context.Error.WriteLine($"samc: {uploader.Uploaded} uploaded, {uploader.Skipped} unchanged (s3://{bucket}{(string.IsNullOrEmpty(args.Prefix) ? string.Empty : "/" + args.Prefix)})");
                return WriteOutput(result.Text, args.OutputPath, context);
            }
            catch (Exception ex) when (AwsCommandSupport.Describe(ex, span, bucket ?? args.Bucket) is { } diagnostic)
            {
                DiagnosticWriter.WriteText(context.Error, [diagnostic]);
                return ExitCodes.InputErrors;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                context.Error.WriteLine("samc: interrupted; objects uploaded so far stay in S3 (they are named by content, so the next run reuses them).");
                return ExitCodes.Interrupted;
            }
        }
    }

    /// <summary>Writes text to a file (through a temporary file) or stdout.</summary>
    internal static int WriteOutput(string text, string? outputPath, CliContext context)
    {
        if (outputPath is null)
        {
            context.Out.Write(text);
            return ExitCodes.Success;
        }

        try
        {
            var full = context.Resolve(outputPath);
            var tmp = full + ".samc-tmp";
            File.WriteAllText(tmp, text);
            File.Move(tmp, full, overwrite: true);
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DiagnosticWriter.WriteText(context.Error, [Diagnostic.Create(DiagnosticCatalog.FileUnreadable, SourceSpan.DocumentStart(outputPath), $"Cannot write \"{outputPath}\": {ex.Message}")]);
            return ExitCodes.InputErrors;
        }
    }
}

/// <summary>Which bucket artifacts go to.</summary>
public static class ArtifactBuckets
{
    /// <summary>
    /// The bucket: the one given (which must exist), samc's own for <c>--resolve-s3</c>
    /// (<c>samc-artifacts-ACCOUNT-REGION</c>, created when missing), or null when neither is asked for.
    /// </summary>
    public static async Task<(string? Bucket, Diagnostic? Error)> ResolveAsync(string? bucket, bool resolveS3, AwsConnection connection, IArtifactStore store, DeployConsole console, SourceSpan span, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(console);
        if (bucket is not null)
        {
            if (!await store.BucketExistsAsync(bucket, cancellationToken).ConfigureAwait(false))
            {
                return (null, Diagnostic.Create(DiagnosticCatalog.S3BucketNotFound, span,
                    $"The S3 bucket \"{bucket}\" does not exist or this account cannot reach it (region {connection.Settings.Region}). Create it (aws s3 mb s3://{bucket}) or use --resolve-s3."));
            }

            return (bucket, null);
        }

        if (!resolveS3)
        {
            return (null, null);
        }

        var account = await new StsClient(connection).GetAccountIdAsync(cancellationToken).ConfigureAwait(false);
        var name = $"samc-artifacts-{account}-{connection.Settings.Region}";
        if (!await store.BucketExistsAsync(name, cancellationToken).ConfigureAwait(false))
        {
            console.Status($"Creating the artifact bucket {name}");
            await store.CreateBucketAsync(name, cancellationToken).ConfigureAwait(false);
        }

        return (name, null);
    }
}
