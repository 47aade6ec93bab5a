namespace SamCompiler.Transform.Policies;

/// <summary>Placeholder resolution of managed policy names until the bundled map lands: ARNs and other names pass unchanged.</summary>
internal static class ManagedPolicyNames
{
    /// <summary>Resolves a managed policy name to its ARN.</summary>
    public static string Resolve(string name, string partition)
    {
        _ = partition;
        return name;
    }
}
