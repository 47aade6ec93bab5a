using System.Text.Json;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Cli.Tests.Commands;

/// <summary><c>samc compile</c> in-process, against DESIGN.md section 1 (output contract and exit codes).</summary>
public sealed class CompileCommandTests
{
    [Fact]
    public void Compile_WritesJsonToStdout_AndNothingToStderr()
    {
        var result = CliRunner.Run(CliRunner.CliCases, "compile", "passthrough.yaml");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal("AWS::SQS::Queue", doc.RootElement.GetProperty("Resources").GetProperty("Queue").GetProperty("Type").GetString());
        Assert.Equal("${Env}-queue", doc.RootElement.GetProperty("Resources").GetProperty("Queue").GetProperty("Properties").GetProperty("QueueName").GetProperty("Fn::Sub").GetString());
        Assert.Equal(5, doc.RootElement.GetProperty("Resources").GetProperty("Queue").GetProperty("Properties").GetProperty("DelaySeconds").GetInt32());
        Assert.Equal(2, doc.RootElement.GetProperty("Outputs").GetProperty("QueueArn").GetProperty("Value").GetProperty("Fn::GetAtt").GetArrayLength());
        Assert.StartsWith("{\n  \"", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("}\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_IsDeterministic()
    {
        var first = CliRunner.Run(CliRunner.CliCases, "compile", "passthrough.yaml");
        var second = CliRunner.Run(CliRunner.CliCases, "compile", "passthrough.yaml");
        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Fact]
    public void Compile_FindsTemplateYamlInTheWorkingFolder()
    {
        using var temp = new TempFolder();
        temp.Write("template.yaml", File.ReadAllText(Path.Combine(CliRunner.CliCases, "passthrough.yaml")));
        var result = CliRunner.Run(temp.Path, "compile");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(CliRunner.Run(CliRunner.CliCases, "compile", "passthrough.yaml").Stdout, result.Stdout);
    }

    [Fact]
    public void Compile_WithOutputOption_WritesTheFile_AndNothingToStdout()
    {
        using var temp = new TempFolder();
        var result = CliRunner.Run(temp.Path, "compile", Path.Combine(CliRunner.CliCases, "passthrough.yaml"), "-o", "out.json");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        var written = File.ReadAllText(Path.Combine(temp.Path, "out.json"));
        Assert.Equal(CliRunner.Run(CliRunner.CliCases, "compile", "passthrough.yaml").Stdout, written);
        Assert.Equal(["out.json"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Compile_FormatYaml_WritesYamlThatLoadsToTheJsonDocument()
    {
        var yaml = CliRunner.Run(CliRunner.CliCases, "compile", "passthrough.yaml", "--format", "yaml");
        var json = CliRunner.Run(CliRunner.CliCases, "compile", "passthrough.yaml");
        Assert.Equal(ExitCodes.Success, yaml.ExitCode);
        Assert.False(yaml.Stdout.TrimStart().StartsWith('{'), "--format yaml wrote JSON.");
        var fromYaml = YamlDocumentLoader.Load(new SourceText("out.yaml", yaml.Stdout));
        var fromJson = YamlDocumentLoader.Load(new SourceText("out.json", json.Stdout));
        Assert.Empty(fromYaml.Diagnostics);
        Assert.True(Node.DeepEquals(fromJson.Root, fromYaml.Root), "YAML and JSON outputs differ:\n" + yaml.Stdout);
    }

    [Fact]
    public void Compile_MissingFile_ExitsWithUsageError_AndSam0002()
    {
        using var temp = new TempFolder();
        var result = CliRunner.Run(temp.Path, "compile", "nope.yaml");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith("nope.yaml(1,1): error SAM0002: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_NoTemplateAnywhere_ExitsWithUsageError()
    {
        using var temp = new TempFolder();
        var result = CliRunner.Run(temp.Path, "compile");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.NotEqual(string.Empty, result.Stderr);
    }

    [Fact]
    public void Compile_SyntaxError_ExitsWithInputErrors_InMsBuildForm()
    {
        var result = CliRunner.Run(CliRunner.CliCases, "compile", "syntax-error.yaml");
        Assert.Equal(ExitCodes.InputErrors, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("syntax-error.yaml(", line, StringComparison.Ordinal);
        Assert.Contains("): error SAM1001: ", line, StringComparison.Ordinal);
        Assert.EndsWith(".", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_UnknownOption_IsAUsageError()
    {
        var result = CliRunner.Run(CliRunner.CliCases, "compile", "passthrough.yaml", "--no-such-flag");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void Compile_BadFormat_IsAUsageError()
    {
        var result = CliRunner.Run(CliRunner.CliCases, "compile", "passthrough.yaml", "--format", "xml");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
    }

    [Theory]
    [InlineData("LayerName=override-name")]
    [InlineData("ParameterKey=LayerName,ParameterValue=override-name")]
    public void ParameterOverrides_ActLikeTheParameterDefault(string token)
    {
        // The LayerVersion logical id hashes the resolved LayerName (samtranslator's _construct_lambda_layer), so an
        // override must give what the same template with that value as its Default gives, and differ from the default.
        var overridden = CliRunner.Run(CliRunner.CliCases, "compile", "layer-parameter.yaml", "--parameter-overrides", token);
        var asDefault = CliRunner.Run(CliRunner.CliCases, "compile", "layer-parameter-default-override.yaml");
        var plain = CliRunner.Run(CliRunner.CliCases, "compile", "layer-parameter.yaml");
        Assert.Equal(ExitCodes.Success, overridden.ExitCode);
        Assert.Equal(LayerVersionIds(asDefault.Stdout), LayerVersionIds(overridden.Stdout));
        Assert.NotEqual(LayerVersionIds(plain.Stdout), LayerVersionIds(overridden.Stdout));
    }

    [Fact]
    public void ParameterOverrides_BothSyntaxes_InOneArgument()
    {
        Assert.True(ParameterOverrides.TryParse(["A=1 ParameterKey=B,ParameterValue=two"], out var values, out var error), error);
        Assert.Equal("1", values["A"].AsString());
        Assert.Equal("two", values["B"].AsString());
        Assert.True(ParameterOverrides.TryParse(["ParameterKey=C,ParameterValue=x=y", "D=e=f"], out values, out error), error);
        Assert.Equal("x=y", values["C"].AsString());
        Assert.Equal("e=f", values["D"].AsString());
    }

    [Theory]
    [InlineData("novalue")]
    [InlineData("=x")]
    [InlineData("ParameterKey=A")]
    public void ParameterOverrides_Malformed_IsAUsageError(string token)
    {
        var result = CliRunner.Run(CliRunner.CliCases, "compile", "passthrough.yaml", "--parameter-overrides", token);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("--parameter-overrides", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void BundledExample_Compiles()
    {
        // The README's first command: samc compile examples/hello/template.yaml
        var result = CliRunner.Run(CliRunner.RepoRoot, "compile", "examples/hello/template.yaml");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var types = doc.RootElement.GetProperty("Resources").EnumerateObject().Select(r => r.Value.GetProperty("Type").GetString()).ToList();
        Assert.Contains("AWS::Lambda::Function", types);
        Assert.Contains("AWS::IAM::Role", types);
    }

    private static List<string> LayerVersionIds(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("Resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("Type").GetString() == "AWS::Lambda::LayerVersion")
            .Select(r => r.Name)];
    }
}
