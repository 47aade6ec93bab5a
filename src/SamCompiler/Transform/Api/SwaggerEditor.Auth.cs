using System.Text.RegularExpressions;
using SamCompiler.Syntax;

namespace SamCompiler.Transform.Api;

/// <summary>Auth, validation, models and resource policies of the swagger editor.</summary>
internal sealed partial class SwaggerEditor
{
    /// <summary>add_auth_to_method: the event's Authorizer and ApiKeyRequired.</summary>
    public void AddAuthToMethod(string path, string method, MapNode auth, MapNode api)
    {
        var methodAuthorizer = auth["Authorizer"];
        var methodScopes = auth["AuthorizationScopes"];
        var apiAuth = api["Auth"] as MapNode;
        var authorizers = apiAuth?["Authorizers"];
        if (Truthy(methodAuthorizer))
        {
            SetMethodAuthorizer(path, method, methodAuthorizer.AsString() ?? PyRepr.Str(methodAuthorizer!), authorizers as MapNode, methodScopes);
        }

        if (auth["ApiKeyRequired"] is { } apiKey && !apiKey.IsNull)
        {
            SetMethodApiKeyHandling(path, method, Truthy(apiKey));
        }
    }

    private void SetMethodAuthorizer(string path, string method, string authorizerName, MapNode? authorizers, Node? methodScopes)
    {
        foreach (var def in MethodDefinitions(path, method))
        {
            var securityDict = new MapNode();
            securityDict[authorizerName] = Py27.Plain(new ListNode());
            var existing = SecurityList(def, path, method);
            var security = new ListNode(existing.Concat([securityDict]));
            if (authorizerName != "NONE" && authorizers is { Count: > 0 })
            {
                var authorizer = authorizers[authorizerName] ?? new MapNode();
                if (authorizer is not MapNode am)
                {
                    throw new TemplateException($"Type of authorizer '{authorizerName}' must be a dictionary");
                }

                var scopes = am["AuthorizationScopes"];
                if (methodScopes is not null && !methodScopes.IsNull)
                {
                    scopes = methodScopes;
                }

                if (authorizers[authorizerName] is not null && scopes is not null && !scopes.IsNull)
                {
                    securityDict[authorizerName] = scopes;
                }
            }

            def.SetP("security", security);
            if (security[0] is MapNode first && first.ContainsKey("AWS_IAM"))
            {
                AddAwsIamSecurityDefinition();
            }
        }
    }

    private void SetMethodApiKeyHandling(string path, string method, bool required)
    {
        foreach (var def in MethodDefinitions(path, method))
        {
            MapNode securityDict = new();
            if (required)
            {
                securityDict.SetP("api_key", Py27.Plain(new ListNode()));
                AddApiKeySecurityDefinition();
            }
            else
            {
                securityDict.SetP("api_key_false", Py27.Plain(new ListNode()));
            }

            var existing = SecurityList(def, path, method);
            def.SetP("security", new ListNode(existing.Concat([securityDict])));
        }
    }

    /// <summary>Adds the default authorizer to each method of a path (set_path_default_authorizer).</summary>
    public void SetPathDefaultAuthorizer(string path, string defaultAuthorizer, MapNode? authorizers, Dictionary<string, Node?> authorizerScopes, bool addToPreflight)
    {
        foreach (var (methodName, def) in AllMethods(path).ToList())
        {
            if (!(addToPreflight || methodName != "options"))
            {
                continue;
            }

            var names = new HashSet<string>(StringComparer.Ordinal) { "AWS_IAM" };
            if (authorizers is not null)
            {
                names.UnionWith(authorizers.Keys);
            }

            var existingNonAuth = new List<Node>();
            var existingAuth = new List<Node>();
            var existing = SecurityList(def, path, methodName);
            foreach (var security in existing)
            {
                if (security is not MapNode sm)
                {
                    throw new TemplateException($"{PyRepr.Of(security)} in Security for path {path} method {methodName} is not a valid dictionary.");
                }

                if (!sm.Keys.Any(names.Contains))
                {
                    existingNonAuth.Add(security);
                }
                else
                {
                    existingAuth.Add(security);
                }
            }

            var noneIdx = existingNonAuth.FindIndex(s => ((MapNode)s).Keys.Any(k => k == "NONE"));
            var authorizerSecurity = new List<Node>();
            if (noneIdx > -1)
            {
                existingNonAuth.RemoveAt(noneIdx);
            }
            else if (existingAuth.Count > 0)
            {
                authorizerSecurity = existingAuth;
            }
            else
            {
                var securityDict = new MapNode();
                securityDict[defaultAuthorizer] = authorizerScopes.TryGetValue(defaultAuthorizer, out var sc) && sc is not null ? sc : Py27.Plain(new ListNode());
                authorizerSecurity = [securityDict];
            }

            var result = existingNonAuth.Concat(authorizerSecurity).ToList();
            if (result.Count > 0)
            {
                def.SetP("security", new ListNode(result));
                if (result[0] is MapNode first && first.ContainsKey("AWS_IAM"))
                {
                    AddAwsIamSecurityDefinition();
                }
            }
        }
    }

