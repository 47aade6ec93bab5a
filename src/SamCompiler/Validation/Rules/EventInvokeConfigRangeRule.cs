using SamCompiler.Diagnostics;
using SamCompiler.Model;
using SamCompiler.Model.Aws;

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
        foreach (var resource in template.Model.Resources)
        {
            var (retries, age) = resource switch
            {
                ServerlessFunction { EventInvokeConfig: not null } fn => (fn.MaximumRetryAttempts, fn.MaximumEventAgeInSeconds),
                { Type: "AWS::Lambda::EventInvokeConfig" } => (resource.Value("MaximumRetryAttempts"), resource.Value("MaximumEventAgeInSeconds")),
                _ => (null, null),
            };
            if (retries is null || age is null)
            {
                continue;
            }

            RuleText.Range(context, resource, retries, "MaximumRetryAttempts", Quotas.MaximumRetryAttemptsMin, Quotas.MaximumRetryAttempts);
            RuleText.Range(context, resource, age, "MaximumEventAgeInSeconds", Quotas.MaximumEventAgeMin, Quotas.MaximumEventAgeMax);
        }
    }
}
