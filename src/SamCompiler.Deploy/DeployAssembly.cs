namespace SamCompiler.Deploy;

/// <summary>
/// SamCompiler.Deploy: package (deterministic zip, content hash, S3 upload) and deploy (CloudFormation change sets
/// over the Query API signed with AWSSDK.Core's SigV4 signer; events, progress). It references SamCompiler only
/// (DESIGN.md, dependency rules) and does no console I/O: progress goes through the interfaces the CLI passes in.
/// </summary>
public static class DeployAssembly
{
    /// <summary>The assembly's version (samc's version).</summary>
    public static string Version =>
        typeof(DeployAssembly).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
