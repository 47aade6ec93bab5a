using SamCompiler.Syntax;

namespace SamCompiler.Transform.Api;

/// <summary>AWS::Serverless::SimpleTable to AWS::DynamoDB::Table (SamSimpleTable in samtranslator/model/sam_resources.py).</summary>
public sealed class SimpleTableTransformer : IResourceTransformer
{
    private static readonly Dictionary<string, (bool, PyKind)> Types = new(StringComparer.Ordinal)
    {
        ["PointInTimeRecoverySpecification"] = (false, PyKind.Any),
        ["PrimaryKey"] = (false, PyKind.Dict),
        ["ProvisionedThroughput"] = (false, PyKind.Dict),
        ["TableName"] = (false, PyKind.Str | PyKind.Dict),
        ["Tags"] = (false, PyKind.Dict),
        ["SSESpecification"] = (false, PyKind.Dict),
    };

    /// <inheritdoc />
    public string ResourceType => "AWS::Serverless::SimpleTable";

    /// <inheritdoc />
    public int Order => 3;

    /// <inheritdoc />
    public IReadOnlyList<CfnResource> Transform(SamResource resource, TranslationContext context)
    {
        PropertyChecks.Validate(resource, Types);
        var props = resource.Properties;
        if (props["PrimaryKey"] is MapNode pk && !pk.All(e => e.Value is ScalarNode { Kind: ScalarKind.String }))
        {
            throw resource.Error("Type of property 'PrimaryKey' is invalid.", "PrimaryKey");
        }

        if (props["ProvisionedThroughput"] is MapNode pt && !pt.All(e => e.Value is ScalarNode { Kind: ScalarKind.Integer or ScalarKind.Boolean } || e.Value is MapNode))
        {
            throw resource.Error("Type of property 'ProvisionedThroughput' is invalid.", "ProvisionedThroughput");
        }

        var table = new CfnResource(resource.LogicalId, "AWS::DynamoDB::Table", resource.KeySpan);
        if (resource.DependsOn is { } dependsOn)
        {
            table.DependsOn = dependsOn.Clone();
        }

        foreach (var attr in SamResource.SupportedAttributes)
        {
            if (resource.Definition[attr] is { } v)
            {
                table.Attributes[attr] = v.Clone();
            }
        }

        MapNode primaryKey;
        if (props["PrimaryKey"] is MapNode key && key.Count > 0)
        {
            var name = key["Name"] is { IsNull: false } n ? n : throw resource.Error("Property 'PrimaryKey.Name' is required.", "PrimaryKey");
            var type = key["Type"] is { IsNull: false } t ? t : throw resource.Error("Property 'PrimaryKey.Type' is required.", "PrimaryKey");
            var converted = type.AsString() switch
            {
                "String" => "S",
                "Number" => "N",
                "Binary" => "B",
                _ => throw resource.Error($"Invalid 'Type' \"{PyRepr.Str(type)}\".", "PrimaryKey"),
            };
            primaryKey = new MapNode { ["AttributeName"] = name, ["AttributeType"] = converted };
        }
        else
        {
            primaryKey = new MapNode { ["AttributeName"] = "id", ["AttributeType"] = "S" };
        }

        table.Set("AttributeDefinitions", new ListNode([primaryKey]));
        table.Set("KeySchema", new ListNode([new MapNode { ["AttributeName"] = primaryKey["AttributeName"]!.Clone(), ["KeyType"] = "HASH" }]));
        if (SwaggerEditor.Truthy(props["PointInTimeRecoverySpecification"]))
        {
            table.Set("PointInTimeRecoverySpecification", props["PointInTimeRecoverySpecification"]);
        }

        if (SwaggerEditor.Truthy(props["ProvisionedThroughput"]))
        {
            table.Set("ProvisionedThroughput", props["ProvisionedThroughput"]);
        }
        else
        {
            table.Set("BillingMode", "PAY_PER_REQUEST");
        }

        if (SwaggerEditor.Truthy(props["SSESpecification"]))
        {
            table.Set("SSESpecification", props["SSESpecification"]);
        }

        if (SwaggerEditor.Truthy(props["TableName"]))
        {
            table.Set("TableName", props["TableName"]);
        }

        if (props["Tags"] is MapNode tags && tags.Count > 0)
        {
            var list = new ListNode();
            foreach (var (k, v) in tags)
            {
                list.Add(new MapNode { ["Key"] = k, ["Value"] = v.IsNull ? ScalarNode.String(string.Empty) : v });
            }

            table.Set("Tags", list);
        }

        return [table];
    }
}
