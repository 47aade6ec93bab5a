using SamCompiler.Syntax;

namespace SamCompiler.Transform.Api;

/// <summary>
/// AWS::Serverless::Api to API Gateway (SamApi in samtranslator/model/sam_resources.py and ApiGenerator in
/// model/api/api_generator.py): RestApi, Deployment (with the reference's hashed id), Stage, authorizer
/// permissions, custom domain, Route 53 records and usage plans.
/// </summary>
public sealed class ApiTransformer : IResourceTransformer
{
    private static readonly Dictionary<string, (bool, PyKind)> Types = new(StringComparer.Ordinal)
    {
        ["__MANAGE_SWAGGER"] = (false, PyKind.Bool),
        ["Name"] = (false, PyKind.Str | PyKind.Dict),
        ["StageName"] = (true, PyKind.Str | PyKind.Dict),
        ["Tags"] = (false, PyKind.Dict),
        ["PropagateTags"] = (false, PyKind.Bool),
        ["DefinitionBody"] = (false, PyKind.Dict),
        ["DefinitionUri"] = (false, PyKind.Str | PyKind.Dict),
        ["MergeDefinitions"] = (false, PyKind.Bool),
        ["CacheClusterEnabled"] = (false, PyKind.Bool),
        ["CacheClusterSize"] = (false, PyKind.Str),
        ["Variables"] = (false, PyKind.Dict),
        ["EndpointConfiguration"] = (false, PyKind.Str | PyKind.Dict),
        ["MethodSettings"] = (false, PyKind.List),
        ["BinaryMediaTypes"] = (false, PyKind.List),
        ["MinimumCompressionSize"] = (false, PyKind.Int),
        ["Cors"] = (false, PyKind.Str | PyKind.Dict),
        ["Auth"] = (false, PyKind.Dict),
        ["GatewayResponses"] = (false, PyKind.Dict),
        ["AccessLogSetting"] = (false, PyKind.Dict),
        ["CanarySetting"] = (false, PyKind.Dict),
        ["TracingEnabled"] = (false, PyKind.Bool),
        ["OpenApiVersion"] = (false, PyKind.Str),
        ["Models"] = (false, PyKind.Dict),
        ["Domain"] = (false, PyKind.Dict),
        ["FailOnWarnings"] = (false, PyKind.Bool),
        ["Description"] = (false, PyKind.Str),
        ["Mode"] = (false, PyKind.Str),
        ["DisableExecuteApiEndpoint"] = (false, PyKind.Bool),
        ["ApiKeySourceType"] = (false, PyKind.Str),
        ["AlwaysDeploy"] = (false, PyKind.Bool),
        ["Policy"] = (false, PyKind.Str | PyKind.Dict),
        ["SecurityPolicy"] = (false, PyKind.Str),
        ["EndpointAccessMode"] = (false, PyKind.Str),
    };

    private static readonly string[] CorsFields = ["AllowMethods", "AllowHeaders", "AllowOrigin", "MaxAge", "AllowCredentials"];
    private static readonly string[] AuthFields = ["Authorizers", "DefaultAuthorizer", "InvokeRole", "AddDefaultAuthorizerToCorsPreflight", "AddApiKeyRequiredToCorsPreflight", "ApiKeyRequired", "ResourcePolicy", "UsagePlan"];
    private static readonly string[] UsagePlanFields = ["CreateUsagePlan", "Description", "Quota", "Tags", "Throttle", "UsagePlanName"];
    private static readonly string[] GatewayResponseFields = ["ResponseParameters", "ResponseTemplates", "StatusCode"];

    /// <inheritdoc />
    public string ResourceType => ApiTypes.Api;

    /// <inheritdoc />
    public int Order => 2;

    /// <inheritdoc />
    public IReadOnlyList<CfnResource> Transform(SamResource resource, TranslationContext context)
    {
        PropertyChecks.Validate(resource, Types);
        var g = new Generator(resource, context);
        return g.Run();
    }

    private sealed class Generator(SamResource resource, TranslationContext context)
    {
        private readonly string _id = resource.LogicalId;
        private readonly MapNode _props = resource.Properties;
        private Node? _body = resource["DefinitionBody"];
        private MapNode? _domain;
        private MapNode? _auth;

        private ResourceException Error(string message, string? property = null) => resource.Error(message, property);

        private MapNode PassThrough() => resource.PassThrough();

        private Node? P(string name) => _props[name] is { IsNull: false } v ? v : null;

        public List<CfnResource> Run()
        {
            if (P("BinaryMediaTypes") is { } bmt)
            {
                _props["BinaryMediaTypes"] = context.Intrinsics.ResolveParameterRefs(bmt);
            }

            if (P("Domain") is { } d)
            {
                _props["Domain"] = context.Intrinsics.ResolveParameterRefs(d);
            }

            if (P("Auth") is { } a)
            {
                _props["Auth"] = context.Intrinsics.ResolveParameterRefs(a);
            }

            _domain = P("Domain") as MapNode;
            _auth = P("Auth") as MapNode;

            var restApi = ConstructRestApi();
            var isPrivateDomain = _domain is not null && _domain["EndpointConfiguration"].AsString() == "PRIVATE";
            var domainResources = isPrivateDomain ? ConstructDomainV2(restApi) : ConstructDomain(restApi);
            var deployment = new CfnResource(_id + "Deployment", "AWS::ApiGateway::Deployment", resource.KeySpan).PassThrough(PassThrough());
            deployment.Set("RestApiId", restApi.Ref());
            if (P("OpenApiVersion") is null)
            {
                deployment.Set("StageName", "Stage");
            }

            var swagger = restApi.Properties["Body"] ?? restApi.Properties["BodyS3Location"];
            var stage = ConstructStage(deployment, swagger);
            var permissions = AuthorizerPermissions();
            var usagePlan = ConstructUsagePlan(stage);

            var generated = new List<CfnResource> { restApi, deployment, stage };
            generated.AddRange(permissions);
            generated.AddRange(domainResources);
            generated.AddRange(usagePlan);

            if (SwaggerEditor.Truthy(P("PropagateTags")) && P("Tags") is MapNode tags && tags.Count > 0)
            {
                foreach (var r in generated)
                {
                    if (TaggableTypes.Contains(r.Type))
                    {
                        r.Properties["Tags"] = TagList(tags);
                    }
                }
            }

            context.ResourceReferences.Add(_id, "Stage", stage.LogicalId);
            context.ResourceReferences.Add(_id, "Deployment", deployment.LogicalId);
            foreach (var r in generated)
            {
                switch (r.Type)
                {
                    case "AWS::ApiGateway::DomainName":
                        context.ResourceReferences.Add(_id, "DomainName", r.LogicalId);
                        break;
                    case "AWS::ApiGateway::DomainNameV2":
                        context.ResourceReferences.Add(_id, "DomainNameV2", r.LogicalId);
                        break;
                    case "AWS::ApiGateway::UsagePlan":
                        context.ResourceReferences.Add(_id, "UsagePlan", r.LogicalId);
                        break;
                    case "AWS::ApiGateway::UsagePlanKey":
                        context.ResourceReferences.Add(_id, "UsagePlanKey", r.LogicalId);
                        break;
                    case "AWS::ApiGateway::ApiKey":
                        context.ResourceReferences.Add(_id, "ApiKey", r.LogicalId);
                        break;
                }
            }

            return generated;
        }

