using System.Globalization;

namespace SamCompiler.Local.Files;

/// <summary>
/// The private folder samc keeps the files it runs in (its runtime clients, unpacked deployment packages, the compiled
/// Java client): <c>$XDG_RUNTIME_DIR/samc</c> when XDG_RUNTIME_DIR is a folder of this user that nobody else may
/// write, else a new folder per run made with mkdtemp (mode 0700), removed when the run ends. Nothing is ever run
/// from a folder another user could have written to.
/// </summary>
public sealed class WorkFolder : IDisposable
{
    /// <summary>Permissions of every folder samc creates for itself: rwx for the owner only.</summary>
    public const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static readonly Lock SharedGate = new();
    private static WorkFolder? _shared;
    private int _disposed;

    private WorkFolder(string path, bool temporary)
    {
        Path = path;
        Temporary = temporary;
    }

    /// <summary>The folder (absolute).</summary>
    public string Path { get; }

    /// <summary>True for a per-run folder that <see cref="Dispose"/> removes.</summary>
    public bool Temporary { get; }

    /// <summary>
    /// The folder of this process, opened on first use from the process environment and removed (when it is per
    /// run) at process exit or by <see cref="DisposeShared"/>.
    /// </summary>
    public static WorkFolder Shared
    {
        get
        {
            lock (SharedGate)
            {
                if (_shared is null)
                {
                    _shared = Open(Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR"));
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => DisposeShared();
                }

                return _shared;
            }
        }
    }

    /// <summary>Removes the shared per-run folder now (at shutdown, after the runtime processes have ended).</summary>
    public static void DisposeShared()
    {
        WorkFolder? shared;
        lock (SharedGate)
        {
            shared = _shared;
        }

        shared?.Dispose();
    }

    /// <summary>Opens the work folder for a process whose XDG_RUNTIME_DIR is <paramref name="runtimeDirectory"/>.</summary>
    public static WorkFolder Open(string? runtimeDirectory)
    {
        if (!string.IsNullOrEmpty(runtimeDirectory) && System.IO.Path.IsPathRooted(runtimeDirectory) && IsPrivate(runtimeDirectory, out _))
        {
            var folder = System.IO.Path.Combine(runtimeDirectory, "samc");
            if (TryEnsurePrivate(folder, out _))
            {
                return new WorkFolder(folder, temporary: false);
            }
        }

        // mkdtemp: a new, unguessable folder with mode 0700.
        return new WorkFolder(Directory.CreateTempSubdirectory("samc-").FullName, temporary: true);
    }

    /// <summary>
    /// True when <paramref name="folder"/> is a directory (not a link) owned by this user that no other user may
    /// write; otherwise false with the reason.
    /// </summary>
    public static bool IsPrivate(string folder, out string? reason)
    {
        reason = null;
        var status = UnixFile.Stat(folder, followLinks: false);
        if (status is null || status.Kind != UnixFileKind.Directory)
        {
            reason = status is null ? "it cannot be examined" : status.Kind == UnixFileKind.Missing ? "it does not exist" : $"it is a {Describe(status.Kind)}, not a folder";
            return false;
        }

        if (status.OwnerId >= 0 && UnixFile.EffectiveUserId >= 0 && status.OwnerId != UnixFile.EffectiveUserId)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"it belongs to user id {status.OwnerId}, not to this user ({UnixFile.EffectiveUserId})");
            return false;
        }

        if (status.WritableByOthers)
        {
            reason = "other users may write to it (mode " + Convert.ToString(status.Mode, 8).PadLeft(4, '0') + ")";
            return false;
        }

        return true;
    }

    /// <summary>Creates <paramref name="folder"/> with mode 0700, or checks that the existing one is private.</summary>
    public static bool TryEnsurePrivate(string folder, out string? reason)
    {
        reason = null;
        try
        {
            if (UnixFile.Stat(folder, followLinks: false) is { Kind: UnixFileKind.Missing })
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(folder);
                }
                else
                {
                    Directory.CreateDirectory(folder, PrivateMode);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            reason = ex.Message;
            return false;
        }

        return IsPrivate(folder, out reason);
    }

    /// <summary>Creates <paramref name="folder"/> with mode 0700 or verifies it; throws with the reason when it is not private.</summary>
    public static void EnsurePrivate(string folder)
    {
        if (!TryEnsurePrivate(folder, out var reason))
        {
            throw new InvalidOperationException($"samc will not use the folder \"{folder}\" for code it runs: {reason}.");
        }
    }

    /// <summary>A new private folder inside <paramref name="parent"/> with a random name (for staging).</summary>
    public static string CreateStaging(string parent, string prefix)
    {
        for (var attempt = 0; ; attempt++)
        {
            var candidate = System.IO.Path.Combine(parent, prefix + "." + Guid.NewGuid().ToString("N")[..12]);
            if (UnixFile.Stat(candidate, followLinks: false) is { Kind: UnixFileKind.Missing })
            {
                EnsurePrivate(candidate);
                return candidate;
            }

            if (attempt > 8)
            {
                throw new IOException($"Cannot create a staging folder in \"{parent}\".");
            }
        }
    }

    internal static string Describe(UnixFileKind kind) => kind switch
    {
        UnixFileKind.SymbolicLink => "symbolic link",
        UnixFileKind.Special => "special file (FIFO, socket or device)",
        UnixFileKind.Directory => "folder",
        _ => "file",
    };

    /// <summary>Removes a per-run folder with everything in it; a persistent folder is kept.</summary>
    public void Dispose()
    {
        if (!Temporary || Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A process that is still exiting holds a file open; the folder is private, so a leftover harms no one.
        }
    }
}
