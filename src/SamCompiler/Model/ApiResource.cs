using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Model;

/// <summary>
/// An AWS::Serverless::Api or AWS::Serverless::HttpApi (Globals merged), or the implicit ServerlessRestApi /
/// ServerlessHttpApi the translator creates for events without an API id (then <see cref="IsImplicit"/> and the
/// properties are the Globals of its type).
/// </summary>
public sealed class ApiResource : TemplateResource
{
    /// <summary>Wraps the entry.</summary>
    public ApiResource(SamTemplate template, string logicalId, SourceSpan keySpan, MapNode definition, MapNode properties, bool isImplicit = false)
        : base(template, logicalId, keySpan, definition, properties)
    {
        IsImplicit = isImplicit;
    }

    /// <summary>True for an HTTP API (payload format 2.0).</summary>
    public bool IsHttp => Type == "AWS::Serverless::HttpApi";

    /// <summary>True for the implicit API the translator creates.</summary>
    public bool IsImplicit { get; }

    /// <summary>StageName.</summary>
    public ModelValue StageName => Value("StageName");

    /// <summary>The stage: StageName, else the translator's default (Prod for REST, $default for HTTP).</summary>
    public string Stage => StageName.AsString() ?? (IsHttp ? "$default" : "Prod");

    /// <summary>Where the definition is, when it is in a file (DefinitionUri).</summary>
    public ArtifactLocation DefinitionUri => Artifacts.Classify("DefinitionUri", Properties["DefinitionUri"], Template.Evaluator);

    /// <summary>DefinitionBody as written.</summary>
    public Node? DefinitionBody => Properties["DefinitionBody"];

    /// <summary>Cors (REST) or CorsConfiguration (HTTP) as written.</summary>
    public Node? Cors => Properties[IsHttp ? "CorsConfiguration" : "Cors"];

    /// <summary>Auth as written.</summary>
    public MapNode? Auth => Properties["Auth"] as MapNode;

    /// <summary>BinaryMediaTypes (REST) as written.</summary>
    public Node? BinaryMediaTypes => Properties["BinaryMediaTypes"];

    /// <summary>Variables (REST) or StageVariables (HTTP) as written.</summary>
    public MapNode? StageVariables => Properties[IsHttp ? "StageVariables" : "Variables"] as MapNode;

    /// <summary>MinimumCompressionSize (REST).</summary>
    public ModelValue MinimumCompressionSize => Value("MinimumCompressionSize");

    /// <summary>The events of this template's functions that are routes of this API, in template order.</summary>
    public IEnumerable<FunctionEvent> Routes => Template.ServerlessFunctions.SelectMany(f => f.Events).Where(e => e switch
    {
        ApiEvent a => !IsHttp && ReferenceEquals(a.Api, this),
        HttpApiEvent h => IsHttp && ReferenceEquals(h.Api, this),
        _ => false,
    });
}
