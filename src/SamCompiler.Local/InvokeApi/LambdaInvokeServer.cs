using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SamCompiler.Local.Invoke;
using SamCompiler.Local.Model;
using SamCompiler.Local.Pool;
using SamCompiler.Model.Aws;

namespace SamCompiler.Local.InvokeApi;

/// <summary>
/// The Lambda Invoke API (<c>POST /2015-03-31/functions/{name}/invocations</c>) on loopback, for the AWS CLI and
/// SDKs with <c>--endpoint-url</c>: RequestResponse, Event (202, retried, dead-lettered), DryRun (204), LogType
/// Tail, qualifiers, names/ARNs/partial ARNs, and Lambda's error shapes (x-amzn-errortype + JSON body). Also
/// <c>GET /metrics</c> and <c>GET /destinations</c> (the records asynchronous invocations sent to destinations).
/// </summary>
public sealed class LambdaInvokeServer : IAsyncDisposable
{
    /// <summary>Largest synchronous payload (6 MB).</summary>
    public static int MaxSyncPayload { get; } = checked((int)Quotas.SyncPayload.Value);

    /// <summary>Largest asynchronous payload (1 MB).</summary>
    public static int MaxAsyncPayload { get; } = checked((int)Quotas.AsyncPayload.Value);

    /// <summary>Bytes of log returned with LogType Tail (4 KB).</summary>
    public const int TailBytes = 4096;

    private readonly Dictionary<string, ServeFunction> _byName = new(StringComparer.Ordinal);
    private readonly ServeOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private ITimer? _retireTimer;

    private LambdaInvokeServer(EnvironmentPool pool, ServeOptions options, TimeProvider time, LogSink log)
    {
        Pool = pool;
        _options = options;
        Async = new AsyncInvoker(pool, options, time, log);
        foreach (var f in pool.Functions)
        {
            _byName[f.LogicalId] = f;
        }

        foreach (var f in pool.Functions)
        {
            if (f.Function.FunctionName is { } name)
            {
                _byName.TryAdd(name, f);
            }
        }
    }

    /// <summary>The environments.</summary>
    public EnvironmentPool Pool { get; }

    /// <summary>Asynchronous invocations.</summary>
    public AsyncInvoker Async { get; }

    /// <summary>The address the server listens on, e.g. http://127.0.0.1:3001.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Starts the server on <paramref name="host"/>:<paramref name="port"/> (port 0: an ephemeral port).</summary>
    public static async Task<LambdaInvokeServer> StartAsync(IReadOnlyList<ServeFunction> functions, ServeOptions options, string host, int port, TimeProvider time, LogSink log, CancellationToken cancellationToken)
    {
        var pool = new EnvironmentPool(functions, options, time, log);
        var server = new LambdaInvokeServer(pool, options, time, log);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o =>
        {
            o.Listen(ServeHost.Parse(host), port);
            o.AddServerHeader = false;
            o.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.UseRouting();
        app.MapPost("/2015-03-31/functions/{name}/invocations", (RequestDelegate)server.InvokeAsync);
        app.MapGet("/metrics", (RequestDelegate)server.MetricsAsync);
        app.MapGet("/destinations", (RequestDelegate)server.DestinationsAsync);
        app.MapFallback((RequestDelegate)(context => WriteErrorAsync(context, StatusCodes.Status404NotFound, "UnknownOperationException", "Unknown operation " + context.Request.Method + " " + context.Request.Path + ".")));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        server._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        server._retireTimer = time.CreateTimer(_ => pool.RetireIdle(), null, options.RetireInterval, options.RetireInterval);
        if (options.WarmContainers == WarmContainers.Eager)
        {
            await pool.WarmAsync(cancellationToken).ConfigureAwait(false);
        }

        return server;
    }

    private async Task InvokeAsync(HttpContext context)
    {
        var name = context.GetRouteValue("name") as string ?? string.Empty;
        var qualifier = context.Request.Query["Qualifier"].ToString();
        if (!TryResolve(Uri.UnescapeDataString(name), qualifier.Length == 0 ? null : qualifier, out var function, out var resolvedQualifier, out var problem))
        {
            await WriteErrorAsync(context, problem!.Value.Status, problem.Value.Type, problem.Value.Message).ConfigureAwait(false);
            return;
        }

        var invocationType = context.Request.Headers["X-Amz-Invocation-Type"].ToString();
        if (invocationType.Length == 0)
        {
            invocationType = "RequestResponse";
        }

        if (invocationType is not ("RequestResponse" or "Event" or "DryRun"))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidParameterValueException", $"1 validation error detected: Value '{invocationType}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]").ConfigureAwait(false);
            return;
        }

        var limit = invocationType == "Event" ? MaxAsyncPayload : MaxSyncPayload;
        var (body, length) = await HttpBodies.ReadAsync(context.Request, limit).ConfigureAwait(false);
        if (body is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "RequestTooLargeException", $"Request must be smaller than {limit.ToString(CultureInfo.InvariantCulture)} bytes for the InvokeFunction operation").ConfigureAwait(false);
            return;
        }

