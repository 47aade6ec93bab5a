using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace SamCompiler.Deploy.Aws;

/// <summary>
/// Finds credentials as the AWS CLI and SDKs do: <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>
/// (+<c>AWS_SESSION_TOKEN</c>); a named profile (<c>--profile</c>, <c>AWS_PROFILE</c>) from the shared credentials
/// and config files, with what AWSSDK.Core supports there (static keys, <c>credential_process</c>, SSO token cache,
/// assume-role); otherwise AWSSDK.Core's default chain (web identity, container credentials, and EC2 instance
/// metadata unless <c>AWS_EC2_METADATA_DISABLED=true</c>).
/// </summary>
public static class AwsCredentialSource
{
    /// <summary>Resolves credentials for <paramref name="settings"/>; throws <see cref="AwsCredentialsException"/>.</summary>
    public static async Task<ImmutableCredentials> ResolveAsync(AwsSettings settings, CancellationToken cancellationToken)
    {
        string? Env(string name) => settings.Environment.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : null;
        if (Env("AWS_ACCESS_KEY_ID") is { } key && Env("AWS_SECRET_ACCESS_KEY") is { } secret)
        {
            return new ImmutableCredentials(key, secret, Env("AWS_SESSION_TOKEN"));
        }

        AWSCredentials credentials;
        try
        {
            if (settings.Profile is { } profile)
            {
                var chain = new CredentialProfileStoreChain();
                if (!chain.TryGetAWSCredentials(profile, out credentials))
                {
                    throw new AwsCredentialsException($"The profile \"{profile}\" is not in the AWS shared config or credentials file, or has no credentials samc can use.");
                }
            }
            else
            {
                credentials = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null).ConfigureAwait(false);
            }

            var resolved = await credentials.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (resolved is null || string.IsNullOrEmpty(resolved.AccessKey))
            {
                throw new AwsCredentialsException("The credential source returned no access key.");
            }

            return resolved;
        }
        catch (AwsCredentialsException)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex) when (ex is AmazonClientException or AmazonServiceException or InvalidOperationException or IOException or ArgumentException or NullReferenceException or HttpRequestException)
        {
            throw new AwsCredentialsException(ex.Message, ex);
        }
    }
}
