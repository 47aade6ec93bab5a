using System.Globalization;
using SamCompiler.Diagnostics;
using SamCompiler.Syntax;
using SamCompiler.Text;
using SamCompiler.Transform;

namespace SamCompiler.Validation;

/// <summary>One resource of the template as lint sees it: Globals merged into SAM functions and layers.</summary>
/// <param name="LogicalId">The logical id.</param>
/// <param name="Type">The resource type (empty when absent).</param>
/// <param name="KeySpan">The span of the logical id's key text.</param>
/// <param name="Definition">The resource mapping as written.</param>
/// <param name="Properties">Properties, with Globals merged for the types <see cref="GlobalsMerge"/> covers.</param>
public sealed record LintResource(string LogicalId, string Type, SourceSpan KeySpan, MapNode Definition, MapNode Properties)
{
    /// <summary>True for AWS::Serverless::Function.</summary>
    public bool IsSamFunction => Type == "AWS::Serverless::Function";

    /// <summary>A property, or null.</summary>
    public Node? this[string property] => Properties[property];

    /// <summary>The function's events (SAM functions only), as (event id, key span, type, properties).</summary>
    public IEnumerable<LintEvent> Events()
    {
        if (!IsSamFunction || Properties["Events"] is not MapNode events)
        {
            yield break;
        }

        foreach (var (id, value) in events)
        {
            if (value is MapNode e && e["Type"].AsString() is { } type)
            {
                yield return new LintEvent(id, events.KeySpan(id), type, e["Properties"] as MapNode ?? new MapNode { Span = e.Span }, e);
            }
        }
    }
}

/// <summary>An event source of a SAM function.</summary>
/// <param name="Id">The event's key.</param>
/// <param name="KeySpan">The span of the key.</param>
/// <param name="Type">The event type (SQS, Api, ...).</param>
/// <param name="Properties">The event's properties.</param>
/// <param name="Definition">The event mapping.</param>
public sealed record LintEvent(string Id, SourceSpan KeySpan, string Type, MapNode Properties, MapNode Definition);

/// <summary>
/// The template lint works on: the spanned node tree from YamlDocumentLoader, the resources with Globals merged,
/// value resolution through parameter defaults, and the transformed CloudFormation (computed once, on first use).
/// </summary>
public sealed class LintTemplate
{
    private readonly Dictionary<string, LintResource> _byId = new(StringComparer.Ordinal);
    private (MapNode? Document, IReadOnlyList<Diagnostic> Diagnostics)? _translation;

    /// <summary>Builds the view of <paramref name="root"/>.</summary>
    public LintTemplate(SourceText source, MapNode root, LintOptions options)
    {
        Source = source;
        Root = root;
        Options = options;
        var resources = new List<LintResource>();
        if (root["Resources"] is MapNode map)
        {
            foreach (var (id, value) in map)
            {
                if (value is not MapNode definition)
                {
                    continue;
                }

                var type = definition["Type"].AsString() ?? string.Empty;
                var properties = GlobalsMerge.Merge(root, type, definition);
                var resource = new LintResource(id, type, map.KeySpan(id), definition, properties);
                resources.Add(resource);
                _byId[id] = resource;
            }
        }

        Resources = resources;
        Functions = [.. resources.Where(r => r.Type is "AWS::Serverless::Function" or "AWS::Lambda::Function")];
    }

    /// <summary>The source text.</summary>
    public SourceText Source { get; }

    /// <summary>The document as loaded (not modified by lint).</summary>
    public MapNode Root { get; }

    /// <summary>The options of the run.</summary>
    public LintOptions Options { get; }

    /// <summary>Every resource that is a mapping, in template order.</summary>
    public IReadOnlyList<LintResource> Resources { get; }

    /// <summary>SAM functions and plain AWS::Lambda::Function resources (their property names match for the checks).</summary>
    public IReadOnlyList<LintResource> Functions { get; }

    /// <summary>A resource by logical id, or null.</summary>
    public LintResource? Find(string logicalId) => _byId.GetValueOrDefault(logicalId);

    /// <summary>The resource a Ref or Fn::GetAtt names, or null.</summary>
    public LintResource? Referenced(Node? node)
    {
        if (node is not MapNode { Count: 1 } m)
        {
            return null;
        }

        return m.KeyAt(0) switch
        {
            "Ref" => m["Ref"].AsString() is { } id ? Find(id) : null,
            "Fn::GetAtt" => m["Fn::GetAtt"] switch
            {
                ListNode { Count: >= 1 } l => l[0].AsString() is { } id ? Find(id) : null,
                ScalarNode s when s.Kind == ScalarKind.String => Find(s.Text.Split('.')[0]),
                _ => null,
            },
            _ => null,
        };
    }

    /// <summary>
    /// The value a node stands for: itself, or for <c>Ref</c> to a parameter, the override or the parameter's Default.
    /// Null when it cannot be known before deployment.
    /// </summary>
    public Node? Resolve(Node? node)
    {
        if (node is MapNode { Count: 1 } m && m.KeyAt(0) == "Ref" && m["Ref"].AsString() is { } name)
        {
            if (Options.ParameterOverrides.TryGetValue(name, out var given))
            {
                return given;
            }

            return Root["Parameters"].Get(name).Get("Default") is ScalarNode d ? d : null;
        }

        return node is MapNode { IsIntrinsic: true } ? null : node;
    }

    /// <summary>A number the node stands for (numbers, numeric strings, parameter defaults), or null.</summary>
    public double? Number(Node? node) => Resolve(node) switch
    {
        ScalarNode { IsNumber: true } n => n.NumberValue,
        ScalarNode { Kind: ScalarKind.String } s when double.TryParse(s.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => null,
    };

    /// <summary>A string the node stands for (strings, scalars as text, parameter defaults), or null.</summary>
    public string? String(Node? node) => Resolve(node) switch
    {
        ScalarNode { Kind: ScalarKind.String } s => s.Text,
        ScalarNode { Kind: ScalarKind.Integer or ScalarKind.Float } n => n.Text,
        _ => null,
    };

    /// <summary>
    /// The transformed CloudFormation document (null when the translator rejects the template) and the translator's
    /// diagnostics. Generated resources keep the span of the SAM resource key that made them. Local artifact paths are
    /// replaced by S3 placeholders first (<see cref="LocalArtifacts"/>), so lint works before packaging.
    /// </summary>
    public (MapNode? Document, IReadOnlyList<Diagnostic> Diagnostics) Translation => _translation ??= Translate();

    private (MapNode?, IReadOnlyList<Diagnostic>) Translate()
    {
        if (!SamTranslator.NeedsTransform(Root))
        {
            return (Root, []);
        }

        try
        {
            var options = new TranslateOptions { Region = Options.Region, ParameterOverrides = Options.ParameterOverrides };
            var result = SamTranslator.Translate(Source, LocalArtifacts.AsPackaged(Root), options);
            return (result.Template, result.Diagnostics);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var bug = Diagnostic.Create(DiagnosticCatalog.InternalError, SourceSpan.DocumentStart(Source.Path), $"Internal error while translating: {ex.GetType().Name}: {ex.Message} This is a bug in samc; please report it with the template.");
            return (null, [bug]);
        }
    }
}
