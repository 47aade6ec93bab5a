namespace SamCompiler.Tests.Infrastructure;

/// <summary>Finds the repository root (the folder holding SamTools.sln) and the shared conformance folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>tests/snapshots/cases under the root.</summary>
    public static string SnapshotCases => Path.Combine(Root, "tests", "snapshots", "cases");

    /// <summary>
    /// The shared folder beside the clone (<c>../shared</c>), or null when it is absent. SAMTOOLS_SHARED overrides it;
    /// <c>../../shared</c> is also tried so that git worktrees under a sibling folder find it.
    /// </summary>
    public static string? Shared
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("SAMTOOLS_SHARED");
            string[] candidates = string.IsNullOrEmpty(fromEnv)
                ? [Path.Combine(Root, "..", "shared"), Path.Combine(Root, "..", "..", "shared")]
                : [fromEnv];
            return candidates.Select(Path.GetFullPath).FirstOrDefault(c => Directory.Exists(Path.Combine(c, "conformance")));
        }
    }

    /// <summary>An absolute path for a path relative to the root (forward slashes allowed).</summary>
    public static string FromRoot(string relativePath) =>
        Path.GetFullPath(Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar)));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SamTools.sln")))
            {
                return dir.FullName;
            }

            dir = dir.Parent;
        }

        throw new InvalidOperationException($"No SamTools.sln above {AppContext.BaseDirectory}.");
    }
}
