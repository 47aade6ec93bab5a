using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using SamCompiler.Cli;
using SamCompiler.Cli.Commands;
using SamCompiler.Local.InvokeApi;

namespace SamCompiler.Local.Tests.Serve;

/// <summary>Paths of the serve tests.</summary>
internal static class ServePaths
{
    /// <summary>The fixture template folder.</summary>
    public static string Fixture { get; } = Path.Combine(ThisFolder(), "fixture");

    /// <summary>tests/SamCompiler.Local.Tests/serve-node (package.json pinning @aws-sdk/client-lambda).</summary>
    public static string NodeFolder { get; } = Path.GetFullPath(Path.Combine(ThisFolder(), "..", "serve-node"));

    private static string ThisFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

/// <summary>
/// <c>samc local start-lambda</c> running in-process on 127.0.0.1 with port 0 (through the command's RunAsync), stopped
/// by cancelling it, as Ctrl+C does.
/// </summary>
internal sealed class LambdaHarness : IAsyncDisposable
{
    private static readonly string[] Unset = ["AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];

    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _stderr = new(new StringBuilder(), CultureInfo.InvariantCulture);
    private Task<int>? _run;

    private LambdaHarness()
    {
    }

    public LambdaInvokeServer Server { get; private set; } = null!;

    public string Endpoint => Server.BaseAddress.ToString().TrimEnd('/');

    public int ExitCode { get; private set; } = -1;

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

    public static async Task<LambdaHarness> StartAsync(string workingDirectory, ServeArguments? args = null)
    {
        var harness = new LambdaHarness();
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => !Unset.Contains((string)e.Key))
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        var context = new CliContext(TextWriter.Null, TextWriter.Synchronized(harness._stderr), workingDirectory, environment);
        var started = new TaskCompletionSource<LambdaInvokeServer>(TaskCreationOptions.RunContinuationsAsynchronously);
        var arguments = (args ?? new ServeArguments()) with { Port = 0, Template = args?.Template ?? "template.yaml" };
        harness._run = Task.Run(() => StartLambdaCommand.RunAsync(arguments, context, s => started.TrySetResult(s), harness._stop.Token));
        var first = await Task.WhenAny(started.Task, harness._run).WaitAsync(TimeSpan.FromSeconds(60));
        if (first != started.Task)
        {
            throw new InvalidOperationException($"start-lambda ended with {await harness._run}: {harness.Stderr}");
        }

        harness.Server = await started.Task;
        return harness;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            ExitCode = await _run.WaitAsync(TimeSpan.FromSeconds(60));
        }

        _stop.Dispose();
    }
}

/// <summary>Runs a client (aws, python3, node) as a child with dummy credentials and no retries; bounded, stopped by pid.</summary>
internal static class ClientProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string? Find(string name) => Runtimes.RuntimeCommand.FindOnPath(Environment.GetEnvironmentVariable("PATH"), name);

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var key in new[] { "AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_CA_BUNDLE" })
        {
            start.Environment.Remove(key);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = "AKIDSAMCTEST";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "samc-test-secret";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        start.Environment["AWS_RETRY_MODE"] = "standard";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not end within 120 s.");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>A fact skipped (with the reason) when a client program is not on PATH.</summary>
public sealed class ClientFactAttribute : FactAttribute
{
    public ClientFactAttribute(string program, string? pythonModule = null)
    {
        if (ClientProcess.Find(program) is null)
        {
            Skip = $"\"{program}\" is not on PATH.";
        }
        else if (pythonModule is not null && Process.Start(new ProcessStartInfo(ClientProcess.Find(program)!, ["-c", "import " + pythonModule]) { UseShellExecute = false, RedirectStandardError = true }) is { } probe)
        {
            using (probe)
            {
                probe.WaitForExit(30_000);
                if (!probe.HasExited || probe.ExitCode != 0)
                {
                    Skip = $"The Python module \"{pythonModule}\" is not installed.";
                }
            }
        }
    }
}

/// <summary>A fact skipped (with the reason) when @aws-sdk/client-lambda has not been installed with npm ci.</summary>
public sealed class JsSdkFactAttribute : FactAttribute
{
    public JsSdkFactAttribute()
    {
        if (!File.Exists(Path.Combine(ServePaths.NodeFolder, "node_modules", ".package-lock.json")) || !File.Exists(Path.Combine(ServePaths.NodeFolder, "node_modules", "@aws-sdk", "client-lambda", "package.json")))
        {
            Skip = $"@aws-sdk/client-lambda is not installed: run `npm ci` in {ServePaths.NodeFolder}.";
        }
        else if (ClientProcess.Find("node") is null)
        {
            Skip = "node is not on PATH.";
        }
    }
}
