using System.Text.Json.Nodes;
using SamCompiler.Diagnostics;
using SamCompiler.Local.Model;
using SamCompiler.StepFunctions;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Local.StepFunctions;

/// <summary>A state machine of the template, ready to run: its definition with every reference resolved.</summary>
public sealed record LocalStateMachine
{
    /// <summary>The logical id.</summary>
    public required string LogicalId { get; init; }

    /// <summary>The state machine's name (Name, else the logical id).</summary>
    public required string Name { get; init; }

    /// <summary>Its ARN (local account and region).</summary>
    public required string Arn { get; init; }

    /// <summary>STANDARD or EXPRESS.</summary>
    public string Type { get; init; } = "STANDARD";

    /// <summary>The definition as JSON text (intrinsics and DefinitionSubstitutions resolved).</summary>
    public required string DefinitionText { get; init; }

    /// <summary>The parsed definition.</summary>
    public required StateMachineDefinition Definition { get; init; }

    /// <summary>The role ARN (Role, else a local placeholder).</summary>
    public string RoleArn { get; init; } = "arn:aws:iam::123456789012:role/samc-local";
}

/// <summary>
/// Reads the state machines of a template for local runs: inline Definition, DefinitionUri files (JSON or YAML) and
/// DefinitionString; <c>!Ref</c>/<c>!GetAtt</c> of the template's resources and DefinitionSubstitutions become the
/// ARNs and names those resources have locally, so Task states find the template's functions.
/// </summary>
public static class LocalStateMachines
{
    /// <summary>Loads every state machine; problems are diagnostics (an unreadable machine is left out).</summary>
    public static IReadOnlyList<LocalStateMachine> Load(MapNode root, string templatePath, string templateDirectory, LocalTemplate template, LocalTemplateOptions options, List<Diagnostic> diagnostics)
    {
        var result = new List<LocalStateMachine>();
        var resources = root["Resources"].AsMap() ?? new MapNode();
        var partition = LocalTemplate.PartitionOf(options.Region);
        foreach (var machine in TemplateStateMachines.Find(root))
        {
            var resolver = new Resolver(resources, template, options);
            JsonNode? definition = null;
            if (machine.Definition is not null)
            {
                definition = TemplateStateMachines.ToJson(machine.Definition, resolver.Resolve);
            }
            else if (machine.DefinitionUri is { } uri)
            {
                var path = Path.Combine(templateDirectory, uri);
                string text;
                try
                {
                    text = File.ReadAllText(path);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalStateMachineDefinitionInvalid, machine.DefinitionUriNode?.Span ?? machine.KeySpan, $"The DefinitionUri \"{uri}\" of the state machine \"{machine.LogicalId}\" cannot be read: {ex.Message}"));
                    continue;
                }

                var loaded = YamlDocumentLoader.Load(new SourceText(path, text));
                if (loaded.Root is null || loaded.HasErrors)
                {
                    diagnostics.AddRange(loaded.Diagnostics.Where(d => d.IsError));
                    if (!loaded.Diagnostics.Any(d => d.IsError))
                    {
                        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalStateMachineDefinitionInvalid, SourceSpan.DocumentStart(path), $"The definition file \"{uri}\" must hold one JSON or YAML object."));
                    }

