using SamCompiler.Diagnostics;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Model;

/// <summary>
/// A SAM template read once for everything that needs its facts before (or instead of) translating it: lint, local
/// runs, build, package and deploy. It binds the parameters (<see cref="Parameters"/>), evaluates intrinsics
/// (<see cref="Evaluator"/>), merges Globals by the translator's own rules (<see cref="GlobalsSection"/>, IgnoreGlobals
/// included) and offers typed views of the resources (<see cref="Functions"/>, <see cref="Layers"/>,
/// <see cref="Apis"/>, <see cref="StateMachines"/>, ...), each with the written nodes (and their spans) reachable.
/// The written tree is never modified. The model knows SAM and CloudFormation input; what the translator emits is
/// the Transform's business.
/// </summary>
public sealed class SamTemplate
{
    private const string ImplicitRestApiId = "ServerlessRestApi";
    private const string ImplicitHttpApiId = "ServerlessHttpApi";

    private readonly Dictionary<string, TemplateResource> _byId = new(StringComparer.Ordinal);
    private readonly List<ModelError> _errors = [];
    private ApiResource? _implicitRestApi;
    private ApiResource? _implicitHttpApi;

    private SamTemplate(SourceText source, MapNode root, ModelOptions options)
    {
        Source = source;
        Root = root;
        Options = options;
        Parameters = ParameterBinding.Bind(root, options);
        Evaluator = new IntrinsicEvaluator(root, Parameters, options);
        Globals = GlobalsSection.Parse(root, out var globalsError);
        if (globalsError is not null)
        {
            _errors.Add(globalsError);
        }

        var resources = new List<TemplateResource>();
        if (root["Resources"] is MapNode map)
        {
            foreach (var (id, value) in map)
            {
                if (value is MapNode definition)
                {
                    var resource = Create(id, map.KeySpan(id), definition);
                    resources.Add(resource);
                    _byId[id] = resource;
                }
            }
        }

        Resources = resources;
        Functions = [.. resources.OfType<FunctionResource>()];
        ServerlessFunctions = [.. resources.OfType<ServerlessFunction>()];
        Layers = [.. resources.OfType<LayerResource>()];
        Apis = [.. resources.OfType<ApiResource>()];
        StateMachines = [.. resources.OfType<StateMachineResource>()];
        Applications = [.. resources.OfType<ApplicationResource>()];
        Versions = [.. resources.OfType<LambdaVersionResource>()];
        Aliases = [.. resources.OfType<LambdaAliasResource>()];
    }

    /// <summary>The template text (paths and spans).</summary>
    public SourceText Source { get; }

    /// <summary>The document as loaded (never modified).</summary>
    public MapNode Root { get; }

    /// <summary>The options the template was bound with.</summary>
    public ModelOptions Options { get; }

    /// <summary>The parameter values (overrides, defaults, pseudo parameters).</summary>
    public ParameterBinding Parameters { get; }

    /// <summary>The intrinsic evaluator over this template's parameters, mappings, conditions and resources.</summary>
    public IntrinsicEvaluator Evaluator { get; }

    /// <summary>The parsed Globals section.</summary>
    public GlobalsSection Globals { get; }

    /// <summary>
    /// Errors found while reading the template (an invalid Globals section, an invalid IgnoreGlobals), worded as the
    /// translator words them; the model still merges what is valid.
    /// </summary>
    public IReadOnlyList<ModelError> Errors => _errors;

    /// <summary><see cref="Errors"/> as diagnostics (the same the translator reports for them).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => [.. _errors.Select(e => e.ToDiagnostic(Source.Path))];

    /// <summary>Every resource that is a mapping, in template order.</summary>
    public IReadOnlyList<TemplateResource> Resources { get; }

    /// <summary>AWS::Serverless::Function and AWS::Lambda::Function resources, in template order.</summary>
    public IReadOnlyList<FunctionResource> Functions { get; }

    /// <summary>AWS::Serverless::Function resources, in template order.</summary>
    public IReadOnlyList<ServerlessFunction> ServerlessFunctions { get; }

    /// <summary>AWS::Serverless::LayerVersion and AWS::Lambda::LayerVersion resources.</summary>
    public IReadOnlyList<LayerResource> Layers { get; }

    /// <summary>AWS::Serverless::Api and AWS::Serverless::HttpApi resources (not the implicit ones: see <see cref="ImplicitApi"/>).</summary>
    public IReadOnlyList<ApiResource> Apis { get; }

    /// <summary>AWS::Serverless::StateMachine resources.</summary>
    public IReadOnlyList<StateMachineResource> StateMachines { get; }

    /// <summary>AWS::Serverless::Application resources.</summary>
    public IReadOnlyList<ApplicationResource> Applications { get; }

    /// <summary>AWS::Lambda::Version resources.</summary>
    public IReadOnlyList<LambdaVersionResource> Versions { get; }

    /// <summary>AWS::Lambda::Alias resources.</summary>
    public IReadOnlyList<LambdaAliasResource> Aliases { get; }

