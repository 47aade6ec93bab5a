namespace SamCompiler.Cli.Tests.Commands;

/// <summary>Runs samc in-process with string writers and a working folder.</summary>
internal static class CliRunner
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SamTools.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("No SamTools.sln above the test assembly.");
    });

    /// <summary>The repository root.</summary>
    public static string RepoRoot => LazyRoot.Value;

    /// <summary>tests/snapshots/cli.</summary>
    public static string CliCases => Path.Combine(RepoRoot, "tests", "snapshots", "cli");

    /// <summary>Runs <c>samc ARGS</c> in <paramref name="workingDirectory"/>.</summary>
    public static CliResult Run(string workingDirectory, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var context = new CliContext(stdout, stderr, workingDirectory, new Dictionary<string, string?>(StringComparer.Ordinal));
        var exit = Program.Run(args, context);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>Exit code and captured output of one run.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>A temporary folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "samc-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, string text)
    {
        var full = System.IO.Path.Combine(Path, name);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}