                    continue;
                }

                definition = TemplateStateMachines.ToJson(loaded.Root, resolver.Resolve);
            }
            else if (machine.DefinitionString is { } ds)
            {
                var text = ds is ScalarNode { Kind: ScalarKind.String } plain ? plain.Text : template.StringOf(ds);
                if (text is null || !AslJson.TryParse(text, out definition, out _))
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalStateMachineDefinitionInvalid, ds.Span.IsKnown ? ds.Span : machine.KeySpan, $"The DefinitionString of the state machine \"{machine.LogicalId}\" cannot be resolved to JSON locally."));
                    continue;
                }
            }
            else
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalStateMachineDefinitionInvalid, machine.KeySpan, $"The state machine \"{machine.LogicalId}\" has no Definition, local DefinitionUri or DefinitionString that samc can read (a definition in S3 cannot be read locally)."));
                continue;
            }

            var substitutions = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in machine.Substitutions ?? new MapNode())
            {
                var resolved = resolver.Resolve(value is MapNode m && m.IsIntrinsic ? m : null) ?? TemplateStateMachines.ToJson(value, resolver.Resolve);
                substitutions[key] = AslJson.AsString(resolved) ?? AslJson.Write(resolved);
            }

            definition = TemplateStateMachines.Substitute(definition, substitutions);
            var problems = new List<AslProblem>();
            var parsed = definition is JsonObject o ? StateMachineDefinition.FromObject(o, problems) : null;
            if (parsed is null || problems.Any(p => p.IsError))
            {
                var first = problems.FirstOrDefault(p => p.IsError);
                var span = machine.Definition is not null && first is not null ? TemplateStateMachines.SpanOf(machine.Definition, first.Pointer) : machine.KeySpan;
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalStateMachineDefinitionInvalid, span.IsKnown ? span : SourceSpan.DocumentStart(templatePath), parsed is null
                    ? $"The definition of the state machine \"{machine.LogicalId}\" is not a JSON object."
                    : $"The state machine \"{machine.LogicalId}\" has an invalid definition ({problems.Count(p => p.IsError)} problems; run samc lint): {first!.Message}"));
                continue;
            }

            var name = template.StringOf(machine.NameNode) ?? machine.LogicalId;
            result.Add(new LocalStateMachine
            {
                LogicalId = machine.LogicalId,
                Name = name,
                Arn = $"arn:{partition}:states:{options.Region}:{options.AccountId}:stateMachine:{name}",
                Type = machine.WorkflowType.ToUpperInvariant(),
                DefinitionText = AslJson.Write(definition),
                Definition = parsed,
                RoleArn = template.StringOf(machine.Properties["Role"]) is { } role && role.StartsWith("arn:", StringComparison.Ordinal) ? role : $"arn:{partition}:iam::{options.AccountId}:role/{machine.LogicalId}Role",
            });
        }

        return result;
    }

    /// <summary>Values of Ref / Fn::GetAtt / Fn::Sub / Fn::Join as the resources have them locally.</summary>
    private sealed class Resolver(MapNode resources, LocalTemplate template, LocalTemplateOptions options)
    {
        private readonly string _partition = LocalTemplate.PartitionOf(options.Region);

        public JsonNode? Resolve(MapNode? intrinsic)
        {
            if (intrinsic is null)
            {
                return null;
            }

            var key = intrinsic.KeyAt(0);
            var value = intrinsic.ValueAt(0);
            switch (key)
            {
                case "Ref" when value.AsString() is { } name && resources.ContainsKey(name):
                    return AslJson.String(RefOf(name));
                case "Fn::GetAtt":
                    var parts = value is ListNode l ? l.Select(n => n.AsString() ?? string.Empty).ToList() : (value.AsString() ?? string.Empty).Split('.', 2).ToList();
                    return parts.Count == 2 && resources.ContainsKey(parts[0]) ? AslJson.String(AttributeOf(parts[0], parts[1])) : null;
                case "Fn::Sub":
                    return SubOf(value) is { } sub ? AslJson.String(sub) : null;
                default:
                    return template.StringOf(intrinsic) is { } text ? AslJson.String(text) : null;
            }
        }

        private string? SubOf(Node value)
        {
            string? text;
            MapNode? variables = null;
            if (value is ListNode { Count: 2 } list)
            {
                text = list[0].AsString();
                variables = list[1].AsMap();
            }
            else
            {
                text = value.AsString();
            }

            if (text is null)
            {
                return null;
            }

            foreach (var (name, v) in variables ?? new MapNode())
            {
                var resolved = v is MapNode m && m.IsIntrinsic ? AslJson.AsString(Resolve(m)) : v.AsString();
                if (resolved is not null)
                {
                    text = text.Replace("${" + name + "}", resolved, StringComparison.Ordinal);
                }
            }

            // ${Resource} and ${Resource.Attribute} of the template's resources; the rest as Fn::Sub evaluates it.
            foreach (var (id, _) in resources)
            {
                text = text.Replace("${" + id + "}", RefOf(id), StringComparison.Ordinal);
                if (text.Contains("${" + id + ".", StringComparison.Ordinal))
                {
                    foreach (var attribute in new[] { "Arn", "Name", "QueueName", "TopicName", "StreamArn" })
                    {
                        text = text.Replace("${" + id + "." + attribute + "}", AttributeOf(id, attribute), StringComparison.Ordinal);
                    }
                }
            }

            return template.StringOf(new MapNode { { "Fn::Sub", ScalarNode.String(text) } }) ?? text;
        }

        private string NameOf(string id, string property) =>
            template.StringOf(resources[id].Get("Properties").Get(property)) ?? id;

        private string TypeOf(string id) => resources[id].Get("Type").AsString() ?? string.Empty;

        private string RefOf(string id) => TypeOf(id) switch
        {
            "AWS::Serverless::Function" or "AWS::Lambda::Function" => NameOf(id, "FunctionName"),
            "AWS::Serverless::StateMachine" => $"arn:{_partition}:states:{options.Region}:{options.AccountId}:stateMachine:{NameOf(id, "Name")}",
            "AWS::StepFunctions::StateMachine" => $"arn:{_partition}:states:{options.Region}:{options.AccountId}:stateMachine:{NameOf(id, "StateMachineName")}",
            "AWS::SQS::Queue" => $"https://sqs.{options.Region}.amazonaws.com/{options.AccountId}/{NameOf(id, "QueueName")}",
            "AWS::SNS::Topic" => $"arn:{_partition}:sns:{options.Region}:{options.AccountId}:{NameOf(id, "TopicName")}",
            "AWS::DynamoDB::Table" => NameOf(id, "TableName"),
            "AWS::Serverless::SimpleTable" => NameOf(id, "TableName"),
            "AWS::S3::Bucket" => NameOf(id, "BucketName"),
            "AWS::Events::EventBus" => NameOf(id, "Name"),
            _ => id,
        };

        private string AttributeOf(string id, string attribute) => (TypeOf(id), attribute) switch
        {
            ("AWS::Serverless::Function" or "AWS::Lambda::Function", "Arn") => $"arn:{_partition}:lambda:{options.Region}:{options.AccountId}:function:{NameOf(id, "FunctionName")}",
            ("AWS::SQS::Queue", "Arn") => $"arn:{_partition}:sqs:{options.Region}:{options.AccountId}:{NameOf(id, "QueueName")}",
            ("AWS::SQS::Queue", "QueueName") => NameOf(id, "QueueName"),
            ("AWS::SQS::Queue", "QueueUrl") => RefOf(id),
            ("AWS::SNS::Topic", "TopicArn") => RefOf(id),
            ("AWS::SNS::Topic", "TopicName") => NameOf(id, "TopicName"),
            ("AWS::DynamoDB::Table" or "AWS::Serverless::SimpleTable", "Arn") => $"arn:{_partition}:dynamodb:{options.Region}:{options.AccountId}:table/{NameOf(id, "TableName")}",
            ("AWS::S3::Bucket", "Arn") => $"arn:{_partition}:s3:::{NameOf(id, "BucketName")}",
            ("AWS::Events::EventBus", "Arn") => $"arn:{_partition}:events:{options.Region}:{options.AccountId}:event-bus/{NameOf(id, "Name")}",
            ("AWS::Serverless::StateMachine" or "AWS::StepFunctions::StateMachine", "Arn") => RefOf(id),
            ("AWS::Serverless::StateMachine", "Name") => NameOf(id, "Name"),
            ("AWS::StepFunctions::StateMachine", "Name") => NameOf(id, "StateMachineName"),
            _ => $"{id}.{attribute}",
        };
    }
}
