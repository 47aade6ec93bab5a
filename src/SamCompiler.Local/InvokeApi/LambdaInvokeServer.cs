using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
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
public sealed partial class LambdaInvokeServer : IAsyncDisposable
{
    /// <summary>Largest synchronous payload (6 MB).</summary>
    public static int MaxSyncPayload { get; } = checked((int)Quotas.SyncPayload.Value);

    /// <summary>Largest asynchronous payload (1 MB).</summary>
    public static int MaxAsyncPayload { get; } = checked((int)Quotas.AsyncPayload.Value);

    /// <summary>Bytes of log returned with LogType Tail (4 KB).</summary>
    public const int TailBytes = 4096;

    private readonly Dictionary<string, ServeFunction> _byName = new(StringComparer.Ordinal);
    private readonly ServeOptions _options;
    private readonly LogSink _log;
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private ITimer? _retireTimer;
    private int _stopped;

    private LambdaInvokeServer(EnvironmentPool pool, ServeOptions options, TimeProvider time, LogSink log)
    {
        Pool = pool;
        _options = options;
        _log = log;
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
        var builder = HttpHost.CreateBuilder();
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

        // Lambda's 413: the declared length is enough to refuse; otherwise no more than the limit (plus one byte) is read.
        var limit = invocationType == "Event" ? MaxAsyncPayload : MaxSyncPayload;
        byte[]? body = null;
        var length = context.Request.ContentLength ?? 0;
        if (context.Request.ContentLength is not > 0 || context.Request.ContentLength <= limit)
        {
            (body, length) = await HttpBodies.ReadAsync(context.Request, limit, stopAtLimit: true).ConfigureAwait(false);
        }

        if (body is null)
        {
            context.Response.Headers.Connection = "close";
            var message = invocationType == "Event"
                ? $"{length.ToString(CultureInfo.InvariantCulture)} byte payload is too large for the Event invocation type (limit {limit.ToString(CultureInfo.InvariantCulture)} bytes)"
                : $"Request must be smaller than {limit.ToString(CultureInfo.InvariantCulture)} bytes for the InvokeFunction operation";
            await WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "RequestEntityTooLargeException", message).ConfigureAwait(false);
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
            string id;
            try
            {
                id = Async.Enqueue(function!, body, resolvedQualifier);
            }
            catch (ObjectDisposedException)
            {
                await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "ServiceException", "The server is shutting down.").ConfigureAwait(false);
                return;
            }

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
        catch (Exception ex) when (ex is ObjectDisposedException or OperationCanceledException)
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
        if (name.Length > MaxFunctionNameLength)
        {
            problem = (StatusCodes.Status400BadRequest, "ValidationException", $"1 validation error detected: Value '{name}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to {MaxFunctionNameLength.ToString(CultureInfo.InvariantCulture)}");
            return false;
        }

        var match = FunctionNamePattern().Match(name);
        if (name.Length == 0 || !match.Success)
        {
            problem = (StatusCodes.Status400BadRequest, "ValidationException", $"1 validation error detected: Value '{name}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: {FunctionNameRegex}");
            return false;
        }

        if (qualifier is not null && (qualifier.Length > MaxQualifierLength || !QualifierPattern().IsMatch(qualifier)))
        {
            problem = (StatusCodes.Status400BadRequest, "ValidationException", qualifier.Length > MaxQualifierLength
                ? $"1 validation error detected: Value '{qualifier}' at 'qualifier' failed to satisfy constraint: Member must have length less than or equal to {MaxQualifierLength.ToString(CultureInfo.InvariantCulture)}"
                : $"1 validation error detected: Value '{qualifier}' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: {QualifierRegex}");
            return false;
        }

        var bare = match.Groups["name"].Value;
        var nameQualifier = match.Groups["qualifier"].Success ? match.Groups["qualifier"].Value : null;
        var region = match.Groups["region"].Success ? match.Groups["region"].Value : _options.Region;
        var account = match.Groups["account"].Success ? match.Groups["account"].Value : _options.AccountId;
        var partition = match.Groups["partition"].Success ? match.Groups["partition"].Value : LocalTemplate.PartitionOf(_options.Region);
        if (nameQualifier is not null && qualifier is not null && nameQualifier != qualifier)
        {
            problem = (StatusCodes.Status400BadRequest, "InvalidParameterValueException", "The derived qualifier from the function name does not match the specified qualifier.");
            return false;
        }

        resolvedQualifier = nameQualifier ?? qualifier;
        var here = region == _options.Region && account == _options.AccountId && partition == LocalTemplate.PartitionOf(_options.Region);
        if (!here || !_byName.TryGetValue(bare, out function) || !function.HasQualifier(resolvedQualifier))
        {
            // Functions live in one account and region: an ARN of another one names a function samc does not have.
            var arn = $"arn:{partition}:lambda:{region}:{account}:function:{bare}{(resolvedQualifier is null ? string.Empty : ":" + resolvedQualifier)}";
            problem = (StatusCodes.Status404NotFound, "ResourceNotFoundException", "Function not found: " + arn);
            function = null;
            return false;
        }

        return true;
    }

    /// <summary>Longest FunctionName the Invoke API accepts (a name, a partial ARN or an ARN with a qualifier).</summary>
    internal const int MaxFunctionNameLength = 170;

    /// <summary>Longest Qualifier the Invoke API accepts.</summary>
    internal const int MaxQualifierLength = 128;

    /// <summary>The FunctionName pattern of the Invoke API reference.</summary>
    internal const string FunctionNameRegex = @"(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_\.]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?";

    /// <summary>The Qualifier pattern of the Invoke API reference.</summary>
    internal const string QualifierRegex = "(|[a-zA-Z0-9$_-]+)";

    [GeneratedRegex(@"^(?:arn:(?<partition>aws[a-zA-Z-]*)?:lambda:)?(?:(?<region>[a-z]{2}(?:-gov)?-[a-z]+-\d{1}):)?(?:(?<account>\d{12}):)?(?:function:)?(?<name>[a-zA-Z0-9\-_\.]+)(?::(?<qualifier>\$LATEST|[a-zA-Z0-9\-_]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex FunctionNamePattern();

    [GeneratedRegex(@"^[a-zA-Z0-9$_\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex QualifierPattern();

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


    /// <summary>
    /// Stops in order: no new connections or requests; requests and Event invocations in flight get up to
    /// <paramref name="grace"/> to finish (then they are cancelled and their runtimes killed); events still queued or
    /// waiting for a retry are reported; every environment is stopped (process groups killed, cgroups removed).
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        var inFlight = Pool.InFlight;
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"samc: stopping: no new requests; {inFlight} invocation{(inFlight == 1 ? string.Empty : "s")} in flight get up to {grace.TotalSeconds:0.#} s (press Ctrl+C again to stop at once)."));
        if (_retireTimer is not null)
        {
            await _retireTimer.DisposeAsync().ConfigureAwait(false);
        }

        using var graceEnds = new CancellationTokenSource(grace);
        using var cancelInFlight = graceEnds.Token.Register(() => _stopping.Cancel());
        var http = _app is null ? Task.CompletedTask : _app.StopAsync(graceEnds.Token);
        var events = Async.StopAsync(grace);
        await Task.WhenAll(http, events).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        await Pool.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the server (see <see cref="StopAsync"/>) with a one-second grace.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(_options.ShutdownGrace).ConfigureAwait(false);
        await Async.DisposeAsync().ConfigureAwait(false);
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
