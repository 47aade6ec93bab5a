namespace SamCompiler.Deploy.Aws;

/// <summary>STS GetCallerIdentity over the Query API (version 2011-06-15): the account id for --resolve-s3.</summary>
public sealed class StsClient
{
    private readonly QueryApiClient _query;

    /// <summary>Creates the client.</summary>
    public StsClient(AwsConnection connection) => _query = new QueryApiClient(connection, "sts", "2011-06-15");

    /// <summary>The caller's account id.</summary>
    public async Task<string> GetAccountIdAsync(CancellationToken cancellationToken)
    {
        var result = await _query.CallAsync("GetCallerIdentity", [], cancellationToken).ConfigureAwait(false);
        return result.Child("Account") ?? throw new AwsServiceException("sts", "GetCallerIdentity", "InvalidResponse", "The answer has no Account.", 200);
    }
}
