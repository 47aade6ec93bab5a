using System.Text.RegularExpressions;
using SamCompiler.Syntax;

namespace SamCompiler.Transform.Api;

/// <summary>
/// Edits a Swagger 2.0 / OpenAPI 3 document in place (samtranslator/swagger/swagger.py and open_api/base_editor.py).
/// The reference deep-copies the document on every edit, which makes the implicit API quadratic in the number of
/// events; here the one document is edited in place, and copies are taken only where the reference's copies are
/// observable.
/// </summary>
internal sealed partial class SwaggerEditor : IPathEditor
{
    /// <summary>x-amazon-apigateway-integration.</summary>
    public const string Integration = "x-amazon-apigateway-integration";

    /// <summary>The API Gateway name of ANY.</summary>
    public const string AnyMethod = "x-amazon-apigateway-any-method";

    private const string ConditionalIf = "Fn::If";

    /// <summary>Paths objects already checked (by size): the reference re-checks every path on each edit.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<MapNode, object> Validated = [];
    private const string OptionsMethod = "options";
    private static readonly string[] AllHttpMethods = ["OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"];
    private static readonly string[] ExcludedPathFields = ["summary", "description", "parameters"];

    /// <summary>Wraps a document; throws when it is not a Swagger document (the reference's constructor check).</summary>
    public SwaggerEditor(Node? doc)
    {
        if (doc is not MapNode m || !IsValid(m))
        {
            throw new TemplateException("Invalid Swagger document or the Swagger document is not explicitly defined in 'DefinitionBody'.");
        }

        Doc = m;
        Paths = (MapNode)m["paths"]!;
        Py27.BeginSession(Doc);
        // Every path item must be a dict (the reference checks them all on each construction). Paths checked before
        // stay valid, and new paths are appended, so only the ones added since the last check are checked again
        // (otherwise every Api event would re-check every path: quadratic in the number of events).
        var from = Validated.TryGetValue(Paths, out var count) && (int)count <= Paths.Count ? (int)count : 0;
        if (from != Paths.Count)
        {
            for (var i = from; i < Paths.Count; i++)
            {
                foreach (var item in ConditionalContents(Paths.ValueAt(i)))
                {
                    ValidatePathItemIsDict(item, Paths.KeyAt(i));
                }
            }

            Validated.AddOrUpdate(Paths, Paths.Count);
        }
    }

    /// <summary>The document (edited in place).</summary>
    public MapNode Doc { get; }

    /// <summary>The paths object.</summary>
    public MapNode Paths { get; }

    [GeneratedRegex(@"\A3(\.\d)(\.\d)?$")]
    private static partial Regex OpenApi3Regex();

    [GeneratedRegex(@"\A[2-3](\.\d)(\.\d)?$")]
    private static partial Regex OpenApiSupportedRegex();

    [GeneratedRegex(@"{([a-zA-Z0-9._-]+|[a-zA-Z0-9._-]+\+|proxy\+)}")]
    private static partial Regex PathParameterRegex();

    /// <summary>re.match of the OpenAPI 3 regex against str(value).</summary>
    public static bool IsOpenApi3(Node? value) => value is not null && OpenApi3Regex().IsMatch(PyStr(value));

    /// <summary>re.match of the supported OpenApiVersion regex against str(value).</summary>
    public static bool IsSupportedOpenApiVersion(Node? value) => value is not null && OpenApiSupportedRegex().IsMatch(PyStr(value));

    private static string PyStr(Node value) => value is ScalarNode s ? s.PythonStr : PyRepr.Of(value);

    /// <summary>True when <paramref name="data"/> is a Swagger or OpenAPI 3 document (SwaggerEditor.is_valid).</summary>
    public static bool IsValid(Node? data)
    {
        if (data is MapNode { Count: > 0 } m && m["paths"] is MapNode)
        {
            if (Truthy(m["swagger"]))
            {
                return true;
            }

            if (Truthy(m["openapi"]))
            {
                return IsOpenApi3(m["openapi"]);
            }
        }

        return false;
    }

    /// <summary>Python truthiness of a value.</summary>
    public static bool Truthy(Node? n) => Intrinsics.Truthy(n);

    /// <summary>An empty swagger document (gen_skeleton).</summary>
    public static MapNode Skeleton()
    {
        var info = new MapNode();
        info.SetP("version", Py27.S("1.0"));
        info.SetP("title", Py27.PlainDeep(Intrinsics.Ref("AWS::StackName")));
        var skeleton = new MapNode();
        skeleton.SetP("swagger", Py27.S("2.0"));
        skeleton.SetP("info", info);
        skeleton.SetP("paths", new MapNode());
        return skeleton;
    }

