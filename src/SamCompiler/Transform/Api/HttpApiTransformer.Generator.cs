using System.Text.RegularExpressions;
using SamCompiler.Syntax;

namespace SamCompiler.Transform.Api;

/// <summary>The HTTP API generator (samtranslator/model/api/http_api_generator.py and apiv2_generator.py).</summary>
public sealed partial class HttpApiTransformer
{
    private const string DefaultStageName = "$default";
    private const string TagName = "httpapi:createdBy";

    private static readonly Dictionary<string, (bool, PyKind)> Types = new(StringComparer.Ordinal)
    {
        ["__MANAGE_SWAGGER"] = (false, PyKind.Bool),
        ["Name"] = (false, PyKind.Any),
        ["StageName"] = (false, PyKind.Str | PyKind.Dict),
        ["Tags"] = (false, PyKind.Dict),
        ["PropagateTags"] = (false, PyKind.Bool),
        ["DefinitionBody"] = (false, PyKind.Dict),
        ["DefinitionUri"] = (false, PyKind.Str | PyKind.Dict),
        ["StageVariables"] = (false, PyKind.Dict),
        ["CorsConfiguration"] = (false, PyKind.Bool | PyKind.Dict),
        ["AccessLogSettings"] = (false, PyKind.Dict),
        ["DefaultRouteSettings"] = (false, PyKind.Dict),
        ["Auth"] = (false, PyKind.Dict),
        ["RouteSettings"] = (false, PyKind.Dict),
        ["Domain"] = (false, PyKind.Dict),
        ["FailOnWarnings"] = (false, PyKind.Bool),
        ["Description"] = (false, PyKind.Str),
        ["DisableExecuteApiEndpoint"] = (false, PyKind.Bool),
    };

    private static readonly string[] CorsFields = ["AllowMethods", "AllowHeaders", "AllowOrigins", "MaxAge", "ExposeHeaders", "AllowCredentials"];
    private static readonly string[] AuthFields = ["Authorizers", "DefaultAuthorizer", "EnableIamAuthorizer"];

    /// <inheritdoc />
    public IReadOnlyList<CfnResource> Transform(SamResource resource, TranslationContext context)
    {
        PropertyChecks.Validate(resource, Types);
        return new Generator(resource, context).Run();
    }

    private sealed class Generator(SamResource resource, TranslationContext context)
    {
        private readonly string _id = resource.LogicalId;
        private readonly MapNode _props = resource.Properties;
        private Node? _body = resource["DefinitionBody"];
        private MapNode? _tags;

        private Node? P(string name) => _props[name] is { IsNull: false } v ? v : null;

        private ResourceException Error(string message, string? property = null) => resource.Error(message, property);

        public List<CfnResource> Run()
        {
            if (P("CorsConfiguration") is { } cors)
            {
                _props["CorsConfiguration"] = context.Intrinsics.ResolveParameterRefs(cors);
            }

            if (P("Domain") is { } d)
            {
                _props["Domain"] = context.Intrinsics.ResolveParameterRefs(d);
            }

            _tags = P("Tags") as MapNode;
            var api = ConstructHttpApi();
            var domainResources = ConstructDomain(api);
            var permissions = AuthorizerPermissions();
            var stage = ConstructStage();
            var result = new List<CfnResource> { api };
            result.AddRange(permissions);
            result.AddRange(domainResources);
            if (stage is not null)
            {
                result.Add(stage);
            }

            if (resource["DefinitionBody"] is not null && P("Tags") is MapNode userTags && userTags.Count > 0)
            {
                foreach (var r in result)
                {
                    if (r.Type is "AWS::ApiGatewayV2::Stage" or "AWS::ApiGatewayV2::DomainName")
                    {
                        r.Properties["Tags"] = userTags;
                    }
                }
            }

            if (stage is not null)
            {
                context.ResourceReferences.Add(_id, "Stage", stage.LogicalId);
            }

            foreach (var r in result.Where(r => r.Type == "AWS::ApiGatewayV2::DomainName"))
            {
                context.ResourceReferences.Add(_id, "DomainName", r.LogicalId);
            }

            return result;
        }

