using System.Security.Cryptography;
using System.Text;

namespace SamCompiler.Local.Files;

/// <summary>
/// Content-addressed entries in a private folder (<see cref="WorkFolder"/>): an entry is named by the hash of what it
/// holds and is used only after its owner, its permissions and its content hash have been checked; anything else is
/// replaced. New files are written to a name of their own with O_CREAT|O_EXCL (which never follows a link) and
/// renamed into place, so a reader never sees a half-written file.
/// </summary>
public static class VerifiedCache
{
    /// <summary>The name of the file listing the SHA-256 of every file of a cached folder.</summary>
    public const string ManifestName = ".samc-manifest";

    /// <summary>The lower-case hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// The path of a file holding exactly <paramref name="bytes"/> under <paramref name="root"/> (in a folder named by
    /// <paramref name="prefix"/> and the content hash): the existing one when it checks out, else a fresh copy.
    /// </summary>
    public static string File(string root, string prefix, string name, byte[] bytes)
    {
        var hash = Hash(bytes);
        var folder = Path.Combine(root, prefix + "-" + hash[..16]);
        WorkFolder.EnsurePrivate(folder);
        var path = Path.Combine(folder, name);
        if (FileMatches(path, hash))
        {
            return path;
        }

        WriteNew(path, bytes);
        return path;
    }

    /// <summary>True when <paramref name="path"/> is a regular file of this user, not writable by others, whose SHA-256 is <paramref name="hash"/>.</summary>
    public static bool FileMatches(string path, string hash)
    {
        var status = UnixFile.Stat(path, followLinks: false);
        if (status is not { Kind: UnixFileKind.Regular } || status.WritableByOthers
            || (status.OwnerId >= 0 && UnixFile.EffectiveUserId >= 0 && status.OwnerId != UnixFile.EffectiveUserId))
        {
            return false;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return string.Equals(Convert.ToHexStringLower(SHA256.HashData(stream)), hash, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to a new file beside <paramref name="path"/> (O_EXCL, mode 0600) and renames it onto <paramref name="path"/>.</summary>
    public static void WriteNew(string path, byte[] bytes)
    {
        var temporary = path + ".samc-" + Guid.NewGuid().ToString("N")[..12];
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(bytes);
            }

            System.IO.File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes the manifest of <paramref name="folder"/>: every regular file's relative path and SHA-256.</summary>
    public static void WriteManifest(string folder)
    {
        var text = new StringBuilder();
        foreach (var (relative, hash) in Scan(folder))
        {
            text.Append(hash).Append(' ').Append(relative).Append('\n');
        }

        WriteNew(Path.Combine(folder, ManifestName), Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>
    /// True when <paramref name="folder"/> is private and holds exactly the files its manifest lists, with their
    /// hashes (so nothing was added, changed or removed since samc wrote it).
    /// </summary>
    public static bool FolderMatches(string folder)
    {
        if (!WorkFolder.IsPrivate(folder, out _))
        {
            return false;
        }

        var manifestPath = Path.Combine(folder, ManifestName);
        var manifest = UnixFile.Stat(manifestPath, followLinks: false);
        if (manifest is not { Kind: UnixFileKind.Regular } || manifest.WritableByOthers)
        {
            return false;
        }

        try
        {
            var expected = System.IO.File.ReadAllText(manifestPath);
            var actual = new StringBuilder();
            foreach (var (relative, hash) in Scan(folder))
            {
                actual.Append(hash).Append(' ').Append(relative).Append('\n');
            }

            return string.Equals(expected, actual.ToString(), StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Every entry below <paramref name="folder"/> but the manifest, sorted, with its hash; links and special files make the scan fail.</summary>
    private static IEnumerable<(string Relative, string Hash)> Scan(string folder)
    {
        var entries = Directory.EnumerateFileSystemEntries(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false })
            .Select(p => Path.GetRelativePath(folder, p))
            .Where(r => r != ManifestName)
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var relative in entries)
        {
            var full = Path.Combine(folder, relative);
            var status = UnixFile.Stat(full, followLinks: false);
            switch (status?.Kind)
            {
                case UnixFileKind.Directory when !status.WritableByOthers:
                    yield return (relative + "/", "-");
                    break;
                case UnixFileKind.Regular when !status.WritableByOthers:
                    using (var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read))
                    {
                        yield return (relative, Convert.ToHexStringLower(SHA256.HashData(stream)));
                    }

                    break;
                default:
                    throw new InvalidDataException($"\"{full}\" is not a private regular file or folder.");
            }
        }
    }

    /// <summary>Deletes a file, ignoring one that is already gone.</summary>
    internal static void TryDelete(string path)
    {
        try
        {
            System.IO.File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind in a private folder.
        }
    }
}
