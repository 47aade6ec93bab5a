using SamCompiler.Diagnostics;
using SamCompiler.Model;
using SamCompiler.Model.Aws;
using SamCompiler.Syntax;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// At most 500 resources in the template CloudFormation receives, i.e. after the SAM transform. Counted on the
/// transformed document; when the translator rejects the template (or does not know a type yet) a lower-bound estimate
/// of what each SAM resource generates is used instead, whichever is larger. The finding points at the SAM resource
/// that produced the 501st resource.
/// </summary>
public sealed class TemplateResourceCountRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.TemplateResourceCount;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var max = Quotas.Resources.Value;
        var transformed = template.Translation.Document?["Resources"] as MapNode;
        var actual = transformed?.Count ?? 0;
        var estimate = 0L;
        TemplateResource? estimatedCulprit = null;
        foreach (var resource in template.Model.Resources)
        {
            estimate += Estimate(resource);
            if (estimate > max && estimatedCulprit is null)
            {
                estimatedCulprit = resource;
            }
        }

        if (actual > max && actual >= estimate)
        {
            var id = transformed!.KeyAt((int)max);
            var owner = template.Model.Resources.FirstOrDefault(r => r.KeySpan == transformed.KeySpan(id))?.LogicalId;
            context.Report(transformed.KeySpan(id), $"The template has {actual} resources after the SAM transform; CloudFormation allows at most {max}. Split it into nested stacks.", owner);
        }
        else if (estimate > max && estimatedCulprit is not null)
        {
            context.Report(estimatedCulprit.KeySpan, $"The template has at least {estimate} resources after the SAM transform (estimated); CloudFormation allows at most {max}. Split it into nested stacks.", estimatedCulprit.LogicalId);
        }
    }

    /// <summary>A lower bound of the CloudFormation resources <paramref name="resource"/> becomes.</summary>
    public static long Estimate(TemplateResource resource)
    {
        switch (resource.Type)
        {
            case "AWS::Serverless::Function":
                long n = 1;
                n += resource["Role"] is null ? 1 : 0;
                n += resource["AutoPublishAlias"] is null ? 0 : 2;
                n += resource["EventInvokeConfig"] is null ? 0 : 1;
                n += resource["FunctionUrlConfig"] is null ? 0 : 1;
                foreach (var e in (resource as ServerlessFunction)?.Events ?? [])
                {
                    n += e.Type switch
                    {
                        "SNS" or "Schedule" or "CloudWatchEvent" or "EventBridgeRule" or "CloudWatchLogs" or "IoTRule" => 2,
                        "ScheduleV2" => 1,
                        _ => 1,
                    };
                }

                return n;
            case "AWS::Serverless::Api":
                return 3;
            case "AWS::Serverless::HttpApi":
                return 2;
            case "AWS::Serverless::StateMachine":
                return resource["Role"] is null ? 2 : 1;
            default:
                return 1;
        }
    }
}
