using SamCompiler.Syntax;

namespace SamCompiler.Transform;

/// <summary>Tag lists and PropagateTags (samtranslator/model/tags/resource_tagging.py and Resource.assign_tags).</summary>
public static class Tags
{
    /// <summary>The tag key SAM adds to functions and roles.</summary>
    public const string SamKey = "lambda:createdBy";

    /// <summary>Its value.</summary>
    public const string SamValue = "SAM";

    /// <summary>Generated types whose model has a list-form Tags property (assign_tags replaces it).</summary>
    private static readonly HashSet<string> ListTagTypes = new(StringComparer.Ordinal)
    {
        "AWS::Lambda::Function", "AWS::IAM::Role", "AWS::SQS::Queue", "AWS::SNS::Topic", "AWS::S3::Bucket",
        "AWS::CodeDeploy::Application", "AWS::CodeDeploy::DeploymentGroup", "AWS::DynamoDB::Table",
        "AWS::CloudFormation::Stack", "AWS::StepFunctions::StateMachine", "AWS::IoT::TopicRule",
        "AWS::Lambda::CapacityProvider", "AWS::ApiGateway::RestApi", "AWS::ApiGateway::Stage",
        "AWS::ApiGateway::DomainName", "AWS::ApiGateway::DomainNameV2", "AWS::ApiGateway::UsagePlan",
        "AWS::ApiGateway::ApiKey", "AWS::ApiGateway::DomainNameAccessAssociation",
    };

    /// <summary>Generated types whose Tags is a map (ApiGatewayV2 Stage and DomainName override assign_tags).</summary>
    private static readonly HashSet<string> MapTagTypes = new(StringComparer.Ordinal)
    {
        "AWS::ApiGatewayV2::Stage", "AWS::ApiGatewayV2::DomainName",
    };

    /// <summary>get_tag_list: {"K": "V"} to [{"Key": "K", "Value": "V"}] (a null value becomes "").</summary>
    public static ListNode ToList(MapNode? tags)
    {
        var list = new ListNode();
        if (tags is null)
        {
            return list;
        }

        foreach (var (k, v) in tags)
        {
            list.Add(new MapNode { ["Key"] = k, ["Value"] = v.IsNull ? ScalarNode.String(string.Empty) : v.Clone() });
        }

        return list;
    }

    /// <summary>
    /// SamResourceMacro._construct_tag_list: lambda:createdBy first, then additional tags, then the user's; a
    /// user tag named lambda:createdBy is an error.
    /// </summary>
    public static ListNode ConstructTagList(SamResource resource, Node? tags, MapNode? additional = null)
    {
        var userTags = tags as MapNode;
        if (userTags is not null && userTags.ContainsKey(SamKey))
        {
            throw resource.Error($"{SamKey} is a reserved Tag key name and cannot be set on your resource. Please change the tag key in the input.", "Tags");
        }

        var list = ToList(new MapNode { [SamKey] = SamValue });
        foreach (var t in ToList(additional))
        {
            list.Add(t);
        }

        foreach (var t in ToList(userTags))
        {
            list.Add(t);
        }

        return list;
    }

    /// <summary>SamResourceMacro.propagate_tags: replaces the Tags of every generated resource that has them.</summary>
    public static void Propagate(IEnumerable<CfnResource> resources, Node? tags, Node? propagateTags)
    {
        if (propagateTags is not ScalarNode { IsTrue: true } || tags is not MapNode { Count: > 0 } map)
        {
            return;
        }

        foreach (var r in resources)
        {
            if (ListTagTypes.Contains(r.Type))
            {
                r.Properties["Tags"] = ToList(map);
            }
            else if (MapTagTypes.Contains(r.Type))
            {
                r.Properties["Tags"] = map.Clone();
            }
        }
    }
}