    /// <summary>Requires the API key on each method of a path (set_path_default_apikey_required).</summary>
    public void SetPathDefaultApiKeyRequired(string path, bool requiredForOptions)
    {
        foreach (var (methodName, def) in AllMethods(path).ToList())
        {
            var existingNonApiKey = new List<Node>();
            var existingApiKey = new List<Node>();
            var existing = SecurityList(def, path, methodName);
            foreach (var security in existing)
            {
                if (security is not MapNode sm)
                {
                    throw new TemplateException($"{PyRepr.Of(security)} in Security for path {path} method {methodName} is not a valid dictionary.");
                }

                if (!sm.Keys.Any(k => k is "api_key" or "api_key_false"))
                {
                    existingNonApiKey.Add(security);
                }
                else
                {
                    existingApiKey.Add(security);
                }
            }

            var falseIdx = existingApiKey.FindIndex(s => ((MapNode)s).ContainsKey("api_key_false"));
            var apiKeySecurity = new List<Node>();
            if (falseIdx > -1)
            {
                existingApiKey.RemoveAt(falseIdx);
            }
            else
            {
                var d = new MapNode();
                d.SetP("api_key", Py27.Plain(new ListNode()));
                apiKeySecurity.Add(d);
            }

            var security2 = existingNonApiKey.Concat(apiKeySecurity).ToList();
            if (methodName == "options" && !requiredForOptions)
            {
                security2 = existingNonApiKey;
            }

            if (!SameList(security2, existing))
            {
                def.SetP("security", new ListNode(security2));
            }
        }
    }

    private static bool SameList(List<Node> a, ListNode b) =>
        a.Count == b.Count && a.Zip(b).All(p => Node.DeepEquals(p.First, p.Second));

    /// <summary>Adds a request validator to path/method (add_request_validator_to_method).</summary>
    public void AddRequestValidator(string path, string method, bool body, bool parameters)
    {
        var name = ValidatorName(body, parameters);
        const string Validators = "x-amazon-apigateway-request-validators";
        if (!Truthy(Doc[Validators]))
        {
            Doc.SetP(Validators, new MapNode());
        }

        var validators = (MapNode)Doc[Validators]!;
        if (!Truthy(validators[name]))
        {
            var def = new MapNode();
            def.SetP("validateRequestBody", body);
            def.SetP("validateRequestParameters", parameters);
            validators.SetP(name, def);
        }

        foreach (var methodDef in MethodDefinitions(path, method))
        {
            methodDef.SetP("x-amazon-apigateway-request-validator", Py27.S(name));
        }
    }

