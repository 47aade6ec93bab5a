using System.Net;
using System.Text;
using SamCompiler.Local.RuntimeApi;

namespace SamCompiler.Local.Tests.Local;

/// <summary>The Runtime API server: routes, headers, status codes for unknown ids and wrong states, the 6 MB limit.</summary>
public sealed class RuntimeApiServerTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static async Task<(RuntimeApiServer Server, HttpClient Client, Invocation Invocation)> StartAsync()
    {
        var server = await RuntimeApiServer.StartAsync(new FixedTime(Now), CancellationToken.None);
        var client = new HttpClient { BaseAddress = new Uri("http://" + server.Address) };
        var invocation = new Invocation("8f8e6b9c-1d2e-4f3a-9b8c-7d6e5f4a3b2c", "{\"a\":1}"u8.ToArray(), "arn:aws:lambda:us-east-1:123456789012:function:Fn", TimeSpan.FromSeconds(3))
        {
            TraceId = "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0",
            ClientContext = "{\"custom\":{\"k\":\"v\"}}",
            CognitoIdentity = "{\"cognitoIdentityId\":\"id\",\"cognitoIdentityPoolId\":\"pool\"}",
        };
        server.Enqueue(invocation);
        return (server, client, invocation);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task NextHandsOutTheEventWithTheRuntimeHeaders()
    {
        var (server, client, invocation) = await StartAsync();
        await using var _ = server;
        using var __ = client;

        using var next = await client.GetAsync(RuntimeApiRoutes.Next);

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("{\"a\":1}", await next.Content.ReadAsStringAsync());
        Assert.Equal(invocation.RequestId, next.Headers.GetValues(RuntimeApiRoutes.RequestIdHeader).Single());
        Assert.Equal((Now + TimeSpan.FromSeconds(3)).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), next.Headers.GetValues(RuntimeApiRoutes.DeadlineHeader).Single());
        Assert.Equal(invocation.FunctionArn, next.Headers.GetValues(RuntimeApiRoutes.InvokedFunctionArnHeader).Single());
        Assert.Equal(invocation.TraceId, next.Headers.GetValues(RuntimeApiRoutes.TraceIdHeader).Single());
        Assert.Equal(invocation.ClientContext, next.Headers.GetValues(RuntimeApiRoutes.ClientContextHeader).Single());
        Assert.Equal(invocation.CognitoIdentity, next.Headers.GetValues(RuntimeApiRoutes.CognitoIdentityHeader).Single());
        Assert.True(invocation.Dispatched.IsCompleted);
    }

    [Fact]
    public async Task ResponseCompletesTheInvocationOnceAndRejectsUnknownIdsAndRepeats()
    {
        var (server, client, invocation) = await StartAsync();
        await using var _ = server;
        using var __ = client;

        using var early = await client.PostAsync($"/2018-06-01/runtime/invocation/{invocation.RequestId}/response", Json("1"));
        using var next = await client.GetAsync(RuntimeApiRoutes.Next);
        using var unknown = await client.PostAsync("/2018-06-01/runtime/invocation/no-such-id/response", Json("1"));
        using var ok = await client.PostAsync($"/2018-06-01/runtime/invocation/{invocation.RequestId}/response", Json("{\"r\":2}"));
        using var again = await client.PostAsync($"/2018-06-01/runtime/invocation/{invocation.RequestId}/response", Json("3"));

        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("InvalidRequestID", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Contains("InvalidStateTransition", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var result = await invocation.Completed;
        Assert.Null(result.ErrorType);
        Assert.Equal("{\"r\":2}", Encoding.UTF8.GetString(result.Payload));
    }

    [Fact]
    public async Task ErrorPostBecomesAFunctionErrorWithItsBody()
    {
        var (server, client, invocation) = await StartAsync();
        await using var _ = server;
        using var __ = client;
        using var next = await client.GetAsync(RuntimeApiRoutes.Next);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/2018-06-01/runtime/invocation/{invocation.RequestId}/error")
        {
            Content = Json("{\"errorMessage\":\"boom\",\"errorType\":\"ValueError\",\"stackTrace\":[]}"),
        };
        request.Headers.Add(RuntimeApiRoutes.FunctionErrorTypeHeader, "Unhandled");

        using var posted = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var result = await invocation.Completed;
        Assert.Equal("ValueError", result.ErrorType);
        Assert.Equal("{\"errorMessage\":\"boom\",\"errorType\":\"ValueError\",\"stackTrace\":[]}", Encoding.UTF8.GetString(result.Payload));
    }

    [Fact]
    public async Task ResponseOverSixMebibytesIsRejectedWithResponseSizeTooLarge()
    {
        var (server, client, invocation) = await StartAsync();
        await using var _ = server;
        using var __ = client;
        using var next = await client.GetAsync(RuntimeApiRoutes.Next);
        var big = "\"" + new string('x', RuntimeApiRoutes.MaxResponseBytes) + "\"";

        using var posted = await client.PostAsync($"/2018-06-01/runtime/invocation/{invocation.RequestId}/response", Json(big));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, posted.StatusCode);
        var result = await invocation.Completed;
        Assert.Equal("Function.ResponseSizeTooLarge", result.ErrorType);
        var (_, message) = LambdaErrors.Read(result.Payload);
        Assert.Equal($"Response payload size ({big.Length} bytes) exceeded maximum allowed payload size (6291556 bytes).", message);
    }

    [Fact]
    public async Task InitErrorIsReportedOnceWithItsType()
    {
        var (server, client, _) = await StartAsync();
        await using var ___ = server;
        using var __ = client;
        using var request = new HttpRequestMessage(HttpMethod.Post, RuntimeApiRoutes.InitError) { Content = Json("{\"errorMessage\":\"Unable to import module 'x': No module named 'x'\",\"errorType\":\"Runtime.ImportModuleError\"}") };

        using var first = await client.SendAsync(request);
        using var second = await client.PostAsync(RuntimeApiRoutes.InitError, Json("{}"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Equal("Runtime.ImportModuleError", (await server.InitError).ErrorType);
    }

    [Fact]
    public void TimeoutMessageHasTwoDecimals() =>
        Assert.Equal("Task timed out after 2.00 seconds", LambdaErrors.TimeoutMessage(TimeSpan.FromSeconds(2)));
}