        private static readonly HashSet<string> TaggableTypes = new(StringComparer.Ordinal)
        {
            "AWS::ApiGateway::RestApi", "AWS::ApiGateway::Stage", "AWS::ApiGateway::DomainName", "AWS::ApiGateway::DomainNameV2",
            "AWS::ApiGateway::UsagePlan", "AWS::ApiGateway::ApiKey",
        };

        internal static ListNode TagList(MapNode tags)
        {
            var list = new ListNode();
            foreach (var (k, v) in tags)
            {
                list.Add(new MapNode { ["Key"] = k, ["Value"] = v.IsNull ? ScalarNode.String(string.Empty) : v });
            }

            return list;
        }

        private CfnResource ConstructRestApi()
        {
            var definitionUri = P("DefinitionUri");
            if (SwaggerEditor.Truthy(definitionUri) && SwaggerEditor.Truthy(_body))
            {
                throw Error("Specify either 'DefinitionUri' or 'DefinitionBody' property and not both.");
            }

            if (SwaggerEditor.Truthy(definitionUri) && SwaggerEditor.Truthy(P("MergeDefinitions")))
            {
                throw Error("Cannot set 'MergeDefinitions' to True when using `DefinitionUri`.");
            }

            var openApiVersion = P("OpenApiVersion");
            if (SwaggerEditor.Truthy(openApiVersion) && !SwaggerEditor.IsSupportedOpenApiVersion(openApiVersion))
            {
                throw Error("The OpenApiVersion value must be of the format '3.0.0'.", "OpenApiVersion");
            }

            var restApi = new CfnResource(_id, "AWS::ApiGateway::RestApi", resource.KeySpan);
            if (resource.DependsOn is { } dependsOn)
            {
                restApi.DependsOn = dependsOn.Clone();
            }

            foreach (var attr in SamResource.SupportedAttributes)
            {
                if (resource.Definition[attr] is { } v)
                {
                    restApi.Attributes[attr] = v.Clone();
                }
            }

            restApi.Set("BinaryMediaTypes", P("BinaryMediaTypes"));
            restApi.Set("MinimumCompressionSize", P("MinimumCompressionSize"));
            if (SwaggerEditor.Truthy(P("EndpointConfiguration")))
            {
                SetEndpointConfiguration(restApi, P("EndpointConfiguration")!);
            }

            AddCors();
            AddAuth();
            AddGatewayResponses();
            AddBinaryMediaTypes();
            AddModels();
            if (SwaggerEditor.Truthy(P("FailOnWarnings")))
            {
                restApi.Set("FailOnWarnings", P("FailOnWarnings"));
            }

            if (P("DisableExecuteApiEndpoint") is { } disable)
            {
                if (!SwaggerEditor.Truthy(_body))
                {
                    throw Error("DisableExecuteApiEndpoint works only within 'DefinitionBody' property.");
                }

                var e = new SwaggerEditor(_body);
                e.AddDisableExecuteApiEndpoint(disable);
                e.Finish();
            }

            if (SwaggerEditor.Truthy(definitionUri))
            {
                restApi.Set("BodyS3Location", BodyS3(definitionUri!));
            }
            else if (SwaggerEditor.Truthy(_body))
            {
                _body = OpenApiPostprocess((MapNode)_body!);
                restApi.Set("Body", _body);
            }

            foreach (var name in new[] { "Name", "Description", "Mode", "ApiKeySourceType", "Policy", "SecurityPolicy", "EndpointAccessMode" })
            {
                if (SwaggerEditor.Truthy(P(name)))
                {
                    restApi.Set(name, P(name));
                }
            }

            return restApi;
        }

        private static void SetEndpointConfiguration(CfnResource restApi, Node value)
        {
            if (value is MapNode m && SwaggerEditor.Truthy(m["Type"]))
            {
                restApi.Set("Parameters", new MapNode { ["endpointConfigurationTypes"] = m["Type"]! });
                var config = new MapNode { ["Types"] = new ListNode([m["Type"]!]) };
                restApi.Set("EndpointConfiguration", config);
                if (m.ContainsKey("VPCEndpointIds") && m.ContainsKey("VpcEndpointIds"))
                {
                    throw new ResourceException(restApi.LogicalId, "'VPCEndpointIds' and 'VpcEndpointIds' cannot be used together in EndpointConfiguration.", m.Span);
                }

                if (m.ContainsKey("VPCEndpointIds") || m.ContainsKey("VpcEndpointIds"))
                {
                    config["VpcEndpointIds"] = SwaggerEditor.Truthy(m["VPCEndpointIds"]) ? m["VPCEndpointIds"]! : m["VpcEndpointIds"] ?? ScalarNode.Null();
                }

                if (m.ContainsKey("IpAddressType"))
                {
                    config["IpAddressType"] = m["IpAddressType"]!;
                }
            }
            else
            {
                restApi.Set("EndpointConfiguration", new MapNode { ["Types"] = new ListNode([value]) });
                restApi.Set("Parameters", new MapNode { ["endpointConfigurationTypes"] = value });
            }
        }

        private MapNode BodyS3(Node uri)
        {
            MapNode pointer;
            if (uri is MapNode m)
            {
                if (!SwaggerEditor.Truthy(m["Bucket"]) || !SwaggerEditor.Truthy(m["Key"]))
                {
                    throw Error("'DefinitionUri' requires Bucket and Key properties to be specified.", "DefinitionUri");
                }

                pointer = m;
            }
            else
            {
                pointer = S3Uri.Parse(uri) ?? throw Error(SamCompiler.Transform.S3Uri.InvalidUriMessage("DefinitionUri", uri), "DefinitionUri");
            }

            var body = new MapNode();
            body.SetP("Bucket", pointer["Bucket"]!);
            body.SetP("Key", pointer["Key"]!);
            if (pointer.ContainsKey("Version"))
            {
                body.SetP("Version", pointer["Version"]!);
            }

            return body;
        }

