using SamCompiler.Syntax;

namespace SamCompiler.Transform.Api;

/// <summary>A REST API authorizer (ApiGatewayAuthorizer in samtranslator/model/apigateway.py).</summary>
internal sealed class Authorizer(string apiId, string name)
{
    public string ApiId { get; } = apiId;

    public string Name { get; } = name;

    public Node? UserPoolArn { get; init; }

    public Node? FunctionArn { get; init; }

    public Node? Identity { get; init; }

    public Node? FunctionPayloadType { get; init; }

    public Node? FunctionInvokeRole { get; init; }

    public bool IsAwsIam { get; init; }

    public Node? AuthorizationScopes { get; init; }

    public Node? DisableFunctionDefaultPermissions { get; init; }

    /// <summary>Builds and validates an authorizer from its Auth.Authorizers entry.</summary>
    public static Authorizer From(string apiId, string name, MapNode a)
    {
        var result = new Authorizer(apiId, name)
        {
            UserPoolArn = a["UserPoolArn"],
            FunctionArn = a["FunctionArn"],
            Identity = a["Identity"],
            FunctionPayloadType = a["FunctionPayloadType"],
            FunctionInvokeRole = a["FunctionInvokeRole"],
            AuthorizationScopes = a["AuthorizationScopes"],
            DisableFunctionDefaultPermissions = a["DisableFunctionDefaultPermissions"],
        };
        result.Validate();
        return result;
    }

    private void Validate()
    {
        var payload = FunctionPayloadType;
        if (payload is not null && !payload.IsNull && payload.AsString() is not ("TOKEN" or "REQUEST"))
        {
            throw new ResourceException(ApiId, $"{Name} Authorizer has invalid 'FunctionPayloadType': {PyRepr.Str(payload)}.", payload.Span);
        }

        if (payload.AsString() == "REQUEST" && MissingIdentitySource())
        {
            throw new ResourceException(ApiId, $"{Name} Authorizer must specify Identity with at least one of Headers, QueryStrings, StageVariables, or Context.");
        }

        if (AuthorizationScopes is { IsNull: false } scopes && scopes is not ListNode)
        {
            throw new ResourceException(ApiId, $"Property 'Authorizers.{Name}.AuthorizationScopes' should be a list.", scopes.Span);
        }

        if (DisableFunctionDefaultPermissions is { IsNull: false } d && d is not ScalarNode { Kind: ScalarKind.Boolean })
        {
            throw new ResourceException(ApiId, $"Property 'Authorizers.{Name}.DisableFunctionDefaultPermissions' should be a bool.", d.Span);
        }
    }

