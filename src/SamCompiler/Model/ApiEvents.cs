using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Model;

/// <summary>An Api event (REST API, payload format 1.0).</summary>
public sealed class ApiEvent : FunctionEvent
{
    internal ApiEvent(TemplateResource owner, string id, SourceSpan keySpan, string type, MapNode definition)
        : base(owner, id, keySpan, type, definition)
    {
    }

    /// <summary>Path.</summary>
    public ModelValue Path => Value("Path");

    /// <summary>Method.</summary>
    public ModelValue Method => Value("Method");

    /// <summary>RestApiId as written (absent for the implicit ServerlessRestApi).</summary>
    public Node? RestApiId => Properties["RestApiId"];

    /// <summary>The API of this template the event belongs to: RestApiId's (a Ref, or the logical id as a string), or the implicit ServerlessRestApi.</summary>
    public ApiResource? Api => RestApiId is null ? Owner.Template.ImplicitApi(http: false) : ApiOf(Owner.Template, RestApiId);

    /// <summary>The API resource an API id names: a Ref or Fn::GetAtt of it, or its logical id as a string.</summary>
    internal static ApiResource? ApiOf(SamTemplate template, Node id) =>
        (template.Referenced(id) ?? (id.AsString() is { } name ? template.Find(name) : null)) as ApiResource;

    /// <summary>Auth.Authorizer (the authorizer's name, or NONE).</summary>
    public ModelValue Authorizer => Owner.Template.Evaluator.Evaluate(Properties["Auth"].Get("Authorizer"));
}

/// <summary>An HttpApi event (HTTP API, payload format 2.0 by default).</summary>
public sealed class HttpApiEvent : FunctionEvent
{
    internal HttpApiEvent(TemplateResource owner, string id, SourceSpan keySpan, string type, MapNode definition)
        : base(owner, id, keySpan, type, definition)
    {
    }

    /// <summary>Path (absent for the $default route).</summary>
    public ModelValue Path => Value("Path");

    /// <summary>Method (absent for ANY).</summary>
    public ModelValue Method => Value("Method");

    /// <summary>ApiId as written (absent for the implicit ServerlessHttpApi).</summary>
    public Node? ApiId => Properties["ApiId"];

    /// <summary>PayloadFormatVersion.</summary>
    public ModelValue PayloadFormatVersion => Value("PayloadFormatVersion");

    /// <summary>The API of this template the event belongs to: ApiId's, or the implicit ServerlessHttpApi.</summary>
    public ApiResource? Api => ApiId is null ? Owner.Template.ImplicitApi(http: true) : ApiEvent.ApiOf(Owner.Template, ApiId);
}
