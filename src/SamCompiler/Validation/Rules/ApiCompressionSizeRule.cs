using SamCompiler.Diagnostics;
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
        foreach (var api in template.Resources.Where(r => r.Type is "AWS::Serverless::Api" or "AWS::ApiGateway::RestApi"))
        {
            Check(template, context, api, api[Property], reported);
        }

        var implicitApi = template.Functions
            .SelectMany(f => f.Events().Select(e => (Function: f, Event: e)))
            .FirstOrDefault(x => x.Event.Type == "Api" && x.Event.Properties["RestApiId"] is null);
        if (implicitApi.Function is not null)
        {
            Check(template, context, implicitApi.Function, template.Root["Globals"].Get("Api").Get(Property), reported, "ServerlessRestApi");
        }
    }

    private static void Check(LintTemplate template, RuleContext context, LintResource resource, Node? node, HashSet<Node> reported, string? apiId = null)
    {
        if (node is null || !reported.Add(node))
        {
            return;
        }

        var api = resource with { LogicalId = apiId ?? resource.LogicalId };
        RuleText.Range(template, context, api, node, Property, Quotas.ApiCompressionSizeMin, Quotas.ApiCompressionSizeMax, "API Gateway");
    }
}
