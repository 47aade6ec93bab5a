using System.Text.RegularExpressions;
using SamCompiler.Syntax;

namespace SamCompiler.Transform.Api;

/// <summary>
/// The Api and HttpApi event sources of a function (samtranslator/model/eventsources/push.py, classes Api and
/// HttpApi): a Lambda permission per event, and the Lambda integration added to the document of the API the event
/// names when SAM manages that document. The function transform calls <see cref="ToCloudFormation"/> for each
/// event of type Api or HttpApi, in the reference's event order.
/// </summary>
public static partial class ApiEventSources
{
    private static readonly string[] RequestParameterProperties = ["Required", "Caching"];

    /// <summary>True for the event types handled here.</summary>
    public static bool Handles(string eventType) => eventType is "Api" or "HttpApi";

    /// <summary>
    /// Generates the resources of one Api or HttpApi event. <paramref name="lambdaFunction"/> is the generated
    /// AWS::Lambda::Function, <paramref name="alias"/> the generated alias (null without AutoPublishAlias); the
    /// permission targets the alias when there is one, as the reference does. Throws EventException or
    /// ResourceException for invalid input.
    /// </summary>
    public static IReadOnlyList<CfnResource> ToCloudFormation(
        CfnResource lambdaFunction,
        SamResource function,
        string eventId,
        string eventType,
        MapNode eventProperties,
        CfnResource? alias,
        TranslationContext context)
    {
        var target = alias ?? lambdaFunction;
        return eventType == "HttpApi"
            ? HttpApiEvent(target, function, lambdaFunction.LogicalId + eventId, eventId, eventProperties, context)
            : RestApiEvent(target, function, lambdaFunction.LogicalId + eventId, eventId, eventProperties, context);
    }

    private static Node FunctionNameOrArn(CfnResource target) =>
        target.Type == "AWS::Lambda::Alias" ? target.Ref() : target.Ref();

    private static MapNode FunctionArn(CfnResource target) =>
        target.Type == "AWS::Lambda::Alias" ? target.Ref() : target.GetAtt("Arn");

    private static CfnResource Permission(CfnResource target, string prefix, Node sourceArn, string suffix)
    {
        var id = suffix.All(char.IsAsciiLetterOrDigit) && suffix.Length > 0 ? prefix + "Permission" + suffix : prefix + "Permission" + Hashing.Sha1Prefix(suffix, 10);
        var permission = new CfnResource(id, "AWS::Lambda::Permission");
        foreach (var a in SamResource.PassThroughAttributes)
        {
            if (target.Attributes[a] is { } v)
            {
                permission.Attributes[a] = v.Clone();
            }
        }

        permission.Set("Action", "lambda:InvokeFunction");
        permission.Set("FunctionName", FunctionNameOrArn(target));
        permission.Set("Principal", "apigateway.amazonaws.com");
        permission.Set("SourceArn", sourceArn);
        return permission;
    }

    /// <summary>The Fn::Sub of the Lambda integration uri (_build_apigw_integration_uri).</summary>
    private static MapNode IntegrationUri(CfnResource target, string partition, Node? transferMode)
    {
        var arn = FunctionArn(target);
        var stream = transferMode.AsString() == "RESPONSE_STREAM";
        var version = stream ? "2021-11-15" : "2015-03-31";
        var path = stream ? "/response-streaming-invocations" : "/invocations";
        var shorthand = arn["Ref"] is { } r ? "${" + r.AsString() + "}" : "${" + ((ListNode)arn["Fn::GetAtt"]!)[0].AsString() + ".Arn}";
        var text = $"arn:{partition}:apigateway:${{AWS::Region}}:lambda:path/{version}/functions/{shorthand}{path}";
        var uri = new MapNode();
        uri.SetP("Fn::Sub", target.Type == "AWS::Lambda::Alias" ? Py27.S(text) : ScalarNode.String(text));
        return uri;
    }

    private static MapNode ApiProperties(TranslationContext context, string apiId)
    {
        var resource = (MapNode)context.SamResources[apiId]!;
        if (resource["Properties"] is not MapNode props)
        {
            props = new MapNode();
            resource["Properties"] = props;
        }

        return props;
    }

    // ---------------------------------------------------------------- REST

