namespace SamCompiler.Diagnostics;

/// <summary>
/// SAM0010–SAM0029 and SAM2020–SAM2029: <c>samc package</c>, <c>deploy</c>, <c>delete</c> and samconfig (AWS access,
/// artifacts, change sets, stack outcomes).
/// </summary>
public static partial class DiagnosticCatalog
{
    /// <summary>SAM0010: no AWS credentials could be found.</summary>
    public static DiagnosticDescriptor AwsCredentialsMissing => DeployIds.AwsCredentialsMissing;

    /// <summary>SAM0011: no AWS region is configured.</summary>
    public static DiagnosticDescriptor AwsRegionMissing => DeployIds.AwsRegionMissing;

    /// <summary>SAM0012: the AWS endpoint does not answer.</summary>
    public static DiagnosticDescriptor AwsEndpointUnreachable => DeployIds.AwsEndpointUnreachable;

    /// <summary>SAM0013: an AWS API call failed.</summary>
    public static DiagnosticDescriptor AwsRequestFailed => DeployIds.AwsRequestFailed;

    /// <summary>SAM0014: the S3 bucket does not exist or cannot be reached.</summary>
    public static DiagnosticDescriptor S3BucketNotFound => DeployIds.S3BucketNotFound;

    /// <summary>SAM0015: a local artifact path does not exist.</summary>
    public static DiagnosticDescriptor ArtifactPathNotFound => DeployIds.ArtifactPathNotFound;

    /// <summary>SAM0016: a symlink in a code folder points outside it (or forms a cycle).</summary>
    public static DiagnosticDescriptor ArtifactSymlinkOutside => DeployIds.ArtifactSymlinkOutside;

    /// <summary>SAM0017: local artifacts (or a large template) need an S3 bucket.</summary>
    public static DiagnosticDescriptor ArtifactsNeedBucket => DeployIds.ArtifactsNeedBucket;

    /// <summary>SAM0018: a resource failed during the deployment (reported at the SAM resource that produced it).</summary>
    public static DiagnosticDescriptor StackResourceFailed => DeployIds.StackResourceFailed;

    /// <summary>SAM0019: the stack ended in a failed or rolled-back state.</summary>
    public static DiagnosticDescriptor StackDeployFailed => DeployIds.StackDeployFailed;

    /// <summary>SAM0020: CloudFormation could not create the change set.</summary>
    public static DiagnosticDescriptor ChangeSetFailed => DeployIds.ChangeSetFailed;

    /// <summary>SAM0021: the stack is in ROLLBACK_COMPLETE and must be deleted before it can be deployed.</summary>
    public static DiagnosticDescriptor StackRollbackComplete => DeployIds.StackRollbackComplete;

    /// <summary>SAM0022: the stack is in the middle of another operation.</summary>
    public static DiagnosticDescriptor StackBusy => DeployIds.StackBusy;

    /// <summary>SAM0023: the change set is empty and --fail-on-empty-changeset was given.</summary>
    public static DiagnosticDescriptor EmptyChangeSet => DeployIds.EmptyChangeSet;

    /// <summary>SAM0024: the deployment was interrupted (Ctrl+C) while CloudFormation was working.</summary>
    public static DiagnosticDescriptor DeployInterrupted => DeployIds.DeployInterrupted;

    /// <summary>SAM0025: samconfig.toml/samconfig.yaml cannot be read or has the wrong shape.</summary>
    public static DiagnosticDescriptor SamConfigInvalid => DeployIds.SamConfigInvalid;

    /// <summary>SAM2020: the stack name is not one CloudFormation accepts.</summary>
    public static DiagnosticDescriptor InvalidStackName => DeployIds.InvalidStackName;

    /// <summary>SAM2021: a local container image artifact (ImageUri) needs Docker and ECR, which samc does not use.</summary>
    public static DiagnosticDescriptor ImageArtifactUnsupported => DeployIds.ImageArtifactUnsupported;

    /// <summary>SAM2022: an artifact property has a value samc cannot package (a nested template that is not a file ...).</summary>
    public static DiagnosticDescriptor ArtifactPropertyInvalid => DeployIds.ArtifactPropertyInvalid;

