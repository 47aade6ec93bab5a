using System.Collections.Concurrent;
using System.Diagnostics;
using SamCompiler.Local.Files;
using SamCompiler.Local.Runtimes;

namespace SamCompiler.Local.Invoke;

/// <summary>
/// Every runtime process samc started and has not yet reaped. Each runtime leads a process group (and session) of its
/// own, started through <c>setsid</c>, so that a signal reaches the runtime and everything it started, and so that
/// samc, not the terminal, decides what a Ctrl+C does to it. At shutdown (and on a second Ctrl+C, and at process exit)
/// every group still alive is killed.
/// </summary>
public static class RuntimeProcesses
{
    private static readonly ConcurrentDictionary<int, Process> Live = new();
    private static readonly Lazy<string?> SetsidPath = new(() =>
        OperatingSystem.IsLinux() ? RuntimeCommand.FindOnPath("/usr/bin:/bin:/usr/local/bin", "setsid") : null);

    private static int _exitHook;

    /// <summary>The setsid program that gives each runtime its own process group, or null where there is none.</summary>
    public static string? Setsid => SetsidPath.Value;

    /// <summary>How many runtime processes are alive.</summary>
    public static int Count => Live.Count(p => !HasExited(p.Value));

    /// <summary>The ids of the runtime processes alive (each is also its process group id when setsid was used).</summary>
    public static IReadOnlyList<int> ProcessIds => [.. Live.Where(p => !HasExited(p.Value)).Select(p => p.Key)];

    /// <summary>Makes <paramref name="start"/> run its program as the leader of a new session and process group.</summary>
    public static void InNewProcessGroup(ProcessStartInfo start)
    {
        if (Setsid is not { } setsid)
        {
            return;
        }

        var arguments = start.ArgumentList.ToList();
        start.ArgumentList.Clear();
        start.ArgumentList.Add(start.FileName);
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.FileName = setsid;
    }

    /// <summary>Starts <paramref name="process"/> and tracks it until <see cref="Stop"/>.</summary>
    public static void Start(Process process)
    {
        if (Interlocked.Exchange(ref _exitHook, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        }

        process.Start();
        Live[process.Id] = process;
    }

    /// <summary>Sends <paramref name="signal"/> to the process group of <paramref name="process"/> (or to the process alone without setsid).</summary>
    public static void Signal(Process process, int signal)
    {
        if (HasExited(process))
        {
            return;
        }

        var pid = SafeId(process);
        if (pid > 0 && !(Setsid is not null && UnixFile.SignalGroup(pid, signal)))
        {
            UnixFile.Signal(pid, signal);
        }
    }

    /// <summary>Kills the process group of <paramref name="process"/> and its process tree, and stops tracking it.</summary>
    public static void Stop(Process process)
    {
        var pid = SafeId(process);
        if (pid > 0 && Setsid is not null)
        {
            // The group first: it also reaches descendants that left the runtime's process tree (double forks).
            UnixFile.SignalGroup(pid, UnixFile.SigKill);
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }

        if (pid > 0)
        {
            Live.TryRemove(new KeyValuePair<int, Process>(pid, process));
        }
    }

    /// <summary>Sends <paramref name="signal"/> to every tracked runtime's process group.</summary>
    public static void SignalAll(int signal)
    {
        foreach (var process in Live.Values)
        {
            Signal(process, signal);
        }
    }

    /// <summary>Kills every tracked runtime's process group at once (second Ctrl+C, process exit).</summary>
    public static void KillAll()
    {
        foreach (var process in Live.Values)
        {
            Stop(process);
        }
    }

    private static int SafeId(Process process)
    {
        try
        {
            return process.Id;
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }

    private static bool HasExited(Process process)
    {
        try
        {
            return process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
