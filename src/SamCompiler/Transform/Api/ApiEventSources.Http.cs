using System.Text.RegularExpressions;
using SamCompiler.Syntax;

namespace SamCompiler.Transform.Api;

/// <summary>The HttpApi event source (class HttpApi in samtranslator/model/eventsources/push.py).</summary>
public static partial class ApiEventSources
{
    private static List<CfnResource> HttpApiEvent(CfnResource target, SamResource function, string logicalId, string eventId, MapNode properties, TranslationContext context)
    {
        var rawApiId = properties["ApiId"];
        var apiId = ApiTypes.ApiIdString(rawApiId).AsString();
        if (apiId is null || context.SamResources[apiId] is not MapNode apiResource)
        {
            throw new EventException(eventId, "ApiId must be a valid reference to an 'AWS::Serverless::HttpApi' resource in same template.", rawApiId?.Span ?? properties.Span);
        }

        var explicitApi = apiResource["Properties"] as MapNode ?? new MapNode();
        var pathNode = properties["Path"];
        var methodNode = properties["Method"];
        if (pathNode is { IsNull: false } && pathNode.AsString() is null)
        {
            throw new EventException(eventId, "Type of property 'Path' is invalid.", pathNode.Span);
        }

        if (methodNode is { IsNull: false } && methodNode.AsString() is null)
        {
            throw new EventException(eventId, "Type of property 'Method' is invalid.", methodNode.Span);
        }

        var path = pathNode.AsString() ?? string.Empty;
        var method = (methodNode.AsString() ?? string.Empty).ToLowerInvariant();
        var resources = new List<CfnResource>();
        if (HttpPermission(target, logicalId, rawApiId!, path, method, explicitApi, apiId) is { } permission)
        {
            resources.Add(permission);
        }

        AddOpenApiIntegration(explicitApi, apiId, target, eventId, properties, path, method, SwaggerEditor.Truthy(explicitApi["__MANAGE_SWAGGER"]), context);
        return resources;
    }

    private static CfnResource? HttpPermission(CfnResource target, string logicalId, Node rawApiId, string eventPath, string method, MapNode explicitApi, string apiId)
    {
        var path = Regex.Replace(eventPath, "^(.+)/$", "$1");
        OpenApiEditor? editor = null;
        if (SwaggerEditor.Truthy(explicitApi["DefinitionBody"]))
        {
            try
            {
                editor = new OpenApiEditor(explicitApi["DefinitionBody"]);
            }
            catch (TemplateException ex)
            {
                throw new ResourceException(apiId, ex.Message, explicitApi["DefinitionBody"]!.Span);
            }
        }

        if (path == OpenApiEditor.DefaultPath)
        {
            path = string.Empty;
        }
        else if (editor is not null && editor.IntegrationFunctionMatches(OpenApiEditor.DefaultPath, SwaggerEditor.AnyMethod, target.LogicalId))
        {
            return null;
        }

        path = OpenApiEditor.PathWithWildcards(path);
        var arnMethod = method is "any" or SwaggerEditor.AnyMethod ? "*" : method.ToUpperInvariant();
        var resource = "${__ApiId__}/${__Stage__}";
        resource += method == "any" && path == "/" + OpenApiEditor.DefaultPath ? path : $"/{arnMethod}{path}";
        var sourceArn = new MapNode
        {
            ["Fn::Sub"] = new ListNode(
            [
                "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:" + resource,
                new MapNode { ["__ApiId__"] = rawApiId.Clone(), ["__Stage__"] = "*" },
            ]),
        };
        return Permission(target, logicalId, sourceArn, string.Empty);
    }