        private void AddCors()
        {
            var cors = P("Cors");
            if (!SwaggerEditor.Truthy(cors))
            {
                return;
            }

            if (!SwaggerEditor.Truthy(_body))
            {
                throw Error("Cors works only with inline Swagger specified in 'DefinitionBody' property.", "Cors");
            }

            Node? allowMethods = null, allowHeaders = null, maxAge = null, allowCredentials = Py27.Plain(ScalarNode.Boolean(false));
            Node allowOrigin = Py27.S("'*'");
            if (cors is ScalarNode { Kind: ScalarKind.String } || cors!.IsIntrinsic)
            {
                allowOrigin = cors;
            }
            else if (cors is MapNode cm)
            {
                foreach (var key in cm.Keys)
                {
                    if (!CorsFields.Contains(key))
                    {
                        throw Error($"Invalid key '{key}' for 'Cors' property.", "Cors");
                    }
                }

                allowMethods = cm["AllowMethods"];
                allowHeaders = cm["AllowHeaders"];
                if (cm.ContainsKey("AllowOrigin"))
                {
                    allowOrigin = cm["AllowOrigin"]!;
                }

                maxAge = cm["MaxAge"];
                if (cm.ContainsKey("AllowCredentials"))
                {
                    allowCredentials = cm["AllowCredentials"];
                }
            }
            else
            {
                throw Error("Invalid value for 'Cors' property", "Cors");
            }

            if (!SwaggerEditor.IsValid(_body))
            {
                throw Error("Unable to add Cors configuration because 'DefinitionBody' does not contain a valid Swagger definition.", "DefinitionBody");
            }

            if (allowCredentials is ScalarNode { IsTrue: true } && allowOrigin.AsString() == "'*'")
            {
                throw Error("Unable to add Cors configuration because 'AllowCredentials' can not be true when 'AllowOrigin' is \"'*'\" or not set", "Cors");
            }

            var editor = new SwaggerEditor(_body);
            var processed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var path in editor.Paths.Keys.ToList())
            {
                var normalized = path != "/" ? path.TrimEnd('/') : path;
                if (!processed.Add(normalized))
                {
                    continue;
                }

                try
                {
                    editor.AddCors(path, allowOrigin, allowHeaders, allowMethods, maxAge, allowCredentials);
                }
                catch (TemplateException ex)
                {
                    throw Error(ex.Message, "Cors");
                }
            }

            editor.Finish();
        }

        private void AddBinaryMediaTypes()
        {
            if (!SwaggerEditor.Truthy(P("BinaryMediaTypes")) || !SwaggerEditor.Truthy(_body))
            {
                return;
            }

            var e = new SwaggerEditor(_body);
            e.AddBinaryMediaTypes(P("BinaryMediaTypes")!);
            e.Finish();
        }

        private void AddAuth()
        {
            if (!SwaggerEditor.Truthy(_auth) && !SwaggerEditor.Truthy(P("Auth")))
            {
                return;
            }

            if (!SwaggerEditor.Truthy(_body))
            {
                throw Error("Auth works only with inline Swagger specified in 'DefinitionBody' property.", "Auth");
            }

            var auth = _auth!;
            if (!auth.Keys.All(k => AuthFields.Contains(k)))
            {
                throw Error("Invalid value for 'Auth' property", "Auth");
            }

            if (!SwaggerEditor.IsValid(_body))
            {
                throw Error("Unable to add Auth configuration because 'DefinitionBody' does not contain a valid Swagger definition.", "DefinitionBody");
            }

            var editor = new SwaggerEditor(_body);
            var defaultAuthorizer = auth["DefaultAuthorizer"];
            var authorizers = Authorizers(auth["Authorizers"], defaultAuthorizer);
            if (authorizers is { Count: > 0 })
            {
                var defs = editor.SecurityDefinitions();
                foreach (var (name, authorizer) in authorizers)
                {
                    defs[name] = authorizer.GenerateSwagger(context.Partition);
                }

                SetDefaultAuthorizer(editor, authorizers, defaultAuthorizer, auth["AddDefaultAuthorizerToCorsPreflight"]);
            }

            if (SwaggerEditor.Truthy(auth["ApiKeyRequired"]))
            {
                editor.AddApiKeySecurityDefinition();
                var preflight = auth["AddApiKeyRequiredToCorsPreflight"] is not { } pf || SwaggerEditor.Truthy(pf);
                foreach (var path in editor.Paths.Keys.ToList())
                {
                    editor.SetPathDefaultApiKeyRequired(path, preflight);
                }
            }

            if (SwaggerEditor.Truthy(auth["ResourcePolicy"]))
            {
                if (auth["ResourcePolicy"] is not MapNode rp)
                {
                    throw new TemplateException("ResourcePolicy must be a map (ResourcePolicyStatement).");
                }

                foreach (var path in Py27.IterationOrder(editor.Paths))
                {
                    editor.AddResourcePolicy(rp, path, P("StageName") ?? ScalarNode.Null());
                }

                if (SwaggerEditor.Truthy(rp["CustomStatements"]))
                {
                    editor.AddCustomStatements(rp["CustomStatements"]);
                }
            }

            editor.Finish();
            _body = OpenApiPostprocess(editor.Doc);
        }

        private void SetDefaultAuthorizer(SwaggerEditor editor, List<(string Name, Authorizer Value)> authorizers, Node? defaultAuthorizer, Node? addToPreflight)
        {
            if (!SwaggerEditor.Truthy(defaultAuthorizer))
            {
                return;
            }

            if (defaultAuthorizer.AsString() is not { } name)
            {
                throw Error("DefaultAuthorizer is not a string.", "Auth");
            }

            if (!authorizers.Any(a => a.Name == name) && name != "AWS_IAM")
            {
                throw Error("Unable to set DefaultAuthorizer because '" + name + "' was not defined in 'Authorizers'.", "Auth");
            }

            var map = new MapNode();
            var scopes = new Dictionary<string, Node?>(StringComparer.Ordinal);
            foreach (var (n, a) in authorizers)
            {
                map[n] = new MapNode();
                scopes[n] = a.AuthorizationScopes;
            }

            var preflight = addToPreflight is null || SwaggerEditor.Truthy(addToPreflight);
            foreach (var path in editor.Paths.Keys.ToList())
            {
                editor.SetPathDefaultAuthorizer(path, name, map, scopes, preflight);
            }
        }

