using System.Diagnostics;
using System.Text;
using SamCompiler.Cli;
using SamCompiler.Cli.Commands;

namespace SamCompiler.Local.Tests.Local;

/// <summary>Runs <c>samc local invoke</c> in-process with captured stdout/stderr and a clean AWS environment.</summary>
internal static class CliRunner
{
    private static readonly string[] Unset = ["AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];

    public sealed record Run(int ExitCode, string Stdout, string Stderr, TimeSpan Wall);

    public static async Task<Run> InvokeAsync(string workingDirectory, LocalInvokeArguments args, byte[]? stdin = null)
    {
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => !Unset.Contains((string)e.Key))
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        var stdout = new StringWriter(new StringBuilder(), System.Globalization.CultureInfo.InvariantCulture);
        var stderr = new StringWriter(new StringBuilder(), System.Globalization.CultureInfo.InvariantCulture);
        var context = new CliContext(stdout, stderr, workingDirectory, environment);
        var watch = Stopwatch.StartNew();
        var exit = await LocalCommand.RunAsync(args, context, () => new MemoryStream(stdin ?? []), CancellationToken.None);
        watch.Stop();
        return new Run(exit, stdout.ToString(), stderr.ToString(), watch.Elapsed);
    }
}
