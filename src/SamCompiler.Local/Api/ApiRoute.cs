using SamCompiler.Local.Pool;
using SamCompiler.Model;
using SamCompiler.Syntax;

namespace SamCompiler.Local.Api;

/// <summary>The CORS settings of an API (answered on OPTIONS preflight requests).</summary>
/// <param name="AllowOrigin">Access-Control-Allow-Origin.</param>
/// <param name="AllowMethods">Access-Control-Allow-Methods.</param>
/// <param name="AllowHeaders">Access-Control-Allow-Headers, if set.</param>
/// <param name="MaxAge">Access-Control-Max-Age, if set.</param>
public sealed record ApiCors(string AllowOrigin, string AllowMethods, string? AllowHeaders, string? MaxAge);

/// <summary>A Lambda authorizer of a REST API.</summary>
/// <param name="Name">The authorizer's name in Auth.Authorizers.</param>
/// <param name="Function">The authorizer function.</param>
/// <param name="IsRequest">True for REQUEST (FunctionPayloadType), false for TOKEN.</param>
/// <param name="Headers">The identity headers (TOKEN: Identity.Header, default Authorization).</param>
public sealed record ApiAuthorizer(string Name, ServeFunction Function, bool IsRequest, IReadOnlyList<string> Headers);

/// <summary>One route of start-api: an Api (REST, payload 1.0) or HttpApi (payload 2.0) event of a function.</summary>
public sealed record ApiRoute
{
    /// <summary>The function.</summary>
    public required ServeFunction Function { get; init; }

    /// <summary>True for HttpApi (payload 2.0).</summary>
    public bool IsHttpApi { get; init; }

    /// <summary>The method (upper case) or ANY.</summary>
    public required string Method { get; init; }

    /// <summary>The resource path template, e.g. /users/{id} or /{proxy+}; $default for an HttpApi catch-all.</summary>
    public required string Path { get; init; }

    /// <summary>The stage.</summary>
    public string Stage { get; init; } = "Prod";