    private static void AddOpenApiIntegration(MapNode api, string apiId, CfnResource target, string eventId, MapNode properties, string path, string method, bool manageSwagger, TranslationContext context)
    {
        var body = api["DefinitionBody"];
        if (body is null || body.IsNull)
        {
            return;
        }

        var uri = IntegrationUri(target, "${AWS::Partition}", null);
        var editor = new OpenApiEditor(body, trackOrder: context.SamResources[apiId].Get("Type").AsString() == ApiTypes.Api);
        if (manageSwagger && editor.HasIntegration(path, method))
        {
            throw new EventException(eventId, $"API method '{method}' defined multiple times for path '{path}'.", properties.Span);
        }

        var condition = target.Attributes["Condition"].AsString();
        editor.AddLambdaIntegration(path, method, uri, condition);
        var auth = properties["Auth"];
        if (SwaggerEditor.Truthy(auth))
        {
            if (auth is not MapNode am)
            {
                throw new EventException(eventId, "Property 'Auth' should be a map.", auth!.Span);
            }

            AddAuthToOpenApi(api, apiId, eventId, editor, am, path, method);
        }

        if (SwaggerEditor.Truthy(properties["TimeoutInMillis"]))
        {
            editor.AddTimeout(path, method, properties["TimeoutInMillis"]!);
        }

        var parameters = Regex.Matches(path, "{(.*?)}").Select(m => m.Groups[1].Value).ToList();
        if (parameters.Count > 0)
        {
            editor.AddPathParameters(path, method, parameters);
        }

        if (SwaggerEditor.Truthy(properties["PayloadFormatVersion"]))
        {
            editor.AddPayloadFormatVersion(path, method, properties["PayloadFormatVersion"]!);
        }

        editor.Finish();
    }

    private static void AddAuthToOpenApi(MapNode api, string apiId, string eventId, OpenApiEditor editor, MapNode auth, string path, string method)
    {
        var methodAuthorizer = auth["Authorizer"];
        var apiAuthNode = api["Auth"] ?? new MapNode();
        if (apiAuthNode is not MapNode apiAuth)
        {
            throw new ResourceException(apiId, "Property 'Auth' should be a map.", apiAuthNode.Span);
        }

        if (!SwaggerEditor.Truthy(methodAuthorizer))
        {
            if (SwaggerEditor.Truthy(apiAuth["DefaultAuthorizer"]))
            {
                methodAuthorizer = apiAuth["DefaultAuthorizer"]!;
                auth["Authorizer"] = methodAuthorizer;
            }
            else
            {
                throw new EventException(eventId, "'Auth' section requires either an explicit 'Authorizer' set or a 'DefaultAuthorizer' configured on the HttpApi.", auth.Span);
            }
        }

        var apiAuthorizers = apiAuth["Authorizers"];
        var iamEnabled = apiAuth["EnableIamAuthorizer"] is ScalarNode { IsTrue: true };
        CheckValidAuthorizerTypes(eventId, method, path, methodAuthorizer!, apiAuthorizers, iamEnabled);
        var name = methodAuthorizer.AsString();
        if (name == "NONE")
        {
            if (!SwaggerEditor.Truthy(apiAuth["DefaultAuthorizer"]))
            {
                throw new EventException(eventId, $"Unable to set Authorizer on API method [{method}] for path [{path}] because 'NONE' is only a valid value when a DefaultAuthorizer on the API is specified.", methodAuthorizer!.Span);
            }
        }
        else if ((name == "AWS_IAM" && !iamEnabled) || name != "AWS_IAM")
        {
            if (!SwaggerEditor.Truthy(apiAuthorizers))
            {
                throw new EventException(eventId, $"Unable to set Authorizer [{name}] on API method [{method}] for path [{path}] because the related API does not define any Authorizers.", methodAuthorizer!.Span);
            }

            if (!SwaggerEditor.Truthy(((MapNode)apiAuthorizers!)[name!]))
            {
                throw new EventException(eventId, $"Unable to set Authorizer [{name}] on API method [{method}] for path [{path}] because it wasn't defined in the API's Authorizers.", methodAuthorizer!.Span);
            }
        }

        if (SwaggerEditor.Truthy(auth["AuthorizationScopes"]) && auth["AuthorizationScopes"] is not ListNode)
        {
            throw new EventException(eventId, $"Unable to set Authorizer on API method [{method}] for path [{path}] because 'AuthorizationScopes' must be a list of strings.", auth["AuthorizationScopes"]!.Span);
        }

        editor.AddAuthToMethod(path, method, auth, api);
    }
}
