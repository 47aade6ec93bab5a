using SamCompiler.Syntax;
using SamCompiler.Text;
using static SamCompiler.Transform.Intrinsics;

namespace SamCompiler.Transform.StateMachine;

/// <summary>
/// What an Api event of a state machine links to (PushApi.resources_to_link_for_rest_api): the Properties of the
/// AWS::Serverless::Api it names in the SAM template (null when RestApiId is not a Ref or name), its id, and the
/// stage suffix.
/// </summary>
/// <param name="ExplicitApi">The Api's Properties in the SAM template (edited in place), or null.</param>
/// <param name="ApiId">The Api's logical id, or RestApiId as written when it is not one.</param>
/// <param name="StageSuffix">The StageName of the Api, "Stage" when it is not a string, "AllStages" without an Api.</param>
public sealed record StateMachineApiLink(MapNode? ExplicitApi, Node ApiId, string StageSuffix);

/// <summary>
/// Everything the reference's stepfunctions Api._add_swagger_integration needs, computed by the state machine
/// transform. The API code adds the integration to <see cref="ExplicitApi"/>'s DefinitionBody (see
/// <see cref="StateMachineApiHooks"/>).
/// </summary>
/// <param name="EventId">The event's key under Events (errors name it: InvalidEventException(relative_id, ...)).</param>
/// <param name="ExplicitApi">The Api's Properties in the SAM template; DefinitionBody is read and written back here.</param>
/// <param name="ApiId">The Api's logical id.</param>
/// <param name="Path">The event's Path.</param>
/// <param name="Method">The event's Method, lower-cased.</param>
/// <param name="IntegrationUri"><c>Fn::Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartExecution</c>.</param>
/// <param name="CredentialsArn">The ARN of the role generated for the event (<c>Fn::GetAtt [Role, Arn]</c>).</param>
/// <param name="RequestTemplates">The request mapping templates (<c>{"application/json": {"Fn::Sub": ...}}</c>).</param>
/// <param name="Condition">The state machine's Condition attribute, or null.</param>
/// <param name="Auth">The event's Auth, or null.</param>
/// <param name="Stage">The event's Stage, or null.</param>
/// <param name="Span">The event in the SAM text.</param>
public sealed record StateMachineApiIntegration(
    string EventId,
    MapNode ExplicitApi,
    Node ApiId,
    string Path,
    string Method,
    MapNode IntegrationUri,
    MapNode CredentialsArn,
    MapNode RequestTemplates,
    Node? Condition,
    Node? Auth,
    Node? Stage,
    SourceSpan Span);

/// <summary>
/// The entry point through which the API code plugs the OpenAPI editing of state machine Api events into this
/// transform. Per run (<c>context.Shared&lt;StateMachineApiHooks&gt;()</c>): the REST API plugin sets
/// <see cref="AddSwaggerIntegration"/> in its BeforeTransform. It is called only when the linked Api's Properties
/// hold <c>__MANAGE_SWAGGER</c> (set by the implicit-API and default-definition-body plugins), and must do what
/// stepfunctions/events.py Api._add_swagger_integration does: return when DefinitionBody is absent; reject a path
/// and method that already has an integration (EventException(EventId, 'API method "m" defined multiple times for
/// path "p".')); SwaggerEditor.add_state_machine_integration(Path, Method, IntegrationUri, CredentialsArn,
/// RequestTemplates, condition: Condition); when Auth is set, PushApi.add_auth_to_swagger(Auth, api, ApiId,
/// EventId, Method, Path, Stage, editor, intrinsics resolver); then write DefinitionBody back.
/// </summary>
public sealed class StateMachineApiHooks
{
    /// <summary>Adds the integration of a state machine Api event to its Api's DefinitionBody.</summary>
    public Action<StateMachineApiIntegration, TranslationContext>? AddSwaggerIntegration { get; set; }
}

