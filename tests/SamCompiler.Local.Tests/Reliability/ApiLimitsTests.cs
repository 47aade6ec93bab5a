using System.Globalization;
using System.Net;
using System.Text;
using SamCompiler.Cli;
using SamCompiler.Cli.Commands;
using SamCompiler.Local.Api;

namespace SamCompiler.Local.Tests.Reliability;

/// <summary>start-api for the reliability tests, in-process on port 0 (one server for the class).</summary>
public sealed class ReliabilityApiFixture : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _run;

    public string MarkDir { get; } = Directory.CreateTempSubdirectory("samc-api-").FullName;

    internal ApiServer Server { get; private set; } = null!;

    internal StringWriter Stderr { get; } = new(new StringBuilder(), CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        var context = new CliContext(TextWriter.Null, TextWriter.Synchronized(Stderr), SamcProcess.Fixture, environment);
        var started = new TaskCompletionSource<ApiServer>(TaskCreationOptions.RunContinuationsAsynchronously);
        _run = Task.Run(() => StartApiCommand.RunAsync(new ServeArguments { Port = 0, ParameterOverrides = ["MarkDir=" + MarkDir] }, context, s => started.TrySetResult(s), _stop.Token));
        var first = await Task.WhenAny(started.Task, _run).WaitAsync(TimeSpan.FromSeconds(60));
        Server = first == started.Task ? await started.Task : throw new InvalidOperationException($"start-api ended with {await _run}: {Stderr}");
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(60));
        }

        _stop.Dispose();
        Directory.Delete(MarkDir, recursive: true);
    }
}

/// <summary>
/// start-api passes on what API Gateway passes on: no hop-by-hop headers from the function; an invalid proxy
/// response is API Gateway's 502 <c>{"message":"Internal server error"}</c> with the reason logged; bodies over 10 MB
/// get 413 and events over Lambda's 6 MB never reach the function.
/// </summary>
[Collection("Serial processes")]
public sealed class ApiLimitsTests(ReliabilityApiFixture api) : IClassFixture<ReliabilityApiFixture>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    private string Url(string path) => api.Server.BaseAddress.ToString().TrimEnd('/') + path;

    [ProcessFact]
    public async Task HopByHopHeadersOfTheFunction_AreNotPassedOn()
    {
        var raw = await InvokeApiLimitsTests.RawAsync(api.Server.BaseAddress, "GET /hop HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", chunks: 0);
        var head = raw.Split("\r\n\r\n")[0];
        Assert.StartsWith("HTTP/1.1 200", head, StringComparison.Ordinal);
        Assert.DoesNotContain("Transfer-Encoding", head, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Keep-Alive", head, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Upgrade", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Content-Length: 5", head, StringComparison.Ordinal);
        Assert.Contains("X-Ok: yes", head, StringComparison.Ordinal);

        using var response = await Http.GetAsync(Url("/hop"));
        Assert.Equal("hello", await response.Content.ReadAsStringAsync());
    }

    [ProcessTheory]
    [InlineData("/crlf")]
    [InlineData("/nonascii")]
    public async Task InvalidHeaderValue_Is502InternalServerError_AndTheReasonIsLogged(string path)
    {
        using var response = await Http.GetAsync(Url(path));
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("{\"message\":\"Internal server error\"}", await response.Content.ReadAsStringAsync());
        Assert.Contains($"GET {path}", api.Stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("the value of header \"X-Bad\" has a control or non-ASCII character", api.Stderr.ToString(), StringComparison.Ordinal);
    }

    [ProcessFact]
    public async Task BodyOverTenMegabytes_Is413_AndNeverReachesTheFunction()
    {
        using var response = await Http.PostAsync(Url("/size"), new ByteArrayContent(new byte[(10 * 1024 * 1024) + 1]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("{\"message\":\"Request Too Long\"}", await response.Content.ReadAsStringAsync());
        Assert.False(File.Exists(Path.Combine(api.MarkDir, "size.log")) && (await File.ReadAllTextAsync(Path.Combine(api.MarkDir, "size.log"))).Contains("10485761", StringComparison.Ordinal));
    }

    [ProcessFact]
    public async Task EventOverSixMegabytes_Is502_AndNeverReachesTheFunction()
    {
        using var response = await Http.PostAsync(Url("/size"), new StringContent(new string('y', 7 * 1024 * 1024)));
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("{\"message\":\"Internal server error\"}", await response.Content.ReadAsStringAsync());
        Assert.Contains("over Lambda's 6291456-byte limit for synchronous invocations", api.Stderr.ToString(), StringComparison.Ordinal);
        var log = Path.Combine(api.MarkDir, "size.log");
        Assert.False(File.Exists(log) && (await File.ReadAllTextAsync(log)).Contains("7340032", StringComparison.Ordinal));

        using var small = await Http.PostAsync(Url("/size"), new StringContent(new string('y', 1024 * 1024)));
        Assert.Equal("1048576", await small.Content.ReadAsStringAsync());
    }
}