    /// <summary>Stage variables.</summary>
    public IReadOnlyDictionary<string, string> StageVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>REST API binary media types (e.g. image/png, */*).</summary>
    public IReadOnlyList<string> BinaryMediaTypes { get; init; } = [];

    /// <summary>CORS settings, when the API has them.</summary>
    public ApiCors? Cors { get; init; }

    /// <summary>The Lambda authorizer guarding the route, if any.</summary>
    public ApiAuthorizer? Authorizer { get; init; }

    /// <summary>The path's segments.</summary>
    public IReadOnlyList<string> Segments => Path == "$default" ? ["{proxy+}"] : Path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Matches a request path; returns the path parameters, or null.</summary>
    public Dictionary<string, string>? Match(string requestPath)
    {
        var parts = requestPath.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var segments = Segments;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            if (s.StartsWith('{') && s.EndsWith("+}", StringComparison.Ordinal))
            {
                if (i >= parts.Length && Path != "$default")
                {
                    return null;
                }

                if (Path != "$default")
                {
                    parameters[s[1..^2]] = string.Join('/', parts.Skip(i).Select(Uri.UnescapeDataString));
                }

                return parameters;
            }

            if (i >= parts.Length)
            {
                return null;
            }

            if (s.StartsWith('{') && s.EndsWith('}'))
            {
                parameters[s[1..^1]] = Uri.UnescapeDataString(parts[i]);
            }
            else if (!string.Equals(s, parts[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        return parts.Length == segments.Count ? parameters : null;
    }

    /// <summary>Orders candidate routes as API Gateway does: more literal segments first, greedy last, exact method before ANY.</summary>
    public (int, int, int) Specificity => (
        -Segments.Count(s => !s.StartsWith('{')),
        Segments.Any(s => s.EndsWith("+}", StringComparison.Ordinal)) ? 1 : 0,
        Method == "ANY" ? 1 : 0);

    /// <summary>Reads the routes of the served functions' Api and HttpApi events from the template's model (read once).</summary>
    public static IReadOnlyList<ApiRoute> Read(SamTemplate model, IEnumerable<ServeFunction> functions)
    {
        var routes = new List<ApiRoute>();
        var byId = functions.ToDictionary(f => f.LogicalId, StringComparer.Ordinal);
        foreach (var function in byId.Values)
        {
            if (model.Find(function.LogicalId) is not ServerlessFunction fn)
            {
                continue;
            }

            foreach (var e in fn.Events)
            {
                var (http, api, path, method) = e switch
                {
                    ApiEvent a => (false, a.Api, a.Path, a.Method),
                    HttpApiEvent h => (true, h.Api, h.Path, h.Method),
                    _ => default,
                };
                if (path is null || method is null)
                {
                    continue;
                }

                var variables = (api?.StageVariables ?? [])
                    .Select(v => (v.Key, Value: model.Evaluate(v.Value).AsString()))
                    .Where(v => v.Value is not null)
                    .ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);
                var binary = (api?.BinaryMediaTypes as ListNode ?? [])
                    .Select(n => model.Evaluate(n).AsString()).OfType<string>().Select(t => t.Replace("~1", "/", StringComparison.Ordinal)).ToList();
                var verb = method.AsString()?.ToUpperInvariant();
                routes.Add(new ApiRoute
                {
                    Function = function,
                    IsHttpApi = http,
                    Method = verb is null or "X-AMAZON-APIGATEWAY-ANY-METHOD" ? "ANY" : verb,
                    Path = path.AsString() ?? (http ? "$default" : "/"),
                    Stage = api?.Stage ?? (http ? "$default" : "Prod"),
                    StageVariables = variables,
                    BinaryMediaTypes = binary,
                    Cors = ReadCors(model, api?.Cors, http),
                    Authorizer = http ? null : ReadAuthorizer(model, api?.Auth, model.Evaluate(e.Properties["Auth"].Get("Authorizer")).AsString(), byId),
                });
            }
        }

        return routes;
    }

    private static ApiCors? ReadCors(SamTemplate model, Node? node, bool http)
    {
        string? Text(Node? n) => model.Evaluate(n).AsString();
        string? JoinList(Node? n) => n is ListNode l ? string.Join(',', l.Select(Text).OfType<string>()) : Text(n);
        if (node is null)
        {
            return null;
        }

        if (Text(node) is { } origin)
        {
            return new ApiCors(origin.Trim('\''), "DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT", null, null);
        }

        switch (node)
        {
            case MapNode { IsIntrinsic: true }:
                return null;
            case MapNode m when http:
                return new ApiCors(
                    JoinList(m["AllowOrigins"]) ?? "*",
                    JoinList(m["AllowMethods"]) ?? "*",
                    JoinList(m["AllowHeaders"]),
                    Text(m["MaxAge"]));
            case MapNode m:
                return new ApiCors(
                    (Text(m["AllowOrigin"]) ?? "'*'").Trim('\''),
                    (Text(m["AllowMethods"]) ?? "'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT'").Trim('\''),
                    Text(m["AllowHeaders"])?.Trim('\''),
                    Text(m["MaxAge"])?.Trim('\''));
            default:
                return null;
        }
    }

    private static ApiAuthorizer? ReadAuthorizer(SamTemplate model, MapNode? auth, string? eventAuthorizer, Dictionary<string, ServeFunction> functions)
    {
        var name = eventAuthorizer ?? model.Evaluate(auth?["DefaultAuthorizer"]).AsString();
        if (name is null or "NONE" || auth.Get("Authorizers").Get(name) is not MapNode definition)
        {
            return null;
        }

        if (model.Referenced(definition["FunctionArn"])?.LogicalId is not { } functionId || !functions.TryGetValue(functionId, out var function))
        {
            return null;
        }

        var request = string.Equals(model.Evaluate(definition["FunctionPayloadType"]).AsString(), "REQUEST", StringComparison.Ordinal);
        var identity = definition["Identity"];
        var headers = request
            ? (identity.Get("Headers") as ListNode ?? []).Select(n => model.Evaluate(n).AsString()).OfType<string>().ToList()
            : [model.Evaluate(identity.Get("Header")).AsString() ?? "Authorization"];
        return new ApiAuthorizer(name, function, request, headers);
    }
}
