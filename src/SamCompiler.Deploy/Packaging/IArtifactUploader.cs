namespace SamCompiler.Deploy.Packaging;

/// <summary>Where an artifact went: its bucket and key.</summary>
public sealed record ArtifactLocation(string Bucket, string Key)
{
    /// <summary>The s3:// URI.</summary>
    public string S3Uri => $"s3://{Bucket}/{Key}";
}

/// <summary>Puts artifacts somewhere and says where (S3, or nowhere for placeholders).</summary>
public interface IArtifactUploader
{
    /// <summary>Stores <paramref name="artifact"/> (unless an object with its hash is there) and returns its location.</summary>
    Task<ArtifactLocation> UploadAsync(LocalArtifact artifact, CancellationToken cancellationToken);

    /// <summary>The https URL of a location, as TemplateURL wants it.</summary>
    string Url(ArtifactLocation location);
}

/// <summary>Reports packaging progress (the CLI prints it).</summary>
public interface IPackageProgress
{
    /// <summary>An artifact was uploaded (<paramref name="uploaded"/>) or already present.</summary>
    void Artifact(LocalArtifact artifact, ArtifactLocation location, bool uploaded);
}

/// <summary>
/// No upload: every artifact is placed at <c>s3://samc-placeholder/[prefix/]hash.ext</c>, the key <c>samc package</c>
/// would use, so a compiled template differs from the deployed one only in the bucket name.
/// </summary>
public sealed class PlaceholderUploader(string? prefix) : IArtifactUploader
{
    /// <summary>The placeholder bucket.</summary>
    public const string Bucket = "samc-placeholder";

    /// <inheritdoc />
    public Task<ArtifactLocation> UploadAsync(LocalArtifact artifact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return Task.FromResult(new ArtifactLocation(Bucket, artifact.Key(prefix)));
    }

    /// <inheritdoc />
    public string Url(ArtifactLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return $"https://s3.amazonaws.com/{location.Bucket}/{location.Key}";
    }
}

/// <summary>Uploads to S3 under <c>[prefix/]hash.ext</c>, skipping objects that exist unless forced.</summary>
public sealed class S3Uploader(S3.IArtifactStore store, string bucket, string? prefix, bool forceUpload, IPackageProgress? progress) : IArtifactUploader
{
    private readonly Dictionary<string, Task<ArtifactLocation>> _done = new(StringComparer.Ordinal);

    /// <summary>Objects uploaded.</summary>
    public int Uploaded { get; private set; }

    /// <summary>Objects found already present (not uploaded).</summary>
    public int Skipped { get; private set; }

    /// <summary>Bytes uploaded.</summary>
    public long UploadedBytes { get; private set; }

    /// <inheritdoc />
    public Task<ArtifactLocation> UploadAsync(LocalArtifact artifact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var key = artifact.Key(prefix);
        lock (_done)
        {
            if (!_done.TryGetValue(key, out var task))
            {
                task = UploadOnceAsync(artifact, key, cancellationToken);
                _done[key] = task;
            }

            return task;
        }
    }

    /// <inheritdoc />
    public string Url(ArtifactLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return store.ObjectUrl(location.Bucket, location.Key);
    }

    private async Task<ArtifactLocation> UploadOnceAsync(LocalArtifact artifact, string key, CancellationToken cancellationToken)
    {
        var location = new ArtifactLocation(bucket, key);
        if (!forceUpload && await store.ObjectExistsAsync(bucket, key, cancellationToken).ConfigureAwait(false))
        {
            lock (_done)
            {
                Skipped++;
            }

            progress?.Artifact(artifact, location, uploaded: false);
            return location;
        }

        var bytes = artifact.Content();
        await store.PutObjectAsync(bucket, key, bytes, cancellationToken).ConfigureAwait(false);
        lock (_done)
        {
            Uploaded++;
            UploadedBytes += bytes.LongLength;
        }

        progress?.Artifact(artifact, location, uploaded: true);
        return location;
    }
}
