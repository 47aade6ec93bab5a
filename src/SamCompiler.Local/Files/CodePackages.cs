using System.IO.Compression;
using System.Security.Cryptography;

namespace SamCompiler.Local.Files;

/// <summary>
/// Deployment packages (a .zip or .jar CodeUri) unpacked the way Lambda unpacks them into /var/task: into
/// <c>code-&lt;SHA-256 of the archive&gt;</c> in the private <see cref="WorkFolder"/>, reused only when the folder still
/// holds exactly the files samc unpacked (checked against its manifest), else unpacked again aside and renamed into place.
/// </summary>
public static class CodePackages
{
    private static readonly Lock Gate = new();

    /// <summary>The folder holding the unpacked <paramref name="archive"/> (in <paramref name="root"/>, default the shared work folder).</summary>
    public static string Unpack(string archive, string? root = null)
    {
        root ??= WorkFolder.Shared.Path;
        string hash;
        using (var stream = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        var target = Path.Combine(root, "code-" + hash[..32]);
        lock (Gate)
        {
            if (VerifiedCache.FolderMatches(target))
            {
                return target;
            }

            var staging = WorkFolder.CreateStaging(root, "code-" + hash[..32]);
            try
            {
                ZipFile.ExtractToDirectory(archive, staging);
                if (!OperatingSystem.IsWindows())
                {
                    // Permissions stored in the archive may let others write; nothing samc runs may be writable by others.
                    foreach (var entry in Directory.EnumerateFileSystemEntries(staging, "*", SearchOption.AllDirectories))
                    {
                        var mode = File.GetUnixFileMode(entry);
                        File.SetUnixFileMode(entry, mode & ~(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
                    }
                }

                VerifiedCache.WriteManifest(staging);
                if (UnixFile.Stat(target, followLinks: false) is { Kind: not UnixFileKind.Missing })
                {
                    if (!WorkFolder.IsPrivate(target, out var reason))
                    {
                        throw new InvalidOperationException($"samc will not use \"{target}\" for unpacked code: {reason}.");
                    }

                    Directory.Delete(target, recursive: true);
                }

                try
                {
                    Directory.Move(staging, target);
                }
                catch (IOException) when (VerifiedCache.FolderMatches(target))
                {
                    // Another samc process unpacked it first; its copy is identical.
                }
            }
            finally
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
        }

        return target;
    }
}