    private static List<CfnResource> RestApiEvent(CfnResource target, SamResource function, string logicalId, string eventId, MapNode properties, TranslationContext context)
    {
        var path = properties["Path"];
        var methodNode = properties["Method"];
        if (path is null || path.AsString() is null)
        {
            throw new EventException(eventId, path is null ? "Missing required property 'Path'." : "Type of property 'Path' is invalid.", properties.Span);
        }

        if (methodNode is null || methodNode.AsString() is null)
        {
            throw new EventException(eventId, methodNode is null ? "Missing required property 'Method'." : "Type of property 'Method' is invalid.", properties.Span);
        }

        // resources_to_link_for_rest_api
        var rawApiId = properties["RestApiId"];
        var apiIdNode = ApiTypes.ApiIdString(rawApiId);
        var stageSuffix = "AllStages";
        Node stageNode = Py27.S("AllStages");
        MapNode? explicitApi = null;
        var apiId = apiIdNode.AsString();
        if (apiId is not null)
        {
            if (context.SamResources[apiId] is not MapNode)
            {
                throw new EventException(eventId, "RestApiId property of Api event must reference a valid resource in the same template.", rawApiId?.Span ?? properties.Span);
            }

            var apiResource = (MapNode)context.SamResources[apiId]!;
            if (apiResource["Properties"] is { } p && p is not MapNode)
            {
                throw new ResourceException(apiId, "Attribute 'Properties' should be a map.", p.Span);
            }

            explicitApi = ApiProperties(context, apiId);
            var stage = explicitApi["StageName"];
            if (stage is ScalarNode { Kind: ScalarKind.String } s)
            {
                if (s.Text.Length == 0)
                {
                    throw new ResourceException(apiId, "StageName cannot be empty.", s.Span);
                }

                stageSuffix = s.Text;
                stageNode = s;
            }
            else
            {
                stageSuffix = "Stage";
                stageNode = Py27.S("Stage");
            }
        }

        var method = methodNode.AsString()!.ToLowerInvariant();
        var methodStr = CopyStr(methodNode, method);
        var pathText = path.AsString()!;

        // _get_permission
        var permPath = Regex.Replace(pathText, "^(.+)/$", "$1");
        permPath = SwaggerEditor.PathWithWildcards(permPath);
        var arnMethod = method == "any" ? "*" : method.ToUpperInvariant();
        var sourceArn = new MapNode
        {
            ["Fn::Sub"] = new ListNode(
            [
                $"arn:{context.Partition}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{__ApiId__}}/${{__Stage__}}/{arnMethod}{permPath}",
                new MapNode { ["__ApiId__"] = rawApiId?.Clone() ?? ScalarNode.Null(), ["__Stage__"] = "*" },
            ]),
        };
        var resources = new List<CfnResource> { Permission(target, logicalId, sourceArn, stageSuffix) };

        if (explicitApi is null)
        {
            throw new EventException(eventId, "RestApiId must be a valid reference to an 'AWS::Serverless::Api' resource in same template.", properties.Span);
        }

        var auth = properties["Auth"];
        if (SwaggerEditor.Truthy(explicitApi["__MANAGE_SWAGGER"]) || SwaggerEditor.Truthy(explicitApi["MergeDefinitions"]))
        {
            AddSwaggerIntegration(explicitApi, apiId!, target, eventId, properties, pathText, methodStr, stageNode, context);
        }

        if (explicitApi["DefinitionBody"] is { } body && SwaggerEditor.Truthy(body) && auth is MapNode a && SwaggerEditor.Truthy(a["OverrideApiAuth"]))
        {
            if (!(SwaggerEditor.Truthy(a["Authorizer"]) || SwaggerEditor.Truthy(a["ApiKeyRequired"]) || SwaggerEditor.Truthy(a["ResourcePolicy"])))
            {
                throw new EventException(eventId, "Must define one of: Authorizer, ApiKeyRequired or ResourcePolicy when using the OverrideApiAuth property.", a.Span);
            }

            var editor = new SwaggerEditor(body);
            AddAuthToSwagger(a, explicitApi, apiId!, eventId, method, pathText, stageNode, editor, context);
            editor.Finish();
        }

        return resources;
    }

    private static ScalarNode CopyStr(Node original, string text)
    {
        var s = ScalarNode.String(text, original.Span);
        return Py27.IsPlain(original) ? Py27.Plain(s) : s;
    }

