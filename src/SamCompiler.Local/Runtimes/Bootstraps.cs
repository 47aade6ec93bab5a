using System.Security.Cryptography;

namespace SamCompiler.Local.Runtimes;

/// <summary>samc's own runtime interface clients, embedded in the assembly and written once to a cache folder.</summary>
public static class Bootstraps
{
    /// <summary>The Python client.</summary>
    public const string Python = "python_bootstrap.py";

    /// <summary>The Node.js client.</summary>
    public const string Node = "node_bootstrap.js";

    private static readonly Lock Gate = new();

    /// <summary>The path of the bootstrap file <paramref name="name"/>, extracted under <paramref name="cacheRoot"/> if needed.</summary>
    public static string Extract(string name, string cacheRoot)
    {
        using var stream = typeof(Bootstraps).Assembly.GetManifestResourceStream("SamCompiler.Local.Bootstraps." + name)
            ?? throw new InvalidOperationException($"The bootstrap resource \"{name}\" is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        var folder = Path.Combine(cacheRoot, "samc-bootstraps-" + hash);
        var path = Path.Combine(folder, name);
        lock (Gate)
        {
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(folder);
                var temporary = path + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
                File.WriteAllBytes(temporary, bytes);
                File.Move(temporary, path, overwrite: true);
            }
        }

        return path;
    }
}
