using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SamCompiler.Local.RuntimeApi;

/// <summary>
/// The Lambda Runtime API (2018-06-01) on 127.0.0.1 with an ephemeral port, served by Kestrel. Invocations are
/// queued on a channel; <c>GET next</c> waits on it (no polling) and the runtime's posts complete the
/// invocation's task. One server serves one execution environment.
/// </summary>
public sealed class RuntimeApiServer : IAsyncDisposable
{
    private readonly Channel<Invocation> _queue = Channel.CreateUnbounded<Invocation>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private const int RememberedIds = 64;

    private readonly ConcurrentDictionary<string, Invocation> _invocations = new(StringComparer.Ordinal);
    private readonly Queue<string> _finishedIds = new();
    private readonly HashSet<string> _finishedSet = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<InvocationResult> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeProvider _time;
    private WebApplication? _app;

    private RuntimeApiServer(TimeProvider time) => _time = time;

    /// <summary><c>host:port</c> for AWS_LAMBDA_RUNTIME_API.</summary>
    public string Address { get; private set; } = string.Empty;

    /// <summary>Completes when the runtime posts to <c>/runtime/init/error</c>.</summary>
    public Task<InvocationResult> InitError => _initError.Task;

    /// <summary>Completes when Kestrel serves (and <see cref="Address"/> is set).</summary>
    public Task Started { get; private set; } = Task.CompletedTask;

