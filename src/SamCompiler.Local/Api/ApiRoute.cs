using SamCompiler.Local.Pool;
using SamCompiler.Syntax;
using SamCompiler.Text;

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

    /// <summary>Reads the routes of every function's Api and HttpApi events.</summary>
    public static IReadOnlyList<ApiRoute> Read(SourceText source, IEnumerable<ServeFunction> functions)
    {
        var root = YamlDocumentLoader.Load(source).Root ?? new MapNode();
        var resources = root["Resources"].AsMap() ?? new MapNode();
        var globals = root.Get("Globals");
        var routes = new List<ApiRoute>();
        var byId = functions.ToDictionary(f => f.LogicalId, StringComparer.Ordinal);
        foreach (var function in byId.Values)
        {
            foreach (var (_, e) in function.Events)
            {
                var type = e.Get("Type").AsString();
                if (type is not ("Api" or "HttpApi"))
                {
                    continue;
                }

                var properties = e.Get("Properties").AsMap() ?? new MapNode();
                var http = type == "HttpApi";
                var apiId = properties.Get(http ? "ApiId" : "RestApiId").Get("Ref").AsString() ?? properties.Get(http ? "ApiId" : "RestApiId").AsString();
                var api = apiId is null ? null : resources[apiId].Get("Properties").AsMap();
                var globalApi = globals.Get(http ? "HttpApi" : "Api").AsMap();
                var stage = Text(api.Get("StageName")) ?? Text(globalApi.Get("StageName")) ?? (http ? "$default" : "Prod");
                var variables = (api.Get("Variables").AsMap() ?? globalApi.Get("Variables").AsMap() ?? new MapNode())
                    .Where(v => Text(v.Value) is not null).ToDictionary(v => v.Key, v => Text(v.Value)!, StringComparer.Ordinal);
                var binary = (api.Get("BinaryMediaTypes").AsList() ?? globalApi.Get("BinaryMediaTypes").AsList() ?? [])
                    .Select(Text).OfType<string>().Select(t => t.Replace("~1", "/", StringComparison.Ordinal)).ToList();
                var cors = ReadCors(http ? api.Get("CorsConfiguration") ?? globalApi.Get("CorsConfiguration") : api.Get("Cors") ?? globalApi.Get("Cors"), http);
                var path = Text(properties["Path"]);
                var method = Text(properties["Method"])?.ToUpperInvariant();
                routes.Add(new ApiRoute
                {
                    Function = function,
                    IsHttpApi = http,
                    Method = method is null or "X-AMAZON-APIGATEWAY-ANY-METHOD" ? "ANY" : method,
                    Path = path ?? (http ? "$default" : "/"),
                    Stage = stage,
                    StageVariables = variables,
                    BinaryMediaTypes = binary,
                    Cors = cors,
                    Authorizer = http ? null : ReadAuthorizer(api.Get("Auth") ?? globalApi.Get("Auth"), properties.Get("Auth").Get("Authorizer").AsString(), byId),
                });
            }
        }

        return routes;
    }

    private static ApiCors? ReadCors(Node? node, bool http)
    {
        switch (node)
        {
            case null:
                return null;
            case ScalarNode s when Text(s) is { } origin:
                return new ApiCors(origin.Trim('\''), "DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT", null, null);
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

    private static ApiAuthorizer? ReadAuthorizer(Node? auth, string? eventAuthorizer, Dictionary<string, ServeFunction> functions)
    {
        var name = eventAuthorizer ?? Text(auth.Get("DefaultAuthorizer"));
        if (name is null or "NONE" || auth.Get("Authorizers").Get(name) is not MapNode definition)
        {
            return null;
        }

        var arn = definition["FunctionArn"];
        var functionId = arn.Get("Fn::GetAtt") is ListNode { Count: > 0 } l ? Text(l[0]) : Text(arn.Get("Fn::GetAtt"))?.Split('.')[0] ?? Text(arn.Get("Ref"));
        if (functionId is null || !functions.TryGetValue(functionId, out var function))
        {
            return null;
        }

        var request = string.Equals(Text(definition["FunctionPayloadType"]), "REQUEST", StringComparison.Ordinal);
        var identity = definition.Get("Identity");
        var headers = request
            ? (identity.Get("Headers").AsList() ?? []).Select(Text).OfType<string>().ToList()
            : [Text(identity.Get("Header")) ?? "Authorization"];
        return new ApiAuthorizer(name, function, request, headers);
    }

    private static string? JoinList(Node? node) => node is ListNode l ? string.Join(',', l.Select(Text).OfType<string>()) : Text(node);

    private static string? Text(Node? node) => node is ScalarNode { Kind: not ScalarKind.Null } s ? s.Text : null;
}