/// <summary>The Api event source of a state machine (model/stepfunctions/events.py, class Api).</summary>
internal static class StateMachineApiEvent
{
    /// <summary>
    /// resources_to_link: follows RestApiId to an Api of the template. Errors name the event (an
    /// EventException the caller turns into a ResourceException of the state machine) or the Api.
    /// </summary>
    public static StateMachineApiLink ResourcesToLink(StateMachineEvent e, MapNode samResources)
    {
        var raw = e["RestApiId"];
        var restApiId = raw is MapNode m && m.ContainsKey("Ref") ? m["Ref"]! : raw;
        if (restApiId.AsString() is not { } apiId)
        {
            return new StateMachineApiLink(null, restApiId ?? ScalarNode.Null(), "AllStages");
        }

        if (samResources[apiId] is not MapNode api)
        {
            throw new EventException(e.EventId, "RestApiId property of Api event must reference a valid resource in the same template.", e.Resource.SpanOf("RestApiId"));
        }

        Node properties = api["Properties"] ?? new MapNode();
        if (properties is not MapNode explicitApi)
        {
            throw new ResourceException(apiId, "Attribute 'Properties' should be a map.", properties.Span);
        }

        var stage = explicitApi["StageName"];
        string suffix;
        if (stage is ScalarNode { Kind: ScalarKind.String } s)
        {
            if (s.Text.Length == 0)
            {
                throw new ResourceException(apiId, "StageName cannot be empty.", s.Span);
            }

            suffix = s.Text;
        }
        else
        {
            suffix = "Stage";
        }

        return new StateMachineApiLink(explicitApi, ScalarNode.String(apiId), suffix);
    }

    /// <summary>
    /// to_cloudformation: the role letting API Gateway start executions, and the integration through
    /// <see cref="StateMachineApiHooks"/> when the Api's definition is managed by SAM.
    /// </summary>
    public static IReadOnlyList<CfnResource> ToCloudFormation(
        StateMachineEvent e,
        CfnResource target,
        MapNode passThrough,
        Node? permissionsBoundary,
        StateMachineApiLink link,
        MapNode targetAttributes,
        TranslationContext context)
    {
        var method = e["Method"].AsString()?.ToLowerInvariant() ?? string.Empty;
        var role = StateMachineEventSources.ConstructRole(e, target, passThrough, permissionsBoundary, StateMachineEventSources.ApiPrincipal);
        if (link.ExplicitApi is null)
        {
            // The reference fails here with an AttributeError (explicit_api is None).
            throw new EventException(e.EventId, "'NoneType' object has no attribute 'get'", e.Resource.SpanOf("RestApiId"));
        }

        if (Truthy(link.ExplicitApi["__MANAGE_SWAGGER"]) && link.ExplicitApi["DefinitionBody"] is not null)
        {
            var hook = context.Shared<StateMachineApiHooks>().AddSwaggerIntegration
                ?? throw new InvalidOperationException("State machine Api events on a SAM-managed API need the API transform's StateMachineApiHooks.AddSwaggerIntegration.");
            var requestTemplates = Truthy(e["UnescapeMappingTemplate"])
                ? RequestTemplateUnescaped(target.LogicalId)
                : RequestTemplate(target.LogicalId);
            hook(
                new StateMachineApiIntegration(
                    e.EventId,
                    link.ExplicitApi,
                    link.ApiId,
                    e["Path"].AsString() ?? string.Empty,
                    method,
                    Sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartExecution"),
                    role.GetAtt("Arn"),
                    requestTemplates,
                    targetAttributes["Condition"]?.Clone(),
                    e.Copy("Auth"),
                    e.Copy("Stage"),
                    e.Resource.KeySpan),
                context);
        }

        return [role];
    }

    /// <summary>_generate_request_template: the API input passed as the execution input.</summary>
    public static MapNode RequestTemplate(string logicalId) => new()
    {
        ["application/json"] = Sub("{\"input\": \"$util.escapeJavaScript($input.json('$'))\", \"stateMachineArn\": \"${" + logicalId + "}\"}"),
    };

    /// <summary>_generate_request_template_unescaped: the same with escaped single quotes restored.</summary>
    public static MapNode RequestTemplateUnescaped(string logicalId) => new()
    {
        ["application/json"] = Sub(@"{""input"": ""$util.escapeJavaScript($input.json('$')).replaceAll(""\\'"",""'"")"", ""stateMachineArn"": ""${" + logicalId + @"}""}"),
    };
}
