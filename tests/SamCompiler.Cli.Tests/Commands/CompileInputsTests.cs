using System.Text.Json;

namespace SamCompiler.Cli.Tests.Commands;

/// <summary><c>samc compile -</c> (standard input) and <c>samc compile A B --output-dir DIR</c>.</summary>
public sealed class CompileInputsTests
{
    private const string Good = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n";
    private const string Sam = "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {Handler: i.h, Runtime: python3.12, CodeUri: s3://b/k.zip}\n";
    private const string Broken = "Resources:\n  Queue: [oops\n";

    [Fact]
    public void Stdin_CompilesLikeTheFile_InARealProcess()
    {
        var fromStdin = SamcProcess.Run(CliRunner.CliCases, File.ReadAllText(Path.Combine(CliRunner.CliCases, "passthrough.yaml")), "compile", "-");
        var fromFile = CliRunner.Run(CliRunner.CliCases, "compile", "passthrough.yaml");
        Assert.Equal(ExitCodes.Success, fromStdin.ExitCode);
        Assert.Equal(string.Empty, fromStdin.Stderr);
        Assert.Equal(fromFile.Stdout, fromStdin.Stdout);
    }

    [Fact]
    public void Stdin_Errors_AreReportedAgainstStdin_WithExit1_InARealProcess()
    {
        var result = SamcProcess.Run(CliRunner.CliCases, Broken, "compile", "-");
        Assert.Equal(ExitCodes.InputErrors, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith("<stdin>(", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("error SAM1001", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Stdin_InProcess_UsesTheContextsReader()
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var context = new CliContext(stdout, stderr, CliRunner.CliCases, new Dictionary<string, string?>()) { In = new StringReader("\uFEFF" + Sam) };
        Assert.Equal(ExitCodes.Success, Program.Run(["compile", "-", "--format", "yaml"], context));
        Assert.Contains("AWS::Lambda::Function", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Many_WritesEachTemplateUnderItsName_KeepingFoldersBelowTheCommonOne()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(Path.Combine(temp.Path, "services", "a"));
        Directory.CreateDirectory(Path.Combine(temp.Path, "services", "b"));
        temp.Write("services/a/template.yaml", Good);
        temp.Write("services/b/template.yaml", Sam);
        var result = SamcProcess.Run(temp.Path, null, "compile", "services/a/template.yaml", "services/b/template.yaml", "--output-dir", "out");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("wrote 2 of 2", result.Stderr, StringComparison.Ordinal);
        var a = CliRunner.Run(temp.Path, "compile", "services/a/template.yaml");
        Assert.Equal(a.Stdout, File.ReadAllText(Path.Combine(temp.Path, "out", "a", "template.json")));
        using var b = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, "out", "b", "template.json")));
        Assert.Equal("AWS::Lambda::Function", b.RootElement.GetProperty("Resources").GetProperty("Fn").GetProperty("Type").GetString());
    }

    [Fact]
    public void Many_FormatYaml_UsesTheYamlExtension()
    {
        using var temp = new TempFolder();
        temp.Write("one.yaml", Good);
        temp.Write("two.json", "{\"Resources\": {\"T\": {\"Type\": \"AWS::SNS::Topic\"}}}");
        var result = CliRunner.Run(temp.Path, "compile", "one.yaml", "two.json", "--output-dir", "out", "--format", "yaml");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(["one.yaml", "two.yaml"], Directory.GetFiles(Path.Combine(temp.Path, "out")).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Many_ExitCodeIsTheWorst_AndGoodTemplatesAreStillWritten_InARealProcess()
    {
        using var temp = new TempFolder();
        temp.Write("good.yaml", Good);
        temp.Write("bad.yaml", Broken);
        var result = SamcProcess.Run(temp.Path, null, "compile", "good.yaml", "bad.yaml", "--output-dir", "out");
        Assert.Equal(ExitCodes.InputErrors, result.ExitCode);
        Assert.Contains("bad.yaml(", result.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(temp.Path, "out", "good.json")));
        Assert.False(File.Exists(Path.Combine(temp.Path, "out", "bad.json")));

        var missing = SamcProcess.Run(temp.Path, null, "compile", "good.yaml", "bad.yaml", "nope.yaml", "--output-dir", "out");
        Assert.Equal(ExitCodes.Usage, missing.ExitCode);
        Assert.Contains("nope.yaml(1,1): error SAM0002", missing.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.yaml", "b.yaml")]
    [InlineData("a.yaml", "b.yaml", "--output-dir", "out", "-o", "x.json")]
    [InlineData("a.yaml", "--output-dir", "out", "--target", "pulumi-yaml")]
    [InlineData("a.yaml", "-", "--output-dir", "out")]
    [InlineData("a.yaml", "a.json", "--output-dir", "out")]
    public void Many_Misuse_IsAUsageError(params string[] args)
    {
        using var temp = new TempFolder();
        temp.Write("a.yaml", Good);
        temp.Write("a.json", "{\"Resources\": {\"T\": {\"Type\": \"AWS::SNS::Topic\"}}}");
        temp.Write("b.yaml", Good);
        var result = CliRunner.Run(temp.Path, ["compile", .. args]);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "out")));
    }
}
