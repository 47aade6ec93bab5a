using SamCompiler.Syntax;

namespace SamCompiler.Transform.Api;

/// <summary>
/// Gives APIs without DefinitionBody or DefinitionUri a skeleton document managed by SAM
/// (samtranslator/plugins/api/default_definition_body_plugin.py).
/// </summary>
public sealed class DefaultDefinitionBodyPlugin : ITemplatePlugin
{
    /// <inheritdoc />
    public void BeforeTransform(TranslationContext context)
    {
        context.Shared<Py27Conversion>().Applies = Py27Conversion.AppliesTo(context.SamTemplate);
        foreach (var type in new[] { ApiTypes.Api, ApiTypes.HttpApi })
        {
            foreach (var (_, resource) in ApiTypes.Iterate(context.SamResources, type))
            {
                var props = resource["Properties"] as MapNode;
                if (props is not null && (SwaggerEditor.Truthy(props["DefinitionBody"]) || SwaggerEditor.Truthy(props["DefinitionUri"])))
                {
                    continue;
                }

                if (props is null)
                {
                    props = new MapNode();
                    resource["Properties"] = props;
                }

                props["DefinitionBody"] = type == ApiTypes.HttpApi ? OpenApiEditor.Skeleton() : SwaggerEditor.Skeleton();
                props["__MANAGE_SWAGGER"] = true;
            }
        }
    }
}

/// <summary>What the implicit API plugins need of an editor.</summary>
internal interface IPathEditor
{
    MapNode Paths { get; }

    void AddPath(string path, string method);

    void MakePathConditional(string path, string condition, bool plainCondition);

    void Finish();
}

/// <summary>Resource type names and helpers shared by the API plugins.</summary>
internal static class ApiTypes
{
    public const string Api = "AWS::Serverless::Api";
    public const string HttpApi = "AWS::Serverless::HttpApi";
    public const string Function = "AWS::Serverless::Function";
    public const string StateMachine = "AWS::Serverless::StateMachine";

    /// <summary>Resources of a type, as (id, entry) in template order (SamTemplate.iterate).</summary>
    public static IEnumerable<(string Id, MapNode Resource)> Iterate(MapNode resources, params string[] types) => Iterate(resources, false, types);

    /// <summary>Resources of a type in the reference's iteration order (Python 2.7 order once converted).</summary>
    public static IEnumerable<(string Id, MapNode Resource)> Iterate(MapNode resources, bool py27, params string[] types)
    {
        var keys = py27 ? Py27.KeyOrder(resources) : [.. resources.Keys];
        foreach (var id in keys)
        {
            var value = resources[id];
            if (value is not MapNode m)
            {
                continue;
            }

            SamResource.ValidateCondition(m);

            if (m["Type"].AsString() is { } t && types.Contains(t))
            {
                yield return (id, m);
            }
        }
    }

    /// <summary>RestApiId/ApiId as a logical id: the value of Ref, or the value itself (get_rest_api_id_string).</summary>
    public static Node? ApiIdString(Node? apiId) =>
        apiId is MapNode m && m.ContainsKey("Ref") ? m["Ref"] : apiId;
}

/// <summary>
/// Whether the reference converted the input to its Python 2.7 emulation (py27hash_fix.to_py27_compatible_template):
/// only templates with a REST API (explicit or implicit) or an HTTP API with a default authorizer.
/// </summary>
internal sealed class Py27Conversion
{
    public bool Applies { get; set; }

