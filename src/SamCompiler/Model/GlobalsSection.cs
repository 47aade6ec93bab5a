using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Model;

/// <summary>
/// The one Globals merge: samtranslator's plugins/globals/globals.py (class Globals and GlobalProperties). Parses the
/// Globals section, checks it against the properties each resource type accepts there, and merges it into resource
/// properties: maps merge key by key (local wins), lists concatenate (global first), anything else (and intrinsic
/// functions, which count as primitives) takes the local value; a resource's IgnoreGlobals drops all ("*") or some
/// properties. The translator's Globals plugin, the model (lint, local runs) and everything else use this class.
/// Errors are values (<see cref="ModelError"/>, worded as the reference words them): the translator raises them, the
/// model reports them and merges what is valid.
/// </summary>
public sealed class GlobalsSection
{
    /// <summary>The section's key in a template.</summary>
    public const string Keyword = "Globals";

    private const string ResourcePrefix = "AWS::Serverless::";

    private readonly Dictionary<string, MapNode> _globals = new(StringComparer.Ordinal);

    private GlobalsSection()
    {
    }

    /// <summary>
    /// Globals.supported_properties: for each resource type, the properties the Globals section may set, in the
    /// reference's order (its error messages list them in this order).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> SupportedProperties { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["AWS::Serverless::Function"] =
        [
            "Handler", "Runtime", "CodeUri", "DeadLetterQueue", "Description", "MemorySize", "Timeout", "VpcConfig",
            "Environment", "Tags", "PropagateTags", "Tracing", "KmsKeyArn", "AutoPublishAlias",
            "AutoPublishAliasAllProperties", "Layers", "DeploymentPreference", "RolePath", "PermissionsBoundary",
            "ReservedConcurrentExecutions", "ProvisionedConcurrencyConfig", "AssumeRolePolicyDocument",
            "EventInvokeConfig", "FileSystemConfigs", "CodeSigningConfigArn", "Architectures", "SnapStart",
            "EphemeralStorage", "FunctionUrlConfig", "RuntimeManagementConfig", "LoggingConfig", "RecursiveLoop",
            "SourceKMSKeyArn", "TenancyConfig", "DurableConfig", "CapacityProviderConfig", "FunctionScalingConfig",
            "PublishToLatestPublished", "VersionDeletionPolicy",
        ],
        ["AWS::Serverless::Api"] =
        [
            "Auth", "Name", "DefinitionUri", "CacheClusterEnabled", "CacheClusterSize", "MergeDefinitions",
            "Variables", "EndpointConfiguration", "MethodSettings", "BinaryMediaTypes", "MinimumCompressionSize",
            "Cors", "GatewayResponses", "AccessLogSetting", "CanarySetting", "TracingEnabled", "OpenApiVersion",
            "Domain", "AlwaysDeploy", "PropagateTags", "SecurityPolicy", "EndpointAccessMode",
        ],
        ["AWS::Serverless::HttpApi"] =
        [
            "Auth", "AccessLogSettings", "StageVariables", "Tags", "CorsConfiguration", "DefaultRouteSettings",
            "Domain", "RouteSettings", "FailOnWarnings", "PropagateTags",
        ],
        ["AWS::Serverless::SimpleTable"] = ["SSESpecification"],
        ["AWS::Serverless::StateMachine"] = ["PropagateTags"],
        ["AWS::Serverless::LayerVersion"] = ["PublishLambdaVersion"],
        ["AWS::Serverless::CapacityProvider"] =
        [
            "VpcConfig", "OperatorRole", "Tags", "InstanceRequirements", "ScalingConfig", "KmsKeyArn", "PropagateTags",
        ],
        ["AWS::Serverless::WebSocketApi"] =
        [
            "AccessLogSettings", "ApiKeySelectionExpression", "DefaultRouteSettings", "DisableExecuteApiEndpoint",
            "DisableSchemaValidation", "Domain", "FailOnWarnings", "IpAddressType", "PropagateTags",
            "RouteSelectionExpression", "RouteSettings", "StageVariables", "Tags",
        ],
    };

    /// <summary>The section names (types without the AWS::Serverless:: prefix), sorted as the reference sorts them.</summary>
    public static IReadOnlyList<string> SupportedSectionNames { get; } =
        [.. SupportedProperties.Keys.Select(k => k[ResourcePrefix.Length..]).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Globals(template): parses the template's Globals section (none is fine). <paramref name="error"/> is the
    /// reference's InvalidGlobalsSectionException (a template error) when the section is not a map, names an unknown
    /// resource type, a section is not a map, or a property is not supported there; the result then holds the valid
    /// sections and supported properties only (the reference stops at the first error).
    /// </summary>
    public static GlobalsSection Parse(MapNode template, out ModelError? error)
    {
        error = null;
        var result = new GlobalsSection();
        if (!template.TryGetValue(Keyword, out var section))
        {
            return result;
        }

        if (section is not MapNode globals)
        {
            error = Invalid("It must be a non-empty dictionary", template.KeySpan(Keyword));
            return result;
        }

        foreach (var (sectionName, properties) in globals)
        {
            var resourceType = ResourcePrefix + sectionName;
            if (!SupportedProperties.TryGetValue(resourceType, out var supported))
            {
                error ??= Invalid($"'{sectionName}' is not supported. Must be one of the following values - {ReprList(SupportedSectionNames)}", globals.KeySpan(sectionName));
                continue;
            }

            if (properties is not MapNode map)
            {
                // Not an f-string in the reference: the text really is "${section}".
                error ??= Invalid("Value of ${section} must be a dictionary", globals.KeySpan(sectionName));
                continue;
            }

            foreach (var key in map.Keys)
            {
                if (!supported.Contains(key, StringComparer.Ordinal))
                {
                    error ??= Invalid($"'{key}' is not a supported property of '{sectionName}'. Must be one of the following values - {ReprList(supported)}", map.KeySpan(key));
                    map = WithoutUnsupported(map, supported);
                    break;
                }
            }

            result._globals[resourceType] = map;
        }

        return result;
    }

    /// <summary>The Globals properties of <paramref name="resourceType"/> (after Parse), or null when there are none.</summary>
    public MapNode? Of(string resourceType) => _globals.GetValueOrDefault(resourceType);

    /// <summary>
    /// Globals.merge: the resource's properties with the globals of its type merged in (the properties unchanged
    /// when there are none), honouring the resource's <c>IgnoreGlobals</c> attribute ("*" or a list of property
    /// names). Like the reference, values taken from the Globals section are shared, not copied: a global map or list
    /// that a resource does not override is the same node in every resource that receives it, so a transform that
    /// mutates it in place (as samtranslator does with EventInvokeConfig destinations) affects the later resources
    /// too, exactly as it does in the reference. With an IgnoreGlobals list the resource gets its own copy.
    /// </summary>
    /// <param name="resourceType">The resource's Type.</param>
    /// <param name="properties">The resource's Properties.</param>
    /// <param name="logicalId">The resource's logical id (for errors).</param>
    /// <param name="ignoreGlobals">The IgnoreGlobals attribute, or null.</param>
    /// <param name="error">The reference's error for an invalid IgnoreGlobals (a resource error), else null; the merge then ignores the invalid items.</param>
    public Node Merge(string resourceType, Node properties, string logicalId, Node? ignoreGlobals, out ModelError? error)
    {
        error = null;
        if (!_globals.TryGetValue(resourceType, out var sectionProperties))
        {
            return properties;
        }

        var globals = TemplateGlobals(sectionProperties, logicalId, ignoreGlobals, out error);
        return MergeValues(globals, properties);
    }

    /// <summary>GlobalProperties._do_merge: merges a global value with a local one (the result may share nodes with both).</summary>
    public static Node MergeValues(Node global, Node local)
    {
        var globalToken = TokenOf(global);
        var localToken = TokenOf(local);
        if (globalToken != localToken || globalToken == Token.Primitive)
        {
            return local;
        }

        if (globalToken == Token.Dict)
        {
            var g = (MapNode)global;
            var l = (MapNode)local;
            var merged = g.ShallowCopy();
            merged.Span = l.Span.IsKnown ? l.Span : g.Span;
            foreach (var (key, value) in l)
            {
                merged.Set(key, merged.TryGetValue(key, out var globalValue) ? MergeValues(globalValue, value) : value, l.KeySpan(key));
            }

            return merged;
        }

        var list = new ListNode(((ListNode)global).Concat((ListNode)local))
        {
            Span = local.Span.IsKnown ? local.Span : global.Span,
        };
        return list;
    }

    /// <summary>Globals.get_template_globals: the globals of a type minus what IgnoreGlobals drops.</summary>
    private static MapNode TemplateGlobals(MapNode globals, string logicalId, Node? ignoreGlobals, out ModelError? error)
    {
        error = null;
        if (!PyRepr.Truthy(ignoreGlobals))
        {
            return globals;
        }

        if (ignoreGlobals.AsString() == "*")
        {
            return new MapNode { Span = globals.Span };
        }

        if (ignoreGlobals is ListNode keys)
        {
            var copy = (MapNode)globals.Clone();
            foreach (var key in keys)
            {
                if (key is not ScalarNode { Kind: ScalarKind.String } name || !copy.Remove(name.Text))
                {
                    error ??= new ModelError(ModelErrorKind.Resource, logicalId, $"Resource {logicalId} has invalid resource attribute 'IgnoreGlobals' on item '{PyRepr.Str(key)}'.", key.Span.IsKnown ? key.Span : ignoreGlobals.Span);
                }
            }

            return copy;
        }

        error = new ModelError(ModelErrorKind.Resource, logicalId, $"Resource {logicalId} has invalid resource attribute 'IgnoreGlobals'.", ignoreGlobals!.Span);
        return globals;
    }

    private static MapNode WithoutUnsupported(MapNode map, IReadOnlyList<string> supported)
    {
        var kept = new MapNode { Span = map.Span };
        foreach (var (key, value) in map)
        {
            if (supported.Contains(key, StringComparer.Ordinal))
            {
                kept.Set(key, value, map.KeySpan(key));
            }
        }

        return kept;
    }

    private static ModelError Invalid(string message, SourceSpan span) =>
        new(ModelErrorKind.Template, null, $"'{Keyword}' section is invalid. {message}", span);

    private static string ReprList(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(i => $"'{i}'")) + "]";

    private static Token TokenOf(Node node) => node switch
    {
        MapNode when node.IsIntrinsic => Token.Primitive,
        MapNode => Token.Dict,
        ListNode => Token.List,
        _ => Token.Primitive,
    };


    private enum Token
    {
        Primitive,
        Dict,
        List,
    }
}
