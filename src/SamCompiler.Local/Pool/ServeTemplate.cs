using SamCompiler.Diagnostics;
using SamCompiler.Local.Model;
using SamCompiler.Model;
using SamCompiler.Model.Aws;
using SamCompiler.Syntax;

namespace SamCompiler.Local.Pool;

/// <summary>Reads every runnable function of a template's model with the settings start-lambda and start-api need.</summary>
public static class ServeTemplate
{
    /// <summary>
    /// The runnable functions of <paramref name="template"/>; functions samc cannot run are left out with their
    /// diagnostics (warnings), so the others can still be served.
    /// </summary>
    public static IReadOnlyList<ServeFunction> Load(LocalTemplate template, EnvVarsFile? envVars, List<Diagnostic> diagnostics)
    {
        var model = template.Model;
        var result = new List<ServeFunction>();
        foreach (var fn in model.Functions)
        {
            var found = new List<Diagnostic>();
            var function = template.Resolve(fn.LogicalId, found);
            if (function is null)
            {
                diagnostics.AddRange(found.Select(d => d.IsError ? d with { Severity = DiagnosticSeverity.Warning } : d));
                continue;
            }

            diagnostics.AddRange(found);
            var serverless = fn as ServerlessFunction;
            var retries = serverless?.MaximumRetryAttempts.AsInteger();
            var maxAge = serverless?.MaximumEventAgeInSeconds.AsInteger();
            result.Add(new ServeFunction
            {
                Function = function,
                Variables = envVars?.Apply(function),
                ReservedConcurrency = fn.ReservedConcurrentExecutions.AsInteger() is { } reserved and >= int.MinValue and <= int.MaxValue ? (int)reserved : null,
                Alias = serverless?.AutoPublishAlias.AsString(),
                MaximumRetryAttempts = retries is >= 0 and <= 2 ? (int)retries.Value : 2,
                MaximumEventAge = maxAge >= Quotas.MaximumEventAgeMin.Value && maxAge <= Quotas.MaximumEventAgeMax.Value
                    ? TimeSpan.FromSeconds(maxAge.Value)
                    : TimeSpan.FromSeconds(Quotas.MaximumEventAgeMax.Value),
                DeadLetter = Destination(model, "DeadLetterQueue", serverless?.DeadLetterQueueType.AsString(), fn.DeadLetterTarget, fn.LogicalId),
                OnFailure = Destination(model, "OnFailure", model.Evaluate(serverless?.OnFailure?["Type"]).AsString(), serverless?.OnFailure?["Destination"], fn.LogicalId),
                OnSuccess = Destination(model, "OnSuccess", model.Evaluate(serverless?.OnSuccess?["Type"]).AsString(), serverless?.OnSuccess?["Destination"], fn.LogicalId),
            });
        }

        return result;
    }

    private static AsyncDestination? Destination(SamTemplate model, string kind, string? type, Node? target, string functionId)
    {
        if (target is null && type is null)
        {
            return null;
        }

        var partition = model.Parameters.Partition;
        var region = model.Parameters.Region;
        var account = model.Options.AccountId ?? ModelOptions.LocalAccountId;
        string? arn = null;
        var targetType = type;
        if (model.Referenced(target) is { } resource)
        {
            (arn, targetType) = ResourceArn(resource, partition, region, account) ?? (null, targetType);
        }
        else if (target is not null)
        {
            arn = model.Evaluate(target).AsString();
        }

        if (arn is null && target is null && kind != "DeadLetterQueue" && type is "SQS" or "SNS")
        {
            // SAM creates the queue or topic itself when the destination is left out.
            var service = type == "SQS" ? "sqs" : "sns";
            arn = $"arn:{partition}:{service}:{region}:{account}:{functionId}EventInvokeConfig{kind}{(type == "SQS" ? "Queue" : "Topic")}";
        }

        return new AsyncDestination(kind, targetType ?? ServiceOf(arn) ?? "SQS", arn ?? "(unresolved)");
    }

    private static (string? Arn, string? Type)? ResourceArn(TemplateResource resource, string partition, string region, string account)
    {
        string Name(string property) => resource.Value(property).AsString() ?? resource.LogicalId;
        return resource.Type switch
        {
            "AWS::SQS::Queue" => ($"arn:{partition}:sqs:{region}:{account}:{Name("QueueName")}", "SQS"),
            "AWS::SNS::Topic" => ($"arn:{partition}:sns:{region}:{account}:{Name("TopicName")}", "SNS"),
            "AWS::Serverless::Function" or "AWS::Lambda::Function" => ($"arn:{partition}:lambda:{region}:{account}:function:{Name("FunctionName")}", "Lambda"),
            "AWS::Events::EventBus" => ($"arn:{partition}:events:{region}:{account}:event-bus/{Name("Name")}", "EventBridge"),
            _ => null,
        };
    }

    private static string? ServiceOf(string? arn) => arn?.Split(':') is { Length: > 2 } parts
        ? parts[2] switch { "sqs" => "SQS", "sns" => "SNS", "lambda" => "Lambda", "events" => "EventBridge", _ => null }
        : null;
}