        private List<(string Name, Authorizer Value)>? Authorizers(Node? config, Node? defaultAuthorizer)
        {
            var list = new List<(string, Authorizer)>();
            if (defaultAuthorizer.AsString() == "AWS_IAM")
            {
                list.Add(("AWS_IAM", new Authorizer(_id, "AWS_IAM") { IsAwsIam = true }));
            }

            if (!SwaggerEditor.Truthy(config))
            {
                return list.Count > 0 ? list : null;
            }

            if (config is not MapNode cm)
            {
                throw Error("Property 'Auth.Authorizers' should be a map.", "Auth");
            }

            foreach (var (name, value) in cm)
            {
                if (value is not MapNode a)
                {
                    throw Error($"Property 'Auth.Authorizers.{name}' should be a map.", "Auth");
                }

                list.RemoveAll(x => x.Item1 == name);
                list.Add((name, Authorizer.From(_id, name, a)));
            }

            return list;
        }

        private List<CfnResource> AuthorizerPermissions()
        {
            if (!SwaggerEditor.Truthy(_auth))
            {
                return [];
            }

            var authorizers = Authorizers(_auth!["Authorizers"], null);
            if (authorizers is null)
            {
                return [];
            }

            var list = new List<CfnResource>();
            foreach (var (name, a) in authorizers)
            {
                if (!SwaggerEditor.Truthy(a.FunctionArn) || SwaggerEditor.Truthy(a.DisableFunctionDefaultPermissions))
                {
                    continue;
                }

                var p = new CfnResource(_id + name + "AuthorizerPermission", "AWS::Lambda::Permission", resource.KeySpan).PassThrough(PassThrough());
                p.Set("Action", "lambda:InvokeFunction");
                p.Set("FunctionName", a.FunctionArn);
                p.Set("Principal", "apigateway.amazonaws.com");
                p.Set("SourceArn", new MapNode
                {
                    ["Fn::Sub"] = new ListNode(
                    [
                        $"arn:{context.Partition}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{__ApiId__}}/authorizers/*",
                        new MapNode { ["__ApiId__"] = Intrinsics.Ref(_id) },
                    ]),
                });
                list.Add(p);
            }

            return list;
        }

        private void AddGatewayResponses()
        {
            if (P("GatewayResponses") is not { } gr || !SwaggerEditor.Truthy(gr))
            {
                return;
            }

            if (!SwaggerEditor.Truthy(_body))
            {
                throw Error("GatewayResponses works only with inline Swagger specified in 'DefinitionBody' property.", "GatewayResponses");
            }

            var responses = (MapNode)gr;
            foreach (var (key, value) in responses)
            {
                if (value.IsIntrinsic)
                {
                    throw Error("Unable to set GatewayResponses attribute because intrinsic functions are not supported for this field.", "GatewayResponses");
                }

                if (value is not MapNode vm)
                {
                    throw Error($"Invalid property type '{PyRepr.TypeName(value)}' for GatewayResponses. Expected an object of type 'GatewayResponse'.", "GatewayResponses");
                }

                foreach (var rk in vm.Keys)
                {
                    if (!GatewayResponseFields.Contains(rk))
                    {
                        throw Error($"Invalid property '{rk}' in 'GatewayResponses' property '{key}'.", "GatewayResponses");
                    }
                }
            }

            if (!SwaggerEditor.IsValid(_body))
            {
                throw Error("Unable to add Auth configuration because 'DefinitionBody' does not contain a valid Swagger definition.", "DefinitionBody");
            }

            var editor = new SwaggerEditor(_body);
            var generated = new List<(string, MapNode)>();
            foreach (var (type, value) in responses)
            {
                var r = (MapNode)value;
                var parameters = r["ResponseParameters"] ?? new MapNode();
                var templates = r["ResponseTemplates"] ?? new MapNode();
                if (SwaggerEditor.Truthy(parameters) && parameters is not MapNode)
                {
                    throw Error($"Property 'GatewayResponses.{type}.ResponseParameters' should be a map.", "GatewayResponses");
                }

                generated.Add((type, GatewayResponse(parameters as MapNode, templates, r["StatusCode"])));
            }

            if (generated.Count > 0)
            {
                editor.AddGatewayResponses(generated);
            }

            editor.Finish();
        }

        private MapNode GatewayResponse(MapNode? parameters, Node templates, Node? statusCode)
        {
            if (parameters is not null)
            {
                foreach (var k in parameters.Keys)
                {
                    if (k is not ("Headers" or "Paths" or "QueryStrings"))
                    {
                        throw Error($"Invalid gateway response parameter '{k}'", "GatewayResponses");
                    }
                }
            }

            string? status = statusCode is null || statusCode.IsNull ? null : (statusCode as ScalarNode)?.PythonStr ?? PyRepr.Str(statusCode);
            if (statusCode is not null && SwaggerEditor.Truthy(statusCode) && (status is null || !System.Text.RegularExpressions.Regex.IsMatch(status, "^[0-9]{1,3}$")))
            {
                throw Error("Property 'StatusCode' must be numeric", "GatewayResponses");
            }

            var prefixed = new MapNode();
            foreach (var (name, prefix) in new[] { ("Headers", "header."), ("Paths", "path."), ("QueryStrings", "querystring.") })
            {
                var value = parameters?[name] ?? new MapNode();
                if (value is not MapNode vm)
                {
                    throw Error($"Property 'ResponseParameters.{name}' should be a map.", "GatewayResponses");
                }

                foreach (var (k, v) in vm)
                {
                    prefixed["gatewayresponse." + prefix + k] = v;
                }
            }

            var swagger = new MapNode();
            swagger.SetP("responseParameters", prefixed);
            swagger.SetP("responseTemplates", SwaggerEditor.Truthy(templates) ? templates : new MapNode());
            if (!string.IsNullOrEmpty(status))
            {
                // str() of the input (even a Py27UniStr, which has no __str__) is a plain str.
                swagger.SetP("statusCode", Py27.S(status));
            }

            return swagger;
        }

        private void AddModels()
        {
            if (P("Models") is not { } models || !SwaggerEditor.Truthy(models))
            {
                return;
            }

            if (!SwaggerEditor.Truthy(_body))
            {
                throw Error("Models works only with inline Swagger specified in 'DefinitionBody' property.", "Models");
            }

            if (!SwaggerEditor.IsValid(_body))
            {
                throw Error("Unable to add Models definitions because 'DefinitionBody' does not contain a valid Swagger definition.", "DefinitionBody");
            }

            var m = (MapNode)models;
            if (!m.Values.All(v => v is MapNode))
            {
                throw Error("Invalid value for 'Models' property", "Models");
            }

            var e = new SwaggerEditor(_body);
            e.AddModels(m);
            e.Finish();
            _body = OpenApiPostprocess((MapNode)_body!);
        }

