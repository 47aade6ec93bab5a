using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace SamCompiler.Local.Tests.StepFunctions;

/// <summary>The built samc (the CLI project's output copied next to the tests), run as a child process.</summary>
internal static class SamcProcess
{
    /// <summary>examples/orders in the repository.</summary>
    public static string OrdersExample { get; } = Path.GetFullPath(Path.Combine(ThisFolder(), "..", "..", "..", "examples", "orders"));

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, string workingDirectory)
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, "samc");
        var start = File.Exists(apphost)
            ? new ProcessStartInfo(apphost)
            : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "samc.dll") } };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.WorkingDirectory = workingDirectory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        foreach (var key in new[] { "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE" })
        {
            start.Environment.Remove(key);
        }

        return start;
    }

    public static async Task<Result> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = Process.Start(StartInfo(args, workingDirectory))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("samc " + string.Join(' ', args) + " did not end within 180 s: " + await stderr);
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    private static string ThisFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

/// <summary><c>samc local start-stepfunctions</c> as a child process on a free port, stopped with SIGTERM by pid.</summary>
internal sealed class StepFunctionsServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private StepFunctionsServerProcess(Process process, int port)
    {
        _process = process;
        Endpoint = "http://127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public string Endpoint { get; }

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

    public int? ExitCode { get; private set; }

    public static async Task<StepFunctionsServerProcess> StartAsync(string workingDirectory, params string[] extra)
    {
        var port = FreePort();
        var process = Process.Start(SamcProcess.StartInfo(["local", "start-stepfunctions", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extra], workingDirectory))!;
        var server = new StepFunctionsServerProcess(process, port);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (server._stderr)
            {
                server._stderr.AppendLine(e.Data);
            }

            if (e.Data.Contains("Step Functions API on", StringComparison.Ordinal))
            {
                server._ready.TrySetResult();
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var done = await Task.WhenAny(server._ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(120)));
        if (done != server._ready.Task)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException("start-stepfunctions did not start: " + server.Stderr);
        }

        return server;
    }

    /// <summary>Sends SIGTERM (as a service manager does) and waits for the exit code.</summary>
    public async Task<int> InterruptAsync()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, 15); // SIGTERM: a test host may start children with SIGINT ignored
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        ExitCode = _process.ExitCode;
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await InterruptAsync();
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