    private static void AddSwaggerIntegration(MapNode api, string apiId, CfnResource target, string eventId, MapNode properties, string path, ScalarNode method, Node stage, TranslationContext context)
    {
        var sourceBody = api["DefinitionBody"];
        if (sourceBody is null || sourceBody.IsNull)
        {
            return;
        }

        var merge = SwaggerEditor.Truthy(api["MergeDefinitions"]);
        var swaggerBody = merge ? SwaggerEditor.Skeleton() : sourceBody;
        var uri = IntegrationUri(target, context.Partition, properties["ResponseTransferMode"]);
        var editor = new SwaggerEditor(swaggerBody);
        var methodText = method.Text;
        if (editor.HasIntegration(path, methodText))
        {
            throw new EventException(eventId, $"API method \"{methodText}\" defined multiple times for path \"{path}\".", properties.Span);
        }

        var condition = target.Attributes["Condition"].AsString();
        var eventAuth = properties["Auth"];
        var methodAuth = eventAuth is null || eventAuth.IsNull || !SwaggerEditor.Truthy(eventAuth) ? new MapNode() : eventAuth as MapNode ?? throw new EventException(eventId, "Property 'Auth' should be a map.", eventAuth.Span);
        var apiAuthNode = api["Auth"];
        var apiAuth = !SwaggerEditor.Truthy(apiAuthNode) ? new MapNode() : apiAuthNode as MapNode ?? throw new ResourceException(apiId, "Property 'Auth' should be a map.", apiAuthNode!.Span);
        editor.AddLambdaIntegration(path, methodText, uri, methodAuth, apiAuth, condition, properties["ResponseTransferMode"], context.Partition);
        if (SwaggerEditor.Truthy(eventAuth))
        {
            AddAuthToSwagger(methodAuth, api, apiId, eventId, methodText, path, stage, editor, context);
        }

        if (SwaggerEditor.Truthy(properties["TimeoutInMillis"]))
        {
            editor.AddTimeout(path, methodText, properties["TimeoutInMillis"]!);
        }

        AddRequestModel(api, eventId, properties, path, methodText, editor);
        AddRequestParameters(eventId, properties, path, methodText, editor);

        editor.Finish();
        if (merge)
        {
            MergeInto(api, apiId, path, methodText, editor);
        }
    }

    private static void AddRequestModel(MapNode api, string eventId, MapNode properties, string path, string method, SwaggerEditor editor)
    {
        var requestModel = properties["RequestModel"];
        if (!SwaggerEditor.Truthy(requestModel))
        {
            return;
        }

        if (requestModel is not MapNode rm)
        {
            throw new EventException(eventId, "Property 'RequestModel' should be a map.", requestModel!.Span);
        }

        var model = rm["Model"];
        if (!SwaggerEditor.Truthy(model))
        {
            return;
        }

        var modelText = PyRepr.Str(model!);
        var apiModels = api["Models"];
        if (!SwaggerEditor.Truthy(apiModels))
        {
            throw new EventException(eventId, $"Unable to set RequestModel [{modelText}] on API method [{method}] for path [{path}] because the related API does not define any Models.", model!.Span);
        }

        if (!(apiModels!.IsIntrinsic) && apiModels is not MapNode)
        {
            throw new EventException(eventId, $"Unable to set RequestModel [{modelText}] on API method [{method}] for path [{path}] because the related API Models defined is of invalid type.", model!.Span);
        }

        if (model.AsString() is not { } modelName)
        {
            throw new EventException(eventId, $"Unable to set RequestModel [{modelText}] on API method [{method}] for path [{path}] because the related API does not contain valid Models.", model!.Span);
        }

        if (!SwaggerEditor.Truthy(((MapNode)apiModels)[modelName]))
        {
            throw new EventException(eventId, $"Unable to set RequestModel [{modelText}] on API method [{method}] for path [{path}] because it wasn't defined in the API's Models.", model!.Span);
        }

        editor.AddRequestModel(path, method, rm);
        var validateBody = rm["ValidateBody"];
        var validateParameters = rm["ValidateParameters"];
        if ((validateBody is not null && !validateBody.IsNull) || (validateParameters is not null && !validateParameters.IsNull))
        {
            Node vb = validateBody is null || validateBody.IsNull ? ScalarNode.Boolean(false) : validateBody;
            Node vp = validateParameters is null || validateParameters.IsNull ? ScalarNode.Boolean(false) : validateParameters;
            if (vb is not ScalarNode { Kind: ScalarKind.Boolean } b || vp is not ScalarNode { Kind: ScalarKind.Boolean } pp)
            {
                throw new EventException(eventId, $"Unable to set Validator to RequestModel [{modelText}] on API method [{method}] for path [{path}] ValidateBody and ValidateParameters must be a boolean type, strings or intrinsics are not supported.", rm.Span);
            }

            editor.AddRequestValidator(path, method, b.IsTrue, pp.IsTrue);
        }
    }

