using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SamTools.Tests.Shared;

/// <summary>
/// A moto_server on loopback for tests that need AWS-compatible endpoints (S3, CloudFormation, Lambda, IAM, SQS, SNS,
/// Kinesis, DynamoDB streams, EventBridge, Step Functions). The fixture always starts its own, private moto_server on a
/// free loopback port and stops it, by pid, when disposed, so its tests may reset or configure it freely while other
/// test assemblies run in parallel (CI's shared server, SAMC_TEST_MOTO_ENDPOINT, is for the deploy tests only). When
/// moto_server is not installed the tests that
/// need it are reported as skipped (mark them <see cref="MotoFactAttribute"/>), never as passed; a moto_server that is
/// installed but does not start fails the tests.
/// </summary>
/// <remarks>
/// Tests share one server per test class (xunit <c>IClassFixture&lt;MotoServer&gt;</c>); each test should use its own
/// bucket, stack or queue names so tests do not see each other's state, or call <see cref="ResetAsync"/>.
/// </remarks>
public sealed class MotoServer : IAsyncLifetime
{
    private Process? process;

    /// <summary>The endpoint, e.g. <c>http://127.0.0.1:5123</c>; null when no server is available.</summary>
    public string? Endpoint { get; private set; }

    /// <summary>Why no server is available (the tests skip with this text), or null.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>Environment variables for AWS clients pointed at this server (dummy credentials, us-east-1).</summary>
    public IReadOnlyDictionary<string, string> ClientEnvironment => new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_SESSION_TOKEN"] = "testing",
        ["AWS_DEFAULT_REGION"] = "us-east-1",
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ENDPOINT_URL"] = this.Endpoint ?? string.Empty,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var exe = FindMotoServer();
        if (exe is null)
        {
            this.SkipReason = "moto_server is not installed (pip package moto[server])";
            return;
        }

        var port = FreePort();
        var psi = new ProcessStartInfo(exe)
        {
            ArgumentList = { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // moto's Step Functions interpreter calls the other moto services at localhost:MOTO_PORT (default 5000).
        psi.Environment["MOTO_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            this.process = Process.Start(psi);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"moto_server could not start: {ex.Message}", ex);
        }

        if (this.process is null)
        {
            throw new InvalidOperationException("moto_server could not start");
        }

        this.process.OutputDataReceived += (_, _) => { };
        this.process.ErrorDataReceived += (_, _) => { };
        this.process.BeginOutputReadLine();
        this.process.BeginErrorReadLine();
        var endpoint = $"http://127.0.0.1:{port}";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (this.process.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with {this.process.ExitCode} before answering");
            }

            if (await IsUpAsync(endpoint))
            {
                this.Endpoint = endpoint;
                return;
            }

            await Task.Delay(200);
        }

        await this.DisposeAsync();
        throw new InvalidOperationException("moto_server did not answer within 60 s");
    }

    /// <summary>Resets every moto backend (all buckets, stacks, queues ...).</summary>
    public async Task ResetAsync()
    {
        if (this.Endpoint is null)
        {
            return;
        }

        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri($"{this.Endpoint}/moto-api/reset"), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Posts a moto configuration document, e.g. <c>{"stepfunctions": {"execute_state_machine": true}}</c>.</summary>
    public async Task ConfigureAsync(string json)
    {
        if (this.Endpoint is null)
        {
            return;
        }

        using var http = new HttpClient();
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri($"{this.Endpoint}/moto-api/config"), content);
        response.EnsureSuccessStatusCode();
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        var p = this.process;
        this.process = null;
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

    private static async Task<bool> IsUpAsync(string endpoint)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            using var response = await http.GetAsync(new Uri($"{endpoint}/moto-api/"));
            return response.StatusCode != HttpStatusCode.ServiceUnavailable;
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

    /// <summary>The moto_server executable on PATH, or null.</summary>
    internal static string? FindMotoServer() => FindOnPath("moto_server");

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>
/// A fact skipped (with the reason) when <c>moto_server</c> is not on PATH. Use with <c>IClassFixture&lt;MotoServer&gt;</c>.
/// </summary>
public sealed class MotoFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when moto is missing.</summary>
    public MotoFactAttribute()
    {
        if (MotoServer.FindMotoServer() is null)
        {
            this.Skip = "moto_server is not installed (moto[server]).";
        }
    }
}
