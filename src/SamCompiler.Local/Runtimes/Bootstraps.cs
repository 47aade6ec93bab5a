using SamCompiler.Local.Files;

namespace SamCompiler.Local.Runtimes;

/// <summary>samc's own runtime interface clients, embedded in the assembly and written once to a cache folder.</summary>
public static class Bootstraps
{
    /// <summary>The Python client.</summary>
    public const string Python = "python_bootstrap.py";

    /// <summary>The Node.js client.</summary>
    public const string Node = "node_bootstrap.js";

    /// <summary>The prefix of the bootstrap resources in the assembly.</summary>
    internal const string ResourcePrefix = "SamCompiler.Local.Bootstraps.";

    private static readonly Lock Gate = new();

    /// <summary>The bytes of the embedded bootstrap file <paramref name="name"/>.</summary>
    internal static byte[] Read(string name)
    {
        using var stream = typeof(Bootstraps).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The bootstrap resource \"{name}\" is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>The names of the embedded bootstrap files that end with <paramref name="extension"/>, sorted.</summary>
    internal static IReadOnlyList<string> Named(string extension) =>
        typeof(Bootstraps).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(extension, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The path of the bootstrap file <paramref name="name"/> in the private folder <paramref name="cacheRoot"/>: the
    /// cached copy when its owner, permissions and content hash check out, else a fresh one.
    /// </summary>
    public static string Extract(string name, string cacheRoot)
    {
        var bytes = Read(name);
        lock (Gate)
        {
            return VerifiedCache.File(cacheRoot, "bootstraps", name, bytes);
        }
    }
}
