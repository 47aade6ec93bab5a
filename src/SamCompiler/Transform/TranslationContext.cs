using SamCompiler.Diagnostics;
using SamCompiler.Model;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Transform;

/// <summary>Everything a resource transform may read or share while one template is translated.</summary>
public sealed class TranslationContext
{
    private readonly Dictionary<Type, object> _shared = [];
    private IntrinsicsResolver? _mappings;

    internal TranslationContext(SourceText source, MapNode samTemplate, TranslateOptions options, ParameterBinding parameters)
    {
        Source = source;
        SamTemplate = samTemplate;
        Template = samTemplate;
        Options = options;
        Region = options.Region;
        Partition = parameters.Partition;
        ParameterValues = parameters.ReferenceValues;
        Intrinsics = new IntrinsicsResolver(parameters.ReferenceValues);
    }

    /// <summary>The template text (for spans).</summary>
    public SourceText Source { get; }

    /// <summary>The input template after the before-transform plugins (samtranslator's sam_template).</summary>
    public MapNode SamTemplate { get; }

    /// <summary>The output under construction (samtranslator's template): SAM resources are replaced in it.</summary>
    public MapNode Template { get; internal set; }

    /// <summary>Options of this run.</summary>
    public TranslateOptions Options { get; }

    /// <summary>The region, e.g. us-east-1.</summary>
    public string Region { get; }

    /// <summary>The partition of the region, e.g. aws (the model's one partition rule).</summary>
    public string Partition { get; }

    /// <summary>Parameter values as the model binds them for the reference: overrides, then template defaults, then AWS::Region and AWS::Partition.</summary>
    public IReadOnlyDictionary<string, Node> ParameterValues { get; }

    /// <summary>Resolves parameter references.</summary>
    public IntrinsicsResolver Intrinsics { get; }

    /// <summary>Resolves Fn::FindInMap against the Mappings section.</summary>
    public IntrinsicsResolver Mappings => _mappings ??= MakeMappingsResolver();

    /// <summary>References to SAM-derived values (MyFunction.Alias, MyApi.Stage), resolved at the end.</summary>
    public SupportedResourceReferences ResourceReferences { get; } = new();

    /// <summary>Logical ids a transform renamed (LayerVersion hashes), rewritten at the end.</summary>
    public Dictionary<string, string> ChangedLogicalIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Diagnostics that are not errors (warnings); errors are thrown as <see cref="TransformException"/>.</summary>
    public DiagnosticBag Diagnostics { get; } = new();

    /// <summary>The Conditions section of the output, created on first use.</summary>
    public MapNode Conditions
    {
        get
        {
            if (Template["Conditions"] is not MapNode c)
            {
                c = new MapNode();
                Template["Conditions"] = c;
            }

            return c;
        }
    }

    /// <summary>The Conditions section if the template has one, else null (samtranslator's kwargs["conditions"]).</summary>
    public MapNode? ExistingConditions => Template["Conditions"] as MapNode;

    /// <summary>The input resources (after plugins).</summary>
    public MapNode SamResources => SamTemplate["Resources"] as MapNode ?? new MapNode();

    /// <summary>
    /// State shared across resources of one run (the deployment-preference collection, a shared usage plan, ...),
    /// created on first use.
    /// </summary>
    public T Shared<T>()
        where T : class, new()
    {
        if (!_shared.TryGetValue(typeof(T), out var value))
        {
            _shared[typeof(T)] = value = new T();
        }

        return (T)value;
    }

    private IntrinsicsResolver MakeMappingsResolver()
    {
        var mappings = new Dictionary<string, Node>(StringComparer.Ordinal);
        if (Template["Mappings"] is MapNode m)
        {
            foreach (var (k, v) in m)
            {
                mappings[k] = v;
            }
        }

        return new IntrinsicsResolver(mappings, mappings: true);
    }

    /// <summary>An ARN with the partition of this region, as samtranslator's ArnGenerator builds it.</summary>
    public string Arn(string service, string resource, string region = "", string account = "") =>
        $"arn:{Partition}:{service}:{region}:{account}:{resource}";
}