    /// <summary>Builds the model of a loaded document.</summary>
    public static SamTemplate Build(SourceText source, MapNode root, ModelOptions options) => new(source, root, options);

    /// <summary>
    /// Loads <paramref name="source"/> and builds its model; null when the text is not a template mapping.
    /// <paramref name="diagnostics"/> holds the loader's diagnostics and <see cref="Diagnostics"/>.
    /// </summary>
    public static SamTemplate? Load(SourceText source, ModelOptions options, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var load = YamlDocumentLoader.Load(source);
        if (load.Root is null || load.HasErrors)
        {
            diagnostics = load.Diagnostics;
            return null;
        }

        var template = Build(source, load.Root, options);
        diagnostics = [.. load.Diagnostics, .. template.Diagnostics];
        return template;
    }

    /// <summary>A resource by logical id, or null.</summary>
    public TemplateResource? Find(string logicalId) => _byId.GetValueOrDefault(logicalId);

    /// <summary>The resource a <c>Ref</c> or <c>Fn::GetAtt</c> (either form) names, or null.</summary>
    public TemplateResource? Referenced(Node? node)
    {
        if (node is not MapNode { Count: 1 } m)
        {
            return null;
        }

        return m.KeyAt(0) switch
        {
            "Ref" => m.ValueAt(0).AsString() is { } id ? Find(id) : null,
            "Fn::GetAtt" => m.ValueAt(0) switch
            {
                ListNode { Count: >= 1 } l => l[0].AsString() is { } id ? Find(id) : null,
                ScalarNode { Kind: ScalarKind.String } s => Find(s.Text.Split('.')[0]),
                _ => null,
            },
            _ => null,
        };
    }

    /// <summary>A reference a property makes: the resource of this template it names (if any) and its evaluated value.</summary>
    public ResourceReference Reference(Node node) => new(node, Referenced(node), Evaluator.Evaluate(node));

    /// <summary>Evaluates a value (<see cref="IntrinsicEvaluator.Evaluate"/>).</summary>
    public ModelValue Evaluate(Node? node) => Evaluator.Evaluate(node);

    /// <summary>
    /// The implicit API the translator creates for Api (<paramref name="http"/> false: ServerlessRestApi) or HttpApi
    /// events without an API id, with the Globals of its type as properties; null when no event needs it.
    /// </summary>
    public ApiResource? ImplicitApi(bool http)
    {
        ref var cached = ref http ? ref _implicitHttpApi : ref _implicitRestApi;
        if (cached is not null)
        {
            return cached;
        }

        var needed = ServerlessFunctions.Any(f => f.EventsNode is MapNode events && events.Values.Any(e =>
            e.Get("Type").AsString() == (http ? "HttpApi" : "Api") && e.Get("Properties").Get(http ? "ApiId" : "RestApiId") is null));
        if (!needed)
        {
            return null;
        }

        var type = http ? "AWS::Serverless::HttpApi" : "AWS::Serverless::Api";
        var id = http ? ImplicitHttpApiId : ImplicitRestApiId;
        var properties = Globals.Merge(type, new MapNode(), id, null, out _) as MapNode ?? new MapNode();
        var definition = new MapNode { ["Type"] = type };
        cached = new ApiResource(this, id, SourceSpan.None, definition, properties, isImplicit: true);
        return cached;
    }

    private TemplateResource Create(string id, SourceSpan keySpan, MapNode definition)
    {
        var type = definition["Type"].AsString() ?? string.Empty;
        var written = definition["Properties"];
        MapNode properties;
        if (type.StartsWith("AWS::Serverless::", StringComparison.Ordinal))
        {
            var merged = Globals.Merge(type, written ?? new MapNode { Span = definition.Span }, id, definition["IgnoreGlobals"], out var error);
            if (error is not null)
            {
                _errors.Add(error);
            }

            properties = merged as MapNode ?? new MapNode { Span = definition.Span };
        }
        else
        {
            properties = written as MapNode ?? new MapNode { Span = definition.Span };
        }

        return type switch
        {
            "AWS::Serverless::Function" => new ServerlessFunction(this, id, keySpan, definition, properties),
            "AWS::Lambda::Function" => new LambdaFunction(this, id, keySpan, definition, properties),
            "AWS::Serverless::LayerVersion" or "AWS::Lambda::LayerVersion" => new LayerResource(this, id, keySpan, definition, properties),
            "AWS::Serverless::Api" or "AWS::Serverless::HttpApi" => new ApiResource(this, id, keySpan, definition, properties),
            "AWS::Serverless::StateMachine" => new StateMachineResource(this, id, keySpan, definition, properties),
            "AWS::Serverless::Application" => new ApplicationResource(this, id, keySpan, definition, properties),
            "AWS::Lambda::Version" => new LambdaVersionResource(this, id, keySpan, definition, properties),
            "AWS::Lambda::Alias" => new LambdaAliasResource(this, id, keySpan, definition, properties),
            _ => new TemplateResource(this, id, keySpan, definition, properties),
        };
    }
}