    /// <summary>Adds the request model as body parameter / requestBody (add_request_model_to_method).</summary>
    public void AddRequestModel(string path, string method, MapNode requestModel)
    {
        var modelName = requestModel["Model"].AsString()!.ToLowerInvariant();
        var required = requestModel["Required"];
        foreach (var def in MethodDefinitions(path, method))
        {
            if (Doc["swagger"] is { } sw && !sw.IsNull)
            {
                var parameters = def["parameters"] as ListNode ?? new ListNode();
                var p = new MapNode();
                p.SetP("in", Py27.S("body"));
                p.SetP("name", modelName);
                p.SetP("schema", Py27.PlainDeep(new MapNode { ["$ref"] = $"#/definitions/{modelName}" }));
                if (required is not null && !required.IsNull)
                {
                    p.SetP("required", required);
                }

                parameters.Add(p);
                def.SetP("parameters", parameters);
            }
            else if (Truthy(Doc["openapi"]) && IsOpenApi3(Doc["openapi"]))
            {
                var rb = Py27.PlainDeep(new MapNode { ["content"] = new MapNode { ["application/json"] = new MapNode { ["schema"] = new MapNode { ["$ref"] = $"#/components/schemas/{modelName}" } } } });
                if (required is not null && !required.IsNull)
                {
                    rb["required"] = required;
                }

                def.SetP("requestBody", rb);
            }
        }
    }

    /// <summary>Adds request parameters (add_request_parameters_to_method).</summary>
    public void AddRequestParameters(string path, string method, List<(string Name, Node Required, Node Caching)> parameters)
    {
        foreach (var def in MethodDefinitions(path, method))
        {
            var existing = def["parameters"] as ListNode ?? new ListNode();
            foreach (var (name, required, caching) in parameters)
            {
                var locationName = name.Replace("method.request.", string.Empty, StringComparison.Ordinal);
                var dot = locationName.IndexOf('.', StringComparison.Ordinal);
                var location = locationName[..dot];
                var pname = locationName[(dot + 1)..];
                var p = new MapNode();
                p.SetP("in", location == "querystring" ? Py27.S("query") : ScalarNode.String(location));
                p.SetP("name", pname);
                p.SetP("required", required);
                p.SetP("type", Py27.S("string"));
                existing.Add(p);
                if (Truthy(caching))
                {
                    var integration = (MapNode)def[Integration]!;
                    var cache = integration["cacheKeyParameters"] as ListNode ?? new ListNode();
                    cache.Add(name);
                    integration.SetP("cacheKeyParameters", cache);
                }
            }

            def.SetP("parameters", existing);
        }
    }

    /// <summary>Adds gateway responses (already in swagger form).</summary>
    public void AddGatewayResponses(IEnumerable<(string Type, MapNode Swagger)> responses)
    {
        const string Key = "x-amazon-apigateway-gateway-responses";
        if (Doc[Key] is not MapNode { Count: > 0 } target)
        {
            target = new MapNode();
        }

        foreach (var (type, swagger) in responses)
        {
            target[type] = swagger;
        }

        if (target.Count > 0)
        {
            Doc.SetP(Key, target);
        }
    }

    /// <summary>Adds model schemas under definitions (add_models).</summary>
    public void AddModels(MapNode models)
    {
        if (Doc["definitions"] is not MapNode { Count: > 0 } defs)
        {
            defs = new MapNode();
        }

        foreach (var (name, schema) in models)
        {
            if (!Truthy(schema.Get("type")))
            {
                throw new TemplateException("'Models' schema is missing 'type'.");
            }

            defs[name.ToLowerInvariant()] = schema;
        }

        if (defs.Count > 0)
        {
            Doc.SetP("definitions", defs);
        }
    }

    private MapNode ResourcePolicy()
    {
        const string Key = "x-amazon-apigateway-policy";
        if (Doc[Key] is MapNode { Count: > 0 } m)
        {
            return m;
        }

        return _pendingPolicy ??= new MapNode();
    }

    private MapNode? _pendingPolicy;

    private void CommitPolicy()
    {
        const string Key = "x-amazon-apigateway-policy";
        if (Doc[Key] is MapNode { Count: > 0 })
        {
            return;
        }

        Doc.SetP(Key, _pendingPolicy ?? new MapNode());
    }

