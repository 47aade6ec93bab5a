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

    /// <summary>The API of this template the event belongs to: RestApiId's, or the implicit ServerlessRestApi.</summary>
    public ApiResource? Api => RestApiId is null ? Owner.Template.ImplicitApi(http: false) : Owner.Template.Referenced(RestApiId) as ApiResource;

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
    public ApiResource? Api => ApiId is null ? Owner.Template.ImplicitApi(http: true) : Owner.Template.Referenced(ApiId) as ApiResource;
}
