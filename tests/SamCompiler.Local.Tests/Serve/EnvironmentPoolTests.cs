using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SamCompiler.Cli.Commands;
using SamCompiler.Local.Pool;
using Xunit.Abstractions;

namespace SamCompiler.Local.Tests.Serve;

/// <summary>Warm-container modes, idle retirement and the bounded load test (no lost or duplicated responses).</summary>
public sealed class EnvironmentPoolTests(ITestOutputHelper output)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(120) };

    [Fact]
    public async Task EagerEnvironmentsStartWithTheServerAndReportNoInitDuration()
    {
        await using var samc = await LambdaHarness.StartAsync(ServePaths.Fixture, new ServeArguments { WarmContainers = WarmContainers.Eager });
        // Every function that may run has its environment before the first request; ReservedConcurrentExecutions 0 has none.
        Assert.Equal(1, samc.Server.Pool.EnvironmentCount("CounterFunction"));
        Assert.Equal(0, samc.Server.Pool.EnvironmentCount("DisabledFunction"));
        using var request = new HttpRequestMessage(HttpMethod.Post, samc.Endpoint + "/2015-03-31/functions/CounterFunction/invocations") { Content = new StringContent("{}") };
        request.Headers.Add("X-Amz-Log-Type", "Tail");
        using var response = await Http.SendAsync(request);
        var log = Encoding.UTF8.GetString(Convert.FromBase64String(response.Headers.GetValues("X-Amz-Log-Result").Single()));
        Assert.Contains("REPORT RequestId:", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Init Duration", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdleEnvironmentsAreRetiredAndTheNextInvocationIsCold()
    {
        await using var samc = await LambdaHarness.StartAsync(ServePaths.Fixture, new ServeArguments { IdleTimeoutSeconds = 0.001, RetireIntervalSeconds = 0 }); // only the explicit sweep below
        var first = await CountAsync(samc);
        Assert.Equal(1, first.Count);
        Assert.Equal(1, samc.Server.Pool.EnvironmentCount("CounterFunction"));
        Assert.Equal(1, await RetireWhenIdleAsync(samc.Server.Pool));
        Assert.Equal(0, samc.Server.Pool.EnvironmentCount("CounterFunction"));
        var second = await CountAsync(samc);
        Assert.Equal(1, second.Count);
        Assert.NotEqual(first.Pid, second.Pid);
        Assert.Contains("Init Duration", second.Log, StringComparison.Ordinal);
    }

    // The client has its response before the pool takes the environment back, so sweep until it is idle (bounded).
    private static async Task<int> RetireWhenIdleAsync(EnvironmentPool pool)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var retired = pool.RetireIdle();
        while (retired == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
            retired = pool.RetireIdle();
        }

        return retired;
    }

    [Fact]
    public async Task ShutdownPrintsMetricsAndLeavesNoProcess()
    {
        var samc = await LambdaHarness.StartAsync(ServePaths.Fixture);
        var pid = (await CountAsync(samc)).Pid;
        await samc.DisposeAsync();
        Assert.Equal(0, samc.ExitCode);
        Assert.Contains("ConcurrentExecutions (max)", samc.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"CounterFunction\s+1\s+0\s+0", samc.Stderr);
        Assert.False(Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}") && !File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat").Contains(") Z ", StringComparison.Ordinal), "the runtime process outlived the server");
    }

    /// <summary>500 invocations, 20 in flight, against a warm echo function: every response is its own request's.</summary>
    [Fact]
    public async Task LoadHoldsFiveHundredInvocationsWithTwentyInFlight()
    {
        const int Total = 500;
        const int InFlight = 20;
        await using var samc = await LambdaHarness.StartAsync(ServePaths.Fixture);
        var url = samc.Endpoint + "/2015-03-31/functions/EchoFunction/invocations";

        // Warm up: 20 environments.
        await RunLoadAsync(InFlight, InFlight, i => PostAsync(url, i));
        var (httpWall, httpLatencies, httpSeen) = await RunLoadAsync(Total, InFlight, i => PostAsync(url, i));

        // The same load straight into the pool (the Runtime API round trip without the Invoke API in front).
        var echo = samc.Server.Pool.Functions.Single(f => f.LogicalId == "EchoFunction");
        var (poolWall, poolLatencies, poolSeen) = await RunLoadAsync(Total, InFlight, async i =>
        {
            var r = await samc.Server.Pool.InvokeAsync(new PoolRequest { Function = echo, Payload = Encoding.UTF8.GetBytes($"{{\"i\":{i}}}") }, CancellationToken.None);
            using var doc = JsonDocument.Parse(r.Result!.Result.Payload);
            return doc.RootElement.GetProperty("i").GetInt32();
        });

        Assert.Equal(Enumerable.Range(0, Total), httpSeen.Order());
        Assert.Equal(Enumerable.Range(0, Total), poolSeen.Order());
        Assert.True(samc.Server.Pool.EnvironmentCount("EchoFunction") <= InFlight);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Invoke API: {Total / httpWall.TotalSeconds:0} invocations/s, p50 {Percentile(httpLatencies, 50):0.0} ms, p99 {Percentile(httpLatencies, 99):0.0} ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Runtime API only: {Total / poolWall.TotalSeconds:0} invocations/s, p50 {Percentile(poolLatencies, 50):0.0} ms, p99 {Percentile(poolLatencies, 99):0.0} ms"));
    }

    private static async Task<int> PostAsync(string url, int i)
    {
        using var content = new StringContent($"{{\"i\":{i}}}");
        using var response = await Http.PostAsync(url, content);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("i").GetInt32();
    }

    private static async Task<(TimeSpan Wall, List<double> Latencies, List<int> Seen)> RunLoadAsync(int total, int inFlight, Func<int, Task<int>> call)
    {
        var latencies = new ConcurrentBag<double>();
        var seen = new ConcurrentBag<int>();
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var watch = Stopwatch.StartNew();
                seen.Add(await call(i));
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
        })));
        return (wall.Elapsed, [.. latencies], [.. seen]);
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static async Task<(int Count, int Pid, string Log)> CountAsync(LambdaHarness samc)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, samc.Endpoint + "/2015-03-31/functions/CounterFunction/invocations") { Content = new StringContent("{}") };
        request.Headers.Add("X-Amz-Log-Type", "Tail");
        using var response = await Http.SendAsync(request);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var log = Encoding.UTF8.GetString(Convert.FromBase64String(response.Headers.GetValues("X-Amz-Log-Result").Single()));
        return (doc.RootElement.GetProperty("count").GetInt32(), doc.RootElement.GetProperty("pid").GetInt32(), log);
    }
}