        private CfnResource ConstructHttpApi()
        {
            var api = new CfnResource(_id, "AWS::ApiGatewayV2::Api", resource.KeySpan);
            if (resource.DependsOn is { } dependsOn)
            {
                api.DependsOn = dependsOn.Clone();
            }

            foreach (var attr in SamResource.SupportedAttributes)
            {
                if (resource.Definition[attr] is { } v)
                {
                    api.Attributes[attr] = v.Clone();
                }
            }

            var uri = P("DefinitionUri");
            if (SwaggerEditor.Truthy(uri) && SwaggerEditor.Truthy(_body))
            {
                throw Error("Specify either 'DefinitionUri' or 'DefinitionBody' property and not both.");
            }

            if (SwaggerEditor.Truthy(P("CorsConfiguration")))
            {
                AddCors();
            }

            AddAuth();
            AddTags();
            if (SwaggerEditor.Truthy(P("FailOnWarnings")))
            {
                api.Set("FailOnWarnings", P("FailOnWarnings"));
            }

            if (P("DisableExecuteApiEndpoint") is { } disable)
            {
                if (!SwaggerEditor.Truthy(_body))
                {
                    throw Error("DisableExecuteApiEndpoint works only within 'DefinitionBody' property.");
                }

                var e = new OpenApiEditor(_body);
                e.AddEndpointConfig(disable);
                e.Finish();
            }

            AddTitle();
            AddDescription();
            if (SwaggerEditor.Truthy(P("FailOnWarnings")) && SwaggerEditor.Truthy(_body) && _body.Get("paths") is MapNode paths && paths[DefaultStageName] is { } dflt)
            {
                paths.Remove(DefaultStageName);
                paths["/" + DefaultStageName] = dflt;
            }

            if (SwaggerEditor.Truthy(uri))
            {
                api.Set("BodyS3Location", BodyS3(uri!));
            }
            else if (SwaggerEditor.Truthy(_body))
            {
                api.Set("Body", _body);
            }
            else
            {
                throw Error("'DefinitionUri' or 'DefinitionBody' are required properties of an 'AWS::Serverless::HttpApi'. Add a value for one of these properties or add a 'HttpApi' event to an 'AWS::Serverless::Function'.");
            }

            return api;
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

            var body = new MapNode { ["Bucket"] = pointer["Bucket"]!, ["Key"] = pointer["Key"]! };
            if (pointer.ContainsKey("Version"))
            {
                body["Version"] = pointer["Version"]!;
            }

            return body;
        }

        private void AddCors()
        {
            var cors = P("CorsConfiguration")!;
            if (!SwaggerEditor.Truthy(_body))
            {
                throw Error("Cors works only with inline OpenApi specified in 'DefinitionBody' property.", "CorsConfiguration");
            }

            Node? origins = null, headers = null, methods = null, maxAge = null, expose = null, credentials = null;
            if (cors is ScalarNode { Kind: ScalarKind.Boolean })
            {
                origins = new ListNode([ScalarNode.String("*")]);
            }
            else if (cors.IsIntrinsic)
            {
                origins = cors;
            }
            else if (cors is MapNode cm)
            {
                foreach (var key in cm.Keys)
                {
                    if (!CorsFields.Contains(key))
                    {
                        throw Error($"Invalid key '{key}' for 'Cors' property.", "CorsConfiguration");
                    }
                }

                origins = cm["AllowOrigins"];
                headers = cm["AllowHeaders"];
                methods = cm["AllowMethods"];
                maxAge = cm["MaxAge"];
                expose = cm["ExposeHeaders"];
                credentials = cm["AllowCredentials"];
            }
            else
            {
                throw Error("Invalid value for 'Cors' property.", "CorsConfiguration");
            }

            if (!OpenApiEditor.IsValid(_body))
            {
                throw Error("Unable to add Cors configuration because 'DefinitionBody' does not contain a valid OpenApi definition.", "DefinitionBody");
            }

            if (credentials is ScalarNode { IsTrue: true } && origins is ListNode { Count: 1 } ol && ol[0].AsString() == "*")
            {
                throw Error("Unable to add Cors configuration because 'AllowCredentials' can not be true when 'AllowOrigin' is \"'*'\" or not set.", "CorsConfiguration");
            }

            var editor = new OpenApiEditor(_body);
            editor.AddCors(origins, headers, methods, expose, maxAge, credentials);
            editor.Finish();
        }

