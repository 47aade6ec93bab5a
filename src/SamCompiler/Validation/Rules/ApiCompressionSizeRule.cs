using SamCompiler.Diagnostics;
using SamCompiler.Model;
using SamCompiler.Model.Aws;
using SamCompiler.Syntax;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// MinimumCompressionSize of a REST API: AWS::Serverless::Api (Globals merged), AWS::ApiGateway::RestApi, and the
/// implicit ServerlessRestApi that Api events without RestApiId create (it takes Globals.Api): 0-10,485,760 bytes,
/// the REST API payload limit.
/// </summary>
public sealed class ApiCompressionSizeRule : RuleBase
{
    private const string Property = "MinimumCompressionSize";

    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.ApiCompressionSize;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var reported = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        foreach (var api in template.Model.Resources.Where(r => r.Type is "AWS::Serverless::Api" or "AWS::ApiGateway::RestApi"))
        {
            Check(context, api, api.Value(Property), reported);
        }

        // The implicit ServerlessRestApi (Api events without RestApiId) takes Globals.Api; the finding is about the
        // first function that makes it.
        if (template.Model.ImplicitApi(http: false) is { } implicitApi &&
            template.Model.ServerlessFunctions.FirstOrDefault(f => f.Events.OfType<ApiEvent>().Any(e => e.RestApiId is null)) is { } owner)
        {
            Check(context, owner, implicitApi.MinimumCompressionSize, reported, implicitApi.LogicalId);
        }
    }

    private static void Check(RuleContext context, TemplateResource resource, ModelValue value, HashSet<Node> reported, string? apiId = null)
    {
        if (value.Source is null || !reported.Add(value.Source))
        {
            return;
        }

        RuleText.Range(context, resource, value, Property, Quotas.ApiCompressionSizeMin, Quotas.ApiCompressionSizeMax, "API Gateway", apiId);
    }
}
