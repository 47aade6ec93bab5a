using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using SamCompiler.Local.Files;

namespace SamCompiler.Local.Tests.Reliability;

/// <summary>The built samc (the apphost next to the test assembly) run as a child process, as users run it.</summary>
internal sealed class SamcProcess : IDisposable
{
    private static readonly string[] Unset = ["AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "XDG_RUNTIME_DIR"];

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _pumps;

    private SamcProcess(Process process)
    {
        _process = process;
        _pumps = Task.WhenAll(Pump(process.StandardOutput, _stdout), Pump(process.StandardError, _stderr));
    }

    /// <summary>The fixture of the reliability tests.</summary>
    public static string Fixture { get; } = Path.Combine(ThisFolder(), "fixture");

    /// <summary>samc next to the test assembly.</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "samc.exe" : "samc");

    public int Id => _process.Id;

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts samc with <paramref name="arguments"/>; TMPDIR points at <paramref name="temp"/>, so the per-run work folder is made there.</summary>
    public static SamcProcess Start(string workingDirectory, string temp, params string[] arguments) =>
        Start(workingDirectory, temp, new Dictionary<string, string>(), arguments);

    /// <summary>Starts samc with extra environment variables.</summary>
    public static SamcProcess Start(string workingDirectory, string temp, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var key in Unset)
        {
            start.Environment.Remove(key);
        }

        start.Environment["TMPDIR"] = temp;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(SamCompiler.TestSupport.DefaultSignals.Apply(start))!;
        process.StandardInput.Close();
        return new SamcProcess(process);
    }

    /// <summary>Waits until stderr contains <paramref name="text"/>.</summary>
    public async Task WaitForStderrAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Stderr.Contains(text, StringComparison.Ordinal))
        {
            if (clock.Elapsed > timeout || _process.HasExited)
            {
                throw new TimeoutException($"samc did not write \"{text}\" within {timeout.TotalSeconds} s (exited: {_process.HasExited}). stderr:\n{Stderr}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The base address start-lambda/start-api announced.</summary>
    public async Task<string> AddressAsync(string announcement)
    {
        await WaitForStderrAsync(" (Ctrl+C to stop).", TimeSpan.FromSeconds(90));
        var line = Stderr.Split('\n').First(l => l.Contains(announcement, StringComparison.Ordinal));
        var at = line.IndexOf("http://", StringComparison.Ordinal);
        return line[at..].Split(' ')[0].TrimEnd('/');
    }

    public void Signal(int signal) => Assert.True(UnixFile.Signal(_process.Id, signal), "the signal could not be sent");

    /// <summary>Waits for the exit; null when samc is still running after <paramref name="timeout"/>.</summary>
    public async Task<TimeSpan?> WaitForExitAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        await _pumps.WaitAsync(TimeSpan.FromSeconds(5));
        return clock.Elapsed;
    }

    /// <summary>Pids of the processes whose environment has SAMC_TEST_MARKER=<paramref name="marker"/> (the runtimes of one test).</summary>
    public static IReadOnlyList<int> ProcessesWithMarker(string marker)
    {
        var found = new List<int>();
        var needle = Encoding.UTF8.GetBytes("SAMC_TEST_MARKER=" + marker + "\0");
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var environ = File.ReadAllBytes(Path.Combine(dir, "environ"));
                if (environ.AsSpan().IndexOf(needle) >= 0 && !IsZombie(dir))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours.
            }
        }

        return found;
    }

    private static bool IsZombie(string dir)
    {
        var stat = File.ReadAllText(Path.Combine(dir, "stat"));
        var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
        return state is "Z" or "X";
    }

    private static async Task Pump(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (into)
            {
                into.Append(buffer, 0, read);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private static string ThisFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

/// <summary>A temporary folder for one test, removed afterwards.</summary>
internal sealed class TestFolder : IDisposable
{
    public TestFolder(string prefix) => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort.
        }
    }
}

/// <summary>A fact that needs Linux /proc and python3 on PATH (skipped with the reason otherwise).</summary>
public sealed class ProcessFactAttribute : FactAttribute
{
    public ProcessFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Needs Linux (/proc, signals, process groups).";
        }
        else if (Runtimes.RuntimeCommand.FindOnPath(Environment.GetEnvironmentVariable("PATH"), "python3") is null)
        {
            Skip = "python3 is not on PATH.";
        }
        else if (!File.Exists(SamcProcess.Executable))
        {
            Skip = $"The samc executable is not next to the tests ({SamcProcess.Executable}).";
        }
    }
}