    /// <summary>Lower-cases a method name; "any" becomes x-amazon-apigateway-any-method.</summary>
    public static string NormalizeMethod(string method)
    {
        var m = method.ToLowerInvariant();
        return m == "any" ? AnyMethod : m;
    }

    /// <summary>The then/else contents of an Fn::If (without AWS::NoValue), or the item itself.</summary>
    public static List<Node> ConditionalContents(Node? item)
    {
        if (item is MapNode m && m.ContainsKey(ConditionalIf))
        {
            if (m[ConditionalIf] is not ListNode args)
            {
                throw new TemplateException("Value of Fn::If must be a list.");
            }

            return [.. args.Skip(1).Where(c => !IsNoValue(c))];
        }

        return [item!];
    }

    private static bool IsNoValue(Node n) => n is MapNode { Count: 1 } m && m["Ref"].AsString() == "AWS::NoValue";

    /// <summary>Fn::If [condition, data, AWS::NoValue] (make_conditional).</summary>
    public static MapNode MakeConditional(string condition, Node data, bool plainCondition = false) =>
        Py27.Plain(new MapNode { ["Fn::If"] = new ListNode([plainCondition ? Py27.S(condition) : ScalarNode.String(condition), data, Py27.PlainDeep(Intrinsics.NoValue())]) });

    /// <summary>Throws the reference's "must be a dictionary" error unless <paramref name="item"/> is a map.</summary>
    public static MapNode ValidatePathItemIsDict(Node? item, string path) =>
        item as MapNode ?? throw new TemplateException($"Value of '{path}' path must be a dictionary according to Swagger spec.");

    private static MapNode ValidateMethodIsDict(Node? item, string path, string method) =>
        item as MapNode ?? throw new TemplateException($"Definition of method '{method}' for path '{path}' should be a map.");

    private static bool HasIntegrationValue(MapNode method) => Truthy(method[Integration]);

