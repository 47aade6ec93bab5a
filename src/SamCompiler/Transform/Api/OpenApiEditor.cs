using SamCompiler.Syntax;

namespace SamCompiler.Transform.Api;

/// <summary>Edits an OpenAPI 3 document of an HTTP API in place (samtranslator/open_api/open_api.py).</summary>
internal sealed partial class OpenApiEditor : IPathEditor
{
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private readonly bool _track;

    /// <summary>The $default path.</summary>
    public const string DefaultPath = "$default";

    /// <summary>Wraps a document; throws when it is not an OpenAPI 3 document.</summary>
    public OpenApiEditor(Node? doc, bool trackOrder = false)
    {
        _track = trackOrder;
        if (doc is not MapNode m || !IsValid(m))
        {
            throw new TemplateException("Invalid OpenApi document. Invalid values or missing keys for 'openapi' or 'paths' in 'DefinitionBody'.");
        }

        Doc = m;
        Paths = (MapNode)m["paths"]!;
        if (_track)
        {
            Py27.BeginSession(Doc);
        }

        if (m["components"] is { } c && SwaggerEditor.Truthy(c) && c is not MapNode)
        {
            throw new TemplateException("Invalid OpenApi document: The value of 'components' should be a map.");
        }

        _securitySchemes = m["components"].Get("securitySchemes") is MapNode { Count: > 0 } ss ? ss : new MapNode();
        _tags = m["tags"] is { } t && SwaggerEditor.Truthy(t) ? t : new ListNode();
        _info = m["info"] is MapNode { Count: > 0 } info ? info : new MapNode();
    }

    private readonly MapNode _securitySchemes;
    private readonly Node _tags;
    private readonly MapNode _info;

    /// <summary>The document (edited in place).</summary>
    public MapNode Doc { get; }

    /// <summary>The paths object.</summary>
    public MapNode Paths { get; }

    /// <summary>True for an OpenAPI 3 document with paths.</summary>
    public static bool IsValid(Node? data) =>
        data is MapNode { Count: > 0 } m && m["paths"] is MapNode && SwaggerEditor.Truthy(m["openapi"]) && SwaggerEditor.IsOpenApi3(m["openapi"]);

    /// <summary>An empty OpenAPI 3.0.1 document.</summary>
    public static MapNode Skeleton()
    {
        var info = new MapNode();
        info.SetP("version", Py27.S("1.0"));
        info.SetP("title", Py27.PlainDeep(Intrinsics.Ref("AWS::StackName")));
        var skeleton = new MapNode();
        skeleton.SetP("openapi", Py27.S("3.0.1"));
        skeleton.SetP("info", info);
        skeleton.SetP("paths", new MapNode());
        return skeleton;
    }

    /// <summary>Adds path/method when absent.</summary>
    public void AddPath(string path, string method)
    {
        method = SwaggerEditor.NormalizeMethod(method);
        if (!Paths.TryGetValue(path, out var pathDict))
        {
            pathDict = new MapNode();
            Paths[path] = pathDict;
            if (path == DefaultPath && method == SwaggerEditor.AnyMethod)
            {
                Py27.MarkKeyPlain(Paths, path);
            }
        }

        if (pathDict is not MapNode)
        {
            throw new TemplateException($"Value of '{path}' path must be a dictionary according to Swagger spec.");
        }

        _touched.Add(path);
        foreach (var item in SwaggerEditor.ConditionalContents(pathDict))
        {
            if (item is MapNode m && !m.ContainsKey(method))
            {
                m[method] = new MapNode();
                if (method == SwaggerEditor.AnyMethod)
                {
                    Py27.MarkKeyPlain(m, method);
                }
            }
        }
    }

    /// <summary>Wraps a whole path in Fn::If.</summary>
    public void MakePathConditional(string path, string condition, bool plainCondition = false) =>
        Paths[path] = SwaggerEditor.MakeConditional(condition, Paths[path]!, plainCondition);

    /// <summary>Ends an editing session (the reference's .openapi copy).</summary>
    public void Finish()
    {
        if (_tags is ListNode { Count: > 0 })
        {
            Doc["tags"] = _tags;
        }

        if (_securitySchemes.Count > 0)
        {
            if (Doc["components"] is not MapNode { Count: > 0 } components)
            {
                components = new MapNode();
                Doc["components"] = components;
            }

            components["securitySchemes"] = _securitySchemes;
        }

        if (_info.Count > 0)
        {
            Doc["info"] = _info;
        }

        if (_track)
        {
            Py27.EndSession(Doc, _touched.Where(Paths.ContainsKey).Select(p => Paths[p]!));
        }

        _touched.Clear();
    }

