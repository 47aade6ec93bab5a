using System.Globalization;
using System.Text;
using System.Text.Json;
using SamCompiler.Local.Invoke;
using SamCompiler.Local.Model;
using SamCompiler.Local.Pool;

namespace SamCompiler.Local.Tests.Serve;

/// <summary>
/// MaximumEventAgeInSeconds of EventInvokeConfig: Lambda retries a failed event after 1 and then 2 minutes, and
/// discards it (condition EventAgeExceeded) once a retry would come later than the maximum age. samc counts Lambda's
/// back-off even when --async-retry-delay shortens the real wait.
/// </summary>
public sealed class EventAgeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("samc-event-age-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(21600, 3, "RetriesExhausted")] // the default: both retries (at about 1 and 3 minutes) run
    [InlineData(200, 3, "RetriesExhausted")]   // the second retry comes at 180 s plus the real run time (seconds at most)
    [InlineData(170, 2, "EventAgeExceeded")]   // ... which is past 170 s
    [InlineData(60, 1, "EventAgeExceeded")]    // the first retry (at about 60 s) is already too late
    public async Task RetriesStopWhenTheEventWouldBeTooOld(int maxAgeSeconds, int attempts, string condition)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "code"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "code", "app.py"), "def handler(event, context):\n    raise ValueError('always fails')\n");
        var serve = new ServeFunction
        {
            Function = new LocalFunction { LogicalId = "Fail", Runtime = "python3.12", Handler = "app.handler", CodeDirectory = Path.Combine(_folder, "code") },
            MaximumRetryAttempts = 2,
            MaximumEventAge = TimeSpan.FromSeconds(maxAgeSeconds),
            OnFailure = new AsyncDestination("OnFailure", "SQS", "arn:aws:sqs:us-east-1:123456789012:failures"),
        };
        var options = new ServeOptions
        {
            AsyncRetryDelay = TimeSpan.Zero,
            CallerEnvironment = new Dictionary<string, string?> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") },
        };
        var log = new LogSink(new StringWriter(new StringBuilder(), CultureInfo.InvariantCulture));
        await using var pool = new EnvironmentPool([serve], options, TimeProvider.System, log);
        await using var async = new AsyncInvoker(pool, options, TimeProvider.System, log);

        var outcome = await async.WhenFinished(async.Enqueue(serve, "{}"u8.ToArray(), null)).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.False(outcome.Succeeded);
        Assert.Equal(attempts, outcome.Attempts);
        using var record = JsonDocument.Parse(Assert.Single(outcome.Deliveries).Body);
        Assert.Equal(condition, record.RootElement.GetProperty("requestContext").GetProperty("condition").GetString());
        Assert.Equal(attempts, record.RootElement.GetProperty("requestContext").GetProperty("approximateInvokeCount").GetInt32());
    }
}