        private MapNode OpenApiPostprocess(MapNode body)
        {
            if (body["swagger"] is { IsNull: false })
            {
                return body;
            }

            Node? version = body["openapi"] is { IsNull: false } ov && P("OpenApiVersion") is null ? ov : P("OpenApiVersion");
            if (!SwaggerEditor.Truthy(version) || !SwaggerEditor.IsOpenApi3(version))
            {
                return body;
            }

            // The body's dicts are Py27Dicts from the input on: register their tables before keys are deleted
            // below, so a deleted key leaves its slot behind as in Python 2.7 (the key order str(swagger) hashes).
            Py27.SyncDocument(body);
            if (SwaggerEditor.Truthy(body["securityDefinitions"]))
            {
                var components = body["components"] as MapNode is { Count: > 0 } c ? c : new MapNode();
                components.SetP("securitySchemes", body["securityDefinitions"]!);
                body.SetP("components", components);
                body.Remove("securityDefinitions");
            }

            if (SwaggerEditor.Truthy(body["definitions"]))
            {
                var components = body["components"] as MapNode is { Count: > 0 } c ? c : new MapNode();
                components.SetP("schemas", body["definitions"]!);
                body.SetP("components", components);
                body.Remove("definitions");
            }

            if (body["paths"] is { } paths && SwaggerEditor.Truthy(paths))
            {
                if (paths is not MapNode pm)
                {
                    throw new TemplateException("Value of paths must be a dictionary according to Swagger spec.");
                }

                foreach (var (path, item) in pm)
                {
                    var pi = SwaggerEditor.ValidatePathItemIsDict(item, path);
                    if (!SwaggerEditor.Truthy(pi["options"]))
                    {
                        continue;
                    }

                    if (pi["options"] is not MapNode options)
                    {
                        throw new TemplateException($"Value of options method for path {path} must be a dictionary according to Swagger spec.");
                    }

                    foreach (var (field, fieldVal) in options.ToList())
                    {
                        if (field is "produces" or "consumes")
                        {
                            options.Remove(field);
                        }

                        if (field == "responses")
                        {
                            var headers = fieldVal.Get("200").Get("headers");
                            if (fieldVal is not MapNode || (fieldVal.Get("200") is { } r200 && r200 is not MapNode))
                            {
                                throw new TemplateException($"Invalid responses in options method for path {path}: The value of '200' should be a map.");
                            }

                            if (!SwaggerEditor.Truthy(headers))
                            {
                                continue;
                            }

                            if (headers is not MapNode hm)
                            {
                                throw new TemplateException($"Value of response's headers in options method for path {path} must be a dictionary according to Swagger spec.");
                            }

                            foreach (var (header, headerVal) in hm.ToList())
                            {
                                var wrapped = new MapNode();
                                wrapped.SetP("schema", headerVal);
                                hm[header] = wrapped;
                            }
                        }
                    }
                }
            }

            return body;
        }

        private CfnResource ConstructStage(CfnResource deployment, Node? swagger)
        {
            var stageName = P("StageName");
            var prefix = stageName.AsString() ?? string.Empty;
            var stageId = Hashing.IsAlnum(prefix) ? _id + prefix + "Stage" : Hashing.LogicalId(_id + "Stage", ScalarNode.String(prefix));
            var stage = new CfnResource(stageId, "AWS::ApiGateway::Stage", resource.KeySpan).PassThrough(PassThrough());
            stage.Set("RestApiId", Intrinsics.Ref(_id));
            stage.Set("DeploymentId", deployment.Ref());
            stage.Set("StageName", stageName);
            stage.Set("CacheClusterEnabled", P("CacheClusterEnabled"));
            stage.Set("CacheClusterSize", P("CacheClusterSize"));
            stage.Set("Variables", P("Variables"));
            stage.Set("MethodSettings", P("MethodSettings"));
            stage.Set("AccessLogSetting", P("AccessLogSetting"));
            stage.Set("CanarySetting", P("CanarySetting"));
            stage.Set("TracingEnabled", P("TracingEnabled"));
            if (swagger is not null && SwaggerEditor.Truthy(swagger))
            {
                if (swagger is MapNode sm)
                {
                    Py27.SyncDocument(sm);
                }

                var inputs = new List<string> { Py27.Str(swagger) };
                if (SwaggerEditor.Truthy(P("OpenApiVersion")))
                {
                    inputs.Add(Py27.Str(P("OpenApiVersion")!));
                }

                if (_domain is not null && _domain.Count > 0)
                {
                    inputs.Add(Hashing.JsonDumps(_domain));
                }

                var names = FunctionNames();
                if (names.Length > 0)
                {
                    inputs.Add(names);
                }

                var data = string.Join("||", inputs);
                var digest = Convert.ToHexStringLower(Sha1.HashData(System.Text.Encoding.UTF8.GetBytes(data)));
                deployment.LogicalId = deployment.LogicalId + digest[..10];
                deployment.Set("Description", $"RestApi deployment id: {digest}");
                stage.Set("DeploymentId", deployment.Ref());
            }

            if (P("Tags") is MapNode tags)
            {
                stage.Set("Tags", TagList(tags));
            }

            return stage;
        }

        /// <summary>translator._get_function_names: FunctionName of the functions whose Api events name this API.</summary>
        private string FunctionNames()
        {
            var sb = new System.Text.StringBuilder();
            foreach (var (_, fn) in ApiTypes.Iterate(context.SamResources, ApiTypes.Function))
            {
                if (fn["Properties"] is not MapNode props || props["Events"] is not MapNode events)
                {
                    continue;
                }

                foreach (var evt in events.Values)
                {
                    if (evt is not MapNode e || e["Type"].AsString() != "Api" || e["Properties"] is not MapNode ep || !SwaggerEditor.Truthy(ep["RestApiId"]))
                    {
                        continue;
                    }

                    if (ApiTypes.ApiIdString(ep["RestApiId"]).AsString() != _id)
                    {
                        continue;
                    }

                    if (props["FunctionName"] is not { } fnName)
                    {
                        continue;
                    }

                    var resolved = context.Intrinsics.ResolveParameterRefs(Py27.Clone(fnName));
                    if (!SwaggerEditor.Truthy(resolved))
                    {
                        continue;
                    }

                    sb.Append(Py27.Str(resolved));
                }
            }

            return sb.ToString();
        }