    private bool MissingIdentitySource()
    {
        if (!SwaggerEditor.Truthy(Identity))
        {
            return true;
        }

        if (Identity is not MapNode id)
        {
            throw new ResourceException(ApiId, $"Property 'Authorizer.{Name}.Identity' should be a map.", Identity!.Span);
        }

        var missing = !SwaggerEditor.Truthy(id["Headers"]) && !SwaggerEditor.Truthy(id["QueryStrings"]) && !SwaggerEditor.Truthy(id["StageVariables"]) && !SwaggerEditor.Truthy(id["Context"]);
        var ttl = id["ReauthorizeEvery"];
        if (ttl is null || ttl.IsNull)
        {
            return missing;
        }

        long value;
        if (ttl is ScalarNode { Kind: ScalarKind.Integer } i)
        {
            value = long.Parse(i.Text, System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (ttl is ScalarNode { Kind: ScalarKind.String } s && long.TryParse(s.Text.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
        }
        else
        {
            return missing;
        }

        return value > 0 && missing;
    }

    private string Type => IsAwsIam ? "AWS_IAM" : SwaggerEditor.Truthy(UserPoolArn) ? "COGNITO_USER_POOLS" : "LAMBDA";

    private string PayloadType => SwaggerEditor.Truthy(FunctionPayloadType) ? FunctionPayloadType.AsString() ?? "TOKEN" : "TOKEN";

    /// <summary>The securityDefinitions entry (generate_swagger).</summary>
    public MapNode GenerateSwagger(string partition)
    {
        const string Key = "x-amazon-apigateway-authorizer";
        var type = Type;
        var swagger = new MapNode();
        swagger.SetP("type", Py27.S("apiKey"));
        swagger.SetP("name", HeaderName());
        swagger.SetP("in", Py27.S("header"));
        swagger.SetP("x-amazon-apigateway-authtype", Py27.S(type switch { "AWS_IAM" => "awsSigv4", "COGNITO_USER_POOLS" => "cognito_user_pools", _ => "custom" }));
        if (type == "COGNITO_USER_POOLS")
        {
            var d = new MapNode();
            d.SetP("type", Py27.S("cognito_user_pools"));
            d.SetP("providerARNs", UserPoolArn as ListNode ?? Py27.Plain(new ListNode([UserPoolArn!])));
            swagger.SetP(Key, d);
        }
        else if (type == "LAMBDA")
        {
            var d = new MapNode();
            d.SetP("type", Py27.S(PayloadType == "REQUEST" ? "request" : "token"));
            d.SetP("authorizerUri", Py27.Plain(new MapNode
            {
                ["Fn::Sub"] = Py27.Plain(new ListNode(
                [
                    Py27.S($"arn:{partition}:apigateway:${{AWS::Region}}:lambda:path/2015-03-31/functions/${{__FunctionArn__}}/invocations"),
                    Py27.Plain(new MapNode { ["__FunctionArn__"] = FunctionArn ?? ScalarNode.Null() }),
                ])),
            }));
            if (Identity.Get("ReauthorizeEvery") is { IsNull: false } ttl && SwaggerEditor.Truthy(Identity))
            {
                d.SetP("authorizerResultTtlInSeconds", ttl);
            }

            if (SwaggerEditor.Truthy(FunctionInvokeRole) && FunctionInvokeRole.AsString() != "NONE")
            {
                d.SetP("authorizerCredentials", FunctionInvokeRole!);
            }

            if (PayloadType == "REQUEST" && IdentitySource() is { } source)
            {
                d.SetP("identitySource", source);
            }

            swagger.SetP(Key, d);
        }

        var isLambdaToken = type == "LAMBDA" && PayloadType == "TOKEN";
        if ((type == "COGNITO_USER_POOLS" || isLambdaToken) && SwaggerEditor.Truthy(Identity) && Identity.Get("ValidationExpression") is { } expr && SwaggerEditor.Truthy(expr))
        {
            ((MapNode)swagger[Key]!).SetP("identityValidationExpression", expr);
        }

        return swagger;
    }

    private Node HeaderName()
    {
        if (Type == "LAMBDA" && PayloadType == "REQUEST")
        {
            return Py27.S("Unused");
        }

        if (SwaggerEditor.Truthy(Identity) && Identity is not MapNode)
        {
            throw new ResourceException(ApiId, "Auth.Authorizers.<Authorizer>.Identity must be a dict (LambdaTokenAuthorizationIdentity, LambdaRequestAuthorizationIdentity or CognitoAuthorizationIdentity).");
        }

        if (!SwaggerEditor.Truthy(Identity) || !SwaggerEditor.Truthy(Identity.Get("Header")))
        {
            return Py27.S("Authorization");
        }

        return Identity.Get("Header")!;
    }

    private Node? IdentitySource()
    {
        var items = new List<string>();
        var anyUni = false;
        foreach (var (key, prefix) in new[] { ("Headers", "method.request.header."), ("QueryStrings", "method.request.querystring."), ("StageVariables", "stageVariables."), ("Context", "context.") })
        {
            var list = Identity.Get(key);
            if (!SwaggerEditor.Truthy(list))
            {
                continue;
            }

            if (list is not ListNode l)
            {
                throw new ResourceException(ApiId, $"Property 'Auth.Authorizers.{Name}.Identity.{key}' should be a list.", list!.Span);
            }

            for (var i = 0; i < l.Count; i++)
            {
                if (l[i].AsString() is not { } s)
                {
                    throw new ResourceException(ApiId, $"Property 'Auth.Authorizers.{Name}.Identity.{key}[{i}]' should be a string.", l[i].Span);
                }

                anyUni |= !Py27.IsPlain(l[i]);
                items.Add(prefix + s);
            }
        }

        var text = string.Join(", ", items);
        if (text.Length == 0)
        {
            return null;
        }

        return anyUni ? ScalarNode.String(text) : Py27.S(text);
    }
}

/// <summary>parse_s3_uri: s3://bucket/key?versionId=v.</summary>
internal static class S3Uri
{
    public static MapNode? Parse(Node uri)
    {
        if (uri.AsString() is not { } text || !text.StartsWith("s3://", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = text[5..];
        var query = string.Empty;
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            rest = rest[..hash];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return null;
        }

        var bucket = rest[..slash];
        var path = rest[slash..];
        var result = new MapNode { ["Bucket"] = bucket, ["Key"] = path.TrimStart('/') };
        var versions = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2 && p[0] == "versionId" && p[1].Length > 0)
            .Select(p => Uri.UnescapeDataString(p[1].Replace('+', ' ')))
            .ToList();
        if (versions.Count == 1)
        {
            result["Version"] = versions[0];
        }

        return result;
    }
}
