using SamCompiler.Diagnostics;
using SamCompiler.Syntax;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// EventInvokeConfig (on a SAM function, or an AWS::Lambda::EventInvokeConfig resource): MaximumRetryAttempts 0-2,
/// MaximumEventAgeInSeconds 60-21600.
/// </summary>
public sealed class EventInvokeConfigRangeRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.EventInvokeConfigRange;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        foreach (var resource in template.Resources)
        {
            var config = resource.Type switch
            {
                "AWS::Serverless::Function" => resource["EventInvokeConfig"] as MapNode,
                "AWS::Lambda::EventInvokeConfig" => resource.Properties,
                _ => null,
            };
            if (config is null)
            {
                continue;
            }

            RuleText.Range(template, context, resource, config["MaximumRetryAttempts"], "MaximumRetryAttempts", Quotas.MaximumRetryAttemptsMin, Quotas.MaximumRetryAttempts);
            RuleText.Range(template, context, resource, config["MaximumEventAgeInSeconds"], "MaximumEventAgeInSeconds", Quotas.MaximumEventAgeMin, Quotas.MaximumEventAgeMax);
        }
    }
}