        private void AddAuth()
        {
            var authNode = P("Auth");
            if (!SwaggerEditor.Truthy(authNode))
            {
                return;
            }

            if (!SwaggerEditor.Truthy(_body))
            {
                throw Error("Auth works only with inline OpenApi specified in the 'DefinitionBody' property.", "Auth");
            }

            var auth = (MapNode)authNode!;
            if (!auth.Keys.All(k => AuthFields.Contains(k)))
            {
                throw Error("Invalid value for 'Auth' property", "Auth");
            }

            if (!OpenApiEditor.IsValid(_body))
            {
                throw Error("Unable to add Auth configuration because 'DefinitionBody' does not contain a valid OpenApi definition.", "DefinitionBody");
            }

            var editor = new OpenApiEditor(_body);
            var authorizers = Authorizers(auth);
            editor.AddAuthorizersSecuritySchemes(authorizers, context.Partition);
            var dflt = auth["DefaultAuthorizer"];
            if (SwaggerEditor.Truthy(dflt) && !(dflt is MapNode { Count: 1 } nv && nv["Ref"].AsString() == "AWS::NoValue"))
            {
                var name = dflt.AsString() ?? throw Error("Property 'Auth.DefaultAuthorizer' should be a string.", "Auth");
                if (!authorizers.Any(a => a.Name == name))
                {
                    throw Error("Unable to set DefaultAuthorizer because '" + name + "' was not defined in 'Authorizers'.", "Auth");
                }

                foreach (var path in editor.Paths.Keys.ToList())
                {
                    editor.SetPathDefaultAuthorizer(path, name, authorizers);
                }
            }

            editor.Finish();
        }

        private List<HttpAuthorizer> Authorizers(MapNode auth)
        {
            var list = new List<HttpAuthorizer>();
            if (auth["EnableIamAuthorizer"] is ScalarNode { IsTrue: true })
            {
                list.Add(new HttpAuthorizer(_id, "AWS_IAM", new MapNode()) { IsAwsIam = true });
            }

            var config = auth["Authorizers"];
            if (!SwaggerEditor.Truthy(config))
            {
                return list;
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

                if (a.ContainsKey("OpenIdConnectUrl"))
                {
                    throw Error($"'OpenIdConnectUrl' is no longer a supported property for authorizer '{name}'. Please refer to the AWS SAM documentation.", "Auth");
                }

                list.RemoveAll(x => x.Name == name);
                list.Add(HttpAuthorizer.From(_id, name, a));
            }

            return list;
        }

        private void AddTags()
        {
            if (SwaggerEditor.Truthy(_tags) && !SwaggerEditor.Truthy(_body))
            {
                throw Error("Tags works only with inline OpenApi specified in the 'DefinitionBody' property.", "Tags");
            }

            if (!SwaggerEditor.Truthy(_body))
            {
                return;
            }

            if (SwaggerEditor.Truthy(_tags) && !OpenApiEditor.IsValid(_body))
            {
                throw Error("Unable to add `Tags` because 'DefinitionBody' does not contain a valid OpenApi definition.", "Tags");
            }

            if (!OpenApiEditor.IsValid(_body))
            {
                return;
            }

            if (_tags is null || _tags.Count == 0)
            {
                _tags = new MapNode();
            }

            _tags[TagName] = "SAM";
            var editor = new OpenApiEditor(_body);
            editor.AddTags(_tags, context.Shared<Py27Conversion>().Applies);
            editor.Finish();
        }

        private void AddTitle()
        {
            if (!SwaggerEditor.Truthy(P("Name")))
            {
                return;
            }

            if (!SwaggerEditor.Truthy(_body))
            {
                throw Error("Name works only with inline OpenApi specified in the 'DefinitionBody' property.", "Name");
            }

            var info = _body.Get("info");
            if (info is not null && info is not MapNode)
            {
                throw Error("Invalid 'DefinitionBody': The value of 'info' should be a map..", "DefinitionBody");
            }

            if (!Node.DeepEquals(info.Get("title"), Intrinsics.Ref("AWS::StackName")))
            {
                throw Error("Unable to set Name because it is already defined within inline OpenAPI specified in the 'DefinitionBody' property.", "Name");
            }

            var editor = new OpenApiEditor(_body);
            editor.Info()["title"] = P("Name")!;
            editor.Finish();
        }

