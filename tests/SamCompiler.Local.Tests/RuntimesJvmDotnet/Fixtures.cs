using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SamCompiler.Cli.Commands;
using SamCompiler.Local.Runtimes;
using SamCompiler.Local.Tests.Local;

namespace SamCompiler.Local.Tests.RuntimesJvmDotnet;

/// <summary>Compiles the test handlers of tests/LocalRuntimeFixtures and invokes them through <c>samc local invoke</c>.</summary>
internal static class Fixtures
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(ThisFolder(), "..", "..", "LocalRuntimeFixtures"));

    private static string ThisFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    /// <summary>Runs a tool to completion (bounded to two minutes) and fails the test with its output if it fails.</summary>
    public static void Run(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = workingDirectory ?? string.Empty };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} did not finish in two minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stdout.Result}{stderr.Result}");
        }
    }

    public static void Write(string folder, string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
    }

    /// <summary>Invokes <paramref name="function"/> of the template in <paramref name="folder"/> with an event.</summary>
    public static async Task<(CliRunner.Run Run, JsonElement? Result)> InvokeAsync(string folder, string function, string eventJson = "{}")
    {
        var eventPath = Path.Combine(folder, "event-" + function + ".json");
        await File.WriteAllTextAsync(eventPath, eventJson);
        var run = await CliRunner.InvokeAsync(folder, new LocalInvokeArguments(function, null, eventPath, null, [], null));
        JsonElement? result = null;
        if (run.ExitCode == 0 && run.Stdout.Trim().Length > 0)
        {
            using var doc = JsonDocument.Parse(run.Stdout);
            result = doc.RootElement.Clone();
        }

        return (run, result);
    }

    public static JsonElement Ok((CliRunner.Run Run, JsonElement? Result) invoked)
    {
        Assert.True(invoked.Run.ExitCode == 0 && invoked.Result is not null, $"exit {invoked.Run.ExitCode}\n{invoked.Run.Stdout}\n{invoked.Run.Stderr}");
        return invoked.Result!.Value;
    }
}

/// <summary>A fact skipped when java and javac are not installed.</summary>
public sealed class JdkFactAttribute : FactAttribute
{
    public JdkFactAttribute()
    {
        if (JdkTheoryAttribute.Missing() is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory skipped when java and javac are not installed.</summary>
public sealed class JdkTheoryAttribute : TheoryAttribute
{
    public JdkTheoryAttribute()
    {
        if (Missing() is { } reason)
        {
            Skip = reason;
        }
    }

    internal static string? Missing()
    {
        var java = RuntimeCommand.FindOnPath(Environment.GetEnvironmentVariable("PATH"), "java");
        return java is null ? "java is not on PATH."
            : !File.Exists(Path.Combine(JavaRuntime.Locate(java).Home, "bin", "javac")) ? "javac (a JDK) is not installed next to java."
            : null;
    }
}
