using System.Runtime.InteropServices;

namespace SamCompiler.Local.Files;

/// <summary>The type of a file system entry, as <c>lstat</c>/<c>statx</c> report it.</summary>
public enum UnixFileKind
{
    /// <summary>The entry does not exist.</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link (only when links are not followed).</summary>
    SymbolicLink,

    /// <summary>A FIFO, socket, character or block device: reading it may block or never end.</summary>
    Special,
}

/// <summary>What <see cref="UnixFile.Stat"/> found.</summary>
/// <param name="Kind">The entry's type.</param>
/// <param name="Mode">The permission bits (the low 12 bits of st_mode).</param>
/// <param name="OwnerId">The owner's user id, or -1 where the system cannot tell (not Linux).</param>
/// <param name="Length">The size in bytes.</param>
public sealed record UnixFileStatus(UnixFileKind Kind, int Mode, long OwnerId, long Length)
{
    /// <summary>True when group or others may write the entry.</summary>
    public bool WritableByOthers => (Mode & 0b000_010_010) != 0;
}

/// <summary>
/// The few POSIX calls .NET does not expose: the owner and type of a file (<c>statx</c>, whose layout is the same on
/// every Linux architecture), the effective user id, <c>realpath</c> and signals to process groups.
/// </summary>
public static partial class UnixFile
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatxSize = 256;

    /// <summary>SIGINT.</summary>
    public const int SigInt = 2;

    /// <summary>SIGKILL.</summary>
    public const int SigKill = 9;

    /// <summary>SIGTERM.</summary>
    public const int SigTerm = 15;

    /// <summary>The effective user id of this process, or -1 where it cannot be read.</summary>
    public static long EffectiveUserId { get; } = ReadEffectiveUserId();

    /// <summary>
    /// The type, mode and owner of <paramref name="path"/> (links followed only when <paramref name="followLinks"/>);
    /// null when it cannot be examined (permission denied on a parent).
    /// </summary>
    public static UnixFileStatus? Stat(string path, bool followLinks)
    {
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return new UnixFileStatus(UnixFileKind.Missing, 0, -1, 0);
        }

        if (OperatingSystem.IsLinux())
        {
            return StatLinux(path, followLinks);
        }

        // Elsewhere: what .NET can tell (no owner; FIFOs and devices look like regular files).
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists)
        {
            return new UnixFileStatus(UnixFileKind.Missing, 0, -1, 0);
        }

        if (!followLinks && info.LinkTarget is not null)
        {
            return new UnixFileStatus(UnixFileKind.SymbolicLink, 0, -1, 0);
        }

        var mode = OperatingSystem.IsWindows() ? 0 : (int)info.UnixFileMode;
        return info is DirectoryInfo
            ? new UnixFileStatus(UnixFileKind.Directory, mode, -1, 0)
            : new UnixFileStatus(UnixFileKind.Regular, mode, -1, ((FileInfo)info).Length);
    }

    private static unsafe UnixFileStatus? StatLinux(string path, bool followLinks)
    {
        var buffer = stackalloc byte[StatxSize];
        if (Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is 2 or 20 ? new UnixFileStatus(UnixFileKind.Missing, 0, -1, 0) : null; // ENOENT, ENOTDIR
        }

        // struct statx: stx_uid at 20 (u32), stx_mode at 28 (u16), stx_size at 40 (u64).
        var uid = *(uint*)(buffer + 20);
        var mode = *(ushort*)(buffer + 28);
        var size = *(ulong*)(buffer + 40);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => UnixFileKind.Regular,
            0x4000 => UnixFileKind.Directory,
            0xA000 => UnixFileKind.SymbolicLink,
            _ => UnixFileKind.Special,
        };
        return new UnixFileStatus(kind, mode & 0xFFF, uid, (long)size);
    }

    /// <summary>The canonical absolute path (every symbolic link resolved), or null when it does not exist.</summary>
    public static string? RealPath(string path)
    {
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Exists(path) ? Path.GetFullPath(path) : null;
        }

        var resolved = Realpath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    /// <summary>Sends <paramref name="signal"/> to every process of the group <paramref name="processGroup"/>; false when none is left.</summary>
    public static bool SignalGroup(int processGroup, int signal) =>
        !OperatingSystem.IsWindows() && processGroup > 1 && Kill(-processGroup, signal) == 0;

    /// <summary>Sends <paramref name="signal"/> to one process; false when it is gone.</summary>
    public static bool Signal(int processId, int signal) =>
        !OperatingSystem.IsWindows() && processId > 1 && Kill(processId, signal) == 0;

    private static long ReadEffectiveUserId()
    {
        if (OperatingSystem.IsWindows())
        {
            return -1;
        }

        try
        {
            return Geteuid();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return -1;
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr Realpath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint Geteuid();
}