    private bool MethodHasIntegration(Node raw, string path, string method)
    {
        foreach (var def in ConditionalContents(raw))
        {
            if (HasIntegrationValue(ValidateMethodIsDict(def, path, method)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the path (and method) exist in every branch.</summary>
    public bool HasPath(string path, string? method = null)
    {
        if (!Paths.ContainsKey(path))
        {
            return false;
        }

        if (method is not null && method.Length > 0)
        {
            method = NormalizeMethod(method);
            foreach (var item in ConditionalContents(Paths[path]))
            {
                if (item is not MapNode m || !m.ContainsKey(method))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>True when an integration exists at path/method in every branch.</summary>
    public bool HasIntegration(string path, string method)
    {
        method = NormalizeMethod(method);
        if (!HasPath(path, method))
        {
            return false;
        }

        foreach (var item in ConditionalContents(Paths[path]))
        {
            var m = ValidatePathItemIsDict(item, path);
            if (m[method] is not MapNode def || !MethodHasIntegration(def, path, method))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds path/method when absent (add_path).</summary>
    public void AddPath(string path, string method)
    {
        method = NormalizeMethod(method);
        if (!Paths.TryGetValue(path, out var pathDict))
        {
            pathDict = new MapNode();
            Paths[path] = pathDict;
        }

        if (pathDict is not MapNode)
        {
            throw new TemplateException($"Value of '{path}' path must be a dictionary according to Swagger spec.");
        }

        _touched.Add(path);
        foreach (var item in ConditionalContents(pathDict))
        {
            if (item is MapNode m && !m.ContainsKey(method))
            {
                m[method] = new MapNode();
                if (method == AnyMethod)
                {
                    Py27.MarkKeyPlain(m, method);
                }
            }
        }
    }

    /// <summary>Wraps a whole path in Fn::If.</summary>
    public void MakePathConditional(string path, string condition, bool plainCondition = false) =>
        Paths[path] = MakeConditional(condition, Paths[path]!, plainCondition);

    /// <summary>The method definitions at path/method (through conditionals).</summary>
    public IEnumerable<MapNode> MethodDefinitions(string path, string method, bool skipWithoutIntegration = true)
    {
        var normalized = NormalizeMethod(method);
        Touch(path);
        foreach (var item in ConditionalContents(Paths[path]))
        {
            var m = ValidatePathItemIsDict(item, path);
            foreach (var def in ConditionalContents(m[normalized]))
            {
                var d = ValidateMethodIsDict(def, path, method);
                if (skipWithoutIntegration && !HasIntegrationValue(d))
                {
                    continue;
                }

                yield return d;
            }
        }
    }

    /// <summary>(method name, definition) of every method of a path (iter_on_all_methods_for_path).</summary>
    public IEnumerable<(string Method, MapNode Definition)> AllMethods(string path, bool skipWithoutIntegration = true)
    {
        Touch(path);
        foreach (var item in ConditionalContents(Paths[path]))
        {
            var m = ValidatePathItemIsDict(item, path);
            foreach (var (name, value) in m.ToList())
            {
                if (ExcludedPathFields.Contains(name))
                {
                    continue;
                }

                foreach (var def in ConditionalContents(value))
                {
                    var d = ValidateMethodIsDict(def, path, name);
                    if (skipWithoutIntegration && !HasIntegrationValue(d))
                    {
                        continue;
                    }

                    yield return (NormalizeMethod(name), d);
                }
            }
        }
    }

    /// <summary>Adds the aws_proxy Lambda integration (add_lambda_integration).</summary>
    public void AddLambdaIntegration(string path, string method, Node uri, MapNode methodAuth, MapNode apiAuth, string? condition, Node? invokeMode, string partition)
    {
        method = NormalizeMethod(method);
        if (HasIntegration(path, method))
        {
            throw new TemplateException($"Lambda integration already exists on Path={path}, Method={method}");
        }

        AddPath(path, method);
        foreach (var raw in ConditionalContents(Paths[path]))
        {
            var item = ValidatePathItemIsDict(raw, path);
            var integrationUri = condition is not null ? MakeConditional(condition, uri) : uri;
            if (item[method] is not MapNode def)
            {
                // The reference fails here with a TypeError (an internal error); a template can say it plainly.
                throw new TemplateException($"Value of '{method}' for path '{path}' must be a dictionary according to Swagger spec.", item[method]!.Span);
            }

            var integration = new MapNode();
            integration.SetP("type", Py27.S("aws_proxy"));
            integration.SetP("httpMethod", Py27.S("POST"));
            integration.SetP("uri", integrationUri);
            def.SetP(Integration, integration);
            if (invokeMode.AsString() == "RESPONSE_STREAM")
            {
                integration.SetP("responseTransferMode", Py27.S("STREAM"));
            }

            if (methodAuth["Authorizer"].AsString() == "AWS_IAM" || (apiAuth["DefaultAuthorizer"].AsString() == "AWS_IAM" && methodAuth.Count == 0))
            {
                var methodRole = methodAuth["InvokeRole"];
                if (!Truthy(methodRole) && methodAuth.ContainsKey("InvokeRole"))
                {
                    methodRole = Py27.S("NONE");
                }

                var apiRole = apiAuth["InvokeRole"];
                if (!Truthy(apiRole) && apiAuth.ContainsKey("InvokeRole"))
                {
                    apiRole = Py27.S("NONE");
                }

                var role = Truthy(methodRole) ? methodRole : apiRole;
                var credentials = Truthy(role) && role.AsString() != "CALLER_CREDENTIALS" ? role! : Py27.S($"arn:{partition}:iam::*:user/*");
                if (credentials.AsString() != "NONE")
                {
                    integration.SetP("credentials", credentials);
                }
            }

            if (!def.ContainsKey("responses"))
            {
                def.SetP("responses", new MapNode());
            }

            if (condition is not null)
            {
                item[method] = MakeConditional(condition, def);
            }
        }
    }

    /// <summary>Sets timeoutInMillis on the integrations of path/method.</summary>
    public void AddTimeout(string path, string method, Node timeout)
    {
        foreach (var def in MethodDefinitions(path, method))
        {
            ((MapNode)def[Integration]!).SetP("timeoutInMillis", timeout);
        }
    }

    /// <summary>Adds an OPTIONS method answering CORS preflight (add_cors).</summary>
    public void AddCors(string path, Node? allowedOrigins, Node? allowedHeaders, Node? allowedMethods, Node? maxAge, Node? allowCredentials)
    {
        Touch(path);
        foreach (var raw in ConditionalContents(Paths[path]))
        {
            var item = ValidatePathItemIsDict(raw, path);
            if (item.ContainsKey(OptionsMethod))
            {
                continue;
            }

            if (!Truthy(allowedOrigins))
            {
                throw new TemplateException("Invalid input. Value for AllowedOrigins is required");
            }

            var methods = allowedMethods;
            if (!Truthy(methods))
            {
                methods = Py27.S($"'{CorsAllowedMethods(item)}'");
            }

            var credentials = allowCredentials is ScalarNode { IsTrue: true };
            item.SetP(OptionsMethod, OptionsForCors(allowedOrigins!, allowedHeaders, methods, maxAge, credentials));
        }
    }

    private static string CorsAllowedMethods(MapNode item)
    {
        var methods = item.Keys.ToList();
        IEnumerable<string> allow;
        if (methods.Contains(AnyMethod))
        {
            allow = AllHttpMethods;
        }
        else
        {
            methods.Add("options");
            allow = methods;
        }

        var list = allow.Select(m => m.ToUpperInvariant()).Distinct().ToList();
        list.Sort(StringComparer.Ordinal);
        return string.Join(",", list);
    }

    private static MapNode OptionsForCors(Node origins, Node? headers, Node? methods, Node? maxAge, bool credentials)
    {
        const string AllowOrigin = "Access-Control-Allow-Origin";
        const string AllowHeaders = "Access-Control-Allow-Headers";
        const string AllowMethods = "Access-Control-Allow-Methods";
        const string MaxAge = "Access-Control-Max-Age";
        const string AllowCredentials = "Access-Control-Allow-Credentials";
        var parameters = new MapNode();
        var responseHeaders = new MapNode();
        parameters.SetP("method.response.header." + AllowOrigin, origins);
        responseHeaders.SetP(AllowOrigin, TypeOf("string"));
        if (Truthy(headers))
        {
            parameters.SetP("method.response.header." + AllowHeaders, headers!);
            responseHeaders.SetP(AllowHeaders, TypeOf("string"));
        }

        if (Truthy(methods))
        {
            parameters.SetP("method.response.header." + AllowMethods, methods!);
            responseHeaders.SetP(AllowMethods, TypeOf("string"));
        }

        if (maxAge is not null && !maxAge.IsNull)
        {
            parameters.SetP("method.response.header." + MaxAge, maxAge);
            responseHeaders.SetP(MaxAge, TypeOf("integer"));
        }

        if (credentials)
        {
            parameters.SetP("method.response.header." + AllowCredentials, Py27.S("'true'"));
            responseHeaders.SetP(AllowCredentials, TypeOf("string"));
        }

        var result = new MapNode();
        result.SetP("summary", Py27.S("CORS support"));
        result.SetP("consumes", new ListNode([Py27.S("application/json")]));
        result.SetP("produces", new ListNode([Py27.S("application/json")]));
        var integration = new MapNode();
        integration.SetP("type", Py27.S("mock"));
        integration.SetP("requestTemplates", Py27.PlainDeep(new MapNode { ["application/json"] = "{\n  \"statusCode\" : 200\n}\n" }));
        var responses = new MapNode();
        var dflt = new MapNode();
        dflt.SetP("statusCode", Py27.S("200"));
        dflt.SetP("responseParameters", parameters);
        dflt.SetP("responseTemplates", Py27.PlainDeep(new MapNode { ["application/json"] = "{}\n" }));
        responses.SetP("default", dflt);
        integration.SetP("responses", responses);
        result.SetP(Integration, integration);
        var methodResponses = new MapNode();
        var ok = new MapNode();
        ok.SetP("description", Py27.S("Default response for CORS method"));
        ok.SetP("headers", responseHeaders);
        methodResponses.SetP("200", ok);
        result.SetP("responses", methodResponses);
        return result;
    }

    private static MapNode TypeOf(string type) => Py27.PlainDeep(new MapNode { ["type"] = type });

    /// <summary>Sets x-amazon-apigateway-binary-media-types ("~1" becomes "/").</summary>
    public void AddBinaryMediaTypes(Node types) => Doc.SetP("x-amazon-apigateway-binary-media-types", ReplaceTilde(types));

    private static Node ReplaceTilde(Node n) => n switch
    {
        MapNode m => CopyMap(m, (k, v) => (k.Replace("~1", "/", StringComparison.Ordinal), ReplaceTilde(v))),
        ListNode l => new ListNode(l.Select(ReplaceTilde)) { Span = l.Span },
        ScalarNode { Kind: ScalarKind.String } s => CopyStr(s, s.Text.Replace("~1", "/", StringComparison.Ordinal)),
        _ => n,
    };

    private static MapNode CopyMap(MapNode m, Func<string, Node, (string, Node)> f)
    {
        var r = new MapNode { Span = m.Span };
        foreach (var (k, v) in m)
        {
            var (k2, v2) = f(k, v);
            r[k2] = v2;
        }

        return r;
    }

    private static ScalarNode CopyStr(ScalarNode s, string text)
    {
        var r = ScalarNode.String(text, s.Span);
        return Py27.IsPlain(s) ? Py27.Plain(r) : r;
    }

    /// <summary>Sets x-amazon-apigateway-endpoint-configuration.disableExecuteApiEndpoint.</summary>
    public void AddDisableExecuteApiEndpoint(Node value)
    {
        const string Config = "x-amazon-apigateway-endpoint-configuration";
        if (Truthy(Doc["openapi"]) && IsOpenApi3(Doc["openapi"]))
        {
            var servers = Doc["servers"] as ListNode ?? new ListNode([new MapNode()]);
            for (var i = 0; i < servers.Count; i++)
            {
                if (servers[i] is not MapNode server)
                {
                    throw new TemplateException($"Invalid OpenAPI definition of 'servers[{i}]': It should be a dictionary.");
                }

                DeepSet(server, Config, value, $"servers[{i}]");
            }

            Doc.SetP("servers", servers);
        }
        else
        {
            DeepSet(Doc, Config, value, null);
        }
    }

    private static void DeepSet(MapNode target, string config, Node value, string? where)
    {
        if (target[config] is { } existing && existing is not MapNode)
        {
            var msg = $"The value of '{config}' should be a map";
            throw new TemplateException(where is null ? $"Invalid OpenAPI definition: {msg}." : $"Invalid OpenAPI definition of '{where}': {msg}.");
        }

        if (target[config] is not MapNode m)
        {
            m = new MapNode();
            target.SetP(config, m);
        }

        m.SetP("disableExecuteApiEndpoint", value);
    }

    private MapNode? _pendingSecurity;

    /// <summary>The security definitions map; a new one is attached by <see cref="Finish"/> (the reference's .swagger).</summary>
    public MapNode SecurityDefinitions()
    {
        if (Doc["securityDefinitions"] is MapNode { Count: > 0 } m)
        {
            return m;
        }

        return _pendingSecurity ??= new MapNode();
    }

    /// <summary>Writes back what the reference writes when it reads <c>editor.swagger</c>.</summary>
    public void Finish()
    {
        if (_pendingSecurity is { Count: > 0 } && Doc["securityDefinitions"] is not MapNode { Count: > 0 })
        {
            Doc.SetP("securityDefinitions", _pendingSecurity);
        }

        _pendingSecurity = null;
        Py27.EndSession(Doc, _touched.Where(Paths.ContainsKey).Select(p => Paths[p]!));
        _touched.Clear();
    }

    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);

    /// <summary>Notes a path edited in this session (its dicts are checkpointed by <see cref="Finish"/>).</summary>
    public void Touch(string path)
    {
        if (Paths.ContainsKey(path))
        {
            _touched.Add(path);
        }
    }

    /// <summary>Adds the AWS_IAM security definition (idempotent).</summary>
    public void AddAwsIamSecurityDefinition()
    {
        var defs = SecurityDefinitions();
        if (!defs.ContainsKey("AWS_IAM"))
        {
            var d = new MapNode();
            d.SetP("x-amazon-apigateway-authtype", Py27.S("awsSigv4"));
            d.SetP("type", Py27.S("apiKey"));
            d.SetP("name", Py27.S("Authorization"));
            d.SetP("in", Py27.S("header"));
            defs.SetP("AWS_IAM", d);
        }
    }

    /// <summary>Adds the api_key security definition (idempotent).</summary>
    public void AddApiKeySecurityDefinition()
    {
        if (Doc["securityDefinitions"] is { } existing && Truthy(existing) && existing is not MapNode)
        {
            throw new TemplateException("securityDefinitions must be a dictionary.");
        }

        var defs = SecurityDefinitions();
        if (!defs.ContainsKey("api_key"))
        {
            var d = new MapNode();
            d.SetP("type", Py27.S("apiKey"));
            d.SetP("name", Py27.S("x-api-key"));
            d.SetP("in", Py27.S("header"));
            defs.SetP("api_key", d);
        }
    }

    /// <summary>Checks that a security value is a list and returns it.</summary>
    public static ListNode SecurityList(MapNode def, string path, string method)
    {
        var existing = def["security"];
        if (existing is null)
        {
            return new ListNode();
        }

        return existing as ListNode ?? throw new TemplateException($"Type of security for path {path} method {method} must be a list");
    }

    /// <summary>Path without trailing path parameters turned into "*" (get_path_without_trailing_slash).</summary>
    public static string PathWithWildcards(string path) => PathParameterRegex().Replace(path, "*");

    /// <summary>Name of the validator for the flags (get_validator_name).</summary>
    public static string ValidatorName(bool body, bool parameters) => (body, parameters) switch
    {
        (true, true) => "body-and-params",
        (true, false) => "body-only",
        (false, true) => "params-only",
        _ => "no-validation",
    };
}