    /// <summary>The info object of the document.</summary>
    public MapNode Info() => _info;

    /// <summary>True when an integration exists at path/method in every branch.</summary>
    public bool HasIntegration(string path, string method)
    {
        method = SwaggerEditor.NormalizeMethod(method);
        if (!Paths.ContainsKey(path))
        {
            return false;
        }

        foreach (var item in SwaggerEditor.ConditionalContents(Paths[path]))
        {
            if (item is not MapNode m || !m.ContainsKey(method))
            {
                return false;
            }
        }

        foreach (var item in SwaggerEditor.ConditionalContents(Paths[path]))
        {
            var m = SwaggerEditor.ValidatePathItemIsDict(item, path);
            if (m[method] is not MapNode def || !SwaggerEditor.ConditionalContents(def).Any(d => d is MapNode dm && SwaggerEditor.Truthy(dm[SwaggerEditor.Integration])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The method definitions at path/method (through conditionals).</summary>
    public IEnumerable<MapNode> MethodDefinitions(string path, string method, bool skipWithoutIntegration = true)
    {
        var normalized = SwaggerEditor.NormalizeMethod(method);
        foreach (var item in SwaggerEditor.ConditionalContents(Paths[path]))
        {
            var m = SwaggerEditor.ValidatePathItemIsDict(item, path);
            foreach (var def in SwaggerEditor.ConditionalContents(m[normalized]))
            {
                var d = def as MapNode ?? throw new TemplateException($"Definition of method '{method}' for path '{path}' should be a map.");
                if (skipWithoutIntegration && !SwaggerEditor.Truthy(d[SwaggerEditor.Integration]))
                {
                    continue;
                }

                yield return d;
            }
        }
    }

    /// <summary>True when every integration at path/method calls the function (is_integration_function_logical_id_match).</summary>
    public bool IntegrationFunctionMatches(string path, string method, string logicalId)
    {
        if (!HasIntegration(path, method))
        {
            return false;
        }

        foreach (var def in MethodDefinitions(path, method, false))
        {
            var integration = def[SwaggerEditor.Integration] ?? new MapNode();
            if (integration is not MapNode im)
            {
                throw new TemplateException($"Value of '{SwaggerEditor.Integration}' must be a dictionary according to Swagger spec.");
            }

            if (im["uri"] is not MapNode uri)
            {
                return false;
            }

            foreach (var content in SwaggerEditor.ConditionalContents(uri))
            {
                var arn = content.Get("Fn::Sub").AsString() ?? string.Empty;
                var match = System.Text.RegularExpressions.Regex.Match(arn, @"([A-Za-z0-9]+\.Arn)");
                if (!match.Success || match.Groups[1].Value.Split(".Arn")[0] != logicalId)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Adds the aws_proxy integration (payload format 2.0).</summary>
    public void AddLambdaIntegration(string path, string method, Node uri, string? condition)
    {
        method = SwaggerEditor.NormalizeMethod(method);
        if (HasIntegration(path, method))
        {
            return;
        }

        AddPath(path, method);
        Node integrationUri = condition is not null ? SwaggerEditor.MakeConditional(condition, uri) : uri;
        foreach (var raw in SwaggerEditor.ConditionalContents(Paths[path]))
        {
            var item = SwaggerEditor.ValidatePathItemIsDict(raw, path);
            if (item[method] is null || item[method]!.IsNull)
            {
                item[method] = new MapNode();
            }

            if (item[method] is not MapNode def)
            {
                // The reference fails here with a TypeError (an internal error); a template can say it plainly.
                throw new TemplateException($"Value of '{method}' for path '{path}' must be a dictionary according to the OpenAPI spec.", item[method]!.Span);
            }

            var integration = new MapNode();
            integration.SetP("type", Py27.S("aws_proxy"));
            integration.SetP("httpMethod", Py27.S("POST"));
            integration.SetP("payloadFormatVersion", Py27.S("2.0"));
            integration.SetP("uri", integrationUri);
            def.SetP(SwaggerEditor.Integration, integration);
            if (path == DefaultPath && method == SwaggerEditor.AnyMethod)
            {
                def.SetP("isDefaultRoute", true);
            }

            if (!def.ContainsKey("responses"))
            {
                def.SetP("responses", new MapNode());
            }

            if (condition is not null)
            {
                item[method] = SwaggerEditor.MakeConditional(condition, def);
            }
        }
    }

    /// <summary>Sets timeoutInMillis on the integrations of path/method.</summary>
    public void AddTimeout(string path, string method, Node timeout)
    {
        foreach (var def in MethodDefinitions(path, method))
        {
            ((MapNode)def[SwaggerEditor.Integration]!).SetP("timeoutInMillis", timeout);
        }
    }

    /// <summary>Sets payloadFormatVersion on the integrations of path/method.</summary>
    public void AddPayloadFormatVersion(string path, string method, Node version)
    {
        foreach (var def in MethodDefinitions(path, method))
        {
            ((MapNode)def[SwaggerEditor.Integration]!).SetP("payloadFormatVersion", version);
        }
    }

    /// <summary>Declares the path parameters of path/method.</summary>
    public void AddPathParameters(string path, string method, List<string> parameters)
    {
        foreach (var def in MethodDefinitions(path, method))
        {
            if (def["parameters"] is not ListNode list)
            {
                list = new ListNode();
                def["parameters"] = list;
            }

            foreach (var param in parameters)
            {
                var existing = list.OfType<MapNode>().FirstOrDefault(p => p["name"].AsString() == param);
                if (existing is not null)
                {
                    existing["in"] = "path";
                    existing["required"] = true;
                }
                else
                {
                    list.Add(new MapNode { ["name"] = param, ["in"] = "path", ["required"] = true });
                }
            }
        }
    }

    /// <summary>Adds the event's authorizer to path/method.</summary>
    public void AddAuthToMethod(string path, string method, MapNode auth, MapNode api)
    {
        var authorizer = auth["Authorizer"];
        var scopes = auth["AuthorizationScopes"] ?? new ListNode();
        var authorizers = api["Auth"].Get("Authorizers") as MapNode;
        if (!SwaggerEditor.Truthy(authorizer))
        {
            return;
        }

        var name = authorizer.AsString()!;
        foreach (var def in MethodDefinitions(path, method))
        {
            var securityDict = new MapNode { [name] = new ListNode() };
            if (name is not ("NONE" or "AWS_IAM"))
            {
                var a = authorizers?[name] ?? new MapNode();
                if (a is not MapNode am)
                {
                    throw new TemplateException($"Type of authorizer '{name}' must be a dictionary");
                }

                var methodScopes = am["AuthorizationScopes"];
                if (SwaggerEditor.Truthy(scopes))
                {
                    methodScopes = scopes;
                }

                if (SwaggerEditor.Truthy(authorizers?[name]) && SwaggerEditor.Truthy(methodScopes))
                {
                    securityDict[name] = methodScopes!;
                }
            }

            var existing = def["security"] ?? new ListNode();
            if (existing is not ListNode el)
            {
                throw new TemplateException($"Type of security for path {path} method {method} must be a list");
            }

            def["security"] = new ListNode(el.Concat([securityDict]));
        }
    }

    /// <summary>Adds the authorizers to components.securitySchemes.</summary>
    internal void AddAuthorizersSecuritySchemes(List<HttpAuthorizer> authorizers, string partition)
    {
        foreach (var a in authorizers)
        {
            _securitySchemes[a.Name] = a.GenerateOpenApi(partition);
        }
    }

    /// <summary>Adds the default authorizer to the methods of a path without security.</summary>
    internal void SetPathDefaultAuthorizer(string path, string defaultAuthorizer, List<HttpAuthorizer> authorizers)
    {
        foreach (var raw in SwaggerEditor.ConditionalContents(Paths[path]))
        {
            var item = SwaggerEditor.ValidatePathItemIsDict(raw, path);
            foreach (var (methodName, method) in item.ToList())
            {
                var normalized = SwaggerEditor.NormalizeMethod(methodName);
                if (normalized is "parameters" or "options")
                {
                    continue;
                }

                if (!item.ContainsKey(normalized))
                {
                    throw new TemplateException($"Could not find {normalized} in {path} within DefinitionBody.");
                }

                foreach (var content in SwaggerEditor.ConditionalContents(method))
                {
                    var def = content as MapNode ?? throw new TemplateException($"Definition of method '{methodName}' for path '{path}' should be a map.");
                    if (!SwaggerEditor.Truthy(def[SwaggerEditor.Integration]) || SwaggerEditor.Truthy(def["security"]))
                    {
                        continue;
                    }

                    var a = authorizers.FirstOrDefault(x => x.Name == defaultAuthorizer);
                    Node scopes = a?.AuthorizationScopes is { IsNull: false } sc ? sc : new ListNode();
                    def["security"] = new ListNode([new MapNode { [defaultAuthorizer] = scopes }]);
                }
            }
        }
    }

    /// <summary>Adds tags with the API Gateway tag-value extension.</summary>
    public void AddTags(MapNode tags, bool py27Order)
    {
        foreach (var name in py27Order ? Py27.KeyOrder(tags) : [.. tags.Keys])
        {
            var value = tags[name]!;
            if (_tags is not ListNode list)
            {
                throw new TemplateException($"Tags in OpenApi DefinitionBody needs to be a list. {PyRepr.Str(_tags)} is a {PyRepr.TypeName(_tags)} not a list.");
            }

            var existing = list.OfType<MapNode>().FirstOrDefault(t => t["name"].AsString() == name);
            if (existing is not null)
            {
                existing["x-amazon-apigateway-tag-value"] = value;
            }
            else
            {
                list.Add(new MapNode { ["name"] = name, ["x-amazon-apigateway-tag-value"] = value });
            }
        }
    }

    /// <summary>Sets disableExecuteApiEndpoint in every servers entry.</summary>
    public void AddEndpointConfig(Node disable)
    {
        var servers = Doc["servers"] as ListNode ?? new ListNode([new MapNode()]);
        foreach (var config in servers)
        {
            if (config is not MapNode cm)
            {
                throw new TemplateException("Value of 'servers' item must be a dictionary according to Swagger spec.");
            }

            if (cm["x-amazon-apigateway-endpoint-configuration"] is not MapNode ec)
            {
                ec = new MapNode();
            }

            ec["disableExecuteApiEndpoint"] = disable;
            cm["x-amazon-apigateway-endpoint-configuration"] = ec;
        }

        Doc["servers"] = servers;
    }

    /// <summary>Sets x-amazon-apigateway-cors.</summary>
    public void AddCors(Node? origins, Node? headers, Node? methods, Node? expose, Node? maxAge, Node? credentials)
    {
        var cors = Doc["x-amazon-apigateway-cors"] ?? new MapNode();
        if (cors is not MapNode config)
        {
            throw new TemplateException("Value of 'x-amazon-apigateway-cors' must be a dictionary according to Swagger spec.");
        }

        if (SwaggerEditor.Truthy(origins) && origins!.IsIntrinsic)
        {
            var renamed = Rename(origins);
            foreach (var (k, v) in renamed)
            {
                config[k] = v;
            }
        }
        else
        {
            if (SwaggerEditor.Truthy(origins))
            {
                config["allowOrigins"] = origins!;
            }

            if (SwaggerEditor.Truthy(headers))
            {
                config["allowHeaders"] = headers!;
            }

            if (SwaggerEditor.Truthy(methods))
            {
                config["allowMethods"] = methods!;
            }

            if (SwaggerEditor.Truthy(expose))
            {
                config["exposeHeaders"] = expose!;
            }

            if (maxAge is not null && !maxAge.IsNull)
            {
                config["maxAge"] = maxAge;
            }

            if (credentials is ScalarNode { IsTrue: true })
            {
                config["allowCredentials"] = credentials;
            }
        }

        Doc["x-amazon-apigateway-cors"] = config;
    }

    private static readonly string[] CorsKeys = ["allowOrigins", "allowHeaders", "allowMethods", "exposeHeaders", "maxAge", "allowCredentials"];

    /// <summary>The reference's json round trip that renames "AllowOrigins" to "allowOrigins" everywhere (keys and strings).</summary>
    private static MapNode Rename(Node node) => (MapNode)RenameNode(node);

    private static Node RenameNode(Node node)
    {
        static string Fix(string s)
        {
            foreach (var h in CorsKeys)
            {
                s = s.Replace(char.ToUpperInvariant(h[0]) + h[1..], h, StringComparison.Ordinal);
            }

            return s;
        }

        return node switch
        {
            MapNode m => m.Aggregate(new MapNode(), (acc, e) =>
            {
                acc[Fix(e.Key)] = RenameNode(e.Value);
                return acc;
            }),
            ListNode l => new ListNode(l.Select(RenameNode)),
            ScalarNode { Kind: ScalarKind.String } s => ScalarNode.String(Fix(s.Text)),
            _ => node.Clone(),
        };
    }

    /// <summary>Path with path parameters turned into "*" (open_api get_path_without_trailing_slash).</summary>
    public static string PathWithWildcards(string path) =>
        System.Text.RegularExpressions.Regex.Replace(path, @"{([a-zA-Z0-9._-]+|proxy\+)}", "*");
}
