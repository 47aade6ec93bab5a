using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace SamCompiler.Deploy.Packaging;

/// <summary>What kind of local artifact a path is.</summary>
public enum LocalArtifactKind
{
    /// <summary>A folder, uploaded as a zip of its files.</summary>
    Folder,

    /// <summary>A single file zipped first (Lambda code or layer content that is not a .zip/.jar).</summary>
    ZippedFile,

    /// <summary>A file uploaded as it is (an OpenAPI or ASL document, a .zip, a .jar).</summary>
    File,

    /// <summary>A packaged nested template.</summary>
    Template,
}

/// <summary>
/// A local artifact with its content hash. The hash names the S3 object (<c>[prefix/]hash.ext</c>), so unchanged code
/// maps to the same key and is not uploaded again. For a folder the hash covers a manifest of the files (their
/// sorted relative paths, normalised modes and SHA-256s), so it is computed without compressing anything; the zip
/// itself is built only when an upload needs it, deterministically: entries sorted by path, every timestamp
/// 1980-01-01 00:00:00, mode 0755 for files with an execute bit and 0644 otherwise, no folder entries.
/// </summary>
public sealed class LocalArtifact
{
    /// <summary>The manifest format's version; a change of the zip layout bumps it (and so every key).</summary>
    public const string ManifestVersion = "samc-artifact-1";

    private static readonly DateTimeOffset ZipTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Func<byte[]> _content;
    private byte[]? _bytes;

    private LocalArtifact(string sourcePath, LocalArtifactKind kind, string hash, string extension, Func<byte[]> content)
    {
        SourcePath = sourcePath;
        Kind = kind;
        Hash = hash;
        Extension = extension;
        _content = content;
    }

    /// <summary>The local path (absolute).</summary>
    public string SourcePath { get; }

    /// <summary>Folder, zipped file, file or template.</summary>
    public LocalArtifactKind Kind { get; }

    /// <summary>Lower-case hex SHA-256 (of the manifest for folders and zipped files, of the bytes otherwise).</summary>
    public string Hash { get; }

    /// <summary>The object key's extension, without the dot (zip, template, json ...), or empty.</summary>
    public string Extension { get; }

    /// <summary>The object key under <paramref name="prefix"/>.</summary>
    public string Key(string? prefix) =>
        (string.IsNullOrEmpty(prefix) ? string.Empty : prefix.TrimEnd('/') + "/") + Hash + (Extension.Length > 0 ? "." + Extension : string.Empty);

    /// <summary>The bytes to upload (built on first use).</summary>
    public byte[] Content() => _bytes ??= _content();

    /// <summary>A folder: hashed from its manifest, zipped on demand. Throws <see cref="ArtifactPathException"/>.</summary>
    public static LocalArtifact FromFolder(string folder)
    {
        var files = FolderFiles.List(folder);
        return new LocalArtifact(folder, LocalArtifactKind.Folder, ManifestHash(files), "zip", () => Zip(files));
    }

    /// <summary>A single file zipped at the root of the archive.</summary>
    public static LocalArtifact FromZippedFile(string file)
    {
        var files = new List<FolderFile> { FolderFiles.Single(file) };
        return new LocalArtifact(file, LocalArtifactKind.ZippedFile, ManifestHash(files), "zip", () => Zip(files));
    }

    /// <summary>A file uploaded as it is.</summary>
    public static LocalArtifact FromFile(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var ext = Path.GetExtension(file).TrimStart('.').ToLowerInvariant();
        return new LocalArtifact(file, LocalArtifactKind.File, Convert.ToHexStringLower(SHA256.HashData(bytes)), ext, () => bytes);
    }

    /// <summary>A packaged template's text.</summary>
    public static LocalArtifact FromTemplate(string sourcePath, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new LocalArtifact(sourcePath, LocalArtifactKind.Template, Convert.ToHexStringLower(SHA256.HashData(bytes)), "template", () => bytes);
    }

