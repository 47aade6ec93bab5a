using SamCompiler.Diagnostics;
using SamCompiler.Model;
using SamCompiler.Model.Aws;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// A function behind an Api event (REST API, 29 s integration timeout) or HttpApi event (30 s) with a longer Timeout:
/// API Gateway answers 504 before the function finishes.
/// </summary>
public sealed class ApiIntegrationTimeoutRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.ApiIntegrationTimeout;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        foreach (var fn in template.Model.ServerlessFunctions)
        {
            if (fn.TimeoutSeconds is not { } timeout)
            {
                continue;
            }

            foreach (var e in fn.Events)
            {
                var limit = e switch
                {
                    ApiEvent => Quotas.RestApiIntegrationTimeout,
                    HttpApiEvent => Quotas.HttpApiIntegrationTimeout,
                    _ => null,
                };
                if (limit is not null && timeout > limit.Value)
                {
                    var api = e is ApiEvent ? "REST API" : "HTTP API";
                    context.Report(e.KeySpan, $"Function \"{fn.LogicalId}\" has a {RuleText.Num(timeout)} second timeout but {e.Type} event \"{e.Id}\" goes through the {api} integration timeout of {limit.Value} seconds; callers get 504 for longer runs.", fn.LogicalId);
                }
            }
        }
    }
}
