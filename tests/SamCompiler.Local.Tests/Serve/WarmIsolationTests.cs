using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SamCompiler.Local.Invoke;
using SamCompiler.Local.Model;
using SamCompiler.Local.Pool;

namespace SamCompiler.Local.Tests.Serve;

/// <summary>Warm environments (start-lambda, start-api) get the isolation of local invoke: layers on /opt, MemorySize in a cgroup.</summary>
public sealed class WarmIsolationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("samc-warm-isolation-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private async Task<(PoolResult Result, string Log)> InvokeAsync(LocalFunction function)
    {
        var log = new StringWriter(new StringBuilder(), CultureInfo.InvariantCulture);
        var options = new ServeOptions { CallerEnvironment = new Dictionary<string, string?> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") } };
        var serve = new ServeFunction { Function = function };
        await using var pool = new EnvironmentPool([serve], options, TimeProvider.System, new LogSink(log));
        var result = await pool.InvokeAsync(new PoolRequest { Function = serve, Payload = "{}"u8.ToArray() }, CancellationToken.None);
        return (result, log.ToString());
    }

    [Fact]
    public async Task LayersAreOnOptWhereANamespaceIsAllowed_ElseTheFallbackIsAnnounced()
    {
        Write("l1/python/shared.py", "X = 'l1'\n");
        Write("l2/python/shared.py", "X = 'l2'\n");
        Write("code/app.py", "import os, shared\ndef handler(event, context):\n    return {'x': shared.X, 'opt': os.path.isfile('/opt/python/shared.py')}\n");
        var function = new LocalFunction
        {
            LogicalId = "Fn",
            Runtime = "python3.12",
            Handler = "app.handler",
            CodeDirectory = Path.Combine(_folder, "code"),
            Layers = [Path.Combine(_folder, "l1"), Path.Combine(_folder, "l2")],
        };

        var (result, log) = await InvokeAsync(function);

        Assert.Null(result.Result!.Result.ErrorType);
        using var doc = JsonDocument.Parse(result.Result.Result.Payload);
        Assert.Equal("l2", doc.RootElement.GetProperty("x").GetString()); // the later layer wins either way
        var unshare = Runtimes.RuntimeCommand.FindOnPath(Environment.GetEnvironmentVariable("PATH") + ":/usr/bin:/bin", "unshare");
        var allowed = unshare is not null && await LocalInvoker.NamespaceAllowedAsync(unshare, CancellationToken.None);
        Assert.Equal(allowed, doc.RootElement.GetProperty("opt").GetBoolean());
        Assert.Equal(!allowed, log.Contains("warning SAM6005", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MemorySizeIsEnforced()
    {
        Write("hog/app.py", "def handler(event, context):\n    hoard = [bytearray(16 * 1024 * 1024) for _ in range(64)]\n    return len(hoard)\n");
        var function = new LocalFunction
        {
            LogicalId = "Hog",
            Runtime = "python3.12",
            Handler = "app.handler",
            CodeDirectory = Path.Combine(_folder, "hog"),
            MemorySize = 128,
        };

        var (result, log) = await InvokeAsync(function);

        // 64 x 16 MiB cannot fit in 128 MB: the cgroup kills the runtime (Runtime.OutOfMemory) or, where no cgroup can
        // be made, the rlimit makes the allocation fail (MemoryError) — the same outcomes as local invoke.
        Assert.Contains(result.Result!.Result.ErrorType, new[] { "Runtime.OutOfMemory", "MemoryError" });
        var report = Regex.Match(log, @"Memory Size: 128 MB\tMax Memory Used: (\d+) MB");
        Assert.True(report.Success, log);
        Assert.InRange(int.Parse(report.Groups[1].Value, CultureInfo.InvariantCulture), 1, 200);
    }
}
