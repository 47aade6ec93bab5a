using Microsoft.Extensions.Time.Testing;
using SamCompiler.Local.Pool;

namespace SamCompiler.Local.Tests.Reliability;

/// <summary>
/// Event invocations as Lambda's queue runs them: a burst runs within the concurrency the function may use (never
/// an environment per event), each event runs once, none is dropped; throttled events wait and are tried again
/// with back-off until MaximumEventAgeInSeconds.
/// </summary>
[Collection("Serial processes")]
public sealed class AsyncDispatchTests
{
    [ProcessFact]
    public async Task Burst_RunsWithinConcurrency_EveryEventExactlyOnce()
    {
        using var temp = new TestFolder("samc-burst-");
        var functions = ServeSetup.Functions(temp.Path);
        var burst = functions.Single(f => f.LogicalId == "BurstFunction");
        var options = ServeSetup.Options();
        var log = ServeSetup.Log();
        await using var pool = new EnvironmentPool(functions, options, TimeProvider.System, log);
        await using var dispatcher = new AsyncInvoker(pool, options, TimeProvider.System, log);

        const int Events = 500;
        var ids = Enumerable.Range(0, Events).Select(i => dispatcher.Enqueue(burst, System.Text.Encoding.UTF8.GetBytes($"{{\"n\": {i}, \"seconds\": 0.01}}"), null)).ToList();
        var outcomes = await Task.WhenAll(ids.Select(dispatcher.WhenFinished)).WaitAsync(TimeSpan.FromMinutes(4));

        var limit = Math.Max(2, Environment.ProcessorCount);
        var metrics = pool.Metrics.Single(m => m.Key == "BurstFunction").Value;
        Assert.InRange(metrics.MaxConcurrentExecutions, 1, limit);
        Assert.All(outcomes, o => Assert.True(o.Succeeded && o.Attempts == 1, $"{o.RequestId}: succeeded {o.Succeeded}, attempts {o.Attempts}, {o.ErrorType}"));
        var runs = (await File.ReadAllLinesAsync(Path.Combine(temp.Path, "burst.log"))).Select(l => l.Split(' ')).ToList();
        Assert.Equal(Events, runs.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), runs.Select(r => r[0]).Order(StringComparer.Ordinal));
        Assert.InRange(runs.Select(r => r[1]).Distinct().Count(), 1, limit);
        Assert.Equal(0, dispatcher.Pending);
    }

    [ProcessFact]
    public async Task ThrottledEvents_WaitForConcurrency_AndAllRun()
    {
        using var temp = new TestFolder("samc-held-");
        var gate = Path.Combine(temp.Path, "gate");
        await File.WriteAllTextAsync(gate, "held");
        var functions = ServeSetup.Functions(temp.Path);
        var held = functions.Single(f => f.LogicalId == "HeldFunction");
        var options = ServeSetup.Options(asyncRetryDelay: TimeSpan.FromMilliseconds(50));
        var log = ServeSetup.Log();
        await using var pool = new EnvironmentPool(functions, options, TimeProvider.System, log);
        await using var dispatcher = new AsyncInvoker(pool, options, TimeProvider.System, log);

        // A synchronous invocation takes the function's only unit of reserved concurrency and holds it for a while.
        var holder = pool.InvokeAsync(new PoolRequest { Function = held, Payload = "{\"n\": \"sync\"}"u8.ToArray() }, CancellationToken.None);
        while (pool.InFlight == 0)
        {
            await Task.Delay(10);
        }

        var ids = Enumerable.Range(0, 10).Select(i => dispatcher.Enqueue(held, System.Text.Encoding.UTF8.GetBytes($"{{\"n\": {i}}}"), null)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2)); // throttled meanwhile: far more than 10 tries of 50 ms
        File.Delete(gate);
        await holder;
        var outcomes = await Task.WhenAll(ids.Select(dispatcher.WhenFinished)).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, $"{o.RequestId}: {o.ErrorType}"));
        Assert.Equal(11, (await File.ReadAllLinesAsync(Path.Combine(temp.Path, "held.log"))).Length);
        Assert.True(pool.Metrics.Single(m => m.Key == "HeldFunction").Value.Throttles > 0);
    }

    [Fact]
    public async Task ThrottledEvent_IsKeptUntilMaximumEventAge()
    {
        using var temp = new TestFolder("samc-age-");
        var functions = ServeSetup.Functions(temp.Path);
        // ReservedConcurrentExecutions 0: every attempt is throttled, nothing ever starts.
        var disabled = functions.Single(f => f.LogicalId == "HeldFunction") with { ReservedConcurrency = 0, MaximumEventAge = TimeSpan.FromHours(1) };
        var clock = new FakeTimeProvider();
        var options = ServeSetup.Options();
        var log = ServeSetup.Log();
        await using var pool = new EnvironmentPool([disabled], options, TimeProvider.System, log);
        await using var dispatcher = new AsyncInvoker(pool, options, clock, log);

        var finished = dispatcher.WhenFinished(dispatcher.Enqueue(disabled, "{}"u8.ToArray(), null));
        TimeSpan? finishedAt = null;
        for (var t = TimeSpan.Zero; t < TimeSpan.FromMinutes(65) && finishedAt is null; t += TimeSpan.FromSeconds(10))
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(2);
            if (finished.IsCompleted)
            {
                finishedAt = t;
            }
        }

        Assert.True(finishedAt is not null, "the event never finished");
        Assert.InRange(finishedAt.Value, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(61));
        var outcome = await finished;
        Assert.False(outcome.Succeeded);
        Assert.Equal(0, outcome.Attempts);
        Assert.Equal("TooManyRequestsException", outcome.ErrorType);
    }
}