    private static void AddRequestParameters(string eventId, MapNode properties, string path, string method, SwaggerEditor editor)
    {
        var requestParameters = properties["RequestParameters"];
        if (!SwaggerEditor.Truthy(requestParameters))
        {
            return;
        }

        const string KeysMessage = "Invalid value for 'RequestParameters' property. Keys must be in the format 'method.request.[querystring|path|header].{value}', e.g 'method.request.header.Authorization'.";
        var list = requestParameters as ListNode ?? throw new EventException(eventId, "Type of property 'RequestParameters' is invalid.", requestParameters!.Span);
        var parameters = new List<(string, Node, Node)>();
        foreach (var parameter in list)
        {
            switch (parameter)
            {
                case MapNode pm when pm.Count > 0:
                    var name = pm.KeyAt(0);
                    var value = pm.ValueAt(0);
                    if (!SwaggerEditor.RequestParameterRegex().IsMatch(name))
                    {
                        throw new EventException(eventId, KeysMessage, parameter.Span);
                    }

                    if (value is not MapNode vm || !vm.Keys.All(k => RequestParameterProperties.Contains(k)))
                    {
                        throw new EventException(eventId, "Invalid value for 'RequestParameters' property. Values must be an object, e.g { Required: true, Caching: false }", parameter.Span);
                    }

                    parameters.Add((name, vm["Required"] ?? Py27.Plain(ScalarNode.Boolean(false)), vm["Caching"] ?? ScalarNode.Boolean(false)));
                    break;
                case ScalarNode { Kind: ScalarKind.String } ps:
                    if (!SwaggerEditor.RequestParameterRegex().IsMatch(ps.Text))
                    {
                        throw new EventException(eventId, KeysMessage, parameter.Span);
                    }

                    parameters.Add((ps.Text, ScalarNode.Boolean(false), ScalarNode.Boolean(false)));
                    break;
                default:
                    throw new EventException(eventId, "Invalid value for 'RequestParameters' property. Property must be either a string or an object", parameter.Span);
            }
        }

        editor.AddRequestParameters(path, method, parameters);
    }

    private static void MergeInto(MapNode api, string apiId, string path, string method, SwaggerEditor editor)
    {
        var source = (MapNode)api["DefinitionBody"]!;
        var merged = source;
        var sourcePaths = merged["paths"] as MapNode;
        if (sourcePaths is null || sourcePaths.Count == 0)
        {
            sourcePaths = new MapNode();
        }

        Node? existing = null;
        if (sourcePaths[path] is { } pathNode)
        {
            if (pathNode is not MapNode pm)
            {
                throw new ResourceException(apiId, $"Property 'DefinitionBody' is invalid: The value of '{path}' should be a map.", pathNode.Span);
            }

            existing = pm[method];
        }

        var pathMethodBody = existing is null || !SwaggerEditor.Truthy(existing) ? new MapNode() : existing as MapNode ?? throw new ResourceException(apiId, $"Property 'DefinitionBody.paths.{path}.{method}' should be a map.", existing.Span);
        var normalized = SwaggerEditor.NormalizeMethod(method);
        var generated = (MapNode)((MapNode)editor.Paths[path]!)[normalized]!;
        Py27.Transplant(generated, editor.Doc, merged);
        var mergedMethod = Py27.Plain(new MapNode());
        foreach (var k in Py27.IterationOrder(pathMethodBody))
        {
            Py27.CopyKeyInto(pathMethodBody, k, mergedMethod);
        }

        foreach (var k in Py27.IterationOrder(generated))
        {
            Py27.CopyKeyInto(generated, k, mergedMethod);
        }

        if (sourcePaths[path] is not MapNode target)
        {
            target = Py27.Plain(new MapNode());
            sourcePaths[path] = target;
        }

        target[method] = mergedMethod;
        api["DefinitionBody"] = merged;
    }