        private List<CfnResource> ConstructUsagePlan(CfnResource stage)
        {
            if (!SwaggerEditor.Truthy(_auth) || _auth!["UsagePlan"] is not { } up || up.IsNull)
            {
                return [];
            }

            if (up is not MapNode plan)
            {
                throw Error("'UsagePlan' must be a dictionary", "Auth");
            }

            if (!plan.Keys.All(k => UsagePlanFields.Contains(k)))
            {
                throw Error("Invalid property for 'UsagePlan'", "Auth");
            }

            var create = plan["CreateUsagePlan"];
            if (create is null || create.IsNull)
            {
                throw Error("'CreateUsagePlan' is a required field for UsagePlan.", "Auth");
            }

            var createText = create.AsString();
            if (createText is not ("SHARED" or "PER_API" or "NONE"))
            {
                throw Error("'CreateUsagePlan' accepts one of ['SHARED', 'PER_API', 'NONE'].", "Auth");
            }

            if (createText == "NONE")
            {
                return [];
            }

            CfnResource usagePlan;
            CfnResource apiKey;
            CfnResource usagePlanKey;
            var apiStage = new MapNode { ["ApiId"] = Intrinsics.Ref(_id), ["Stage"] = stage.Ref() };
            var stageKey = new MapNode { ["RestApiId"] = Intrinsics.Ref(_id), ["StageName"] = stage.Ref() };
            if (createText == "PER_API")
            {
                var planId = _id + "UsagePlan";
                usagePlan = new CfnResource(planId, "AWS::ApiGateway::UsagePlan", resource.KeySpan) { DependsOn = new ListNode([_id]) }.PassThrough(PassThrough());
                usagePlan.Set("ApiStages", new ListNode([apiStage]));
                apiKey = new CfnResource(_id + "ApiKey", "AWS::ApiGateway::ApiKey", resource.KeySpan) { DependsOn = new ListNode([planId]) }.PassThrough(PassThrough());
                apiKey.Set("Enabled", true);
                apiKey.Set("StageKeys", new ListNode([stageKey]));
                usagePlanKey = new CfnResource(_id + "UsagePlanKey", "AWS::ApiGateway::UsagePlanKey", resource.KeySpan) { DependsOn = new ListNode([apiKey.LogicalId]) }.PassThrough(PassThrough());
            }
            else
            {
                var shared = context.Shared<SharedUsagePlan>();
                if (!shared.DependsOn.Contains(_id))
                {
                    shared.DependsOn.Add(_id);
                }

                const string PlanId = "ServerlessUsagePlan";
                usagePlan = new CfnResource(PlanId, "AWS::ApiGateway::UsagePlan", resource.KeySpan) { DependsOn = new ListNode(shared.DependsOn.Select(d => (Node)d)) };
                usagePlan.PassThrough(shared.Combined(resource, context));
                if (!shared.ApiStages.Any(s => Node.DeepEquals(s, apiStage)))
                {
                    shared.ApiStages.Add(apiStage);
                }

                usagePlan.Set("ApiStages", new ListNode(shared.ApiStages.Select(s => s.Clone())));
                apiKey = new CfnResource("ServerlessApiKey", "AWS::ApiGateway::ApiKey", resource.KeySpan) { DependsOn = new ListNode([PlanId]) };
                apiKey.PassThrough(shared.Combined(resource, context));
                apiKey.Set("Enabled", true);
                if (!shared.StageKeys.Any(s => Node.DeepEquals(s, stageKey)))
                {
                    shared.StageKeys.Add(stageKey);
                }

                apiKey.Set("StageKeys", new ListNode(shared.StageKeys.Select(s => s.Clone())));
                usagePlanKey = new CfnResource("ServerlessUsagePlanKey", "AWS::ApiGateway::UsagePlanKey", resource.KeySpan) { DependsOn = new ListNode([apiKey.LogicalId]) };
                usagePlanKey.PassThrough(shared.Combined(resource, context));
            }

            usagePlanKey.Set("KeyId", apiKey.Ref());
            usagePlanKey.Set("KeyType", "API_KEY");
            usagePlanKey.Set("UsagePlanId", usagePlan.Ref());
            foreach (var name in new[] { "UsagePlanName", "Description", "Quota", "Tags", "Throttle" })
            {
                if (SwaggerEditor.Truthy(plan[name]))
                {
                    usagePlan.Set(name, plan[name]);
                }
            }

            return [usagePlan, apiKey, usagePlanKey];
        }

