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

    private readonly IReadOnlyList<ApiRoute> _routes;
    private readonly ServeOptions _options;
    private readonly TimeProvider _time;
    private WebApplication? _app;

    private ApiServer(IReadOnlyList<ApiRoute> routes, EnvironmentPool pool, ServeOptions options, TimeProvider time)
    {
        _routes = routes;
        Pool = pool;
        _options = options;
        _time = time;
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
        var server = new ApiServer(routes, pool, options, time);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o =>
        {
            o.Listen(ServeHost.Parse(host), port);
            o.AddServerHeader = false;
            o.Limits.MaxRequestBodySize = 10 * 1024 * 1024;
        });
        var app = builder.Build();
        app.Run(server.HandleAsync);
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
        var result = await Pool.InvokeAsync(new PoolRequest { Function = route.Function, Payload = payload, RequestId = requestId }, context.RequestAborted).ConfigureAwait(false);
        if (result.Throttled)
        {
            await WriteAsync(context, 429, "application/json", "{\"message\":\"Too Many Requests\"}"u8.ToArray()).ConfigureAwait(false);
            return;
        }

        var answer = result.Result!.Result.IsError ? null : ProxyResponse(context, route, result.Result.Result.Payload, route.Cors);
        if (answer is null)
        {
            context.Response.Clear();
            await WriteAsync(context, 502, "application/json", "{\"message\":\"Internal server error\"}"u8.ToArray()).ConfigureAwait(false);
            return;
        }

        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer, CancellationToken.None).ConfigureAwait(false);
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
    private static byte[]? ProxyResponse(HttpContext context, ApiRoute route, byte[] payload, ApiCors? cors)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            return null;
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
                return root.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetBytes(root.GetString()!) : payload;
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out var status) || !TryStatus(status, out var code))
            {
                return null;
            }

            var allowed = route.IsHttpApi
                ? new[] { "statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded", "cookies" }
                : ["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"];
            if (!route.IsHttpApi && root.EnumerateObject().Any(p => !allowed.Contains(p.Name)))
            {
                return null;
            }

            byte[] bytes = [];
            if (root.TryGetProperty("body", out var body) && body.ValueKind != JsonValueKind.Null)
            {
                if (body.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                var base64 = root.TryGetProperty("isBase64Encoded", out var b) && b.ValueKind == JsonValueKind.True;
                try
                {
                    bytes = base64 ? Convert.FromBase64String(body.GetString()!) : Encoding.UTF8.GetBytes(body.GetString()!);
                }
                catch (FormatException)
                {
                    return null;
                }
            }

            response.StatusCode = code;
            if (root.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
            {
                foreach (var h in headers.EnumerateObject())
                {
                    response.Headers[h.Name] = h.Value.ValueKind == JsonValueKind.String ? h.Value.GetString() : h.Value.GetRawText();
                }
            }

            if (root.TryGetProperty("multiValueHeaders", out var multi) && multi.ValueKind == JsonValueKind.Object)
            {
                foreach (var h in multi.EnumerateObject().Where(h => h.Value.ValueKind == JsonValueKind.Array))
                {
                    response.Headers[h.Name] = h.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()).ToArray();
                }
            }

            if (root.TryGetProperty("cookies", out var cookies) && cookies.ValueKind == JsonValueKind.Array)
            {
                response.Headers.SetCookie = cookies.EnumerateArray().Select(c => c.GetString()).ToArray();
            }

            if (route.IsHttpApi && !response.Headers.ContainsKey("Content-Type"))
            {
                response.ContentType = "application/json";
            }

            WriteCors(response, cors);
            return bytes;
        }
    }

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

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext context, int status, string contentType, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Stops the server and every environment.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        await Pool.DisposeAsync().ConfigureAwait(false);
    }
}