    /// <summary>Api.add_auth_to_swagger: validates the event's Auth against the API's and edits the document.</summary>
    internal static void AddAuthToSwagger(MapNode eventAuth, MapNode api, string apiId, string eventId, string method, string path, Node stage, SwaggerEditor editor, TranslationContext context)
    {
        var methodAuthorizer = eventAuth["Authorizer"];
        var apiAuth = api["Auth"] is { } aa ? context.Intrinsics.ResolveParameterRefs(aa.Clone()) as MapNode : null;
        if (SwaggerEditor.Truthy(methodAuthorizer))
        {
            var apiAuthorizers = apiAuth?["Authorizers"];
            if (SwaggerEditor.Truthy(apiAuthorizers) && apiAuthorizers is not MapNode)
            {
                throw new ResourceException(apiId, "Property 'Auth.Authorizers' should be a map.", apiAuthorizers!.Span);
            }

            var name = methodAuthorizer.AsString();
            if (name != "AWS_IAM")
            {
                if (name != "NONE")
                {
                    if (!SwaggerEditor.Truthy(apiAuthorizers))
                    {
                        throw new EventException(eventId, $"Unable to set Authorizer [{PyRepr.Str(methodAuthorizer!)}] on API method [{method}] for path [{path}] because the related API does not define any Authorizers.", methodAuthorizer!.Span);
                    }

                    CheckValidAuthorizerTypes(eventId, method, path, methodAuthorizer!, apiAuthorizers, false);
                    if (!SwaggerEditor.Truthy(((MapNode)apiAuthorizers!)[name!]))
                    {
                        throw new EventException(eventId, $"Unable to set Authorizer [{name}] on API method [{method}] for path [{path}] because it wasn't defined in the API's Authorizers.", methodAuthorizer!.Span);
                    }
                }
                else
                {
                    CheckValidAuthorizerTypes(eventId, method, path, methodAuthorizer!, apiAuthorizers, false);
                    if (apiAuth is null || !SwaggerEditor.Truthy(apiAuth["DefaultAuthorizer"]))
                    {
                        throw new EventException(eventId, $"Unable to set Authorizer on API method [{method}] for path [{path}] because 'NONE' is only a valid value when a DefaultAuthorizer on the API is specified.", methodAuthorizer!.Span);
                    }
                }
            }
        }

        var scopes = eventAuth["AuthorizationScopes"];
        if (SwaggerEditor.Truthy(scopes))
        {
            if (scopes is not ListNode)
            {
                throw new EventException(eventId, "Property 'Auth.AuthorizationScopes' should be a list.", scopes!.Span);
            }

            if (!SwaggerEditor.Truthy(methodAuthorizer))
            {
                throw new EventException(eventId, "AuthorizationScopes works only when Authorizer is set", scopes.Span);
            }
        }

        var apiKeyRequired = eventAuth["ApiKeyRequired"];
        var apiKeyFalse = apiKeyRequired is not null && !apiKeyRequired.IsNull && !SwaggerEditor.Truthy(apiKeyRequired);
        if (apiKeyFalse && (apiAuth is null || !SwaggerEditor.Truthy(apiAuth["ApiKeyRequired"])))
        {
            throw new EventException(eventId, $"Unable to set ApiKeyRequired [False] on API method [{method}] for path [{path}] because the related API does not specify any ApiKeyRequired.", apiKeyRequired!.Span);
        }

        if (SwaggerEditor.Truthy(methodAuthorizer) || (apiKeyRequired is not null && !apiKeyRequired.IsNull))
        {
            editor.AddAuthToMethod(path, method, eventAuth, api);
        }

        var resourcePolicy = eventAuth["ResourcePolicy"];
        if (SwaggerEditor.Truthy(resourcePolicy))
        {
            if (resourcePolicy is not MapNode rp)
            {
                throw new EventException(eventId, "Property 'Auth.ResourcePolicy' should be a map.", resourcePolicy!.Span);
            }

            editor.AddResourcePolicy(rp, path, stage);
            if (SwaggerEditor.Truthy(rp["CustomStatements"]))
            {
                editor.AddCustomStatements(rp["CustomStatements"]);
            }
        }
    }

    private static void CheckValidAuthorizerTypes(string eventId, string method, string path, Node methodAuthorizer, Node? apiAuthorizers, bool iamEnabled)
    {
        var name = methodAuthorizer.AsString();
        if (name == "NONE" || (name == "AWS_IAM" && iamEnabled))
        {
            return;
        }

        if (name is null || apiAuthorizers is not MapNode)
        {
            throw new EventException(eventId, $"Unable to set Authorizer [{PyRepr.Str(methodAuthorizer)}] on API method [{method}] for path [{path}] because the related API Authorizers defined is of invalid type.", methodAuthorizer.Span);
        }
    }
}