        if (body.Length == 0)
        {
            body = "{}"u8.ToArray();
        }
        else if (JsonError(body) is { } parseError)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidRequestContentException", "Could not parse request body into json: " + parseError).ConfigureAwait(false);
            return;
        }

        var headers = context.Response.Headers;
        if (invocationType == "DryRun")
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            headers["x-amzn-RequestId"] = Guid.NewGuid().ToString("D");
            return;
        }

        if (invocationType == "Event")
        {
            var id = Async.Enqueue(function!, body, resolvedQualifier);
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            headers["x-amzn-RequestId"] = id;
            context.Response.ContentLength = 0;
            return;
        }

        string? clientContext = null;
        var clientContextHeader = context.Request.Headers["X-Amz-Client-Context"].ToString();
        if (clientContextHeader.Length > 0)
        {
            try
            {
                clientContext = Encoding.UTF8.GetString(Convert.FromBase64String(clientContextHeader));
            }
            catch (FormatException)
            {
                await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidParameterValueException", "Client context must be a valid Base64-encoded JSON object.").ConfigureAwait(false);
                return;
            }
        }

        var tail = string.Equals(context.Request.Headers["X-Amz-Log-Type"].ToString(), "Tail", StringComparison.Ordinal);
        PoolResult result;
        try
        {
            result = await Pool.InvokeAsync(new PoolRequest { Function = function!, Payload = body, Qualifier = resolvedQualifier, ClientContext = clientContext, WantLog = tail }, _stopping.Token).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "ServiceException", "The server is shutting down.").ConfigureAwait(false);
            return;
        }

        if (result.Throttled)
        {
            headers["Retry-After"] = "1";
            await WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, "TooManyRequestsException", "Rate Exceeded.", result.ThrottleReason).ConfigureAwait(false);
            return;
        }

        var outcome = result.Result!;
        headers["x-amzn-RequestId"] = result.RequestId;
        headers["X-Amz-Executed-Version"] = ServeFunction.ExecutedVersion(resolvedQualifier);
        if (outcome.Result.IsError)
        {
            headers["X-Amz-Function-Error"] = "Unhandled";
        }

        if (tail)
        {
            var log = Encoding.UTF8.GetBytes(outcome.Log);
            headers["X-Amz-Log-Result"] = Convert.ToBase64String(log.AsSpan(Math.Max(0, log.Length - TailBytes)));
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = outcome.Result.Payload.Length;
        await context.Response.Body.WriteAsync(outcome.Result.Payload, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Finds the function a name, ARN or partial ARN (with an optional qualifier suffix) stands for; the qualifier of
    /// the name and the Qualifier parameter must agree.
    /// </summary>
    internal bool TryResolve(string name, string? qualifier, out ServeFunction? function, out string? resolvedQualifier, out (int Status, string Type, string Message)? problem)
    {
        function = null;
        resolvedQualifier = qualifier;
        problem = null;
        var parts = name.Split(':');
        string bare;
        string? nameQualifier = null;
        if (parts.Length >= 7 && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function")
        {
            bare = parts[6];
            nameQualifier = parts.Length > 7 ? parts[7] : null;
        }
        else if (parts.Length >= 3 && parts[1] == "function")
        {
            bare = parts[2];
            nameQualifier = parts.Length > 3 ? parts[3] : null;
        }
        else if (parts.Length <= 2)
        {
            bare = parts[0];
            nameQualifier = parts.Length == 2 ? parts[1] : null;
        }
        else
        {
            problem = (StatusCodes.Status400BadRequest, "ValidationException", $"1 validation error detected: Value '{name}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{{2}}(-gov)?-[a-z]+-\\d{{1}}:)?(\\d{{12}}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
            return false;
        }

        if (nameQualifier is not null && qualifier is not null && nameQualifier != qualifier)
        {
            problem = (StatusCodes.Status400BadRequest, "InvalidParameterValueException", "The derived qualifier from the function name does not match the specified qualifier.");
            return false;
        }

        resolvedQualifier = nameQualifier ?? qualifier;
        if (!_byName.TryGetValue(bare, out function) || !function.HasQualifier(resolvedQualifier))
        {
            var arn = $"arn:{LocalTemplate.PartitionOf(_options.Region)}:lambda:{_options.Region}:{_options.AccountId}:function:{bare}{(resolvedQualifier is null ? string.Empty : ":" + resolvedQualifier)}";
            problem = (StatusCodes.Status404NotFound, "ResourceNotFoundException", "Function not found: " + arn);
            function = null;
            return false;
        }

        return true;
    }

    private static string? JsonError(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return null;
        }
        catch (JsonException ex)
        {
            return ex.Message;
        }
    }

    private async Task MetricsAsync(HttpContext context)
    {
        var body = FunctionMetrics.ToJson(Pool.Metrics);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task DestinationsAsync(HttpContext context)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("pending", Async.Pending);
            w.WriteStartArray("finished");
            foreach (var o in Async.Finished)
            {
                w.WriteStartObject();
                w.WriteString("requestId", o.RequestId);
                w.WriteString("function", o.FunctionId);
                w.WriteBoolean("succeeded", o.Succeeded);
                w.WriteNumber("attempts", o.Attempts);
                if (o.ErrorType is not null)
                {
                    w.WriteString("errorType", o.ErrorType);
                }

                w.WriteStartArray("deliveries");
                foreach (var d in o.Deliveries)
                {
                    w.WriteStartObject();
                    w.WriteString("kind", d.Destination.Kind);
                    w.WriteString("type", d.Destination.Type);
                    w.WriteString("arn", d.Destination.Arn);
                    w.WritePropertyName("body");
                    w.WriteRawValue(d.Body);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        var body = stream.ToArray();
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes an AWS JSON error: x-amzn-errortype header and <c>{"Type":"User","message":...}</c>.</summary>
    internal static async Task WriteErrorAsync(HttpContext context, int status, string type, string message, string? reason = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            if (reason is not null)
            {
                w.WriteString("Reason", reason);
            }

            w.WriteString("Type", status >= 500 ? "Service" : "User");
            w.WriteString("message", message);
            w.WriteEndObject();
        }

        var body = stream.ToArray();
        context.Response.StatusCode = status;
        context.Response.Headers["x-amzn-errortype"] = type;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString("D");
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, CancellationToken.None).ConfigureAwait(false);
    }


    /// <summary>Stops the server, the async queue (reporting what is pending) and every environment.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_retireTimer is not null)
        {
            await _retireTimer.DisposeAsync().ConfigureAwait(false);
        }

        await Async.DisposeAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await Pool.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}

/// <summary>Parses the --host of the servers.</summary>
public static class ServeHost
{
    /// <summary>127.0.0.1 for "localhost", else the address given.</summary>
    public static IPAddress Parse(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.Parse(host);
}