        private List<CfnResource> ConstructDomain(CfnResource restApi)
        {
            if (_domain is null)
            {
                if (P("Domain") is { } bad)
                {
                    throw Error("Property 'Domain' should be a map.", "Domain");
                }

                return [];
            }

            var domainName = _domain["DomainName"] is { IsNull: false } dn ? dn : throw Error("Property 'Domain.DomainName' is required.", "Domain");
            var certificateArn = _domain["CertificateArn"] is { IsNull: false } ca ? ca : throw Error("Property 'Domain.CertificateArn' is required.", "Domain");
            var apiDomainName = "ApiGatewayDomainName" + Hashing.Sha1Prefix(domainName.AsString() ?? PyJson.Dumps(domainName));
            _domain.SetP("ApiDomainName", Py27.S(apiDomainName));
            var domain = new CfnResource(apiDomainName, "AWS::ApiGateway::DomainName", resource.KeySpan).PassThrough(PassThrough());
            domain.Set("DomainName", domainName);
            var endpoint = _domain["EndpointConfiguration"];
            if (endpoint is null || endpoint.IsNull)
            {
                endpoint = Py27.S("REGIONAL");
                _domain.SetP("EndpointConfiguration", endpoint);
            }
            else if (endpoint.AsString() is not ("EDGE" or "REGIONAL" or "PRIVATE"))
            {
                throw Error("EndpointConfiguration for Custom Domains must be one of ['EDGE', 'REGIONAL', 'PRIVATE'].", "Domain");
            }

            domain.Set(endpoint.AsString() == "REGIONAL" ? "RegionalCertificateArn" : "CertificateArn", certificateArn);
            var config = new MapNode { ["Types"] = new ListNode([endpoint]) };
            domain.Set("EndpointConfiguration", config);
            if (SwaggerEditor.Truthy(_domain["IpAddressType"]))
            {
                config["IpAddressType"] = _domain["IpAddressType"]!;
            }

            if (_domain["MutualTlsAuthentication"] is { } mtls && SwaggerEditor.Truthy(mtls))
            {
                if (mtls is not MapNode mm)
                {
                    throw Error("Property 'Domain.MutualTlsAuthentication' should be a map.", "Domain");
                }

                if (!mm.Keys.All(k => k is "TruststoreUri" or "TruststoreVersion"))
                {
                    throw Error("Available Domain.MutualTlsAuthentication fields are ['TruststoreUri', 'TruststoreVersion'].", "Domain");
                }

                var m = new MapNode();
                if (SwaggerEditor.Truthy(mm["TruststoreUri"]))
                {
                    m["TruststoreUri"] = mm["TruststoreUri"]!;
                }

                if (SwaggerEditor.Truthy(mm["TruststoreVersion"]))
                {
                    m["TruststoreVersion"] = mm["TruststoreVersion"]!;
                }

                domain.Set("MutualTlsAuthentication", m);
            }

            SetOptionalDomainProperties(domain);
            var result = new List<CfnResource> { domain };
            var basePaths = BasePaths();
            var normalize = _domain["NormalizeBasePath"] is not { } nb || SwaggerEditor.Truthy(nb);
            if (basePaths is null)
            {
                result.Add(BasePathMapping(_id + "BasePathMapping", apiDomainName, restApi, null));
            }
            else
            {
                foreach (var bp in basePaths)
                {
                    if (bp.AsString() is not { } text)
                    {
                        throw Error("Property 'Domain.BasePath' should be a list of strings.", "Domain");
                    }

                    var path = new string([.. text.Where(char.IsLetterOrDigit)]);
                    result.Add(BasePathMapping(_id + path + "BasePathMapping", apiDomainName, restApi, normalize ? ScalarNode.String(path) : bp));
                }
            }

            if (_domain["Route53"] is { IsNull: false } route53Node)
            {
                if (route53Node is not MapNode route53)
                {
                    throw Error("Property 'Domain.Route53' should be a map.", "Domain");
                }

                if (route53["HostedZoneId"] is null && route53["HostedZoneName"] is null)
                {
                    throw Error("HostedZoneId or HostedZoneName is required to enable Route53 support on Custom Domains.", "Domain");
                }

                var zone = SwaggerEditor.Truthy(route53["HostedZoneId"]) ? route53["HostedZoneId"] : route53["HostedZoneName"];
                var groupId = "RecordSetGroup" + Hashing.Sha1Prefix(zone.AsString() ?? (zone is null ? string.Empty : PyJson.Dumps(zone)));
                if (SwaggerEditor.Truthy(route53["SeparateRecordSetGroup"]))
                {
                    if (route53["SeparateRecordSetGroup"] is not ScalarNode { Kind: ScalarKind.Boolean })
                    {
                        throw Error("Property 'Domain.Route53.SeparateRecordSetGroup' should be a boolean.", "Domain");
                    }

                    var sepId = Hashing.LogicalId("RecordSetGroup", new ListNode([zone ?? ScalarNode.Null(), _domain["DomainName"] ?? ScalarNode.Null()]));
                    var sep = new CfnResource(sepId, "AWS::Route53::RecordSetGroup", resource.KeySpan).PassThrough(PassThrough());
                    sep.Set("HostedZoneId", SwaggerEditor.Truthy(route53["HostedZoneId"]) ? route53["HostedZoneId"] : null);
                    sep.Set("HostedZoneName", SwaggerEditor.Truthy(route53["HostedZoneName"]) ? route53["HostedZoneName"] : null);
                    sep.Set("RecordSets", new ListNode(RecordSets(apiDomainName, route53)));
                    result.Add(sep);
                    return result;
                }

                var groups = context.Shared<RecordSetGroups>().Groups;
                if (!groups.TryGetValue(groupId, out var group))
                {
                    group = new CfnResource(groupId, "AWS::Route53::RecordSetGroup", resource.KeySpan).PassThrough(PassThrough());
                    if (route53.ContainsKey("HostedZoneId"))
                    {
                        group.Set("HostedZoneId", route53["HostedZoneId"]);
                    }

                    if (route53.ContainsKey("HostedZoneName"))
                    {
                        group.Set("HostedZoneName", route53["HostedZoneName"]);
                    }

                    group.Set("RecordSets", new ListNode());
                    groups[groupId] = group;
                }

                var sets = (ListNode)group.Properties["RecordSets"]!;
                foreach (var rs in RecordSets(apiDomainName, route53))
                {
                    sets.Add(rs);
                }

                result.Add(group);
            }

            return result;
        }

        private void SetOptionalDomainProperties(CfnResource domain)
        {
            foreach (var name in new[] { "SecurityPolicy", "EndpointAccessMode", "Policy", "OwnershipVerificationCertificateArn" })
            {
                if (SwaggerEditor.Truthy(_domain![name]))
                {
                    domain.Set(name, _domain[name]);
                }
            }
        }

        private List<Node>? BasePaths()
        {
            var bp = _domain!["BasePath"];
            if (SwaggerEditor.Truthy(bp) && bp is ScalarNode { Kind: ScalarKind.String })
            {
                return [bp!];
            }

            if (SwaggerEditor.Truthy(bp) && bp is ListNode l)
            {
                return [.. l];
            }

            return null;
        }

        private CfnResource BasePathMapping(string logicalId, string apiDomainName, CfnResource restApi, Node? basePath)
        {
            var mapping = new CfnResource(logicalId, "AWS::ApiGateway::BasePathMapping", resource.KeySpan).PassThrough(PassThrough());
            mapping.Set("DomainName", Intrinsics.Ref(apiDomainName));
            mapping.Set("RestApiId", Intrinsics.Ref(restApi.LogicalId));
            mapping.Set("Stage", Intrinsics.Ref(restApi.LogicalId + ".Stage"));
            mapping.Set("BasePath", basePath);
            return mapping;
        }

        private List<Node> RecordSets(string apiDomainName, MapNode route53)
        {
            var alias = AliasTarget(apiDomainName, route53);
            var list = new List<Node>();
            var rs = new MapNode { ["Name"] = _domain!["DomainName"] ?? ScalarNode.Null(), ["Type"] = "A", ["AliasTarget"] = alias };
            RoutingPolicy(route53, rs);
            list.Add(rs);
            if (route53["IpV6"] is ScalarNode { IsTrue: true })
            {
                var rs6 = new MapNode { ["Name"] = _domain["DomainName"] ?? ScalarNode.Null(), ["Type"] = "AAAA", ["AliasTarget"] = alias.Clone() };
                RoutingPolicy(route53, rs6);
                list.Add(rs6);
            }

            return list;
        }

        private static void RoutingPolicy(MapNode route53, MapNode rs)
        {
            if (route53["Region"] is { IsNull: false } region)
            {
                rs["Region"] = region;
            }

            if (route53["SetIdentifier"] is { IsNull: false } id)
            {
                rs["SetIdentifier"] = id;
            }
        }

        private MapNode AliasTarget(string apiDomainName, MapNode route53)
        {
            var alias = new MapNode();
            if (route53["EvaluateTargetHealth"] is { IsNull: false } eth)
            {
                alias["EvaluateTargetHealth"] = eth;
            }

            var endpoint = _domain!["EndpointConfiguration"].AsString();
            if (endpoint == "REGIONAL")
            {
                alias["HostedZoneId"] = Intrinsics.GetAtt(apiDomainName, "RegionalHostedZoneId");
                alias["DNSName"] = Intrinsics.GetAtt(apiDomainName, "RegionalDomainName");
            }
            else if (endpoint == "EDGE")
            {
                if (route53["DistributionDomainName"] is null)
                {
                    route53["DistributionDomainName"] = Intrinsics.GetAtt(apiDomainName, "DistributionDomainName");
                }

                alias["HostedZoneId"] = "Z2FDTNDATAQYW2";
                alias["DNSName"] = route53["DistributionDomainName"]!;
            }
            else
            {
                alias["HostedZoneId"] = route53["VpcEndpointHostedZoneId"] ?? ScalarNode.Null();
                alias["DNSName"] = route53["VpcEndpointDomainName"] ?? ScalarNode.Null();
            }

            return alias;
        }

