using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using SamCompiler.Cli;
using SamCompiler.Cli.Commands;
using SamCompiler.Local.Api;

namespace SamCompiler.Local.Tests.Serve;

/// <summary>start-api in-process on port 0 (one server for the class), called with a plain HTTP client.</summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _run;

    internal ApiServer Server { get; private set; } = null!;

    internal StringWriter Stderr { get; } = new(new StringBuilder(), CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        var context = new CliContext(TextWriter.Null, TextWriter.Synchronized(Stderr), Path.Combine(ServePaths.Fixture, "..", "api-fixture"), environment);
        var started = new TaskCompletionSource<ApiServer>(TaskCreationOptions.RunContinuationsAsynchronously);
        _run = Task.Run(() => StartApiCommand.RunAsync(new ServeArguments { Port = 0 }, context, s => started.TrySetResult(s), _stop.Token));
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
    }
}

public sealed class StartApiTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    private string Url(string path) => api.Server.BaseAddress.ToString().TrimEnd('/') + path;

    [Fact]
    public async Task RestEventHasPathQueryHeadersAndMultiValues()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/users/42?tag=a&tag=b&single=x"));
        request.Headers.TryAddWithoutValidation("X-Repeat", ["one", "two"]);
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["a", "b"], response.Headers.GetValues("X-Multi"));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var e = doc.RootElement;
        Assert.Equal("/users/{id}", e.GetProperty("resource").GetString());
        Assert.Equal("/users/42", e.GetProperty("path").GetString());
        Assert.Equal("GET", e.GetProperty("httpMethod").GetString());
        Assert.Equal("42", e.GetProperty("pathParameters").GetProperty("id").GetString());
        Assert.Equal("b", e.GetProperty("queryStringParameters").GetProperty("tag").GetString());
        Assert.Equal(2, e.GetProperty("multiValueQueryStringParameters").GetProperty("tag").GetArrayLength());
        Assert.Equal("Prod", e.GetProperty("requestContext").GetProperty("stage").GetString());
        Assert.Equal("/Prod/users/42", e.GetProperty("requestContext").GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("body").ValueKind);
        Assert.False(e.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("stageVariables").ValueKind);
    }

    [Theory]
    [InlineData("DELETE", "/files/a/b/c.txt", "a/b/c.txt")]
    [InlineData("PUT", "/files/x", "x")]
    public async Task GreedyProxyWithAny(string method, string path, string proxy)
    {
        using var response = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), Url(path)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(proxy, doc.RootElement.GetProperty("pathParameters").GetProperty("proxy").GetString());
        Assert.Equal("/files/{proxy+}", doc.RootElement.GetProperty("resource").GetString());
    }

    [Fact]
    public async Task ExplicitApiHasStageVariablesBinaryBodiesAndCors()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF];
        using var content = new ByteArrayContent(png);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        using var response = await Http.PostAsync(Url("/staged/pic"), content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("https://example.com", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var e = doc.RootElement;
        Assert.Equal("dev", e.GetProperty("requestContext").GetProperty("stage").GetString());
        Assert.Equal("blue", e.GetProperty("stageVariables").GetProperty("color").GetString());
        Assert.True(e.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(png, Convert.FromBase64String(e.GetProperty("body").GetString()!));

        using var preflight = new HttpRequestMessage(HttpMethod.Options, Url("/staged/pic"));
        preflight.Headers.TryAddWithoutValidation("Origin", "https://example.com");
        preflight.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "POST");
        using var answer = await Http.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("https://example.com", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", answer.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextBodyIsNotEncoded()
    {
        using var content = new StringContent("{\"hello\":\"world\"}", Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(Url("/staged/doc"), content);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(doc.RootElement.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal("{\"hello\":\"world\"}", doc.RootElement.GetProperty("body").GetString());
    }

    [Fact]
    public async Task HttpApiPayloadTwo()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/v2/items/7?x=1&x=2"));
        request.Headers.TryAddWithoutValidation("Cookie", "a=1; b=2");
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("7", doc.RootElement.GetProperty("id").GetString());
        var e = doc.RootElement.GetProperty("event");
        Assert.Equal("2.0", e.GetProperty("version").GetString());
        Assert.Equal("GET /v2/items/{id}", e.GetProperty("routeKey").GetString());
        Assert.Equal("x=1&x=2", e.GetProperty("rawQueryString").GetString());
        Assert.Equal("1,2", e.GetProperty("queryStringParameters").GetProperty("x").GetString());
        Assert.Equal(2, e.GetProperty("cookies").GetArrayLength());
        Assert.Equal("$default", e.GetProperty("requestContext").GetProperty("stage").GetString());
        Assert.Equal("GET", e.GetProperty("requestContext").GetProperty("http").GetProperty("method").GetString());
    }

    [Theory]
    [InlineData("GET", "/nowhere")]
    [InlineData("POST", "/users/42")]
    public async Task UnknownRoutesGetMissingAuthenticationToken(string method, string path)
    {
        using var response = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), Url(path)));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("{\"message\":\"Missing Authentication Token\"}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/bad")]
    [InlineData("/boom")]
    public async Task BadProxyResponsesAndErrorsGive502(string path)
    {
        using var response = await Http.GetAsync(Url(path));
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("{\"message\":\"Internal server error\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MetricsCountInvocations()
    {
        using (await Http.GetAsync(Url("/boom")))
        {
        }

        using var doc = JsonDocument.Parse(await Http.GetStringAsync(Url("/metrics")));
        var bad = doc.RootElement.GetProperty("functions").GetProperty("BadFunction");
        Assert.True(bad.GetProperty("Errors").GetInt32() >= 1);
        Assert.True(bad.GetProperty("Invocations").GetInt32() >= bad.GetProperty("Errors").GetInt32());
    }
}

/// <summary>Lambda authorizers (TOKEN and REQUEST) in front of REST routes.</summary>
public sealed class StartApiAuthorizerTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    [Theory]
    [InlineData("/secure", "Authorization", "allow", 200)]
    [InlineData("/secure", "Authorization", "deny", 403)]
    [InlineData("/secure", "Authorization", "garbage", 401)]
    [InlineData("/secure", null, null, 401)]
    [InlineData("/secure-request", "X-Key", "k1", 200)]
    [InlineData("/secure-request", "X-Key", "k2", 403)]
    [InlineData("/secure-request", null, null, 401)]
    public async Task AuthorizerDecides(string path, string? header, string? value, int status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, api.Server.BaseAddress.ToString().TrimEnd('/') + path);
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, body);
        if (status == 200)
        {
            using var doc = JsonDocument.Parse(body);
            var authorizer = doc.RootElement.GetProperty("requestContext").GetProperty("authorizer");
            Assert.Equal("alice", authorizer.GetProperty("principalId").GetString());
            Assert.Equal("gold", authorizer.GetProperty("tier").GetString());
            Assert.Equal(path == "/secure" ? "TOKEN" : "REQUEST", authorizer.GetProperty("type").GetString());
        }
        else
        {
            Assert.Equal(status == 401 ? "{\"message\":\"Unauthorized\"}" : "{\"Message\":\"User is not authorized to access this resource with an explicit deny\"}", body);
        }
    }
}
