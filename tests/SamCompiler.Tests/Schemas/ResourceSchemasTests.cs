using SamCompiler.Schemas;

namespace SamCompiler.Tests.Schemas;

/// <summary>The embedded provider schemas (Data/cfn-schemas.json.gz) and the typed API over them.</summary>
public sealed class ResourceSchemasTests
{
    [Fact]
    public void Source_NamesCfnLintAndTheRegion_AndCountsTheTypes()
    {
        var source = ResourceSchemas.Source;
        Assert.StartsWith("cfn-lint ", source.Source, StringComparison.Ordinal);
        Assert.Matches(@"^\d+\.\d+\.\d+$", source.CfnLintVersion);
        Assert.Equal("us-east-1", source.Region);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", source.Generated);
        Assert.Equal(source.TypeCount, ResourceSchemas.TypeNames.Count);
        Assert.True(source.TypeCount > 1000, $"only {source.TypeCount} types");
    }

    [Fact]
    public void DynamoDbTable_TableNameIsCreateOnly_BillingModeIsNot()
    {
        Assert.True(ResourceSchemas.TryGet("AWS::DynamoDB::Table", out var table));
        Assert.Contains("/properties/TableName", table.CreateOnlyProperties);
        Assert.Equal(UpdateBehavior.Replacement, table.UpdateBehaviorOf(["TableName"]));
        Assert.Equal(UpdateBehavior.InPlace, table.UpdateBehaviorOf(["BillingMode"]));
        Assert.Contains("KeySchema", table.Required);
        Assert.Contains("Arn", table.Attributes);
        Assert.Contains("StreamArn", table.Attributes);
    }

    [Fact]
    public void Properties_ResolveRefsToDefinitions_WithConstraints()
    {
        Assert.True(ResourceSchemas.TryGet("AWS::Lambda::Function", out var function));
        var memory = function.Properties["MemorySize"].Resolved;
        Assert.Contains("integer", memory.Types);
        var variables = function.PropertyAt(["Environment", "Variables"]);
        Assert.NotNull(variables);
        Assert.Contains("object", variables!.Types);
        var layers = function.Properties["Layers"];
        Assert.Contains("array", layers.Types);
        Assert.Contains("string", layers.Items!.Resolved.Types);
        Assert.Contains("/properties/FunctionName", function.CreateOnlyProperties);

        Assert.True(ResourceSchemas.TryGet("AWS::SQS::Queue", out var queue));
        var delay = queue.Properties["DelaySeconds"];
        Assert.Equal(0, delay.Minimum);
        Assert.Equal(900, delay.Maximum);
    }

    [Fact]
    public void WildcardPointers_MatchListItems()
    {
        Assert.True(ResourceSchema.Overlaps("/properties/Tags/*/Key", ["Tags", "3", "Key"]));
        Assert.True(ResourceSchema.Overlaps("/properties/Tags/*/Key", ["Tags"]));
        Assert.False(ResourceSchema.Overlaps("/properties/Tags/*/Key", ["Tags", "x", "Key"]));
        Assert.False(ResourceSchema.Overlaps("/properties/TableName", ["BillingMode"]));
    }

    [Fact]
    public void UnknownTypes_AreNotFound()
    {
        Assert.False(ResourceSchemas.TryGet("Custom::Thing", out _));
        Assert.False(ResourceSchemas.TryGet("AWS::Serverless::Function", out _));
    }

    [Fact]
    public void EveryType_Parses_AndItsRefsResolve()
    {
        var unresolved = new List<string>();
        foreach (var name in ResourceSchemas.TypeNames)
        {
            Assert.True(ResourceSchemas.TryGet(name, out var schema));
            foreach (var (property, s) in schema.Properties)
            {
                if (s.Ref is not null && ReferenceEquals(s.Resolved, s))
                {
                    unresolved.Add($"{name}.{property} -> {s.Ref}");
                }
            }
        }

        Assert.True(unresolved.Count == 0, string.Join("\n", unresolved.Take(20)));
    }
}