        private List<CfnResource> ConstructDomainV2(CfnResource restApi)
        {
            var domainName = _domain!["DomainName"] is { IsNull: false } dn ? dn : throw Error("Property 'Domain.DomainName' is required.", "Domain");
            var certificateArn = _domain["CertificateArn"] is { IsNull: false } ca ? ca : throw Error("Property 'Domain.CertificateArn' is required.", "Domain");
            var apiDomainName = "ApiGatewayDomainNameV2" + Hashing.Sha1Prefix(domainName.AsString() ?? PyJson.Dumps(domainName));
            var domainArn = Intrinsics.Ref(apiDomainName);
            var domain = new CfnResource(apiDomainName, "AWS::ApiGateway::DomainNameV2", resource.KeySpan).PassThrough(PassThrough());
            domain.Set("DomainName", domainName);
            domain.Set("CertificateArn", certificateArn);
            var config = new MapNode { ["Types"] = new ListNode([_domain["EndpointConfiguration"]!]) };
            domain.Set("EndpointConfiguration", config);
            if (SwaggerEditor.Truthy(_domain["IpAddressType"]))
            {
                config["IpAddressType"] = _domain["IpAddressType"]!;
            }

            SetOptionalDomainProperties(domain);
            var result = new List<CfnResource> { domain };
            var basePaths = BasePaths();
            if (basePaths is null)
            {
                result.Add(MappingV2(_id + "BasePathMapping", domainArn, restApi, null));
            }
            else
            {
                foreach (var bp in basePaths)
                {
                    var text = bp.AsString() ?? throw Error("Property 'Domain.BasePath' should be a list of strings.", "Domain");
                    var path = new string([.. text.Where(char.IsLetterOrDigit)]);
                    result.Add(MappingV2(_id + path + "BasePathMapping", domainArn, restApi, ScalarNode.String(path)));
                }
            }

            if (_domain["Route53"] is MapNode route53)
            {
                var zone = SwaggerEditor.Truthy(route53["HostedZoneId"]) ? route53["HostedZoneId"] : route53["HostedZoneName"];
                var groupId = "RecordSetGroup" + Hashing.Sha1Prefix(zone.AsString() ?? string.Empty);
                var group = new CfnResource(groupId, "AWS::Route53::RecordSetGroup", resource.KeySpan).PassThrough(PassThrough());
                group.Set("HostedZoneId", route53["HostedZoneId"]);
                group.Set("HostedZoneName", route53["HostedZoneName"]);
                group.Set("RecordSets", new ListNode(RecordSets(apiDomainName, route53)));
                result.Add(group);
            }

            if (_domain["AccessAssociation"] is MapNode assoc)
            {
                var vpce = assoc["VpcEndpointId"] ?? ScalarNode.Null();
                var id = Hashing.LogicalId("DomainNameAccessAssociation", new ListNode([vpce, ScalarNode.String(apiDomainName)]));
                var a = new CfnResource(id, "AWS::ApiGateway::DomainNameAccessAssociation", resource.KeySpan).PassThrough(PassThrough());
                a.Set("DomainNameArn", domainArn.Clone());
                a.Set("AccessAssociationSourceType", "VPCE");
                a.Set("AccessAssociationSource", vpce);
                result.Add(a);
            }

            return result;
        }

        private CfnResource MappingV2(string logicalId, MapNode domainArn, CfnResource restApi, Node? basePath)
        {
            var m = new CfnResource(logicalId, "AWS::ApiGateway::BasePathMappingV2", resource.KeySpan).PassThrough(PassThrough());
            m.Set("DomainNameArn", domainArn.Clone());
            m.Set("RestApiId", Intrinsics.Ref(restApi.LogicalId));
            m.Set("Stage", Intrinsics.Ref(restApi.LogicalId + ".Stage"));
            m.Set("BasePath", basePath);
            return m;
        }
    }

    /// <summary>Route 53 record set groups shared across the APIs of a template.</summary>
    internal sealed class RecordSetGroups
    {
        public Dictionary<string, CfnResource> Groups { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>SharedApiUsagePlan: the SHARED usage plan collected across APIs.</summary>
    internal sealed class SharedUsagePlan
    {
        private const string ConditionName = "SharedUsagePlanCondition";
        private readonly HashSet<string> _conditions = new(StringComparer.Ordinal);
        private bool _anyWithoutCondition;
        private string? _deletion;
        private string? _updateReplace;

        public List<string> DependsOn { get; } = [];

        public List<MapNode> ApiStages { get; } = [];

        public List<MapNode> StageKeys { get; } = [];

        public MapNode Combined(SamResource api, TranslationContext context)
        {
            var deletion = api.Definition["DeletionPolicy"].AsString();
            if (!string.IsNullOrEmpty(deletion) && (_deletion is null || deletion == "Retain"))
            {
                _deletion = deletion;
            }

            var update = api.Definition["UpdateReplacePolicy"].AsString();
            if (!string.IsNullOrEmpty(update) && (_updateReplace is null || update == "Retain" || (update == "Snapshot" && _updateReplace == "Delete")))
            {
                _updateReplace = update;
            }

            SetCondition(api.Condition, context);
            var attrs = new MapNode();
            if (_deletion is not null)
            {
                attrs["DeletionPolicy"] = _deletion;
            }

            if (_updateReplace is not null)
            {
                attrs["UpdateReplacePolicy"] = _updateReplace;
            }

            if (_conditions.Count > 0 && !_anyWithoutCondition)
            {
                attrs["Condition"] = ConditionName;
            }

            return attrs;
        }

        private void SetCondition(string? condition, TranslationContext context)
        {
            if (_anyWithoutCondition)
            {
                return;
            }

            var conditions = context.ExistingConditions;
            if (condition is not null && !_conditions.Contains(condition))
            {
                if (conditions is null)
                {
                    throw new TemplateException("Can't have condition without having 'Conditions' section in the template");
                }

                _conditions.Add(condition);
                conditions[ConditionName] = _conditions.Count > 1
                    ? Intrinsics.Or(_conditions.Select(c => (Node)Intrinsics.Condition(c)))
                    : ScalarNode.String(condition);
            }
            else if (condition is null)
            {
                _anyWithoutCondition = true;
                conditions?.Remove(ConditionName);
            }
        }
    }
}
