using System.Globalization;
using SamCompiler.Diagnostics;
using SamCompiler.Local.Model;
using SamCompiler.Model.Aws;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Local.Pool;

/// <summary>Reads every runnable function of a template with the settings start-lambda and start-api need.</summary>
public static class ServeTemplate
{
    /// <summary>
    /// The runnable functions of <paramref name="source"/>; functions samc cannot run are left out with their
    /// diagnostics (warnings), so the others can still be served. Null when the template cannot be read.
    /// </summary>
    public static IReadOnlyList<ServeFunction>? Load(SourceText source, string templateDirectory, LocalTemplateOptions options, EnvVarsFile? envVars, List<Diagnostic> diagnostics)
    {
        var template = LocalTemplate.Load(source, templateDirectory, options, out var loadDiagnostics);
        diagnostics.AddRange(loadDiagnostics);
        var root = YamlDocumentLoader.Load(source).Root;
        if (template is null || root is null)
        {
            return null;
        }

        var resources = root["Resources"].AsMap() ?? new MapNode();
        var globals = root.Get("Globals").Get("Function").AsMap();
        var result = new List<ServeFunction>();
        foreach (var id in template.FunctionIds)
        {
            var found = new List<Diagnostic>();
            var function = template.Resolve(id, found);
            if (function is null)
            {
                diagnostics.AddRange(found.Select(d => d.IsError ? d with { Severity = DiagnosticSeverity.Warning } : d));
                continue;
            }

            diagnostics.AddRange(found);
            var resource = resources[id]!;
            var serverless = resource.Get("Type").AsString() == "AWS::Serverless::Function";
            var own = resource.Get("Properties").AsMap() ?? new MapNode();
            var properties = serverless ? FunctionGlobals.Merge(globals, own) : own;
            var config = properties.Get("EventInvokeConfig").AsMap();
            var retries = Integer(template.Evaluate(config.Get("MaximumRetryAttempts")));
            var maxAge = Integer(template.Evaluate(config.Get("MaximumEventAgeInSeconds")));
            result.Add(new ServeFunction
            {
                Function = function,
                Variables = envVars?.Apply(function),
                ReservedConcurrency = Integer(template.Evaluate(properties["ReservedConcurrentExecutions"])),
                Alias = serverless ? template.Evaluate(properties["AutoPublishAlias"]) : null,
                MaximumRetryAttempts = retries is >= 0 and <= 2 ? retries.Value : 2,
                MaximumEventAge = maxAge >= Quotas.MaximumEventAgeMin.Value && maxAge <= Quotas.MaximumEventAgeMax.Value
                    ? TimeSpan.FromSeconds(maxAge.Value)
                    : TimeSpan.FromSeconds(Quotas.MaximumEventAgeMax.Value),
                DeadLetter = serverless
                    ? Destination("DeadLetterQueue", properties.Get("DeadLetterQueue").Get("Type").AsString(), properties.Get("DeadLetterQueue").Get("TargetArn"), template, resources, options, id)
                    : Destination("DeadLetterQueue", null, properties.Get("DeadLetterConfig").Get("TargetArn"), template, resources, options, id),
                OnFailure = Destination("OnFailure", config.Get("DestinationConfig").Get("OnFailure").Get("Type").AsString(), config.Get("DestinationConfig").Get("OnFailure").Get("Destination"), template, resources, options, id),
                OnSuccess = Destination("OnSuccess", config.Get("DestinationConfig").Get("OnSuccess").Get("Type").AsString(), config.Get("DestinationConfig").Get("OnSuccess").Get("Destination"), template, resources, options, id),
                Events = serverless ? properties.Get("Events").AsMap() ?? new MapNode() : new MapNode(),
            });
        }

        return result;
    }

    private static int? Integer(string? text) =>
        text is not null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static AsyncDestination? Destination(string kind, string? type, Node? target, LocalTemplate template, MapNode resources, LocalTemplateOptions options, string functionId)
    {
        if (target is null && type is null)
        {
            return null;
        }

        var partition = LocalTemplate.PartitionOf(options.Region);
        string? arn = null;
        string? targetType = type;
        if (target is MapNode { Count: 1 } m && m.KeyAt(0) == "Fn::GetAtt")
        {
            var parts = m["Fn::GetAtt"] is ListNode l ? l.Select(n => n.AsString()).ToList() : (m["Fn::GetAtt"].AsString() ?? string.Empty).Split('.').Select(s => (string?)s).ToList();
            var logicalId = parts.Count > 0 ? parts[0] : null;
            (arn, targetType) = ResourceArn(logicalId, resources, template, options) ?? (null, targetType);
        }
        else if (target is MapNode { Count: 1 } r && r.KeyAt(0) == "Ref" && resources.ContainsKey(r["Ref"].AsString() ?? string.Empty))
        {
            (arn, targetType) = ResourceArn(r["Ref"].AsString(), resources, template, options) ?? (null, targetType);
        }
        else if (target is not null)
        {
            arn = template.Evaluate(target);
        }

        if (arn is null && target is null && kind != "DeadLetterQueue" && type is "SQS" or "SNS")
        {
            // SAM creates the queue or topic itself when the destination is left out.
            var service = type == "SQS" ? "sqs" : "sns";
            arn = $"arn:{partition}:{service}:{options.Region}:{options.AccountId}:{functionId}EventInvokeConfig{kind}{(type == "SQS" ? "Queue" : "Topic")}";
        }

        return new AsyncDestination(kind, targetType ?? ServiceOf(arn) ?? "SQS", arn ?? "(unresolved)");
    }

    private static (string? Arn, string? Type)? ResourceArn(string? logicalId, MapNode resources, LocalTemplate template, LocalTemplateOptions options)
    {
        if (logicalId is null || resources[logicalId] is not MapNode resource)
        {
            return null;
        }

        var partition = LocalTemplate.PartitionOf(options.Region);
        var properties = resource.Get("Properties");
        return resource.Get("Type").AsString() switch
        {
            "AWS::SQS::Queue" => ($"arn:{partition}:sqs:{options.Region}:{options.AccountId}:{template.Evaluate(properties.Get("QueueName")) ?? logicalId}", "SQS"),
            "AWS::SNS::Topic" => ($"arn:{partition}:sns:{options.Region}:{options.AccountId}:{template.Evaluate(properties.Get("TopicName")) ?? logicalId}", "SNS"),
            "AWS::Serverless::Function" or "AWS::Lambda::Function" => ($"arn:{partition}:lambda:{options.Region}:{options.AccountId}:function:{template.Evaluate(properties.Get("FunctionName")) ?? logicalId}", "Lambda"),
            "AWS::Events::EventBus" => ($"arn:{partition}:events:{options.Region}:{options.AccountId}:event-bus/{template.Evaluate(properties.Get("Name")) ?? logicalId}", "EventBridge"),
            _ => null,
        };
    }

    private static string? ServiceOf(string? arn) => arn?.Split(':') is { Length: > 2 } parts
        ? parts[2] switch { "sqs" => "SQS", "sns" => "SNS", "lambda" => "Lambda", "events" => "EventBridge", _ => null }
        : null;
}
