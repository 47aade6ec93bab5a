using System.Text.Json;

namespace SamCompiler.Cli.Tests.Commands;

/// <summary><c>samc diff</c>: text and JSON output, exit codes (documented in docs/diff.md).</summary>
public sealed class DiffCommandTests
{
    private const string Old = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Table:
            Type: AWS::DynamoDB::Table
            Properties:
              TableName: orders
              BillingMode: PAY_PER_REQUEST
              AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
              KeySchema: [{AttributeName: id, KeyType: HASH}]
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: index.handler
              Runtime: python3.12
              CodeUri: s3://bucket/key.zip
              Policies:
                - Statement:
                    - {Effect: Allow, Action: "dynamodb:GetItem", Resource: !GetAtt Table.Arn}

        """;

    private static readonly string TableRenamed = Old.Replace("TableName: orders", "TableName: orders-v2", StringComparison.Ordinal);
    private static readonly string WildcardAdded = Old.Replace("Action: \"dynamodb:GetItem\"", "Action: [\"dynamodb:GetItem\", \"*\"]", StringComparison.Ordinal);

    private static (TempFolder Temp, CliResult Result) Run(string before, string after, params string[] options)
    {
        var temp = new TempFolder();
        temp.Write("old.yaml", before);
        temp.Write("new.yaml", after);
        return (temp, SamcProcess.Run(temp.Path, null, ["diff", "old.yaml", "new.yaml", .. options]));
    }

    [Fact]
    public void ChangedTableName_ShowsAReplacement_InARealProcess()
    {
        var (temp, result) = Run(Old, TableRenamed);
        using (temp)
        {
            Assert.Equal(ExitCodes.Success, result.ExitCode);
            Assert.Equal(string.Empty, result.Stderr);
            Assert.Contains("~ Table  AWS::DynamoDB::Table  replacement", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("~ Properties.TableName: \"orders\" -> \"orders-v2\"  (replacement)", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("Summary: 0 added, 0 removed, 1 modified (1 replaced or may be), 0 IAM widening(s)", result.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AddedWildcardAction_ShowsAnIamWidening_InJson()
    {
        var (temp, result) = Run(Old, WildcardAdded, "--format", "json");
        using (temp)
        {
            Assert.Equal(ExitCodes.Success, result.ExitCode);
            using var doc = JsonDocument.Parse(result.Stdout);
            var iam = Assert.Single(doc.RootElement.GetProperty("iam").EnumerateArray());
            Assert.Equal("FnRole", iam.GetProperty("logicalId").GetString());
            Assert.Equal("wildcard-action", iam.GetProperty("kind").GetString());
            Assert.Equal("*", iam.GetProperty("detail").GetString());
            Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("iamWidenings").GetInt32());
            var role = doc.RootElement.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("logicalId").GetString() == "FnRole");
            Assert.Equal("new.yaml", role.GetProperty("file").GetString());
            Assert.Equal(10, role.GetProperty("line").GetInt32());
        }
    }

    [Theory]
    [InlineData("same", new string[0], 0)]
    [InlineData("same", new[] { "--exit-code" }, 0)]
    [InlineData("renamed", new[] { "--exit-code" }, 1)]
    [InlineData("renamed", new[] { "--fail-on", "replacement" }, 1)]
    [InlineData("renamed", new[] { "--fail-on", "iam-widening" }, 0)]
    [InlineData("wildcard", new[] { "--fail-on", "iam-widening" }, 1)]
    [InlineData("wildcard", new[] { "--fail-on", "replacement" }, 0)]
    [InlineData("wildcard", new[] { "--fail-on", "replacement", "iam-widening" }, 1)]
    [InlineData("wildcard", new[] { "--fail-on", "any" }, 1)]
    public void ExitCodes_FollowExitCodeAndFailOn(string change, string[] options, int expected)
    {
        var after = change switch { "renamed" => TableRenamed, "wildcard" => WildcardAdded, _ => Old };
        using var temp = new TempFolder();
        temp.Write("old.yaml", Old);
        temp.Write("new.yaml", after);
        var result = CliRunner.Run(temp.Path, ["diff", "old.yaml", "new.yaml", .. options]);
        Assert.Equal(expected, result.ExitCode);
    }

    [Fact]
    public void TemplateErrors_Exit1_MissingFile_Exit2()
    {
        using var temp = new TempFolder();
        temp.Write("old.yaml", Old);
        temp.Write("bad.yaml", "Resources: [\n");
        var bad = CliRunner.Run(temp.Path, "diff", "old.yaml", "bad.yaml");
        Assert.Equal(ExitCodes.InputErrors, bad.ExitCode);
        Assert.Contains("bad.yaml(", bad.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, bad.Stdout);
        var missing = CliRunner.Run(temp.Path, "diff", "old.yaml", "nope.yaml");
        Assert.Equal(ExitCodes.Usage, missing.ExitCode);
        var both = CliRunner.Run(temp.Path, "diff", "-", "-");
        Assert.Equal(ExitCodes.Usage, both.ExitCode);
    }

    [Fact]
    public void IdenticalTemplates_SayNoDifferences()
    {
        using var temp = new TempFolder();
        temp.Write("old.yaml", Old);
        var result = CliRunner.Run(temp.Path, "diff", "old.yaml", "old.yaml");
        Assert.Equal("samc diff old.yaml -> old.yaml\n\nNo differences.\n", result.Stdout);
    }
}
