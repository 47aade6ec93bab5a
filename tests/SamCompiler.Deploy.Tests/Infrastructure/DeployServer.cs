using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SamCompiler.Deploy.Tests.Infrastructure;

/// <summary>
/// The AWS endpoint of the deploy tests: scripts/moto-server.py (moto_server plus the CloudFormation execution
/// behaviour moto lacks: per-resource events, outputs after a change set, failures that roll back; see that
/// script). CI starts it and exports <c>SAMC_TEST_MOTO_ENDPOINT</c>; otherwise this fixture starts it on a free
/// loopback port and stops it by pid. An endpoint that is a plain moto_server fails the tests that need it, loudly.
/// </summary>
public sealed class DeployServer : IAsyncLifetime
{
    private Process? _process;

    /// <summary>The endpoint, e.g. http://127.0.0.1:5123.</summary>
    public string Endpoint { get; private set; } = string.Empty;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (Tools.SkipReason is not null)
        {
            return;
        }

        var fromEnv = Environment.GetEnvironmentVariable("SAMC_TEST_MOTO_ENDPOINT");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            Endpoint = fromEnv.TrimEnd('/');
            if (!await IsLauncherAsync(Endpoint))
            {
                throw new InvalidOperationException($"SAMC_TEST_MOTO_ENDPOINT={fromEnv} is not scripts/moto-server.py (GET /samc-test-server does not answer 200); .ci/run starts that launcher.");
            }

            return;
        }

        var port = FreePort();
        var psi = new ProcessStartInfo("python3")
        {
            ArgumentList = { Path.Combine(Tools.RepoRoot, "scripts", "moto-server.py"), "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(psi) ?? throw new InvalidOperationException("python3 scripts/moto-server.py did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var endpoint = $"http://127.0.0.1:{port}";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"scripts/moto-server.py exited with {_process.ExitCode} before answering");
            }

            if (await IsLauncherAsync(endpoint))
            {
                Endpoint = endpoint;
                return;
            }

            await Task.Delay(250);
        }

        await DisposeAsync();
        throw new InvalidOperationException("scripts/moto-server.py did not answer within 90 s");
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        var p = _process;
        _process = null;
        if (p is not null)
        {
            try
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                    p.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            p.Dispose();
        }

        return Task.CompletedTask;
    }

    private static async Task<bool> IsLauncherAsync(string endpoint)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            using var response = await http.GetAsync(new Uri($"{endpoint}/samc-test-server"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A fact that needs the deploy server and the AWS CLI; skipped (with the reason) when they are missing.</summary>
public sealed class DeployFactAttribute : FactAttribute
{
    /// <summary>Sets Skip when python3 with moto or the aws CLI is missing.</summary>
    public DeployFactAttribute()
    {
        if (Tools.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>Paths and tool checks of the deploy tests.</summary>
public static class Tools
{
    private static readonly Lazy<string?> LazySkip = new(() =>
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SAMC_TEST_MOTO_ENDPOINT")))
        {
            return OnPath("aws") ? null : "the aws CLI is not on PATH";
        }

        if (!OnPath("python3"))
        {
            return "python3 is not on PATH (scripts/moto-server.py needs it)";
        }

        var check = Run("python3", ["-c", "import moto.server, moto.cloudformation"]);
        if (check != 0)
        {
            return "the moto package (moto[server]) is not installed for python3";
        }

        return OnPath("aws") ? null : "the aws CLI is not on PATH";
    });

    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SamTools.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("No SamTools.sln above the test assembly.");
    });

    /// <summary>Why the deploy tests cannot run here, or null.</summary>
    public static string? SkipReason => LazySkip.Value;

    /// <summary>The repository root.</summary>
    public static string RepoRoot => LazyRoot.Value;

    /// <summary>The built samc (the apphost next to the test assembly).</summary>
    public static string Samc => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "samc.exe" : "samc");

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, name)));

    private static int Run(string file, string[] args)
    {
        try
        {
            var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args)
            {
                psi.ArgumentList.Add(a);
            }

            using var p = Process.Start(psi)!;
            p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