    /// <summary>Adds the resource policy statements of Auth.ResourcePolicy (add_resource_policy).</summary>
    public void AddResourcePolicy(MapNode? policy, string path, Node stage)
    {
        if (policy is null)
        {
            return;
        }

        var accountWhitelist = policy["AwsAccountWhitelist"];
        var accountBlacklist = policy["AwsAccountBlacklist"];
        var ipWhitelist = policy["IpRangeWhitelist"];
        var ipBlacklist = policy["IpRangeBlacklist"];
        var vpcWhitelist = policy["SourceVpcWhitelist"];
        var vpcBlacklist = policy["SourceVpcBlacklist"];
        if (accountWhitelist is not null && !accountWhitelist.IsNull)
        {
            AddIamPolicy(accountWhitelist, "Allow", MethodPathUriList(path, stage));
        }

        if (accountBlacklist is not null && !accountBlacklist.IsNull)
        {
            AddIamPolicy(accountBlacklist, "Deny", MethodPathUriList(path, stage));
        }

        if (ipWhitelist is not null && !ipWhitelist.IsNull)
        {
            AddIpPolicy(ipWhitelist, "NotIpAddress", MethodPathUriList(path, stage));
        }

        if (ipBlacklist is not null && !ipBlacklist.IsNull)
        {
            AddIpPolicy(ipBlacklist, "IpAddress", MethodPathUriList(path, stage));
        }

        if (!ListResolved(vpcBlacklist))
        {
            throw new TemplateException("SourceVpcBlacklist must be a list of strings. Use IntrinsicVpcBlacklist instead for values that use Intrinsic Functions");
        }

        var resources = MethodPathUriList(path, stage);
        AddVpcPolicy(vpcBlacklist, policy["IntrinsicVpcBlacklist"], policy["IntrinsicVpceBlacklist"], "StringEquals", resources);
        if (!ListResolved(vpcWhitelist))
        {
            throw new TemplateException("SourceVpcWhitelist must be a list of strings. Use IntrinsicVpcWhitelist instead for values that use Intrinsic Functions");
        }

        AddVpcPolicy(vpcWhitelist, policy["IntrinsicVpcWhitelist"], policy["IntrinsicVpceWhitelist"], "StringNotEquals", resources);
        CommitPolicy();
    }

    private static bool ListResolved(Node? list) =>
        list is null || list.IsNull || (list is ListNode l && l.All(x => x is ScalarNode { Kind: ScalarKind.String })) || (list is MapNode m && m.Count == 0);

    /// <summary>Adds CustomStatements to the resource policy.</summary>
    public void AddCustomStatements(Node? statements)
    {
        if (statements is not null && !statements.IsNull)
        {
            var rp = ResourcePolicy();
            rp.SetP("Version", Py27.S("2012-10-17"));
            if (rp["Statement"] is null || rp["Statement"]!.IsNull)
            {
                rp.SetP("Statement", statements);
            }
            else
            {
                var list = statements as ListNode ?? new ListNode([statements]);
                var existing = rp["Statement"] as ListNode ?? new ListNode([rp["Statement"]!]);
                foreach (var s in list)
                {
                    if (!existing.Any(e => Node.DeepEquals(e, s)))
                    {
                        existing.Add(s);
                    }
                }

                rp.SetP("Statement", existing);
            }
        }

        CommitPolicy();
    }

    private void AppendStatements(params MapNode[] statements)
    {
        var rp = ResourcePolicy();
        if (rp["Statement"] is null || rp["Statement"]!.IsNull)
        {
            rp.SetP("Statement", statements.Length == 1 ? statements[0] : Py27.Plain(new ListNode(statements)));
            return;
        }

        var existing = rp["Statement"] as ListNode ?? new ListNode([rp["Statement"]!]);
        foreach (var s in statements)
        {
            if (statements.Length == 1 || !existing.Any(e => Node.DeepEquals(e, s)))
            {
                existing.Add(s);
            }
        }

        rp.SetP("Statement", existing);
    }

    private void AddIamPolicy(Node policyList, string effect, ListNode resources)
    {
        if (!Truthy(policyList))
        {
            return;
        }

        if (policyList is not (MapNode or ListNode))
        {
            throw new TemplateException($"Type of '{PyRepr.Str(policyList)}' must be a list or dictionary");
        }

        var list = policyList as ListNode ?? Py27.Plain(new ListNode([policyList]));
        var rp = ResourcePolicy();
        rp.SetP("Version", Py27.S("2012-10-17"));
        var statement = new MapNode();
        statement.SetP("Effect", Py27.S(effect));
        statement.SetP("Action", Py27.S("execute-api:Invoke"));
        statement.SetP("Resource", resources);
        var principal = new MapNode();
        principal.SetP("AWS", list);
        statement.SetP("Principal", principal);
        AppendStatements(statement);
    }