    private static string ManifestHash(IReadOnlyList<FolderFile> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(ManifestVersion + "\n"));
        foreach (var f in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(f.EntryName));
            sha.AppendData("\0"u8);
            sha.AppendData(Encoding.ASCII.GetBytes(f.Mode == FolderFile.Executable ? "755" : "644"));
            sha.AppendData("\0"u8);
            sha.AppendData(Encoding.ASCII.GetBytes(f.Sha256()));
            sha.AppendData("\n"u8);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static byte[] Zip(IReadOnlyList<FolderFile> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
        {
            foreach (var f in files)
            {
                var entry = zip.CreateEntry(f.EntryName, CompressionLevel.Optimal);
                entry.LastWriteTime = ZipTimestamp;
                entry.ExternalAttributes = (0x8000 | f.Mode) << 16; // S_IFREG | mode, in the high 16 bits (Unix)
                using var target = entry.Open();
                using var source = new FileStream(f.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
                source.CopyTo(target);
            }
        }

        return buffer.ToArray();
    }
}

/// <summary>A local artifact path that is missing or unusable (a symlink leaving its folder, a cycle).</summary>
public sealed class ArtifactPathException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ArtifactPathException(string message, bool symlinkEscape = false)
        : base(message)
    {
        SymlinkEscape = symlinkEscape;
    }

    /// <summary>True when a symlink points outside the artifact's folder.</summary>
    public bool SymlinkEscape { get; }
}

/// <summary>A file of a code folder: its name in the zip, where it is, and its normalised mode.</summary>
internal sealed class FolderFile(string entryName, string fullPath, int mode)
{
    public const int Executable = 0x1ED; // 0755
    public const int Regular = 0x1A4;    // 0644

    private string? _sha;

    public string EntryName { get; } = entryName;

    public string FullPath { get; } = fullPath;

    public int Mode { get; } = mode;

    public string Sha256()
    {
        if (_sha is null)
        {
            using var stream = new FileStream(FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            _sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        return _sha;
    }
}

/// <summary>Lists a folder's files for zipping: sorted, symlinks followed only while they stay inside the folder.</summary>
internal static class FolderFiles
{
    public static FolderFile Single(string file) => new(Path.GetFileName(file), file, ModeOf(file));

    public static List<FolderFile> List(string folder)
    {
        var root = RealPath(folder);
        var files = new List<FolderFile>();
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        Walk(root, root, string.Empty, files, visiting);
        files.Sort((a, b) => string.CompareOrdinal(a.EntryName, b.EntryName));
        return files;
    }

    private static void Walk(string root, string dir, string relative, List<FolderFile> files, HashSet<string> visiting)
    {
        if (!visiting.Add(dir))
        {
            throw new ArtifactPathException($"The folder \"{dir}\" is reached again through a symlink (a cycle); samc does not follow it.");
        }

        foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos())
        {
            var name = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
            var path = entry.FullName;
            if (entry.LinkTarget is not null)
            {
                var target = entry.ResolveLinkTarget(returnFinalTarget: true);
                if (target is null || !target.Exists)
                {
                    throw new ArtifactPathException($"The symlink \"{name}\" in \"{root}\" points to \"{entry.LinkTarget}\", which does not exist.");
                }

                path = RealPath(target.FullName);
                if (!IsInside(root, path))
                {
                    throw new ArtifactPathException($"The symlink \"{name}\" in \"{root}\" points outside that folder (to \"{path}\"); samc packages only what is inside the code folder. Copy the file in, or point CodeUri at a folder that contains both.", symlinkEscape: true);
                }

                if (Directory.Exists(path))
                {
                    Walk(root, path, name, files, visiting);
                }
                else
                {
                    files.Add(new FolderFile(name, path, ModeOf(path)));
                }

                continue;
            }

            if (entry is DirectoryInfo)
            {
                Walk(root, path, name, files, visiting);
            }
            else if (entry is FileInfo)
            {
                files.Add(new FolderFile(name, path, ModeOf(path)));
            }
        }

        visiting.Remove(dir);
    }

    private static bool IsInside(string root, string path) =>
        path == root || path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The path with every symlink in it resolved.</summary>
    internal static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var parts = full.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = Path.GetPathRoot(full) ?? "/";
        foreach (var part in parts)
        {
            var next = Path.Combine(current, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                next = target is null ? next : Path.GetFullPath(target.FullName);
                next = next == current ? next : RealPath(next);
            }

            current = next;
        }

        return current;
    }

    private static int ModeOf(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return FolderFile.Regular;
        }

        var mode = File.GetUnixFileMode(path);
        return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0 ? FolderFile.Executable : FolderFile.Regular;
    }
}
