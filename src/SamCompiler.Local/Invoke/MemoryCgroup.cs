using System.Globalization;

namespace SamCompiler.Local.Invoke;

/// <summary>
/// A memory cgroup (v1 or v2) for one execution environment: enforces MemorySize and measures the peak, as Lambda
/// does. Created only where this process may create cgroups (Linux, root or a delegated hierarchy).
/// </summary>
public sealed class MemoryCgroup : IDisposable
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<MemoryCgroup, bool> Live = new();

    private readonly string _folder;
    private readonly bool _v2;
    private int _disposed;

    private MemoryCgroup(string folder, bool v2)
    {
        _folder = folder;
        _v2 = v2;
        Live[this] = true;
    }

    /// <summary>Removes every cgroup samc still holds (at shutdown, once the runtimes have been killed).</summary>
    public static void DisposeAll()
    {
        foreach (var group in Live.Keys)
        {
            group.Dispose();
        }
    }

    /// <summary>The file a process writes its pid into to join.</summary>
    public string ProcsFile => Path.Combine(_folder, "cgroup.procs");

    /// <summary>Creates a cgroup limited to <paramref name="memoryMb"/>; null with the reason when not possible.</summary>
    public static MemoryCgroup? TryCreate(int memoryMb, out string? reason)
    {
        reason = null;
        if (!OperatingSystem.IsLinux())
        {
            reason = "cgroups exist on Linux only";
            return null;
        }

        var limit = ((long)memoryMb * 1024 * 1024).ToString(CultureInfo.InvariantCulture);
        var name = $"samc-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..8]}";
        try
        {
            var own = File.ReadAllLines("/proc/self/cgroup");
            const string V1Root = "/sys/fs/cgroup/memory";
            if (File.Exists(Path.Combine(V1Root, "memory.limit_in_bytes")))
            {
                var path = own.Select(l => l.Split(':', 3)).FirstOrDefault(p => p.Length == 3 && p[1].Split(',').Contains("memory"))?[2] ?? "/";
                var parent = Directory.Exists(V1Root + path) ? V1Root + path : V1Root;
                var folder = Path.Combine(parent, name);
                Directory.CreateDirectory(folder);
                var group = new MemoryCgroup(folder, v2: false);
                try
                {
                    File.WriteAllText(Path.Combine(folder, "memory.limit_in_bytes"), limit);
                    TryWrite(Path.Combine(folder, "memory.memsw.limit_in_bytes"), limit);
                    return group;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    group.Dispose();
                    throw;
                }
            }

            var unified = own.FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal))?[3..];
            foreach (var root in new[] { "/sys/fs/cgroup", "/sys/fs/cgroup/unified" })
            {
                if (unified is null || !File.Exists(Path.Combine(root, "cgroup.controllers")))
                {
                    continue;
                }

                var parent = root + unified;
                if (!File.ReadAllText(Path.Combine(parent, "cgroup.subtree_control")).Contains("memory", StringComparison.Ordinal))
                {
                    continue;
                }

                var folder = Path.Combine(parent, name);
                Directory.CreateDirectory(folder);
                var group = new MemoryCgroup(folder, v2: true);
                try
                {
                    File.WriteAllText(Path.Combine(folder, "memory.max"), limit);
                    TryWrite(Path.Combine(folder, "memory.swap.max"), "0");
                    return group;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    group.Dispose();
                    throw;
                }
            }

            reason = "no writable memory cgroup controller was found";
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            reason = ex.Message;
            return null;
        }
    }

    /// <summary>The peak memory use in bytes, when the kernel reports it.</summary>
    public long? PeakBytes() => ReadLong(_v2 ? "memory.peak" : "memory.max_usage_in_bytes");

    /// <summary>True when the kernel's OOM killer ended a process of this cgroup.</summary>
    public bool OomKilled()
    {
        var file = Path.Combine(_folder, _v2 ? "memory.events" : "memory.oom_control");
        try
        {
            return File.ReadAllLines(file)
                .Select(l => l.Split(' '))
                .Any(p => p.Length == 2 && p[0] == "oom_kill" && p[1] != "0");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private long? ReadLong(string file)
    {
        try
        {
            return long.TryParse(File.ReadAllText(Path.Combine(_folder, file)).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryWrite(string file, string value)
    {
        try
        {
            if (File.Exists(file))
            {
                File.WriteAllText(file, value);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Optional knob (swap accounting may be off); the memory limit itself is set.
        }
    }

    /// <summary>Removes the cgroup (its processes must have ended; a process still exiting gets a few short retries).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Live.TryRemove(this, out _);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                if (Directory.Exists(_folder))
                {
                    Directory.Delete(_folder);
                }

                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // EBUSY while the killed processes are still being reaped.
                Thread.Sleep(10);
            }
        }
    }
}