    private void AddIpPolicy(Node ipList, string conditional, ListNode resources)
    {
        if (!Truthy(ipList))
        {
            return;
        }

        var list = ipList as ListNode ?? Py27.Plain(new ListNode([ipList]));
        var rp = ResourcePolicy();
        rp.SetP("Version", Py27.S("2012-10-17"));
        var allow = Statement("Allow", resources);
        var deny = Statement("Deny", resources);
        deny.SetP("Condition", Py27.Plain(new MapNode { [conditional] = Py27.Plain(new MapNode { ["aws:SourceIp"] = list }) }));
        AppendStatements(allow, deny);
    }

    private static MapNode Statement(string effect, ListNode resources)
    {
        var s = new MapNode();
        s.SetP("Effect", Py27.S(effect));
        s.SetP("Action", Py27.S("execute-api:Invoke"));
        s.SetP("Resource", resources);
        s.SetP("Principal", Py27.S("*"));
        return s;
    }

    private void AddVpcPolicy(Node? stringList, Node? intrinsicVpc, Node? intrinsicVpce, string conditional, ListNode resources)
    {
        var condition = new MapNode();
        void Extend(string key, IEnumerable<Node> items)
        {
            if (condition[key] is not ListNode l)
            {
                l = Py27.Plain(new ListNode());
                condition.SetP(key, l);
            }

            foreach (var i in items)
            {
                l.Add(i);
            }
        }

        if (stringList is ListNode sl)
        {
            var vpc = sl.Where(e => e.AsString() is { } s && s.StartsWith("vpc-", StringComparison.Ordinal)).ToList();
            var vpce = sl.Where(e => e.AsString() is { } s && s.StartsWith("vpce-", StringComparison.Ordinal)).ToList();
            if (vpc.Count > 0)
            {
                Extend("aws:SourceVpc", vpc);
            }

            if (vpce.Count > 0)
            {
                Extend("aws:SourceVpce", vpce);
            }
        }

        if (intrinsicVpc is not null && !intrinsicVpc.IsNull)
        {
            Extend("aws:SourceVpc", intrinsicVpc as ListNode ?? new ListNode([intrinsicVpc]));
        }

        if (intrinsicVpce is not null && !intrinsicVpce.IsNull)
        {
            Extend("aws:SourceVpce", intrinsicVpce as ListNode ?? new ListNode([intrinsicVpce]));
        }

        if (!Truthy(condition["aws:SourceVpc"]) && !Truthy(condition["aws:SourceVpce"]))
        {
            return;
        }

        var rp = ResourcePolicy();
        rp.SetP("Version", Py27.S("2012-10-17"));
        var allow = Statement("Allow", resources);
        var deny = Statement("Deny", resources);
        deny.SetP("Condition", Py27.Plain(new MapNode { [conditional] = condition }));
        AppendStatements(allow, deny);
    }

    private ListNode MethodPathUriList(string path, Node stage)
    {
        var methods = new List<string>();
        foreach (var item in ConditionalContents(Paths[path]))
        {
            methods.AddRange(ValidatePathItemIsDict(item, path).Keys);
        }

        var list = Py27.Plain(new ListNode());
        var p = PathWithWildcards(path);
        foreach (var m in methods)
        {
            var method = m.Equals(AnyMethod, StringComparison.OrdinalIgnoreCase) || m.Equals("any", StringComparison.OrdinalIgnoreCase) ? "*" : m.ToUpperInvariant();
            var resource = ScalarNode.String("execute-api:/${__Stage__}/" + method + p);
            list.Add(Py27.Plain(new MapNode { ["Fn::Sub"] = Py27.Plain(new ListNode([resource, Py27.Plain(new MapNode { ["__Stage__"] = stage })])) }));
        }

        return list;
    }

    [GeneratedRegex(@"^method\.request\.(querystring|path|header)\.")]
    internal static partial Regex RequestParameterRegex();
}