    /// <summary>Starts a server on 127.0.0.1 with an ephemeral port and waits until it serves.</summary>
    public static async Task<RuntimeApiServer> StartAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var server = Create(time, cancellationToken);
        await server.Started.ConfigureAwait(false);
        return server;
    }

    /// <summary>
    /// Starts Kestrel on 127.0.0.1 with an ephemeral port in the background (<see cref="Started"/>; <see cref="Address"/>
    /// is known once it completes), so callers can read the template while Kestrel starts.
    /// </summary>
    public static RuntimeApiServer Create(TimeProvider time, CancellationToken cancellationToken)
    {
        var server = new RuntimeApiServer(time);
        server.Started = Task.Run(() => server.StartKestrelAsync(cancellationToken), cancellationToken);
        return server;
    }

    private async Task StartKestrelAsync(CancellationToken cancellationToken)
    {
        var builder = HttpHost.CreateBuilder();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.AddServerHeader = false;
            o.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.UseRouting();
        app.MapGet(RuntimeApiRoutes.Next, (RequestDelegate)NextAsync);
        app.MapPost(RuntimeApiRoutes.Response, (RequestDelegate)ResponseAsync);
        app.MapPost(RuntimeApiRoutes.Error, (RequestDelegate)ErrorAsync);
        app.MapPost(RuntimeApiRoutes.InitError, (RequestDelegate)InitErrorAsync);
        _app = app;
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address).Authority;
    }

    /// <summary>Queues an invocation for the runtime.</summary>
    public void Enqueue(Invocation invocation)
    {
        _invocations[invocation.RequestId] = invocation;
        _queue.Writer.TryWrite(invocation);
    }

    /// <summary>
    /// Drops a finished invocation (its event and result) from the server: a warm environment serves invocations
    /// all day, and nothing of one it finished may stay in memory. Its id is remembered (the last
    /// <see cref="RememberedIds"/>) so that a late post for it still gets 403 InvalidStateTransition.
    /// </summary>
    public void Forget(string requestId)
    {
        if (_invocations.TryRemove(requestId, out _))
        {
            lock (_finishedIds)
            {
                _finishedIds.Enqueue(requestId);
                _finishedSet.Add(requestId);
                while (_finishedIds.Count > RememberedIds)
                {
                    _finishedSet.Remove(_finishedIds.Dequeue());
                }
            }
        }
    }

    /// <summary>Invocations still held (queued, in flight, or finished and not yet forgotten).</summary>
    public int HeldInvocations => _invocations.Count;

    private async Task NextAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        Invocation invocation;
        do
        {
            try
            {
                invocation = await _queue.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        while (!invocation.TryDispatch(_time.GetUtcNow()));

        var headers = context.Response.Headers;
        headers[RuntimeApiRoutes.RequestIdHeader] = invocation.RequestId;
        headers[RuntimeApiRoutes.DeadlineHeader] = invocation.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers[RuntimeApiRoutes.InvokedFunctionArnHeader] = invocation.FunctionArn;
        headers[RuntimeApiRoutes.TraceIdHeader] = invocation.TraceId;
        if (invocation.ClientContext is { } clientContext)
        {
            headers[RuntimeApiRoutes.ClientContextHeader] = clientContext;
        }

        if (invocation.CognitoIdentity is { } identity)
        {
            headers[RuntimeApiRoutes.CognitoIdentityHeader] = identity;
        }

        context.Response.ContentType = "application/json";
        context.Response.ContentLength = invocation.Payload.Length;
        await context.Response.Body.WriteAsync(invocation.Payload, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task ResponseAsync(HttpContext context)
    {
        if (Find(context) is not { } invocation)
        {
            await RejectUnknownAsync(context).ConfigureAwait(false);
            return;
        }

        if (invocation.IsDone)
        {
            await RejectStateAsync(context, invocation).ConfigureAwait(false);
            return;
        }

        var (body, length) = await HttpBodies.ReadAsync(context.Request, RuntimeApiRoutes.MaxResponseBytes).ConfigureAwait(false);
        if (!invocation.IsInFlight)
        {
            await RejectStateAsync(context, invocation).ConfigureAwait(false);
            return;
        }

        if (body is null)
        {
            var message = string.Create(CultureInfo.InvariantCulture, $"Response payload size ({length} bytes) exceeded maximum allowed payload size ({RuntimeApiRoutes.MaxResponseBytes} bytes).");
            invocation.TryCompleteFromRuntime(LambdaErrors.Result(LambdaErrors.ResponseSizeTooLarge, message));
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, LambdaErrors.Create("RequestEntityTooLarge", message)).ConfigureAwait(false);
            return;
        }

        if (!invocation.TryCompleteFromRuntime(new InvocationResult(body, null)))
        {
            await RejectStateAsync(context, invocation).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, StatusCodes.Status202Accepted, "{\"status\":\"OK\"}"u8.ToArray()).ConfigureAwait(false);
    }

    private async Task ErrorAsync(HttpContext context)
    {
        if (Find(context) is not { } invocation)
        {
            await RejectUnknownAsync(context).ConfigureAwait(false);
            return;
        }

        var result = await ReadErrorAsync(context).ConfigureAwait(false);
        if (!invocation.TryCompleteFromRuntime(result))
        {
            await RejectStateAsync(context, invocation).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, StatusCodes.Status202Accepted, "{\"status\":\"OK\"}"u8.ToArray()).ConfigureAwait(false);
    }

    private async Task InitErrorAsync(HttpContext context)
    {
        var result = await ReadErrorAsync(context).ConfigureAwait(false);
        if (!_initError.TrySetResult(result))
        {
            await WriteAsync(context, StatusCodes.Status403Forbidden, LambdaErrors.Create("InvalidStateTransition", "The runtime already reported an initialization error.")).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, StatusCodes.Status202Accepted, "{\"status\":\"OK\"}"u8.ToArray()).ConfigureAwait(false);
    }

    private static async Task<InvocationResult> ReadErrorAsync(HttpContext context)
    {
        var (body, _) = await HttpBodies.ReadAsync(context.Request, RuntimeApiRoutes.MaxResponseBytes).ConfigureAwait(false);
        var headerType = context.Request.Headers[RuntimeApiRoutes.FunctionErrorTypeHeader].ToString();
        var (bodyType, _) = body is { Length: > 0 } ? LambdaErrors.Read(body) : (null, null);
        var errorType = bodyType ?? (headerType.Length > 0 ? headerType : "Unhandled");
        if (body is not { Length: > 0 } || bodyType is null && LambdaErrors.Read(body).Message is null)
        {
            body = LambdaErrors.Create(errorType, body is { Length: > 0 } ? Encoding.UTF8.GetString(body) : "Unknown application error occurred");
        }

        return new InvocationResult(body, errorType);
    }

    private Invocation? Find(HttpContext context) =>
        context.GetRouteValue(RuntimeApiRoutes.RequestIdRouteValue) is not string id ? null
        : _invocations.TryGetValue(id, out var invocation) ? invocation
        : WasForgotten(id) ? Invocation.Finished(id)
        : null;

    private bool WasForgotten(string id)
    {
        lock (_finishedIds)
        {
            return _finishedSet.Contains(id);
        }
    }

    private static Task RejectUnknownAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status400BadRequest, LambdaErrors.Create("InvalidRequestID", "Invalid request ID"));

    private static Task RejectStateAsync(HttpContext context, Invocation invocation) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, LambdaErrors.Create(
            "InvalidStateTransition",
            invocation.IsDone ? $"Invocation {invocation.RequestId} is already complete." : $"Invocation {invocation.RequestId} has not been taken by the runtime."));

    private static async Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Stops the server; waiting <c>next</c> calls end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _queue.Writer.TryComplete();
        try
        {
            await Started.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The server never served; there is nothing to stop.
        }

        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }


        _stopping.Dispose();
    }
}