        private void AddDescription()
        {
            if (!SwaggerEditor.Truthy(P("Description")))
            {
                return;
            }

            if (!SwaggerEditor.Truthy(_body))
            {
                throw Error("Description works only with inline OpenApi specified in the 'DefinitionBody' property.", "Description");
            }

            var info = _body.Get("info");
            if (info is not null && info is not MapNode)
            {
                throw Error("Invalid 'DefinitionBody': The value of 'info' should be a map.'.", "DefinitionBody");
            }

            if (SwaggerEditor.Truthy(info.Get("description")))
            {
                throw Error("Unable to set Description because it is already defined within inline OpenAPI specified in the 'DefinitionBody' property.", "Description");
            }

            var editor = new OpenApiEditor(_body);
            var i = editor.Info();
            if (!SwaggerEditor.Truthy(i["description"]))
            {
                i["description"] = P("Description")!;
            }

            editor.Finish();
        }

        private List<CfnResource> AuthorizerPermissions()
        {
            if (P("Auth") is not MapNode auth || auth.Count == 0)
            {
                return [];
            }

            var list = new List<CfnResource>();
            foreach (var a in Authorizers(auth))
            {
                if (!SwaggerEditor.Truthy(a.FunctionArn) || a.EnableFunctionDefaultPermissions is not ScalarNode { IsTrue: true })
                {
                    continue;
                }

                var p = new CfnResource(_id + a.Name + "AuthorizerPermission", "AWS::Lambda::Permission", resource.KeySpan).PassThrough(resource.PassThrough());
                p.Set("Action", "lambda:InvokeFunction");
                p.Set("FunctionName", a.FunctionArn);
                p.Set("Principal", "apigateway.amazonaws.com");
                p.Set("SourceArn", new MapNode
                {
                    ["Fn::Sub"] = new ListNode(
                    [
                        "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/authorizers/*",
                        new MapNode { ["__ApiId__"] = Intrinsics.Ref(_id) },
                    ]),
                });
                list.Add(p);
            }

            return list;
        }

        private CfnResource? ConstructStage()
        {
            var stageName = P("StageName") ?? ScalarNode.String(DefaultStageName);
            var prefix = stageName.AsString() ?? string.Empty;
            string id;
            if (Hashing.IsAlnum(prefix))
            {
                id = _id + prefix + "Stage";
            }
            else if (prefix == DefaultStageName)
            {
                id = _id + "ApiGatewayDefaultStage";
            }
            else
            {
                id = Hashing.LogicalId(_id + "Stage", ScalarNode.String(prefix));
            }

            var stage = new CfnResource(id, "AWS::ApiGatewayV2::Stage", resource.KeySpan).PassThrough(resource.PassThrough());
            stage.Set("ApiId", Intrinsics.Ref(_id));
            stage.Set("StageName", stageName);
            stage.Set("StageVariables", P("StageVariables"));
            stage.Set("AccessLogSettings", P("AccessLogSettings"));
            stage.Set("DefaultRouteSettings", P("DefaultRouteSettings"));
            stage.Set("Tags", _tags);
            stage.Set("AutoDeploy", true);
            stage.Set("RouteSettings", P("RouteSettings"));
            return stage;
        }

