namespace SamCompiler.Deploy.S3;

/// <summary>The S3 operations packaging and deletion need (so they can be tested with a fake).</summary>
public interface IArtifactStore
{
    /// <summary>True when the bucket exists and this caller can reach it.</summary>
    Task<bool> BucketExistsAsync(string bucket, CancellationToken cancellationToken);

    /// <summary>Creates the bucket in the connection's region.</summary>
    Task CreateBucketAsync(string bucket, CancellationToken cancellationToken);

    /// <summary>True when an object with this key exists (HeadObject).</summary>
    Task<bool> ObjectExistsAsync(string bucket, string key, CancellationToken cancellationToken);

    /// <summary>Uploads <paramref name="content"/> (PutObject).</summary>
    Task PutObjectAsync(string bucket, string key, byte[] content, CancellationToken cancellationToken);

    /// <summary>Deletes an object (DeleteObject); a missing object is not an error.</summary>
    Task DeleteObjectAsync(string bucket, string key, CancellationToken cancellationToken);

    /// <summary>The path-style https URL of an object, as CloudFormation's TemplateURL wants it.</summary>
    string ObjectUrl(string bucket, string key);
}
