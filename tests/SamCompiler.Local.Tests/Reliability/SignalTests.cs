using System.Diagnostics;
using SamCompiler.Local.Files;

namespace SamCompiler.Local.Tests.Reliability;

/// <summary>
/// SIGINT/SIGTERM sent to the built samc process: the servers stop within 2 s (in-flight work gets a short grace),
/// print the metrics, leave no runtime process and no per-run work folder behind; a second signal ends samc at once;
/// local invoke forwards Ctrl+C to the runtime and exits 130 (143 for SIGTERM).
/// </summary>
[Collection("Serial processes")]
public sealed class SignalTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(90) };
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(2);

    [ProcessFact]
    public async Task StartLambda_StopsOnSigterm_WithinTwoSeconds_AndLeavesNothingBehind()
    {
        using var temp = new TestFolder("samc-sig-");
        var marker = Guid.NewGuid().ToString("N");
        using var samc = SamcProcess.Start(SamcProcess.Fixture, temp.Path, "local", "start-lambda", "-p", "0", "--parameter-overrides", "Marker=" + marker);
        var endpoint = await samc.AddressAsync("Lambda Invoke API on");
        using (var response = await Http.PostAsync(endpoint + "/2015-03-31/functions/EchoFunction/invocations", new StringContent("{\"a\":1}")))
        {
            Assert.Equal("{\"a\": 1}", await response.Content.ReadAsStringAsync());
        }

        Assert.NotEmpty(SamcProcess.ProcessesWithMarker(marker)); // the warm environment
        Assert.NotEmpty(Directory.GetDirectories(temp.Path, "samc-*")); // the per-run work folder

        samc.Signal(UnixFile.SigTerm);
        var stopped = await samc.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.True(stopped is not null, "start-lambda still runs 10 s after SIGTERM. stderr:\n" + samc.Stderr);
        Assert.True(stopped < StopLimit, $"start-lambda took {stopped} to stop.");
        Assert.Equal(0, samc.ExitCode);
        Assert.Contains("samc: stopping", samc.Stderr, StringComparison.Ordinal);
        Assert.Contains("Invocations  Errors  Throttles", samc.Stderr, StringComparison.Ordinal);
        Assert.Empty(SamcProcess.ProcessesWithMarker(marker));
        Assert.Empty(Directory.GetDirectories(temp.Path, "samc-*"));
    }

    [ProcessFact]
    public async Task StartLambda_SigintDuringAnInvocation_StopsWithinTwoSeconds_AndKillsTheRuntime()
    {
        using var temp = new TestFolder("samc-sig-");
        var marker = Guid.NewGuid().ToString("N");
        using var samc = SamcProcess.Start(SamcProcess.Fixture, temp.Path, "local", "start-lambda", "-p", "0", "--parameter-overrides", "Marker=" + marker);
        var endpoint = await samc.AddressAsync("Lambda Invoke API on");
        var slow = Http.PostAsync(endpoint + "/2015-03-31/functions/SleepyFunction/invocations", new StringContent("{\"seconds\": 60}"));
        await samc.WaitForStderrAsync("sleepy started", TimeSpan.FromSeconds(60));

        samc.Signal(UnixFile.SigInt);
        var stopped = await samc.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.True(stopped is not null, "start-lambda still runs 10 s after SIGINT. stderr:\n" + samc.Stderr);
        Assert.True(stopped < StopLimit, $"start-lambda took {stopped} to stop.");
        Assert.Contains("1 invocation in flight", samc.Stderr, StringComparison.Ordinal);
        Assert.Empty(SamcProcess.ProcessesWithMarker(marker));
        await Assert.ThrowsAnyAsync<Exception>(async () => (await slow).EnsureSuccessStatusCode());
    }

    [ProcessFact]
    public async Task StartLambda_ReportsQueuedEventsAtShutdown()
    {
        using var temp = new TestFolder("samc-sig-");
        var marker = Guid.NewGuid().ToString("N");
        using var samc = SamcProcess.Start(SamcProcess.Fixture, temp.Path, "local", "start-lambda", "-p", "0", "--async-concurrency", "1", "--parameter-overrides", "Marker=" + marker, "MarkDir=" + temp.Path);
        var endpoint = await samc.AddressAsync("Lambda Invoke API on");
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint + "/2015-03-31/functions/SleepyFunction/invocations") { Content = new StringContent("{\"seconds\": 60}") };
            request.Headers.Add("X-Amz-Invocation-Type", "Event");
            using var response = await Http.SendAsync(request);
            Assert.Equal(202, (int)response.StatusCode);
        }

        await samc.WaitForStderrAsync("sleepy started", TimeSpan.FromSeconds(60));
        samc.Signal(UnixFile.SigTerm);
        var stopped = await samc.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.True(stopped < StopLimit, $"start-lambda took {stopped?.ToString() ?? "more than 10 s"} to stop. stderr:\n{samc.Stderr}");
        Assert.Contains("asynchronous invocations were still queued or waiting for a retry at shutdown and are dropped", samc.Stderr, StringComparison.Ordinal);
        Assert.Empty(SamcProcess.ProcessesWithMarker(marker));
    }

    [ProcessFact]
    public async Task StartLambda_SecondSignal_ExitsAtOnce()
    {
        using var temp = new TestFolder("samc-sig-");
        var marker = Guid.NewGuid().ToString("N");
        using var samc = SamcProcess.Start(SamcProcess.Fixture, temp.Path, "local", "start-lambda", "-p", "0", "--parameter-overrides", "Marker=" + marker);
        var endpoint = await samc.AddressAsync("Lambda Invoke API on");
        _ = Http.PostAsync(endpoint + "/2015-03-31/functions/SleepyFunction/invocations", new StringContent("{\"seconds\": 60}"));
        await samc.WaitForStderrAsync("sleepy started", TimeSpan.FromSeconds(60));

        samc.Signal(UnixFile.SigInt);
        await samc.WaitForStderrAsync("samc: stopping", TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();
        samc.Signal(UnixFile.SigInt);
        var stopped = await samc.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.True(stopped is not null, "start-lambda still runs after a second SIGINT. stderr:\n" + samc.Stderr);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the second signal took {clock.Elapsed} to end samc.");
        Assert.True(samc.ExitCode is 130 or 0, $"exit code {samc.ExitCode}");
        Assert.Empty(SamcProcess.ProcessesWithMarker(marker));
        Assert.Empty(Directory.GetDirectories(temp.Path, "samc-*"));
    }

    [ProcessFact]
    public async Task StartApi_StopsOnSigint_WithinTwoSeconds()
    {
        using var temp = new TestFolder("samc-sig-");
        var marker = Guid.NewGuid().ToString("N");
        using var samc = SamcProcess.Start(SamcProcess.Fixture, temp.Path, "local", "start-api", "-p", "0", "--parameter-overrides", "Marker=" + marker);
        var endpoint = await samc.AddressAsync("API Gateway on");
        using (var response = await Http.GetAsync(endpoint + "/hop"))
        {
            Assert.Equal("hello", await response.Content.ReadAsStringAsync());
        }

        Assert.NotEmpty(SamcProcess.ProcessesWithMarker(marker));
        samc.Signal(UnixFile.SigInt);
        var stopped = await samc.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.True(stopped is not null, "start-api still runs 10 s after SIGINT. stderr:\n" + samc.Stderr);
        Assert.True(stopped < StopLimit, $"start-api took {stopped} to stop.");
        Assert.Equal(0, samc.ExitCode);
        Assert.Contains("Invocations  Errors  Throttles", samc.Stderr, StringComparison.Ordinal);
        Assert.Empty(SamcProcess.ProcessesWithMarker(marker));
    }

    [ProcessFact]
    public async Task LocalInvoke_CtrlC_IsForwardedToTheRuntime_AndExits130()
    {
        using var temp = new TestFolder("samc-sig-");
        var marker = Guid.NewGuid().ToString("N");
        var eventFile = Path.Combine(temp.Path, "event.json");
        await File.WriteAllTextAsync(eventFile, "{\"seconds\": 60}");
        using var samc = SamcProcess.Start(SamcProcess.Fixture, temp.Path, "local", "invoke", "SleepyFunction", "-e", eventFile, "--parameter-overrides", "Marker=" + marker);
        await samc.WaitForStderrAsync("sleepy started", TimeSpan.FromSeconds(60));

        samc.Signal(UnixFile.SigInt);
        var stopped = await samc.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.True(stopped is not null, "local invoke still runs 10 s after Ctrl+C. stderr:\n" + samc.Stderr);
        Assert.True(stopped < StopLimit, $"local invoke took {stopped} to stop.");
        Assert.Equal(130, samc.ExitCode);
        Assert.Contains("sleepy got SIGINT", samc.Stderr, StringComparison.Ordinal); // the runtime saw the Ctrl+C
        Assert.Equal(string.Empty, samc.Stdout);
        Assert.Empty(SamcProcess.ProcessesWithMarker(marker));
        Assert.Empty(Directory.GetDirectories(temp.Path, "samc-*"));
    }

    [ProcessFact]
    public async Task LocalInvoke_Sigterm_Exits143()
    {
        using var temp = new TestFolder("samc-sig-");
        var marker = Guid.NewGuid().ToString("N");
        var eventFile = Path.Combine(temp.Path, "event.json");
        await File.WriteAllTextAsync(eventFile, "{\"seconds\": 60}");
        using var samc = SamcProcess.Start(SamcProcess.Fixture, temp.Path, "local", "invoke", "SleepyFunction", "-e", eventFile, "--parameter-overrides", "Marker=" + marker);
        await samc.WaitForStderrAsync("sleepy started", TimeSpan.FromSeconds(60));

        samc.Signal(UnixFile.SigTerm);
        var stopped = await samc.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.True(stopped is not null && stopped < StopLimit, $"local invoke took {stopped?.ToString() ?? "more than 10 s"} to stop. stderr:\n{samc.Stderr}");
        Assert.Equal(143, samc.ExitCode);
        Assert.Empty(SamcProcess.ProcessesWithMarker(marker));
    }
}

/// <summary>Tests that start samc processes and count runtime processes run one at a time.</summary>
[CollectionDefinition("Serial processes", DisableParallelization = true)]
public sealed class SerialProcesses;