        private List<CfnResource> ConstructDomain(CfnResource api)
        {
            if (P("Domain") is not { } domainNode)
            {
                return [];
            }

            if (domainNode is not MapNode domain)
            {
                throw Error("Property 'Domain' should be a map.", "Domain");
            }

            var domainName = domain["DomainName"];
            var certificateArn = domain["CertificateArn"];
            if (domainName is null || domainName.IsNull || certificateArn is null || certificateArn.IsNull)
            {
                throw Error("Custom Domains only works if both DomainName and CertificateArn are provided.", "Domain");
            }

            var config = new MapNode { ["CertificateArn"] = certificateArn };
            var apiDomainName = "ApiGatewayDomainNameV2" + Hashing.Sha1Prefix(domainName.AsString() ?? PyJson.Dumps(domainName));
            domain["ApiDomainName"] = apiDomainName;
            var d = new CfnResource(apiDomainName, "AWS::ApiGatewayV2::DomainName", resource.KeySpan).PassThrough(resource.PassThrough());
            d.Set("DomainName", domainName);
            d.Set("Tags", new MapNode { [TagName] = "SAM" });
            var endpoint = domain["EndpointConfiguration"];
            if (endpoint is null || endpoint.IsNull)
            {
                endpoint = ScalarNode.String("REGIONAL");
                domain["EndpointConfiguration"] = endpoint;
            }
            else if (endpoint.AsString() != "REGIONAL")
            {
                throw Error("EndpointConfiguration for Custom Domains must be one of ['REGIONAL'].", "Domain");
            }

            config["EndpointType"] = endpoint;
            if (SwaggerEditor.Truthy(domain["OwnershipVerificationCertificateArn"]))
            {
                config["OwnershipVerificationCertificateArn"] = domain["OwnershipVerificationCertificateArn"]!;
            }

            if (SwaggerEditor.Truthy(domain["SecurityPolicy"]))
            {
                config["SecurityPolicy"] = domain["SecurityPolicy"]!;
            }

            d.Set("DomainNameConfigurations", new ListNode([config]));
            if (domain["MutualTlsAuthentication"] is { } mtls && SwaggerEditor.Truthy(mtls))
            {
                if (mtls is not MapNode mm)
                {
                    throw Error("MutualTlsAuthentication must be a map with at least one of the following fields ['TruststoreUri', 'TruststoreVersion'].", "Domain");
                }

                var invalid = mm.Keys.Where(k => k is not ("TruststoreUri" or "TruststoreVersion")).OrderBy(k => k, StringComparer.Ordinal).ToList();
                if (invalid.Count > 0)
                {
                    throw new ResourceException(string.Join(",", invalid), "Available MutualTlsAuthentication fields are ['TruststoreUri', 'TruststoreVersion'].", mm.Span);
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

                d.Set("MutualTlsAuthentication", m);
            }

            var result = new List<CfnResource> { d };
            var bp = domain["BasePath"];
            List<Node>? basePaths = SwaggerEditor.Truthy(bp) && bp is ScalarNode { Kind: ScalarKind.String } ? [bp!] : SwaggerEditor.Truthy(bp) && bp is ListNode l ? [.. l] : null;
            if (basePaths is null)
            {
                result.Add(Mapping(_id + "ApiMapping", apiDomainName, api, null));
            }
            else
            {
                foreach (var p in basePaths)
                {
                    if (p.AsString() is not { } path)
                    {
                        throw Error("Basepath must be a string.", "Domain");
                    }

                    if (Regex.IsMatch(path, @"[^0-9a-zA-Z/\-_]+"))
                    {
                        throw Error("Invalid Basepath name provided.", "Domain");
                    }

                    result.Add(Mapping(_id + Regex.Replace(path, @"[\-_/]+", string.Empty) + "ApiMapping", apiDomainName, api, ScalarNode.String(path.Trim('/'))));
                }
            }

            if (domain["Route53"] is { } route53Node)
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
                var groups = context.Shared<ApiTransformer.RecordSetGroups>().Groups;
                if (!groups.TryGetValue(groupId, out var group))
                {
                    group = new CfnResource(groupId, "AWS::Route53::RecordSetGroup", resource.KeySpan).PassThrough(resource.PassThrough());
                    if (route53.ContainsKey("HostedZoneId"))
                    {
                        group.Set("HostedZoneId", route53["HostedZoneId"]);
                    }
                    else if (route53.ContainsKey("HostedZoneName"))
                    {
                        group.Set("HostedZoneName", route53["HostedZoneName"]);
                    }

                    group.Set("RecordSets", new ListNode());
                    groups[groupId] = group;
                }

                var sets = (ListNode)group.Properties["RecordSets"]!;
                sets.Add(RecordSet(domain, route53, apiDomainName, "A"));
                if (route53["IpV6"] is ScalarNode { IsTrue: true })
                {
                    sets.Add(RecordSet(domain, route53, apiDomainName, "AAAA"));
                }

                result.Add(group);
            }

            return result;
        }

