using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SamCompiler.Local.Invoke;
using SamCompiler.Local.InvokeApi;
using SamCompiler.Local.Pool;

namespace SamCompiler.Local.Api;

/// <summary>
/// start-api: API Gateway in front of the functions. REST API routes get payload 1.0 events, HTTP API routes payload
/// 2.0; path parameters, greedy {proxy+}, ANY, multi-value query strings and headers, base64 binary bodies, stage
/// variables and CORS preflight. Unknown routes get API Gateway's answers (REST: 403 Missing Authentication Token;
/// HTTP API: 404 Not Found); function errors and malformed proxy responses give 502.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    private static readonly string[] TextTypes = ["text/", "application/json", "application/xml", "application/javascript", "application/x-www-form-urlencoded", "+json", "+xml"];

    /// <summary>
    /// Response headers API Gateway does not pass from a proxy response: the hop-by-hop headers of RFC 9110 section 7.6.1
    /// (they describe one connection, and the function's connection is not the client's) and the framing headers the
    /// server sets itself.
    /// </summary>
    public static readonly IReadOnlySet<string> HopByHopHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer", "Trailers", "Transfer-Encoding", "Upgrade", "Content-Length",
    };

    /// <summary>API Gateway's request payload limit for REST and HTTP APIs (10 MB).</summary>
    public static long MaxRequestBytes { get; } = SamCompiler.Model.Aws.Quotas.ApiGatewayPayload.Value;

    private readonly IReadOnlyList<ApiRoute> _routes;
    private readonly ServeOptions _options;
    private readonly TimeProvider _time;
    private readonly LogSink _log;
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private int _stopped;

    private ApiServer(IReadOnlyList<ApiRoute> routes, EnvironmentPool pool, ServeOptions options, TimeProvider time, LogSink log)
    {
        _routes = routes;
        Pool = pool;
        _options = options;
        _time = time;
        _log = log;
    }

    /// <summary>The environments.</summary>
    public EnvironmentPool Pool { get; }

    /// <summary>The routes served.</summary>
    public IReadOnlyList<ApiRoute> Routes => _routes;

    /// <summary>The address the server listens on.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Starts the server (port 0: an ephemeral port).</summary>
    public static async Task<ApiServer> StartAsync(IReadOnlyList<ApiRoute> routes, IReadOnlyList<ServeFunction> functions, ServeOptions options, string host, int port, TimeProvider time, LogSink log, CancellationToken cancellationToken)
    {
        var pool = new EnvironmentPool(functions, options, time, log);
        var server = new ApiServer(routes, pool, options, time, log);
        var builder = HttpHost.CreateBuilder();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o =>
        {
            o.Listen(ServeHost.Parse(host), port);
            o.AddServerHeader = false;
            o.Limits.MaxRequestBodySize = null; // checked per request, with API Gateway's answer
        });
        var app = builder.Build();
        app.Run(server.HandleSafelyAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        server._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address);
        if (options.WarmContainers == WarmContainers.Eager)
        {
            await pool.WarmAsync(cancellationToken).ConfigureAwait(false);
        }

        return server;
    }

    /// <summary>
    /// Every request ends with an answer and, when something fails inside samc, a log line saying what: never
    /// Kestrel's bare 500.
    /// </summary>
    private async Task HandleSafelyAsync(HttpContext context)
    {
        try
        {
            await HandleAsync(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _log.WriteLine($"samc: {context.Request.Method} {context.Request.Path.Value}: {ex.GetType().Name}: {ex.Message}");
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await WriteAsync(context, 502, "application/json", "{\"message\":\"Internal server error\"}"u8.ToArray()).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var method = request.Method.ToUpperInvariant();
        if (path == "/metrics" && method == "GET" && !_routes.Any(r => r.Path == "/metrics"))
        {
            await WriteAsync(context, 200, "application/json", FunctionMetrics.ToJson(Pool.Metrics)).ConfigureAwait(false);
            return;
        }

        var matches = _routes
            .Select(r => (Route: r, Parameters: r.Match(path)))
            .Where(m => m.Parameters is not null)
            .OrderBy(m => m.Route.Specificity)
            .ToList();
        if (method == "OPTIONS" && matches.FirstOrDefault(m => m.Route.Cors is not null).Route is { Cors: { } cors } && !matches.Any(m => m.Route.Method == "OPTIONS"))
        {
            var h = context.Response.Headers;
            h["Access-Control-Allow-Origin"] = cors.AllowOrigin;
            h["Access-Control-Allow-Methods"] = cors.AllowMethods;
            if (cors.AllowHeaders is not null)
            {
                h["Access-Control-Allow-Headers"] = cors.AllowHeaders;
            }

            if (cors.MaxAge is not null)
            {
                h["Access-Control-Max-Age"] = cors.MaxAge;
            }

            context.Response.StatusCode = 200;
            return;
        }

        var match = matches.FirstOrDefault(m => m.Route.Method == method || m.Route.Method == "ANY");
        if (match.Route is null)
        {
            if (matches.Count > 0 && matches.All(m => m.Route.IsHttpApi) || matches.Count == 0 && _routes.Count > 0 && _routes.All(r => r.IsHttpApi))
            {
                await WriteAsync(context, 404, "application/json", "{\"message\":\"Not Found\"}"u8.ToArray()).ConfigureAwait(false);
                return;
            }

            context.Response.Headers["x-amzn-ErrorType"] = "MissingAuthenticationTokenException";
            await WriteAsync(context, 403, "application/json", "{\"message\":\"Missing Authentication Token\"}"u8.ToArray()).ConfigureAwait(false);
            return;
        }

        var route = match.Route;
        var body = await ReadBodyAsync(request).ConfigureAwait(false);
        if (body is null)
        {
            _log.WriteLine($"samc: {method} {path}: the request body is over API Gateway's {MaxRequestBytes.ToString(CultureInfo.InvariantCulture)}-byte limit; answered 413.");
            context.Response.Headers.Connection = "close";
            await WriteAsync(context, 413, "application/json", "{\"message\":\"Request Too Long\"}"u8.ToArray()).ConfigureAwait(false);
            return;
        }

        var binary = body.Length > 0 && IsBinary(route, request.ContentType);
        var requestId = Guid.NewGuid().ToString("D");
        string? authorizerContext = null;
        if (route.Authorizer is { } authorizer)
        {
            var (status, message, granted) = await AuthorizeAsync(context, route, authorizer, match.Parameters!).ConfigureAwait(false);
            if (status != 200)
            {
                await WriteAsync(context, status, "application/json", Encoding.UTF8.GetBytes(message)).ConfigureAwait(false);
                return;
            }

            authorizerContext = granted;
        }

        var payload = route.IsHttpApi ? EventV2(context, route, match.Parameters!, body, binary, requestId) : EventV1(context, route, match.Parameters!, body, binary, requestId, authorizerContext);
        if (payload.Length > InvokeApi.LambdaInvokeServer.MaxSyncPayload)
        {
            // The Invoke call API Gateway makes fails (RequestEntityTooLargeException); the function never runs.
            await InternalErrorAsync(context, requestId, $"the event for \"{route.Function.LogicalId}\" is {payload.Length.ToString(CultureInfo.InvariantCulture)} bytes, over Lambda's {InvokeApi.LambdaInvokeServer.MaxSyncPayload.ToString(CultureInfo.InvariantCulture)}-byte limit for synchronous invocations (RequestEntityTooLargeException); the function was not invoked").ConfigureAwait(false);
            return;
        }

        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        PoolResult result;
        try
        {
            result = await Pool.InvokeAsync(new PoolRequest { Function = route.Function, Payload = payload, RequestId = requestId }, aborted.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            return; // the client went away, or samc is stopping
        }

        if (result.Throttled)
        {
            await WriteAsync(context, 429, "application/json", "{\"message\":\"Too Many Requests\"}"u8.ToArray()).ConfigureAwait(false);
            return;
        }

        string? why;
        byte[]? answer;
        if (result.Result!.Result.IsError)
        {
            var (type, message) = RuntimeApi.LambdaErrors.Read(result.Result.Result.Payload);
            (answer, why) = (null, $"the function failed ({type ?? "Unhandled"}: {message})");
        }
        else
        {
            (answer, why) = ProxyResponse(context, route, result.Result.Result.Payload, route.Cors);
        }

        if (answer is null)
        {
            await InternalErrorAsync(context, requestId, why!).ConfigureAwait(false);
            return;
        }

        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>API Gateway's answer when the integration fails: 502 <c>{"message":"Internal server error"}</c>; the reason goes to the log.</summary>
    private async Task InternalErrorAsync(HttpContext context, string requestId, string why)
    {
        _log.WriteLine($"samc: {context.Request.Method} {context.Request.Path.Value} ({requestId}): 502 Internal server error: {why}.");
        context.Response.Clear();
        await WriteAsync(context, 502, "application/json", "{\"message\":\"Internal server error\"}"u8.ToArray()).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a Lambda authorizer as API Gateway does: 401 Unauthorized when the identity source is missing or the
    /// authorizer fails with "Unauthorized", 403 unless its policy allows execute-api:Invoke on the method ARN; on
    /// success the JSON for requestContext.authorizer (principalId and the context).
    /// </summary>
    private async Task<(int Status, string Message, string? Authorizer)> AuthorizeAsync(HttpContext context, ApiRoute route, ApiAuthorizer authorizer, Dictionary<string, string> parameters)
    {
        const string Unauthorized = "{\"message\":\"Unauthorized\"}";
        var request = context.Request;
        if (authorizer.Headers.Any(h => string.IsNullOrEmpty(request.Headers[h].ToString())))
        {
            return (401, Unauthorized, null);
        }

        var methodArn = $"arn:aws:execute-api:{_options.Region}:{_options.AccountId}:1234567890/{route.Stage}/{request.Method.ToUpperInvariant()}{request.Path.Value}";
        byte[] payload;
        if (authorizer.IsRequest)
        {
            using var v1 = JsonDocument.Parse(EventV1(context, route, parameters, [], false, Guid.NewGuid().ToString("D")));
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                w.WriteString("type", "REQUEST");
                w.WriteString("methodArn", methodArn);
                foreach (var p in v1.RootElement.EnumerateObject().Where(p => p.Name is not ("body" or "isBase64Encoded")))
                {
                    p.WriteTo(w);
                }

                w.WriteEndObject();
            }

            payload = stream.ToArray();
        }
        else
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                w.WriteString("type", "TOKEN");
                w.WriteString("authorizationToken", request.Headers[authorizer.Headers[0]].ToString());
                w.WriteString("methodArn", methodArn);
                w.WriteEndObject();
            }

            payload = stream.ToArray();
        }

        var result = await Pool.InvokeAsync(new PoolRequest { Function = authorizer.Function, Payload = payload }, context.RequestAborted).ConfigureAwait(false);
        if (result.Throttled || result.Result!.Result.IsError)
        {
            var message = result.Result is { } r ? RuntimeApi.LambdaErrors.Read(r.Result.Payload).Message : null;
            return message == "Unauthorized" ? (401, Unauthorized, null) : (500, "{\"message\":null}", null);
        }

        try
        {
            using var doc = JsonDocument.Parse(result.Result.Result.Payload);
            var root = doc.RootElement;
            var statements = root.TryGetProperty("policyDocument", out var policy) && policy.TryGetProperty("Statement", out var s) ? s : default;
            var list = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : statements.ValueKind == JsonValueKind.Object ? [statements] : [];
            bool Covers(JsonElement st) => Values(st, "Action").Any(a => a is "*" or "execute-api:*" or "execute-api:Invoke") && Values(st, "Resource").Any(r => Glob(r, methodArn));
            if (list.Any(st => Effect(st) == "Deny" && Covers(st)) || !list.Any(st => Effect(st) == "Allow" && Covers(st)))
            {
                return (403, "{\"Message\":\"User is not authorized to access this resource with an explicit deny\"}", null);
            }

            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                if (root.TryGetProperty("principalId", out var principal))
                {
                    w.WritePropertyName("principalId");
                    principal.WriteTo(w);
                }

                if (root.TryGetProperty("context", out var extra) && extra.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in extra.EnumerateObject())
                    {
                        p.WriteTo(w);
                    }
                }

                w.WriteEndObject();
            }

            return (200, string.Empty, Encoding.UTF8.GetString(stream.ToArray()));
        }
        catch (JsonException)
        {
            return (500, "{\"message\":null}", null);
        }

        static string? Effect(JsonElement st) => st.TryGetProperty("Effect", out var e) ? e.GetString() : null;

        static IEnumerable<string> Values(JsonElement st, string name) =>
            !st.TryGetProperty(name, out var v) ? []
            : v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(x => x.GetString() ?? string.Empty)
            : [v.GetString() ?? string.Empty];

        static bool Glob(string pattern, string value) =>
            System.Text.RegularExpressions.Regex.IsMatch(value, "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    private static bool IsBinary(ApiRoute route, string? contentType)
    {
        var type = (contentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
        if (route.IsHttpApi)
        {
            return type.Length > 0 && !TextTypes.Any(t => t.StartsWith('+') ? type.EndsWith(t, StringComparison.Ordinal) : type.StartsWith(t, StringComparison.Ordinal));
        }

        return route.BinaryMediaTypes.Any(b => b == "*/*" || string.Equals(b, type, StringComparison.OrdinalIgnoreCase)
            || (b.EndsWith("/*", StringComparison.Ordinal) && type.StartsWith(b[..^1], StringComparison.OrdinalIgnoreCase)));
    }

    private byte[] EventV1(HttpContext context, ApiRoute route, Dictionary<string, string> parameters, byte[] body, bool binary, string requestId, string? authorizer = null)
    {
        var request = context.Request;
        var now = _time.GetUtcNow();
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("resource", route.Path);
            w.WriteString("path", request.Path.Value);
            w.WriteString("httpMethod", request.Method.ToUpperInvariant());
            WriteHeaders(w, request, multi: false);
            WriteHeaders(w, request, multi: true);
            WriteQuery(w, request, multi: false);
            WriteQuery(w, request, multi: true);
            WriteMap(w, "pathParameters", parameters);
            WriteMap(w, "stageVariables", route.StageVariables);
            w.WriteStartObject("requestContext");
            w.WriteString("resourceId", "123456");
            w.WriteString("resourcePath", route.Path);
            w.WriteString("httpMethod", request.Method.ToUpperInvariant());
            w.WriteString("extendedRequestId", requestId);
            w.WriteString("requestTime", now.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture));
            w.WriteString("path", "/" + route.Stage + request.Path.Value);
            w.WriteString("accountId", _options.AccountId);
            w.WriteString("protocol", request.Protocol);
            w.WriteString("stage", route.Stage);
            w.WriteString("domainPrefix", "localhost");
            w.WriteNumber("requestTimeEpoch", now.ToUnixTimeMilliseconds());
            w.WriteString("requestId", requestId);
            w.WriteStartObject("identity");
            w.WriteString("sourceIp", context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1");
            w.WriteString("userAgent", request.Headers.UserAgent.ToString());
            w.WriteEndObject();
            w.WriteString("domainName", request.Host.Value);
            w.WriteString("apiId", "1234567890");
            if (authorizer is not null)
            {
                w.WritePropertyName("authorizer");
                w.WriteRawValue(authorizer);
            }

            w.WriteEndObject();
            WriteBody(w, body, binary);
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    private byte[] EventV2(HttpContext context, ApiRoute route, Dictionary<string, string> parameters, byte[] body, bool binary, string requestId)
    {
        var request = context.Request;
        var now = _time.GetUtcNow();
        var routeKey = route.Path == "$default" ? "$default" : $"{route.Method} {route.Path}";
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("version", "2.0");
            w.WriteString("routeKey", routeKey);
            w.WriteString("rawPath", request.Path.Value);
            w.WriteString("rawQueryString", request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty);
            var cookies = request.Headers.Cookie.SelectMany(c => (c ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (cookies.Count > 0)
            {
                w.WriteStartArray("cookies");
                cookies.ForEach(w.WriteStringValue);
                w.WriteEndArray();
            }

            w.WriteStartObject("headers");
            foreach (var h in request.Headers.Where(h => !string.Equals(h.Key, "Cookie", StringComparison.OrdinalIgnoreCase)))
            {
                w.WriteString(h.Key.ToLowerInvariant(), string.Join(',', h.Value.ToArray()));
            }

            w.WriteEndObject();
            if (request.Query.Count > 0)
            {
                w.WriteStartObject("queryStringParameters");
                foreach (var q in request.Query)
                {
                    w.WriteString(q.Key, string.Join(',', q.Value.ToArray()));
                }

                w.WriteEndObject();
            }

            w.WriteStartObject("requestContext");
            w.WriteString("accountId", _options.AccountId);
            w.WriteString("apiId", "1234567890");
            w.WriteString("domainName", request.Host.Value);
            w.WriteString("domainPrefix", "localhost");
            w.WriteStartObject("http");
            w.WriteString("method", request.Method.ToUpperInvariant());
            w.WriteString("path", request.Path.Value);
            w.WriteString("protocol", request.Protocol);
            w.WriteString("sourceIp", context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1");
            w.WriteString("userAgent", request.Headers.UserAgent.ToString());
            w.WriteEndObject();
            w.WriteString("requestId", requestId);
            w.WriteString("routeKey", routeKey);
            w.WriteString("stage", route.Stage);
            w.WriteString("time", now.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture));
            w.WriteNumber("timeEpoch", now.ToUnixTimeMilliseconds());
            w.WriteEndObject();
            if (parameters.Count > 0)
            {
                WriteMap(w, "pathParameters", parameters);
            }

            if (route.StageVariables.Count > 0)
            {
                WriteMap(w, "stageVariables", route.StageVariables);
            }

            WriteBody(w, body, binary);
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteBody(Utf8JsonWriter w, byte[] body, bool binary)
    {
        if (body.Length == 0)
        {
            w.WriteNull("body");
        }
        else
        {
            w.WriteString("body", binary ? Convert.ToBase64String(body) : Encoding.UTF8.GetString(body));
        }

        w.WriteBoolean("isBase64Encoded", binary);
    }

    private static void WriteHeaders(Utf8JsonWriter w, HttpRequest request, bool multi)
    {
        w.WriteStartObject(multi ? "multiValueHeaders" : "headers");
        foreach (var h in request.Headers)
        {
            if (multi)
            {
                w.WriteStartArray(h.Key);
                foreach (var v in h.Value)
                {
                    w.WriteStringValue(v);
                }

                w.WriteEndArray();
            }
            else
            {
                w.WriteString(h.Key, h.Value.LastOrDefault());
            }
        }

        w.WriteEndObject();
    }

    private static void WriteQuery(Utf8JsonWriter w, HttpRequest request, bool multi)
    {
        var name = multi ? "multiValueQueryStringParameters" : "queryStringParameters";
        if (request.Query.Count == 0)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        foreach (var q in request.Query)
        {
            if (multi)
            {
                w.WriteStartArray(q.Key);
                foreach (var v in q.Value)
                {
                    w.WriteStringValue(v);
                }

                w.WriteEndArray();
            }
            else
            {
                w.WriteString(q.Key, q.Value.LastOrDefault());
            }
        }

        w.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        foreach (var (k, v) in map)
        {
            w.WriteString(k, v);
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// Writes a proxy response: REST needs an object with an integer statusCode (else 502); HTTP API (payload 2.0)
    /// also accepts any JSON without statusCode, returned as a 200 application/json body.
    /// </summary>
    private static (byte[]? Body, string? Why) ProxyResponse(HttpContext context, ApiRoute route, byte[] payload, ApiCors? cors)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(payload);
        }
        catch (JsonException ex)
        {
            return (null, "the function's response is not JSON: " + ex.Message);
        }

        using (doc)
        {
            var root = doc.RootElement;
            var response = context.Response;
            if (route.IsHttpApi && (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out _)))
            {
                response.StatusCode = 200;
                response.ContentType = "application/json";
                WriteCors(response, cors);
                return (root.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetBytes(root.GetString()!) : payload, null);
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out var status) || !TryStatus(status, out var code))
            {
                return (null, "malformed Lambda proxy response: it needs an object with an integer statusCode (100-599)");
            }

            var allowed = route.IsHttpApi
                ? new[] { "statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded", "cookies" }
                : ["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"];
            if (!route.IsHttpApi && root.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !allowed.Contains(n)) is { } extra)
            {
                return (null, $"malformed Lambda proxy response: unexpected key \"{extra}\"");
            }

            byte[] bytes = [];
            if (root.TryGetProperty("body", out var body) && body.ValueKind != JsonValueKind.Null)
            {
                if (body.ValueKind != JsonValueKind.String)
                {
                    return (null, "malformed Lambda proxy response: body must be a string");
                }

                var base64 = root.TryGetProperty("isBase64Encoded", out var b) && b.ValueKind == JsonValueKind.True;
                try
                {
                    bytes = base64 ? Convert.FromBase64String(body.GetString()!) : Encoding.UTF8.GetBytes(body.GetString()!);
                }
                catch (FormatException)
                {
                    return (null, "malformed Lambda proxy response: isBase64Encoded is true but body is not base64");
                }
            }

            // Every header is checked before any is set: a value Kestrel cannot send (CR, LF, other control or
            // non-ASCII characters) makes the response malformed, as API Gateway judges it.
            var collected = new List<(string Name, string?[] Values)>();
            if (root.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
            {
                foreach (var h in headers.EnumerateObject())
                {
                    collected.Add((h.Name, [h.Value.ValueKind == JsonValueKind.String ? h.Value.GetString() : h.Value.GetRawText()]));
                }
            }

            if (root.TryGetProperty("multiValueHeaders", out var multi) && multi.ValueKind == JsonValueKind.Object)
            {
                foreach (var h in multi.EnumerateObject().Where(h => h.Value.ValueKind == JsonValueKind.Array))
                {
                    collected.Add((h.Name, h.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()).ToArray()));
                }
            }

            if (root.TryGetProperty("cookies", out var cookies) && cookies.ValueKind == JsonValueKind.Array)
            {
                collected.Add(("Set-Cookie", cookies.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.String ? c.GetString() : c.GetRawText()).ToArray()));
            }

            foreach (var (name, values) in collected)
            {
                if (!IsToken(name))
                {
                    return (null, $"malformed Lambda proxy response: \"{name}\" is not a valid header name");
                }

                if (values.FirstOrDefault(v => v is not null && !IsHeaderValue(v)) is { } bad)
                {
                    return (null, $"malformed Lambda proxy response: the value of header \"{name}\" has a control or non-ASCII character (\"{Escape(bad)}\")");
                }
            }

            response.StatusCode = code;
            foreach (var (name, values) in collected)
            {
                if (HopByHopHeaders.Contains(name))
                {
                    continue;
                }

                response.Headers[name] = name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase) && response.Headers.ContainsKey(name)
                    ? response.Headers[name].Concat(values).ToArray()
                    : values;
            }

            if (route.IsHttpApi && !response.Headers.ContainsKey("Content-Type"))
            {
                response.ContentType = "application/json";
            }

            WriteCors(response, cors);
            return (bytes, null);
        }
    }

    private static string Escape(string value) =>
        string.Concat(value.Select(c => c is < ' ' or > '~' ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}") : c.ToString()));

    /// <summary>An RFC 9110 token (a header name).</summary>
    private static bool IsToken(string name) =>
        name.Length > 0 && name.All(c => c < 127 && c > 32 && !"\"(),/:;<=>?@[\\]{}".Contains(c, StringComparison.Ordinal));

    /// <summary>A header value Kestrel sends as is: visible ASCII, space and tab.</summary>
    private static bool IsHeaderValue(string value) => value.All(c => c == '\t' || (c >= ' ' && c < 127));

    private static void WriteCors(HttpResponse response, ApiCors? cors)
    {
        if (cors is not null && !response.Headers.ContainsKey("Access-Control-Allow-Origin"))
        {
            response.Headers["Access-Control-Allow-Origin"] = cors.AllowOrigin;
        }
    }

    private static bool TryStatus(JsonElement status, out int code)
    {
        code = 0;
        return status.ValueKind switch
        {
            JsonValueKind.Number => status.TryGetInt32(out code) && code is >= 100 and <= 599,
            JsonValueKind.String => int.TryParse(status.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out code) && code is >= 100 and <= 599,
            _ => false,
        };
    }

    /// <summary>The request body, or null when it is over API Gateway's limit (read no further than the limit).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxRequestBytes)
        {
            return null;
        }

        var (body, _) = await HttpBodies.ReadAsync(request, checked((int)MaxRequestBytes), stopAtLimit: true).ConfigureAwait(false);
        return body;
    }

    private static async Task WriteAsync(HttpContext context, int status, string contentType, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops in order: no new connections or requests; requests in flight get up to <paramref name="grace"/> (then
    /// they are cancelled and their runtimes killed); every environment is stopped.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        var inFlight = Pool.InFlight;
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"samc: stopping: no new requests; {inFlight} invocation{(inFlight == 1 ? string.Empty : "s")} in flight get up to {grace.TotalSeconds:0.#} s (press Ctrl+C again to stop at once)."));
        using var graceEnds = new CancellationTokenSource(grace);
        using var cancelInFlight = graceEnds.Token.Register(() => _stopping.Cancel());
        if (_app is not null)
        {
            await _app.StopAsync(graceEnds.Token).ConfigureAwait(false);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        await Pool.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the server (see <see cref="StopAsync"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(_options.ShutdownGrace).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
