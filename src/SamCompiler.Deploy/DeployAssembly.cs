namespace SamCompiler.Deploy;

/// <summary>
/// SamCompiler.Deploy: build (native builders, cache), package (deterministic zip, content hash, S3 upload) and deploy
/// (CloudFormation change sets over the Query API signed with AWSSDK.Core). It references SamCompiler only
/// (DESIGN.md, dependency rules) and does no console I/O: progress goes through the interfaces the CLI passes in.
/// </summary>
public static class DeployAssembly
{
    /// <summary>The assembly's informational version (samc's version).</summary>
    public static string Version =>
        typeof(DeployAssembly).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
