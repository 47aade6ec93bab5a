using System.Text.Json.Nodes;
using SamCompiler.StepFunctions;
using SamCompiler.Syntax;

namespace SamCompiler.Graph;

/// <summary>
/// Draws a template as an application: functions, state machines, APIs, queues, topics, tables, buckets, schedules
/// and rules, with each event source's edge to what it triggers and each state machine's edges to the functions its
/// Task states call.
/// </summary>
public static class ApplicationGraph
{
    private static readonly HashSet<string> DataTypes = new(StringComparer.Ordinal)
    {
        "AWS::SQS::Queue", "AWS::SNS::Topic", "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable", "AWS::S3::Bucket",
        "AWS::Kinesis::Stream", "AWS::Events::EventBus", "AWS::Serverless::Api", "AWS::Serverless::HttpApi",
    };

    /// <summary>The picture of <paramref name="root"/>; with <paramref name="focus"/>, only that resource and its neighbours.</summary>
    public static GraphDocument Build(string title, MapNode root, string? focus = null)
    {
        var doc = new GraphDocument { Title = title };
        var resources = root["Resources"].AsMap() ?? new MapNode();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        string Id(string key)
        {
            if (!ids.TryGetValue(key, out var id))
            {
                id = "n" + ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                ids[key] = id;
            }

            return id;
        }

        var added = new HashSet<string>(StringComparer.Ordinal);
        void Node(string key, string label, NodeShape shape, string cls)
        {
            if (added.Add(key))
            {
                doc.Nodes.Add(new GraphNode(Id(key), label, shape, cls));
            }
        }

        void Resource(string logicalId)
        {
            var type = resources[logicalId].Get("Type").AsString() ?? string.Empty;
            var (shape, cls, kind) = type switch
            {
                "AWS::Serverless::Function" or "AWS::Lambda::Function" => (NodeShape.Box, "function", "λ function"),
                "AWS::Serverless::StateMachine" or "AWS::StepFunctions::StateMachine" => (NodeShape.Rounded, "statemachine", "state machine"),
                "AWS::SQS::Queue" => (NodeShape.Cylinder, "source", "SQS queue"),
                "AWS::SNS::Topic" => (NodeShape.Event, "source", "SNS topic"),
                "AWS::DynamoDB::Table" or "AWS::Serverless::SimpleTable" => (NodeShape.Cylinder, "source", "DynamoDB table"),
                "AWS::S3::Bucket" => (NodeShape.Cylinder, "source", "S3 bucket"),
                "AWS::Kinesis::Stream" => (NodeShape.Cylinder, "source", "Kinesis stream"),
                "AWS::Serverless::Api" => (NodeShape.Event, "source", "REST API"),
                "AWS::Serverless::HttpApi" => (NodeShape.Event, "source", "HTTP API"),
                _ => (NodeShape.Box, "source", type),
            };
            Node(logicalId, logicalId + "\n" + kind, shape, cls);
        }

        foreach (var (id, value) in resources)
        {
            var type = value.Get("Type").AsString();
            if (type is "AWS::Serverless::Function" or "AWS::Lambda::Function" || TemplateStateMachines.IsStateMachine(type) || DataTypes.Contains(type ?? string.Empty))
            {
                Resource(id);
            }
        }

        // Event sources of functions and state machines.
        foreach (var (id, value) in resources)
        {
            var type = value.Get("Type").AsString();
            if (type is not ("AWS::Serverless::Function" or "AWS::Serverless::StateMachine"))
            {
                continue;
            }

            foreach (var (eventId, ev) in value.Get("Properties").Get("Events").AsMap() ?? new MapNode())
            {
                var eventType = ev.Get("Type").AsString() ?? "Event";
                var properties = ev.Get("Properties").AsMap() ?? new MapNode();
                var sourceRef = eventType switch
                {
                    "SQS" => properties["Queue"],
                    "SNS" => properties["Topic"],
                    "S3" => properties["Bucket"],
                    "DynamoDB" or "Kinesis" => properties["Stream"],
                    "Api" => properties["RestApiId"],
                    "HttpApi" => properties["ApiId"],
                    _ => null,
                };
                var source = Referenced(sourceRef, resources);
                string key;
                if (source is not null)
                {
                    key = source;
                    Resource(source);
                }
                else
                {
                    key = eventType switch
                    {
                        "Api" => "implicit:ServerlessRestApi",
                        "HttpApi" => "implicit:ServerlessHttpApi",
                        _ => "event:" + id + ":" + eventId,
                    };
                    var label = eventType switch
                    {
                        "Api" => "ServerlessRestApi\nREST API (implicit)",
                        "HttpApi" => "ServerlessHttpApi\nHTTP API (implicit)",
                        "Schedule" or "ScheduleV2" => eventId + "\n" + (properties["Schedule"] ?? properties["ScheduleExpression"]).AsString(),
                        _ => eventId + "\n" + eventType,
                    };
                    Node(key, label, NodeShape.Event, "source");
                }

                var edgeLabel = eventType is "Api" or "HttpApi"
                    ? $"{properties["Method"].AsString()?.ToUpperInvariant()} {properties["Path"].AsString()}".Trim()
                    : eventType;
                doc.Edges.Add(new GraphEdge(Id(key), Id(id), edgeLabel.Length == 0 ? eventType : edgeLabel));
            }
        }

        // State machines → the functions their Task states call.
        var functionByName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, value) in resources)
        {
            if (value.Get("Type").AsString() is "AWS::Serverless::Function" or "AWS::Lambda::Function")
            {
                functionByName[value.Get("Properties").Get("FunctionName").AsString() ?? id] = id;
                functionByName.TryAdd(id, id);
            }
        }

        var resolver = TaskTargets.NameResolver(root);
        foreach (var machine in TemplateStateMachines.Find(root))
        {
            var json = machine.Definition is not null ? TemplateStateMachines.ToJson(machine.Definition, resolver) : null;
            if (json is not JsonObject o)
            {
                continue;
            }

            var substitutions = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in machine.Substitutions ?? new MapNode())
            {
                var resolved = TemplateStateMachines.ToJson(v, resolver);
                substitutions[k] = AslJson.AsString(resolved) ?? AslJson.Write(resolved);
            }

            var definition = StateMachineDefinition.FromObject((JsonObject)TemplateStateMachines.Substitute(o, substitutions)!, []);
            foreach (var target in TaskTargets.Find(definition).DistinctBy(t => t.FunctionName))
            {
                if (functionByName.TryGetValue(target.FunctionName, out var fn))
                {
                    doc.Edges.Add(new GraphEdge(Id(machine.LogicalId), Id(fn), "invokes"));
                }
            }
        }

        if (focus is not null && ids.TryGetValue(focus, out var focusId))
        {
            var keep = new HashSet<string>(StringComparer.Ordinal) { focusId };
            foreach (var e in doc.Edges.Where(e => e.From == focusId || e.To == focusId))
            {
                keep.Add(e.From);
                keep.Add(e.To);
            }

            doc.Nodes.RemoveAll(n => !keep.Contains(n.Id));
            doc.Edges.RemoveAll(e => !keep.Contains(e.From) || !keep.Contains(e.To));
        }

        return doc;
    }

    private static string? Referenced(Node? node, MapNode resources)
    {
        if (node is MapNode { Count: 1 } m)
        {
            var key = m.KeyAt(0);
            var value = m.ValueAt(0);
            var id = key switch
            {
                "Ref" => value.AsString(),
                "Fn::GetAtt" => value is ListNode l ? l[0].AsString() : value.AsString()?.Split('.')[0],
                _ => null,
            };
            return id is not null && resources.ContainsKey(id) ? id : null;
        }

        return null;
    }
}
