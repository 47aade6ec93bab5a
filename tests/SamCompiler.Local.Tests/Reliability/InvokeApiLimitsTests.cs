using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using SamCompiler.Cli.Commands;
using SamCompiler.Local.Tests.Serve;

namespace SamCompiler.Local.Tests.Reliability;

/// <summary>start-lambda answers as the Lambda Invoke API does: its error codes and messages, and no more of a body read than the limit.</summary>
[Collection("Serial processes")]
public sealed class InvokeApiLimitsTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    [ProcessFact]
    public async Task OversizedPayloads_GetRequestEntityTooLargeException_WithLambdasMessages()
    {
        await using var samc = await LambdaHarness.StartAsync(SamcProcess.Fixture, new ServeArguments());
        var (status, type, message) = await InvokeAsync(samc, "EchoFunction", Json(6 * 1024 * 1024 + 1), "RequestResponse");
        Assert.Equal((413, "RequestEntityTooLargeException", "Request must be smaller than 6291456 bytes for the InvokeFunction operation"), (status, type, message));

        var body = Json(1024 * 1024 + 10);
        (status, type, message) = await InvokeAsync(samc, "EchoFunction", body, "Event");
        Assert.Equal((413, "RequestEntityTooLargeException", $"{body.Length} byte payload is too large for the Event invocation type (limit 1048576 bytes)"), (status, type, message));
    }

    [ProcessFact]
    public async Task DeclaredOversizedBody_IsRefusedWithoutReadingIt()
    {
        await using var samc = await LambdaHarness.StartAsync(SamcProcess.Fixture, new ServeArguments());
        var response = await RawAsync(samc, "POST /2015-03-31/functions/EchoFunction/invocations HTTP/1.1\r\nHost: x\r\nContent-Length: 524288000\r\n\r\n", chunks: 1);
        Assert.StartsWith("HTTP/1.1 413", response, StringComparison.Ordinal);
        Assert.Contains("RequestEntityTooLargeException", response, StringComparison.Ordinal);
    }

    [ProcessFact]
    public async Task ChunkedOversizedBody_IsRefusedAfterTheLimit()
    {
        await using var samc = await LambdaHarness.StartAsync(SamcProcess.Fixture, new ServeArguments());
        // 8 MB in 1 MB chunks, and then the client stops sending: the answer must come without the end of the body.
        var response = await RawAsync(samc, "POST /2015-03-31/functions/EchoFunction/invocations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", chunks: 8, chunked: true);
        Assert.StartsWith("HTTP/1.1 413", response, StringComparison.Ordinal);
    }

    [ProcessTheory]
    [InlineData("bad!name", null, "functionName")]
    [InlineData("EchoFunction", "a!b", "qualifier")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:Echo Function", null, "functionName")]
    public async Task MalformedNamesAndQualifiers_AreValidationErrors(string name, string? qualifier, string field)
    {
        await using var samc = await LambdaHarness.StartAsync(SamcProcess.Fixture, new ServeArguments());
        var (status, type, message) = await InvokeAsync(samc, name, "{}"u8.ToArray(), "RequestResponse", qualifier);
        Assert.Equal((400, "ValidationException"), (status, type));
        Assert.StartsWith("1 validation error detected: Value '", message, StringComparison.Ordinal);
        Assert.Contains($"at '{field}' failed to satisfy constraint", message, StringComparison.Ordinal);
    }

    [ProcessFact]
    public async Task TooLongName_IsAValidationError()
    {
        await using var samc = await LambdaHarness.StartAsync(SamcProcess.Fixture, new ServeArguments());
        var (status, type, message) = await InvokeAsync(samc, new string('a', 171), "{}"u8.ToArray(), "RequestResponse");
        Assert.Equal((400, "ValidationException"), (status, type));
        Assert.EndsWith("Member must have length less than or equal to 170", message, StringComparison.Ordinal);
    }

    [ProcessTheory]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:EchoFunction", 404)]
    [InlineData("arn:aws:lambda:us-east-1:111111111111:function:EchoFunction", 404)]
    [InlineData("111111111111:function:EchoFunction", 404)]
    [InlineData("arn:aws-cn:lambda:us-east-1:123456789012:function:EchoFunction", 404)]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:EchoFunction", 200)]
    [InlineData("123456789012:function:EchoFunction", 200)]
    public async Task ArnsOfAnotherAccountOrRegion_DoNotResolve(string name, int expected)
    {
        await using var samc = await LambdaHarness.StartAsync(SamcProcess.Fixture, new ServeArguments());
        var (status, type, message) = await InvokeAsync(samc, name, "{}"u8.ToArray(), "RequestResponse");
        Assert.Equal(expected, status);
        if (expected == 404)
        {
            Assert.Equal("ResourceNotFoundException", type);
            Assert.Equal("Function not found: " + (name.StartsWith("arn:", StringComparison.Ordinal) ? name : "arn:aws:lambda:us-east-1:" + name), message);
        }
    }

    private static byte[] Json(int size) => Encoding.UTF8.GetBytes("\"" + new string('x', size - 2) + "\"");

    private static async Task<(int Status, string? Type, string? Message)> InvokeAsync(LambdaHarness samc, string name, byte[] body, string invocationType, string? qualifier = null)
    {
        var query = qualifier is null ? string.Empty : "?Qualifier=" + Uri.EscapeDataString(qualifier);
        using var request = new HttpRequestMessage(HttpMethod.Post, samc.Endpoint + "/2015-03-31/functions/" + Uri.EscapeDataString(name) + "/invocations" + query) { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-Amz-Invocation-Type", invocationType);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var type = response.Headers.TryGetValues("x-amzn-errortype", out var types) ? types.First() : null;
        string? message = null;
        if (type is not null)
        {
            using var doc = JsonDocument.Parse(text);
            message = doc.RootElement.GetProperty("message").GetString();
        }

        return ((int)response.StatusCode, type, message);
    }

    /// <summary>Sends <paramref name="head"/> and then <paramref name="chunks"/> MB of body without ever finishing it; returns what the server answered within 10 s.</summary>
    internal static async Task<string> RawAsync(LambdaHarness samc, string head, int chunks, bool chunked = false) =>
        await RawAsync(new Uri(samc.Endpoint), head, chunks, chunked);

    internal static async Task<string> RawAsync(Uri endpoint, string head, int chunks, bool chunked = false)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint.Host, endpoint.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var megabyte = new byte[1024 * 1024];
        Array.Fill(megabyte, (byte)'x');
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var reading = ReadAnswerAsync(stream, timeout.Token);
        try
        {
            for (var i = 0; i < chunks && !reading.IsCompleted; i++)
            {
                if (chunked)
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("100000\r\n"), timeout.Token);
                }

                await stream.WriteAsync(megabyte, timeout.Token);
                if (chunked)
                {
                    await stream.WriteAsync("\r\n"u8.ToArray(), timeout.Token);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
        {
            // The server closed the connection after answering.
        }

        return await reading;
    }

    private static async Task<string> ReadAnswerAsync(NetworkStream stream, CancellationToken token)
    {
        var buffer = new byte[4096];
        var text = new StringBuilder();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, token)) > 0)
            {
                text.Append(Encoding.ASCII.GetString(buffer, 0, read));
                if (text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && text.ToString().Contains('}', StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
        {
            // No (more) answer.
        }

        return text.ToString();
    }
}

/// <summary>A theory with <see cref="ProcessFactAttribute"/>'s conditions.</summary>
public sealed class ProcessTheoryAttribute : TheoryAttribute
{
    public ProcessTheoryAttribute() => Skip = new ProcessFactAttribute().Skip;
}