    static partial void AddDeployDescriptors(List<DiagnosticDescriptor> list) =>
        list.AddRange([
            AwsCredentialsMissing, AwsRegionMissing, AwsEndpointUnreachable, AwsRequestFailed, S3BucketNotFound,
            ArtifactPathNotFound, ArtifactSymlinkOutside, ArtifactsNeedBucket, StackResourceFailed, StackDeployFailed,
            ChangeSetFailed, StackRollbackComplete, StackBusy, EmptyChangeSet, DeployInterrupted, SamConfigInvalid,
            InvalidStackName, ImageArtifactUnsupported, ArtifactPropertyInvalid,
        ]);

    /// <summary>The instances, in a class of their own so that they exist before <see cref="All"/> collects them.</summary>
    private static class DeployIds
    {
        public static readonly DiagnosticDescriptor AwsCredentialsMissing = new("SAM0010", "aws-credentials-missing", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "No AWS credentials were found.");

        public static readonly DiagnosticDescriptor AwsRegionMissing = new("SAM0011", "aws-region-missing", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "No AWS region is configured.");

        public static readonly DiagnosticDescriptor AwsEndpointUnreachable = new("SAM0012", "aws-endpoint-unreachable", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "The AWS endpoint does not answer.");

        public static readonly DiagnosticDescriptor AwsRequestFailed = new("SAM0013", "aws-request-failed", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "An AWS API call failed.");

        public static readonly DiagnosticDescriptor S3BucketNotFound = new("SAM0014", "s3-bucket-not-found", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "The S3 bucket does not exist or cannot be reached.");

        public static readonly DiagnosticDescriptor ArtifactPathNotFound = new("SAM0015", "artifact-path-not-found", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "A local artifact path does not exist.");

        public static readonly DiagnosticDescriptor ArtifactSymlinkOutside = new("SAM0016", "artifact-symlink-outside", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "A symlink in a code folder points outside it.");

        public static readonly DiagnosticDescriptor ArtifactsNeedBucket = new("SAM0017", "artifacts-need-bucket", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "Local artifacts need an S3 bucket to be uploaded to.");

        public static readonly DiagnosticDescriptor StackResourceFailed = new("SAM0018", "stack-resource-failed", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "A resource failed during the deployment.");

        public static readonly DiagnosticDescriptor StackDeployFailed = new("SAM0019", "stack-deploy-failed", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "The stack ended in a failed or rolled-back state.");

        public static readonly DiagnosticDescriptor ChangeSetFailed = new("SAM0020", "change-set-failed", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "CloudFormation could not create the change set.");

        public static readonly DiagnosticDescriptor StackRollbackComplete = new("SAM0021", "stack-rollback-complete", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "The stack is in ROLLBACK_COMPLETE and cannot be updated.");

        public static readonly DiagnosticDescriptor StackBusy = new("SAM0022", "stack-busy", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "The stack is in the middle of another operation.");

        public static readonly DiagnosticDescriptor EmptyChangeSet = new("SAM0023", "empty-change-set", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "The change set has no changes.");

        public static readonly DiagnosticDescriptor DeployInterrupted = new("SAM0024", "deploy-interrupted", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "The deployment was interrupted.");

        public static readonly DiagnosticDescriptor SamConfigInvalid = new("SAM0025", "samconfig-invalid", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "The samconfig file cannot be read.");

        public static readonly DiagnosticDescriptor InvalidStackName = new("SAM2020", "invalid-stack-name", DiagnosticCategory.Model, DiagnosticSeverity.Error, "The stack name is not valid.");

        public static readonly DiagnosticDescriptor ImageArtifactUnsupported = new("SAM2021", "image-artifact-unsupported", DiagnosticCategory.Model, DiagnosticSeverity.Error, "Local container images are not packaged by samc.");

        public static readonly DiagnosticDescriptor ArtifactPropertyInvalid = new("SAM2022", "artifact-property-invalid", DiagnosticCategory.Model, DiagnosticSeverity.Error, "An artifact property has a value samc cannot package.");
    }
}