        private MapNode RecordSet(MapNode domain, MapNode route53, string apiDomainName, string type)
        {
            var alias = new MapNode();
            if (route53["EvaluateTargetHealth"] is { IsNull: false } eth)
            {
                alias["EvaluateTargetHealth"] = eth;
            }

            if (domain["EndpointConfiguration"].AsString() != "REGIONAL")
            {
                throw Error("Only REGIONAL endpoint is supported on HTTP APIs.", "Domain");
            }

            alias["HostedZoneId"] = Intrinsics.GetAtt(apiDomainName, "RegionalHostedZoneId");
            alias["DNSName"] = Intrinsics.GetAtt(apiDomainName, "RegionalDomainName");
            var rs = new MapNode { ["Name"] = domain["DomainName"]!, ["Type"] = type, ["AliasTarget"] = alias };
            if (route53["Region"] is { IsNull: false } region)
            {
                rs["Region"] = region;
            }

            if (route53["SetIdentifier"] is { IsNull: false } sid)
            {
                rs["SetIdentifier"] = sid;
            }

            return rs;
        }

        private CfnResource Mapping(string id, string apiDomainName, CfnResource api, Node? key)
        {
            var m = new CfnResource(id, "AWS::ApiGatewayV2::ApiMapping", resource.KeySpan).PassThrough(resource.PassThrough());
            m.Set("DomainName", Intrinsics.Ref(apiDomainName));
            m.Set("ApiId", Intrinsics.Ref(api.LogicalId));
            m.Set("Stage", Intrinsics.Ref(api.LogicalId + ".Stage"));
            m.Set("ApiMappingKey", key);
            return m;
        }
    }
}

/// <summary>An HTTP API authorizer (ApiGatewayV2Authorizer in samtranslator/model/apigatewayv2.py).</summary>
internal sealed class HttpAuthorizer(string apiId, string name, MapNode config)
{
    private static readonly (string Key, string Display, string AllowedFor, string Type)[] Properties =
    [
        ("AuthorizationScopes", "AuthorizationScopes", "OAuth2 Authorizer", "JWT"),
        ("JwtConfiguration", "JwtConfiguration", "OAuth2 Authorizer", "JWT"),
        ("IdentitySource", "IdentitySource", "OAuth2 Authorizer. For Lambda Authorizer, use the 'Identity' property instead", "JWT"),
        ("FunctionArn", "FunctionArn", "Lambda Authorizer", "REQUEST"),
        ("FunctionInvokeRole", "FunctionInvokeRole", "Lambda Authorizer", "REQUEST"),
        ("Identity", "Identity", "Lambda Authorizer", "REQUEST"),
        ("AuthorizerPayloadFormatVersion", "AuthorizerPayloadFormatVersion", "Lambda Authorizer", "REQUEST"),
        ("EnableSimpleResponses", "EnableSimpleResponses", "Lambda Authorizer", "REQUEST"),
        ("EnableFunctionDefaultPermissions", "EnableFunctionDefaultPermissions", "Lambda Authorizer", "REQUEST"),
    ];

    public string Name { get; } = name;

    public bool IsAwsIam { get; init; }

    public Node? FunctionArn => config["FunctionArn"];

    public Node? EnableFunctionDefaultPermissions => config["EnableFunctionDefaultPermissions"];

    public Node? AuthorizationScopes => config["AuthorizationScopes"];

    private MapNode? _jwt;

    private string Type => IsAwsIam ? "AWS_IAM" : _jwt is not null ? "JWT" : "REQUEST";

    public static HttpAuthorizer From(string apiId, string name, MapNode a)
    {
        var auth = new HttpAuthorizer(apiId, name, a);
        if (SwaggerEditor.Truthy(a["JwtConfiguration"]))
        {
            if (a["JwtConfiguration"] is not MapNode jm)
            {
                throw new ResourceException(apiId, "Property 'JwtConfiguration' should be a map.", a["JwtConfiguration"]!.Span);
            }

            auth._jwt = new MapNode();
            foreach (var (k, v) in jm)
            {
                auth._jwt[k.ToLowerInvariant()] = v;
            }
        }

        if (a["AuthorizationScopes"] is { IsNull: false } scopes && scopes is not ListNode)
        {
            throw new ResourceException(apiId, "AuthorizationScopes must be a list.", scopes.Span);
        }

        foreach (var (key, display, allowedFor, type) in Properties)
        {
            if (a[key] is { IsNull: false } && type != auth.Type)
            {
                throw new ResourceException(apiId, $"{display} is only supported for {allowedFor}.", a[key]!.Span);
            }
        }

        if (auth.Type == "JWT" && !SwaggerEditor.Truthy(a["IdentitySource"]))
        {
            throw new ResourceException(apiId, $"{name} OAuth2 Authorizer must define 'IdentitySource'.");
        }

        if (auth.Type == "REQUEST")
        {
            if (!SwaggerEditor.Truthy(a["FunctionArn"]))
            {
                throw new ResourceException(apiId, $"{name} Lambda Authorizer must define 'FunctionArn'.");
            }

            if (!SwaggerEditor.Truthy(a["AuthorizerPayloadFormatVersion"]))
            {
                throw new ResourceException(apiId, $"{name} Lambda Authorizer must define 'AuthorizerPayloadFormatVersion'.");
            }
        }

        if (a["EnableFunctionDefaultPermissions"] is { IsNull: false } e && e is not ScalarNode { Kind: ScalarKind.Boolean })
        {
            throw new ResourceException(apiId, $"Property 'Authorizers.{name}.EnableFunctionDefaultPermissions' should be a bool.", e.Span);
        }

        return auth;
    }

