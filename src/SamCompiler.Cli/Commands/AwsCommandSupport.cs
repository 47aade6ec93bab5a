using System.CommandLine;
using SamCompiler.Deploy.Aws;
using SamCompiler.Diagnostics;
using SamCompiler.Text;

namespace SamCompiler.Cli.Commands;

/// <summary>The AWS options of package, deploy and delete, and the mapping of AWS failures to diagnostics.</summary>
public sealed class AwsOptions
{
    /// <summary>--region.</summary>
    public Option<string?> Region { get; } = new("--region") { Description = "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region)." };

    /// <summary>--profile.</summary>
    public Option<string?> Profile { get; } = new("--profile") { Description = "Named profile of the AWS config and credentials files (default: AWS_PROFILE)." };

    /// <summary>--endpoint-url.</summary>
    public Option<string?> EndpointUrl { get; } = new("--endpoint-url") { Description = "Send every AWS call (CloudFormation, S3, STS) to this endpoint, e.g. a local moto_server (default: AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, then AWS's)." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Region);
        command.Options.Add(Profile);
        command.Options.Add(EndpointUrl);
    }
}

/// <summary>Opening an AWS connection for a command, and turning AWS failures into diagnostics.</summary>
public static class AwsCommandSupport
{
    /// <summary>Resolves region, endpoint and credentials; null with a diagnostic when that fails.</summary>
    public static async Task<(AwsConnection? Connection, Diagnostic? Error)> ConnectAsync(string? region, string? profile, string? endpointUrl, CliContext context, SourceSpan span, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = AwsSettings.Resolve(region, profile, endpointUrl, context.Environment, out var error);
        if (settings is null)
        {
            var descriptor = error!.StartsWith("--endpoint-url", StringComparison.Ordinal) ? DiagnosticCatalog.AwsEndpointUnreachable : DiagnosticCatalog.AwsRegionMissing;
            return (null, Diagnostic.Create(descriptor, span, error));
        }

        try
        {
            var credentials = await AwsCredentialSource.ResolveAsync(settings, cancellationToken).ConfigureAwait(false);
            return (new AwsConnection(settings, credentials, TimeProvider.System), null);
        }
        catch (AwsCredentialsException ex)
        {
            return (null, Diagnostic.Create(DiagnosticCatalog.AwsCredentialsMissing, span,
                $"No AWS credentials: {FirstLine(ex.Message)} Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (or --profile) naming a profile of ~/.aws/credentials or ~/.aws/config (aws configure, aws sso login)."));
        }
    }

    /// <summary>The diagnostic for a failure of an AWS call, or null when <paramref name="ex"/> is not one.</summary>
    public static Diagnostic? Describe(Exception ex, SourceSpan span, string? bucket = null)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex switch
        {
            AwsEndpointException e => Diagnostic.Create(DiagnosticCatalog.AwsEndpointUnreachable, span,
                $"{e.Message}. Check --endpoint-url / AWS_ENDPOINT_URL, the network and the region."),
            AwsServiceException { Code: "NoSuchBucket" } e => Diagnostic.Create(DiagnosticCatalog.S3BucketNotFound, span,
                $"The S3 bucket \"{bucket ?? "?"}\" does not exist ({e.Service} {e.Action}). Create it (aws s3 mb s3://{bucket}) or use --resolve-s3."),
            AwsServiceException e when e.Code is "InvalidClientTokenId" or "SignatureDoesNotMatch" or "ExpiredToken" or "UnrecognizedClientException" or "InvalidAccessKeyId" => Diagnostic.Create(DiagnosticCatalog.AwsCredentialsMissing, span,
                $"AWS rejected the credentials ({e.Service} {e.Action}: {e.Code}: {e.ServiceMessage}). Refresh them (aws sso login, aws configure) and try again."),
            AwsServiceException e => Diagnostic.Create(DiagnosticCatalog.AwsRequestFailed, span, $"{e.Service} {e.Action} failed: {e.Code}: {e.ServiceMessage}"),
            _ => null,
        };
    }

    /// <summary>Reads a yes/no answer from stdin (EOF is no).</summary>
    public static bool AskYesNo(CliContext context, string question)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Error.Write($"{question} [y/N]: ");
        context.Error.Flush();
        var answer = Console.In.ReadLine();
        return answer is not null && answer.Trim().ToLowerInvariant() is "y" or "yes";
    }

    private static string FirstLine(string text)
    {
        if (text.StartsWith("Failed to resolve AWS credentials", StringComparison.Ordinal))
        {
            return "none in the environment, the shared credentials and config files, web identity, container or instance-metadata credentials.";
        }

        var line = text.Split('\n')[0].Trim();
        return line.EndsWith('.') ? line : line + ".";
    }
}
