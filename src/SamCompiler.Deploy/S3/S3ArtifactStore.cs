using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using SamCompiler.Deploy.Aws;

namespace SamCompiler.Deploy.S3;

/// <summary>
/// <see cref="IArtifactStore"/> on AWSSDK.S3, with samc's region, endpoint and credentials (path-style addressing for
/// a custom endpoint such as moto's). S3 errors become <see cref="AwsServiceException"/>, unreachable endpoints
/// <see cref="AwsEndpointException"/>, so callers handle one set of failures for every service.
/// </summary>
public sealed class S3ArtifactStore : IArtifactStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly AwsSettings _settings;
    private readonly Uri _endpoint;
    private readonly AwsConnection _connection;

    /// <summary>Creates the store.</summary>
    public S3ArtifactStore(AwsConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _settings = connection.Settings;
        _endpoint = _settings.EndpointFor("s3");
        var config = new AmazonS3Config
        {
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = AwsConnection.MaxAttempts - 1,
            Timeout = TimeSpan.FromMinutes(10),
        };
        if (_settings.IsCustomEndpoint("s3"))
        {
            config.ServiceURL = _endpoint.ToString();
            config.ForcePathStyle = true;
            config.AuthenticationRegion = _settings.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(_settings.Region);
        }

        var c = connection.Credentials;
        AWSCredentials credentials = string.IsNullOrEmpty(c.Token) ? new BasicAWSCredentials(c.AccessKey, c.SecretKey) : new SessionAWSCredentials(c.AccessKey, c.SecretKey, c.Token);
        _client = new AmazonS3Client(credentials, config);
    }

    /// <inheritdoc />
    public async Task<bool> BucketExistsAsync(string bucket, CancellationToken cancellationToken)
    {
        try
        {
            await Call("HeadBucket", () => _client.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (AwsServiceException ex) when (ex.StatusCode == 404 || ex.Code is "NoSuchBucket")
        {
            return false;
        }
    }

    /// <inheritdoc />
    public Task CreateBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        var request = new PutBucketRequest { BucketName = bucket };
        if (_settings.Region != "us-east-1")
        {
            request.BucketRegionName = _settings.Region;
        }

        return Call("CreateBucket", () => _client.PutBucketAsync(request, cancellationToken));
    }

    /// <inheritdoc />
    public async Task<bool> ObjectExistsAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        try
        {
            await Call("HeadObject", () => _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (AwsServiceException ex) when (ex.StatusCode == 404 && ex.Code != "NoSuchBucket")
        {
            return false;
        }
    }

    /// <inheritdoc />
    public Task PutObjectAsync(string bucket, string key, byte[] content, CancellationToken cancellationToken) =>
        Call("PutObject", () =>
        {
            var request = new PutObjectRequest
            {
                BucketName = bucket,
                Key = key,
                InputStream = new MemoryStream(content, writable: false),
                AutoCloseStream = true,
                UseChunkEncoding = false,
            };
            return _client.PutObjectAsync(request, cancellationToken);
        });

    /// <inheritdoc />
    public async Task DeleteObjectAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        try
        {
            await Call("DeleteObject", () => _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key }, cancellationToken)).ConfigureAwait(false);
        }
        catch (AwsServiceException ex) when (ex.StatusCode == 404)
        {
            // Already gone.
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Always AWS's path-style form, also for a custom endpoint: that is what SAM CLI sends, and what emulators such
    /// as moto map back to their own S3 (moto does not parse an http://127.0.0.1:PORT/bucket/key URL).
    /// </remarks>
    public string ObjectUrl(string bucket, string key)
    {
        // samcli S3Uploader.to_path_style_s3_url: s3.amazonaws.com for us-east-1, s3.<region>.<suffix> elsewhere.
        var escapedKey = AwsSigner.Encode(key, keepSlash: true);
        var host = _settings.Region == "us-east-1" ? "s3.amazonaws.com" : $"s3.{_settings.Region}.{_settings.DnsSuffix}";
        return $"https://{host}/{bucket}/{escapedKey}";
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private async Task Call<T>(string action, Func<Task<T>> call)
    {
        _connection.BeginCall();
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (AmazonServiceException ex)
        {
            throw new AwsServiceException("s3", action, ex.ErrorCode ?? ((int)ex.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, (int)ex.StatusCode);
        }
        catch (AmazonClientException ex) when (FindHttp(ex) is { } http)
        {
            throw new AwsEndpointException(_endpoint, http.Message, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new AwsEndpointException(_endpoint, ex.Message, ex);
        }
        finally
        {
            _connection.EndCall();
        }
    }

    private static HttpRequestException? FindHttp(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException h)
            {
                return h;
            }
        }

        return null;
    }
}
