namespace SamCompiler.Transform.Policies;

/// <summary>
/// Managed policy name resolution as the reference harness runs it: no caller map, the bundled map of the partition,
/// ARNs kept, then the harness's fallback loader (see <see cref="ManagedPolicyMap.GetManagedPolicyArn"/>).
/// </summary>
internal static class ManagedPolicyNames
{
    /// <summary>Resolves a managed policy name to its ARN (unchanged when nothing knows it).</summary>
    public static string Resolve(string name, string partition) =>
        ManagedPolicyMap.GetManagedPolicyArn(name, null, ManagedPolicyMap.HarnessLoader(partition), partition);
}
