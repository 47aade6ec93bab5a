using SamCompiler.Syntax;
using SamCompiler.Transform.Policies;
using static SamCompiler.Transform.Intrinsics;

namespace SamCompiler.Transform.Function;

/// <summary>EventInvokeConfig (SamFunction._construct_event_invoke_config and its helpers).</summary>
public sealed partial class FunctionTransformer
{
    private static readonly string[] DestinationTypes = ["SQS", "SNS", "EventBridge", "Lambda", "S3Bucket"];

    private static List<CfnResource> ConstructEventInvokeConfig(FunctionModel f, string functionName, string aliasName, CfnResource? alias, TranslationContext context, List<Node> policies)
    {
        var resources = new List<CfnResource>();
        var resolved = context.Intrinsics.ResolveParameterRefs(f["EventInvokeConfig"]!.Clone());
        var logicalId = functionName + "EventInvokeConfig";
        var config = new CfnResource(logicalId, "AWS::Lambda::EventInvokeConfig", f.Resource.KeySpan);
        foreach (var attribute in SamResource.SupportedAttributes)
        {
            if (f.Resource.Definition[attribute] is { } value)
            {
                config.Attributes[attribute] = value.Clone();
            }
        }

        if (alias is not null)
        {
            config.DependsOn = new ListNode([alias.LogicalId]);
        }

        var destinationConfig = new MapNode();
        var input = resolved.Get("DestinationConfig");
        if (Truthy(input))
        {
            if (input is not MapNode inputMap)
            {
                throw new ResourceException(f.LogicalId, "Property 'EventInvokeConfig.DestinationConfig' should be a map.", input!.Span);
            }

            foreach (var name in new[] { "OnSuccess", "OnFailure" })
            {
                var value = inputMap[name];
                if (value is null || value.IsNull)
                {
                    continue;
                }

                if (value is not MapNode destination)
                {
                    throw new ResourceException(f.LogicalId, $"Property 'EventInvokeConfig.DestinationConfig.{name}' should be a map.", value.Span);
                }

                var (resource, arn, policy) = ValidateAndInjectResource(f, destination, name, logicalId, context);
                destinationConfig[name] = new MapNode { ["Destination"] = arn ?? ScalarNode.Null() };

                // The reference writes the destination back into the SAM property; Globals values are shared, so a
                // later function with the same global EventInvokeConfig reuses this destination.
                if (f["EventInvokeConfig"].Get("DestinationConfig").Get(name) is MapNode original)
                {
                    original["Destination"] = arn?.Clone() ?? ScalarNode.Null();
                }
                if (resource is not null)
                {
                    resources.Add(resource);
                }

                if (policy is not null)
                {
                    policies.Add(policy);
                }
            }
        }

        config.Properties["FunctionName"] = Ref(functionName);
        config.Properties["Qualifier"] = aliasName.Length > 0 ? aliasName : "$LATEST";
        config.Properties["DestinationConfig"] = destinationConfig;
        config.Set("MaximumEventAgeInSeconds", resolved.Get("MaximumEventAgeInSeconds") is { IsNull: false } age ? age : null);
        config.Set("MaximumRetryAttempts", resolved.Get("MaximumRetryAttempts") is { IsNull: false } retries ? retries : null);
        resources.Add(config);
        return resources;
    }

    private static (CfnResource? Resource, Node? Destination, Node? Policy) ValidateAndInjectResource(FunctionModel f, MapNode dest, string eventName, string logicalId, TranslationContext context)
    {
        CfnResource? resource = null;
        Node? policy = null;
        var destination = dest["Destination"] is { IsNull: false } d ? d : null;
        var type = dest["Type"].AsString();
        var resourceLogicalId = logicalId + eventName;
        if (type is null || !DestinationTypes.Contains(type))
        {
            var shown = dest["Type"] is { IsNull: false } tv ? PyRepr.Str(tv) : "None";
            throw f.Error($"'Type: {shown}' must be one of ['SQS', 'SNS', 'EventBridge', 'Lambda', 'S3Bucket']", "EventInvokeConfig");
        }

        var (propertyCondition, destArn) = GetOrMakeCondition(f, destination, logicalId, context);
        if (destination is null || propertyCondition is not null)
        {
            var combined = MakeAndConditions(f, f.Resource.Condition, propertyCondition, context);
            if (type is "SQS" or "SNS")
            {
                resource = type == "SQS"
                    ? new CfnResource(resourceLogicalId + "Queue", "AWS::SQS::Queue", f.Resource.KeySpan).PassThrough(f.Resource.PassThrough())
                    : new CfnResource(resourceLogicalId + "Topic", "AWS::SNS::Topic", f.Resource.KeySpan).PassThrough(f.Resource.PassThrough());
                if (combined is not null)
                {
                    resource.Attributes["Condition"] = combined;
                }

                var arn = type == "SQS" ? resource.GetAtt("Arn") : resource.Ref();
                destination = propertyCondition is not null
                    ? If(propertyCondition, arn, destArn ?? NoValue())
                    : arn;
                policy = IamRolePolicies.EventInvokeManagedPolicy(dest, resourceLogicalId, destination);
            }
            else
            {
                throw f.Error("Destination is required if Type is not ['SQS', 'SNS']", "EventInvokeConfig");
            }
        }

        if (dest["Destination"] is { IsNull: false } given && propertyCondition is null)
        {
            policy = IamRolePolicies.EventInvokeManagedPolicy(dest, resourceLogicalId, given);
        }

        return (resource, destination, policy);
    }

    private static string? MakeAndConditions(FunctionModel f, string? resourceCondition, string? propertyCondition, TranslationContext context)
    {
        if (resourceCondition is null)
        {
            return propertyCondition;
        }

        if (propertyCondition is null)
        {
            return resourceCondition;
        }

        var name = GeneratedConditionName(resourceCondition + "AND" + propertyCondition, f.LogicalId);
        if (context.ExistingConditions is { } conditions)
        {
            // make_and_condition wraps each item in {"Condition": ...} again, as the reference does.
            conditions[name] = And([new MapNode { ["Condition"] = Condition(resourceCondition) }, new MapNode { ["Condition"] = Condition(propertyCondition) }]);
        }

        return name;
    }

    private static (string? Condition, Node? Arn) GetOrMakeCondition(FunctionModel f, Node? destination, string logicalId, TranslationContext context)
    {
        if (destination is null || !IsIf(destination))
        {
            return (null, null);
        }

        var items = destination.Get("Fn::If");
        if (ValidateIfItems(items) is { } error)
        {
            throw new ResourceException(logicalId, $"Malformed 'Destination' property: {error}.", destination.Span);
        }

        var list = (ListNode)items!;
        if (IsNoValue(list[1]) && IsNoValue(list[2]))
        {
            return (null, null);
        }

        if (IsNoValue(list[1]))
        {
            return (PyRepr.Str(list[0]), list[2]);
        }

        if (IsNoValue(list[2]))
        {
            var condition = PyRepr.Str(list[0]);
            var notCondition = GeneratedConditionName("NOT" + condition, logicalId);
            if (context.ExistingConditions is { } conditions)
            {
                conditions[notCondition] = Not(Condition(condition));
            }

            return (notCondition, list[1]);
        }

        _ = f;
        return (null, null);
    }

    private static string GeneratedConditionName(string name, string hashInput)
    {
        var conditionName = name + new LogicalIdGenerator(string.Empty, ScalarNode.String(hashInput)).Gen();
        return conditionName.Length > 255 ? conditionName[..255] : conditionName;
    }
}
