using System.Diagnostics;

namespace SamCompiler.Cli.Tests.Reliability;

/// <summary>Runs the built samc (the apphost next to the tests) as a process with a time limit; a run that does not end in time is killed and reported as hung.</summary>
internal static class SamcRun
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr, TimeSpan Wall, bool Hung);

    public static string Executable => Path.Combine(AppContext.BaseDirectory, "samc");

    public static async Task<Result> RunAsync(string workingDirectory, TimeSpan limit, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        var hung = false;
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            hung = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        return new Result(process.ExitCode, await stdout, await stderr, clock.Elapsed, hung);
    }
}

/// <summary>A fact that needs Linux (FIFOs, /dev/zero) and the samc executable next to the tests.</summary>
public sealed class UnixProcessFactAttribute : FactAttribute
{
    public UnixProcessFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Needs Linux (mkfifo, /dev/zero).";
        }
        else if (!File.Exists(SamcRun.Executable))
        {
            Skip = $"The samc executable is not next to the tests ({SamcRun.Executable}).";
        }
    }
}