    /// <summary>The securitySchemes entry (generate_openapi).</summary>
    public MapNode GenerateOpenApi(string partition)
    {
        const string Key = "x-amazon-apigateway-authorizer";
        switch (Type)
        {
            case "AWS_IAM":
                return new MapNode { ["type"] = "apiKey", ["name"] = "Authorization", ["in"] = "header", ["x-amazon-apigateway-authtype"] = "awsSigv4" };
            case "JWT":
                return new MapNode
                {
                    ["type"] = "oauth2",
                    [Key] = new MapNode { ["jwtConfiguration"] = _jwt!, ["identitySource"] = config["IdentitySource"]!, ["type"] = "jwt" },
                };
            default:
                var authorizer = new MapNode { ["type"] = "request" };
                var openapi = new MapNode { ["type"] = "apiKey", ["name"] = "Unused", ["in"] = "header", [Key] = authorizer };
                authorizer["authorizerUri"] = new MapNode
                {
                    ["Fn::Sub"] = new ListNode(
                    [
                        $"arn:{partition}:apigateway:${{AWS::Region}}:lambda:path/2015-03-31/functions/${{__FunctionArn__}}/invocations",
                        new MapNode { ["__FunctionArn__"] = FunctionArn! },
                    ]),
                };
                if (config["FunctionInvokeRole"] is { } role && SwaggerEditor.Truthy(role) && role.AsString() != "NONE")
                {
                    authorizer["authorizerCredentials"] = role;
                }

                if (config["Identity"] is { } identity && SwaggerEditor.Truthy(identity))
                {
                    if (identity is not MapNode im)
                    {
                        throw new ResourceException(apiId, $"Property 'Auth.Authorizers.{Name}.Identity' should be a map.", identity.Span);
                    }

                    if (im["ReauthorizeEvery"] is { IsNull: false } ttl)
                    {
                        authorizer["authorizerResultTtlInSeconds"] = ttl;
                    }

                    var sources = new ListNode();
                    foreach (var (prefix, prop) in new[] { ("$request.header.", "Headers"), ("$request.querystring.", "QueryStrings"), ("$stageVariables.", "StageVariables"), ("$context.", "Context") })
                    {
                        var values = im[prop];
                        if (!SwaggerEditor.Truthy(values))
                        {
                            continue;
                        }

                        if (values is not ListNode vl)
                        {
                            throw new ResourceException(apiId, $"Property 'Authorizers.{Name}.Identity.{prop}' should be a list.", values!.Span);
                        }

                        for (var i = 0; i < vl.Count; i++)
                        {
                            var s = vl[i].AsString() ?? throw new ResourceException(apiId, $"Property 'Authorizers.{Name}.Identity.{prop}[{i}]' should be a string.", vl[i].Span);
                            sources.Add(prefix + s);
                        }
                    }

                    authorizer["identitySource"] = sources;
                }

                authorizer["authorizerPayloadFormatVersion"] = config["AuthorizerPayloadFormatVersion"]!;
                if (SwaggerEditor.Truthy(config["EnableSimpleResponses"]))
                {
                    authorizer["enableSimpleResponses"] = config["EnableSimpleResponses"]!;
                }

                return openapi;
        }
    }
}
