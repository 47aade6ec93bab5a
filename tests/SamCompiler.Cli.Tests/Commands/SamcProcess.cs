using System.Diagnostics;

namespace SamCompiler.Cli.Tests.Commands;

/// <summary>
/// Runs the built samc (samc.dll beside the test assembly, under the dotnet host) as a child process, for behaviour
/// only a real process shows: standard input, exit codes, what reaches stdout and stderr.
/// </summary>
internal static class SamcProcess
{
    /// <summary>Runs <c>samc ARGS</c> in <paramref name="workingDirectory"/> with <paramref name="stdin"/> on standard input.</summary>
    public static CliResult Run(string workingDirectory, string? stdin, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "samc.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing; build src/SamCompiler.Cli first.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"samc {string.Join(' ', args)} did not finish in 120 s.");
        }

        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