    public static bool AppliesTo(MapNode template)
    {
        var resources = template["Resources"] as MapNode ?? new MapNode();
        foreach (var r in resources.Values.OfType<MapNode>())
        {
            var type = r["Type"].AsString();
            if (type == ApiTypes.Api)
            {
                return true;
            }

            if (type is ApiTypes.Function or ApiTypes.StateMachine && r.Get("Properties").Get("Events") is MapNode events &&
                events.Values.Any(e => e is MapNode { Count: > 0 } em && em["Type"].AsString() == "Api"))
            {
                return true;
            }
        }

        var globalDefault = template["Globals"].Get("HttpApi").Get("Auth") is MapNode ga && SwaggerEditor.Truthy(ga["DefaultAuthorizer"]);
        foreach (var r in resources.Values.OfType<MapNode>())
        {
            if (r["Type"].AsString() == ApiTypes.HttpApi && ((r.Get("Properties").Get("Auth") is MapNode a && SwaggerEditor.Truthy(a["DefaultAuthorizer"])) || globalDefault))
            {
                return true;
            }
        }

        if (globalDefault)
        {
            foreach (var r in resources.Values.OfType<MapNode>())
            {
                if (r["Type"].AsString() == ApiTypes.Function && r.Get("Properties").Get("Events") is MapNode events &&
                    events.Values.Any(e => e is MapNode { Count: > 0 } em && em["Type"].AsString() == "HttpApi"))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>Per-run state of one implicit API plugin.</summary>
internal sealed class ImplicitApiState
{
    public MapNode? ExistingImplicitApi { get; set; }

    /// <summary>api id → path → method → condition (null when none).</summary>
    public Dictionary<string, Dictionary<string, Dictionary<string, string?>>> Conditions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<string?>> DeletionPolicies { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<string?>> UpdateReplacePolicies { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The implicit API plugins (samtranslator/plugins/api/implicit_api_plugin.py and its REST and HTTP
/// subclasses): create ServerlessRestApi / ServerlessHttpApi for events without an API id and add each event's
/// path and method to the document of the SAM-managed API it names.
/// </summary>
public abstract class ImplicitApiPlugin : ITemplatePlugin
{
    private protected abstract string ApiIdProperty { get; }

    private protected abstract string ImplicitLogicalId { get; }

    private protected abstract string ImplicitCondition { get; }

    private protected abstract string EventType { get; }

    private protected abstract string ApiType { get; }

    private protected abstract ImplicitApiState State(TranslationContext context);

    private protected abstract MapNode GenerateImplicitApi();

    private protected abstract bool IsValidDocument(Node? body);

    private protected abstract IPathEditor Editor(Node body);

    private protected virtual void ProcessEvent(string functionId, MapNode function, string eventId, MapNode evt, MapNode properties, TranslationContext context)
    {
    }

    /// <inheritdoc />
    public void BeforeTransform(TranslationContext context)
    {
        var state = State(context);
        var resources = context.SamResources;
        state.ExistingImplicitApi = resources[ImplicitLogicalId] is { } existing ? (MapNode)existing.Clone() : null;
        resources[ImplicitLogicalId] = GenerateImplicitApi();

        TransformException? firstError = null;
        var py27 = context.Shared<Py27Conversion>().Applies;
        foreach (var (id, resource) in ApiTypes.Iterate(resources, py27, ApiTypes.Function, ApiTypes.StateMachine))
        {
            if (resource["Properties"] is not MapNode props || props["Events"] is not MapNode events)
            {
                continue;
            }

            var eventOrder = py27 ? Py27.KeyOrder(events) : [.. events.Keys];
            var apiEvents = eventOrder.Select(k => new KeyValuePair<string, Node>(k, events[k]!)).Where(e => e.Value is MapNode { Count: > 0 } m && m["Type"].AsString() == EventType).ToList();
            if (py27)
            {
                // _get_api_events collects them into a new Py27Dict, which has an order of its own
                var subset = new MapNode();
                foreach (var (k, v) in apiEvents)
                {
                    subset[k] = v;
                }

                apiEvents = [.. Py27.KeyOrder(subset).Select(k => new KeyValuePair<string, Node>(k, subset[k]!))];
            }
            if (apiEvents.Count == 0)
            {
                continue;
            }

            var condition = resource["Condition"].AsString();
            var deletion = resource["DeletionPolicy"].AsString();
            var updateReplace = resource["UpdateReplacePolicy"].AsString();
            try
            {
                ProcessApiEvents(id, resource, props, apiEvents, condition, deletion, updateReplace, context, state);
            }
            catch (EventException ex)
            {
                firstError ??= new ResourceException(id, ex.FullMessage, ex.Span);
            }
        }

        MaybeAddConditionToImplicitApi(context, state);
        MaybeAddPolicies(context, state);
        MaybeAddConditionsToPaths(context, state);
        MaybeRemoveImplicitApi(context, state);
        if (firstError is not null)
        {
            throw firstError;
        }
    }

    private protected virtual void ProcessApiEvents(string functionId, MapNode function, MapNode functionProps, List<KeyValuePair<string, Node>> events, string? condition, string? deletion, string? updateReplace, TranslationContext context, ImplicitApiState state)
    {
        foreach (var (eventId, value) in events)
        {
            var evt = (MapNode)value;
            var properties = PrepareProperties(eventId, evt);
            if (properties is null)
            {
                continue;
            }

            AddTagsToImplicitApiIfNecessary(properties, function, context);
            if (!properties.ContainsKey(ApiIdProperty))
            {
                properties[ApiIdProperty] = Intrinsics.Ref(ImplicitLogicalId);
            }

            NormalizePathAndMethod(properties);
            var (apiId, path, method) = ValidateApiEvent(eventId, properties);
            UpdateAttributes(state, apiId, path, method, condition, deletion, updateReplace);
            AddApiToDocument(eventId, properties, context);
            ProcessEvent(functionId, function, eventId, evt, properties, context);
        }
    }

    private protected abstract MapNode? PrepareProperties(string eventId, MapNode evt);

    private protected virtual void NormalizePathAndMethod(MapNode properties)
    {
    }

    private void AddTagsToImplicitApiIfNecessary(MapNode properties, MapNode function, TranslationContext context)
    {
        if (properties.ContainsKey(ApiIdProperty))
        {
            return;
        }

        var implicitApi = context.SamResources[ImplicitLogicalId] as MapNode;
        var globalsKey = function["Type"].AsString() == ApiTypes.StateMachine ? "StateMachine" : "Function";
        var globals = context.SamTemplate["Globals"].Get(globalsKey) as MapNode;
        var props = function["Properties"] as MapNode;
        var propagate = props?["PropagateTags"] is { } p && SwaggerEditor.Truthy(p) ? p : globals?["PropagateTags"];
        var tags = props?["Tags"] is { } t && SwaggerEditor.Truthy(t) ? t : globals?["Tags"];
        if (implicitApi is not null && SwaggerEditor.Truthy(tags) && SwaggerEditor.Truthy(propagate) && implicitApi["Properties"] is MapNode apiProps)
        {
            if (apiProps["Tags"] is not MapNode apiTags)
            {
                apiTags = new MapNode();
                apiProps["Tags"] = apiTags;
            }

            if (tags is MapNode tm)
            {
                foreach (var (k, v) in tm)
                {
                    apiTags[k] = v;
                }
            }

            apiProps["PropagateTags"] = true;
        }
    }

    private (string ApiId, string Path, string Method) ValidateApiEvent(string eventId, MapNode properties)
    {
        var apiId = ApiTypes.ApiIdString(properties[ApiIdProperty]);
        var path = properties["Path"];
        var method = properties["Method"];
        if (path is null || path.IsNull)
        {
            throw new EventException(eventId, "Property 'Path' is required.", properties.Span);
        }

        if (method is null || method.IsNull)
        {
            throw new EventException(eventId, "Property 'Method' is required.", properties.Span);
        }

        return (
            ExpectString(eventId, ApiIdProperty, apiId, properties),
            ExpectString(eventId, "Path", path, properties),
            ExpectString(eventId, "Method", method, properties));
    }

    private static string ExpectString(string eventId, string property, Node? value, MapNode properties) =>
        value.AsString() ?? throw new EventException(eventId, $"Property '{property}' should be a string.", value?.Span ?? properties.Span);

    private static void UpdateAttributes(ImplicitApiState state, string apiId, string path, string method, string? condition, string? deletion, string? updateReplace)
    {
        if (!state.Conditions.TryGetValue(apiId, out var byPath))
        {
            state.Conditions[apiId] = byPath = new Dictionary<string, Dictionary<string, string?>>(StringComparer.Ordinal);
        }

        if (!byPath.TryGetValue(path, out var byMethod))
        {
            byPath[path] = byMethod = new Dictionary<string, string?>(StringComparer.Ordinal);
        }

        byMethod[method] = condition;
        Add(state.DeletionPolicies, apiId, deletion);
        Add(state.UpdateReplacePolicies, apiId, updateReplace);

        static void Add(Dictionary<string, List<string?>> d, string key, string? value)
        {
            if (!d.TryGetValue(key, out var list))
            {
                d[key] = list = [];
            }

            list.Add(value);
        }
    }

    private void AddApiToDocument(string eventId, MapNode properties, TranslationContext context)
    {
        var apiId = ApiTypes.ApiIdString(properties[ApiIdProperty]);
        var resource = apiId.AsString() is { } s ? context.SamResources[s] as MapNode : null;
        var type = resource?["Type"].AsString();
        var referencingHttp = resource is null || (type == ApiTypes.HttpApi && type != ApiType);
        if (apiId is MapNode || referencingHttp)
        {
            throw new EventException(eventId, $"{ApiIdProperty} must be a valid reference to an '{ApiType}' resource in same template.", properties[ApiIdProperty]?.Span ?? properties.Span);
        }

        if (resource!["Properties"] is not MapNode props || !IsValidDocument(props["DefinitionBody"]))
        {
            return;
        }

        if (!SwaggerEditor.Truthy(props["__MANAGE_SWAGGER"]))
        {
            return;
        }

        var editor = Editor(props["DefinitionBody"]!);
        editor.AddPath(properties["Path"].AsString()!, properties["Method"].AsString()!);
        editor.Finish();
    }

    private void MaybeAddConditionToImplicitApi(TranslationContext context, ImplicitApiState state)
    {
        if (!state.Conditions.TryGetValue(ImplicitLogicalId, out var byPath) || byPath.Count == 0)
        {
            return;
        }

        var all = byPath.Values.SelectMany(m => m.Values).ToHashSet();
        if (all.Count > 0 && !all.Contains(null))
        {
            var api = (MapNode)context.SamResources[ImplicitLogicalId]!;
            if (all.Count == 1)
            {
                api["Condition"] = all.First()!;
            }
            else
            {
                api["Condition"] = ImplicitCondition;
                AddCombinedCondition(context, ImplicitCondition, all!);
            }
        }
    }

    private void MaybeAddPolicies(TranslationContext context, ImplicitApiState state)
    {
        if (state.DeletionPolicies.TryGetValue(ImplicitLogicalId, out var deletions) && deletions.Any(d => !string.IsNullOrEmpty(d)))
        {
            var api = (MapNode)context.SamResources[ImplicitLogicalId]!;
            if (deletions.Contains("Retain"))
            {
                api["DeletionPolicy"] = "Retain";
            }
            else if (deletions.Contains("Delete"))
            {
                api["DeletionPolicy"] = "Delete";
            }
        }

        if (state.UpdateReplacePolicies.TryGetValue(ImplicitLogicalId, out var updates) && updates.Any(d => !string.IsNullOrEmpty(d)))
        {
            var api = (MapNode)context.SamResources[ImplicitLogicalId]!;
            if (updates.Contains("Retain"))
            {
                api["UpdateReplacePolicy"] = "Retain";
            }
            else if (updates.Contains("Snapshot"))
            {
                api["UpdateReplacePolicy"] = "Snapshot";
            }
            else if (updates.Contains("Delete"))
            {
                api["UpdateReplacePolicy"] = "Delete";
            }
        }
    }

    /// <summary>make_combined_condition over the sorted names: Fn::Or chunks of at most 10.</summary>
    internal static void AddCombinedCondition(TranslationContext context, string name, IEnumerable<string> conditions)
    {
        var list = conditions.OrderBy(c => c, StringComparer.Ordinal).ToList();
        var target = context.SamTemplate["Conditions"] as MapNode;
        if (target is null)
        {
            target = new MapNode();
            context.SamTemplate["Conditions"] = target;
        }

        foreach (var (k, v) in CombinedConditions(list, name))
        {
            target[k] = v;
        }
    }

    /// <summary>samtranslator's make_combined_condition.</summary>
    internal static List<(string Name, MapNode Condition)> CombinedConditions(List<string> list, string name)
    {
        const int Max = 10;
        var result = new List<(string, MapNode)>();
        if (list.Count < 2)
        {
            return result;
        }

        var n = list.Count;
        var count = 1;
        while (n > Max)
        {
            n = (n - Max) + 1;
            count++;
        }

        var zeroBased = count - 1;
        while (list.Count > 1)
        {
            var newName = name;
            if (zeroBased > 0)
            {
                newName = name + zeroBased.ToString(System.Globalization.CultureInfo.InvariantCulture);
                zeroBased--;
            }

            var chunk = list.Take(Max).ToList();
            list = [.. list.Skip(Max)];
            list.Add(newName);
            result.Add((newName, Intrinsics.Or(chunk.Select(c => (Node)Intrinsics.Condition(c)))));
        }

        return result;
    }

    private void MaybeAddConditionsToPaths(TranslationContext context, ImplicitApiState state)
    {
        foreach (var (apiId, api) in ApiTypes.Iterate(context.SamResources, ApiType))
        {
            if (api["Properties"] is not MapNode props || !SwaggerEditor.Truthy(props["__MANAGE_SWAGGER"]) || props["DefinitionBody"] is not { } body || !IsValidDocument(body))
            {
                continue;
            }

            var editor = Editor(body);
            foreach (var path in editor.Paths.Keys.ToList())
            {
                if (!state.Conditions.TryGetValue(apiId, out var byPath) || !byPath.TryGetValue(path, out var byMethod))
                {
                    continue;
                }

                var all = byMethod.Values.ToHashSet();
                if (all.Count > 0 && !all.Contains(null))
                {
                    if (all.Count == 1)
                    {
                        editor.MakePathConditional(path, all.First()!, false);
                    }
                    else
                    {
                        var name = apiId + path.Replace("/", "SLASH", StringComparison.Ordinal).Replace("{", "OB", StringComparison.Ordinal).Replace("}", "CB", StringComparison.Ordinal) + "PathCondition";
                        AddCombinedCondition(context, name, all!);
                        editor.MakePathConditional(path, name, true);
                    }
                }
            }

            editor.Finish();
        }
    }

    private void MaybeRemoveImplicitApi(TranslationContext context, ImplicitApiState state)
    {
        var resources = context.SamResources;
        if (resources[ImplicitLogicalId] is MapNode api && api.Get("Properties").Get("DefinitionBody").Get("paths") is MapNode { Count: 0 })
        {
            if (state.ExistingImplicitApi is not null)
            {
                resources[ImplicitLogicalId] = state.ExistingImplicitApi;
            }
            else
            {
                resources.Remove(ImplicitLogicalId);
            }
        }
    }
}

/// <summary>ImplicitRestApiPlugin: Api events and ServerlessRestApi.</summary>
public sealed class ImplicitRestApiPlugin : ImplicitApiPlugin
{
    /// <summary>The implicit REST API's logical id.</summary>
    public const string LogicalId = "ServerlessRestApi";

    private protected override string ApiIdProperty => "RestApiId";

    private protected override string ImplicitLogicalId => LogicalId;

    private protected override string ImplicitCondition => "ServerlessRestApiCondition";

    private protected override string EventType => "Api";

    private protected override string ApiType => ApiTypes.Api;

    private protected override ImplicitApiState State(TranslationContext context) => context.Shared<RestState>().Value;

    private protected override MapNode GenerateImplicitApi()
    {
        var props = new MapNode
        {
            ["StageName"] = Py27.S("Prod"),
            ["DefinitionBody"] = SwaggerEditor.Skeleton(),
            ["__MANAGE_SWAGGER"] = true,
        };
        return new MapNode { ["Type"] = ApiTypes.Api, ["Properties"] = props };
    }

    private protected override bool IsValidDocument(Node? body) => SwaggerEditor.IsValid(body);

    private protected override IPathEditor Editor(Node body) => new SwaggerEditor(body);

    private protected override MapNode? PrepareProperties(string eventId, MapNode evt)
    {
        var properties = evt["Properties"];
        if (!SwaggerEditor.Truthy(properties))
        {
            return null;
        }

        return properties as MapNode ?? throw new EventException(eventId, "Properties should be a map.", properties!.Span);
    }

    private sealed class RestState
    {
        public ImplicitApiState Value { get; } = new();
    }
}

/// <summary>ImplicitHttpApiPlugin: HttpApi events and ServerlessHttpApi.</summary>
public sealed class ImplicitHttpApiPlugin : ImplicitApiPlugin
{
    /// <summary>The implicit HTTP API's logical id.</summary>
    public const string LogicalId = "ServerlessHttpApi";

    private protected override string ApiIdProperty => "ApiId";

    private protected override string ImplicitLogicalId => LogicalId;

    private protected override string ImplicitCondition => "ServerlessHttpApiCondition";

    private protected override string EventType => "HttpApi";

    private protected override string ApiType => ApiTypes.HttpApi;

    private protected override ImplicitApiState State(TranslationContext context) => context.Shared<HttpState>().Value;

    private protected override MapNode GenerateImplicitApi()
    {
        var props = new MapNode
        {
            ["DefinitionBody"] = OpenApiEditor.Skeleton(),
            ["__MANAGE_SWAGGER"] = true,
        };
        return new MapNode { ["Type"] = ApiTypes.HttpApi, ["Properties"] = props };
    }

    private protected override bool IsValidDocument(Node? body) => OpenApiEditor.IsValid(body);

    private protected override IPathEditor Editor(Node body) => new OpenApiEditor(body);

    private protected override MapNode? PrepareProperties(string eventId, MapNode evt)
    {
        var properties = evt["Properties"];
        if (properties is null)
        {
            properties = new MapNode();
            evt["Properties"] = properties;
        }

        return properties as MapNode ?? throw new EventException(eventId, "Properties should be a map.", properties.Span);
    }

    private protected override void NormalizePathAndMethod(MapNode properties)
    {
        if (!SwaggerEditor.Truthy(properties["Path"]) && !SwaggerEditor.Truthy(properties["Method"]))
        {
            properties["Path"] = Py27.S("$default");
            properties["Method"] = Py27.S("x-amazon-apigateway-any-method");
        }
    }

    private protected override void ProcessEvent(string functionId, MapNode function, string eventId, MapNode evt, MapNode properties, TranslationContext context)
    {
        if (!properties.ContainsKey("RouteSettings"))
        {
            return;
        }

        var apiId = ApiTypes.ApiIdString(properties["ApiId"]).AsString()!;
        var api = (MapNode)context.SamResources[apiId]!;
        var apiProps = (MapNode)api["Properties"]!;
        var path = properties["Path"].AsString()!;
        var method = properties["Method"].AsString()!;
        var route = method == SwaggerEditor.AnyMethod ? path : $"{method.ToUpperInvariant()} {path}";
        var apiRouteSettings = apiProps["RouteSettings"] ?? new MapNode();
        if (apiRouteSettings is not MapNode routeSettings)
        {
            throw new ResourceException(apiId, "Property 'RouteSettings' should be a map.", apiRouteSettings.Span);
        }

        Node eventRouteSettings = properties["RouteSettings"] ?? new MapNode();
        var condition = function["Condition"].AsString();
        if (condition is not null)
        {
            eventRouteSettings = SwaggerEditor.MakeConditional(condition, eventRouteSettings);
        }

        if (eventRouteSettings is not MapNode ers)
        {
            throw new EventException(eventId, "Property 'RouteSettings' should be a map.", eventRouteSettings.Span);
        }

        if (routeSettings[route] is not MapNode existing)
        {
            existing = new MapNode();
            routeSettings[route] = existing;
        }

        foreach (var (k, v) in ers)
        {
            existing[k] = v;
        }

        apiProps["RouteSettings"] = routeSettings;
    }

    private sealed class HttpState
    {
        public ImplicitApiState Value { get; } = new();
    }
}

/// <summary>Globals.fix_openapi_definitions, which the Globals plugin runs last.</summary>
public static class OpenApiDefinitions
{
    /// <summary>
    /// For SAM-managed REST APIs with an OpenApiVersion 3.x: the version becomes a string and the generated
    /// document switches from "swagger" to "openapi" (samtranslator/plugins/globals/globals.py).
    /// </summary>
    public static void Fix(MapNode template)
    {
        if (template["Resources"] is not MapNode resources)
        {
            return;
        }

        foreach (var resource in resources.Values.OfType<MapNode>())
        {
            if (resource["Type"].AsString() != ApiTypes.Api || resource["Properties"] is not MapNode props)
            {
                continue;
            }

            if (props["OpenApiVersion"] is { } version && props.ContainsKey("__MANAGE_SWAGGER") && SwaggerEditor.IsOpenApi3(version))
            {
                if (version is not ScalarNode { Kind: ScalarKind.String })
                {
                    version = Py27.S(version is ScalarNode sv ? sv.PythonStr : PyRepr.Str(version));
                    props["OpenApiVersion"] = version;
                }

                if (props["DefinitionBody"] is MapNode body)
                {
                    body.SetP("openapi", version);
                    if (SwaggerEditor.Truthy(body["swagger"]))
                    {
                        body.Remove("swagger");
                    }
                }
            }
        }
    }
}
