using System.Text.Json;
using System.Xml.Linq;
using SamCompiler.Cli.Commands;

namespace SamCompiler.Cli.Tests.Lint;

/// <summary>In-process runs of <c>samc lint</c> against templates in a temporary folder.</summary>
public sealed class LintCommandTests : IDisposable
{
    private const string Bad = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          MyFn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: src/
              Handler: app.handler
              Runtime: python3.12
              MemorySize: 20000
        """;

    private const string WarningOnly = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          MyFn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: src/
              Handler: app.handler
              Runtime: python3.12
              FunctionUrlConfig:
                AuthType: NONE
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("samc-lint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Exit, string Out, string Err) Run(string format = "text", bool warnAsError = false, string? config = null, bool codeFrame = false, params string[] templates)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, _dir, new Dictionary<string, string?>());
        var exit = LintCommand.Run(new LintArguments(templates, format, config, warnAsError, codeFrame, new DateOnly(2026, 11, 22)), context);
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return name;
    }

    [Fact]
    public void Text_IsMsBuildForm_AndErrorsExit1()
    {
        Write("template.yaml", Bad);
        var (exit, output, _) = Run();
        Assert.Equal(ExitCodes.InputErrors, exit);
        Assert.Equal("template.yaml(9,19): error SAM3001: MemorySize 20000 of \"MyFn\" exceeds the Lambda maximum of 10240 MB.\n", output.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void CodeFrame_ShowsTheLineAndACaretUnderTheValue()
    {
        Write("template.yaml", Bad);
        var lines = Run(codeFrame: true).Out.Split('\n');
        Assert.Equal("  9 |       MemorySize: 20000", lines[1]);
        Assert.Equal("    |                   ^^^^^", lines[2]);
    }

    [Fact]
    public void Warnings_Exit0_UnlessWarnAsError()
    {
        Write("template.yaml", WarningOnly);
        Assert.Equal(ExitCodes.Success, Run().Exit);
        Assert.Equal(ExitCodes.InputErrors, Run(warnAsError: true).Exit);
    }

    [Fact]
    public void MissingTemplate_IsAUsageError()
    {
        var (exit, _, err) = Run(templates: "nope.yaml");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("SAM0002", err, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralTemplates_AreSortedByPath()
    {
        Write("b/template.yaml", Bad);
        Write("a/template.yaml", WarningOnly);
        var lines = Run(templates: ["b/template.yaml", "a/template.yaml"]).Out.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("a/template.yaml(", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("b/template.yaml(", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Json_HasTheDesignFields()
    {
        Write("template.yaml", Bad);
        using var doc = JsonDocument.Parse(Run(format: "json").Out);
        var d = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("SAM3001", d.GetProperty("id").GetString());
        Assert.Equal("function-memory-size", d.GetProperty("name").GetString());
        Assert.Equal("error", d.GetProperty("severity").GetString());
        Assert.Equal("template.yaml", d.GetProperty("file").GetString());
        Assert.Equal(9, d.GetProperty("line").GetInt32());
        Assert.Equal(19, d.GetProperty("column").GetInt32());
        Assert.Equal(9, d.GetProperty("endLine").GetInt32());
        Assert.Equal(24, d.GetProperty("endColumn").GetInt32());
        Assert.EndsWith("docs/diagnostics.md#sam3001", d.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_IsA210LogWithRuleMetadata()
    {
        Write("template.yaml", Bad);
        using var doc = JsonDocument.Parse(Run(format: "sarif").Out);
        var root = doc.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        var result = Assert.Single(run.GetProperty("results").EnumerateArray());
        var rule = rules[result.GetProperty("ruleIndex").GetInt32()];
        Assert.Equal("SAM3001", result.GetProperty("ruleId").GetString());
        Assert.Equal("SAM3001", rule.GetProperty("id").GetString());
        Assert.Equal("error", rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.StartsWith("https://", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
        var region = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(9, region.GetProperty("startLine").GetInt32());
        Assert.Equal(19, region.GetProperty("startColumn").GetInt32());
        Assert.Equal("template.yaml", result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
    }

    [Theory]
    [InlineData("template.yaml", "template.yaml")]
    [InlineData("my stacks/template.yaml", "my%20stacks/template.yaml")]
    [InlineData("/tmp/t/template.yaml", "file:///tmp/t/template.yaml")]
    public void SarifUri_IsRelativeReferenceOrFileUri(string path, string uri) =>
        Assert.Equal(uri, Formatters.SarifLintFormatter.Uri(path));

    [Fact]
    public void GitHub_IsAWorkflowCommand()
    {
        Write("template.yaml", Bad);
        Assert.Equal("::error file=template.yaml,line=9,col=19,endLine=9,endColumn=24,title=SAM3001::MemorySize 20000 of \"MyFn\" exceeds the Lambda maximum of 10240 MB.\n", Run(format: "github").Out);
    }

    [Fact]
    public void JUnit_IsWellFormedWithOneFailingCase()
    {
        Write("template.yaml", Bad);
        var doc = XDocument.Parse(Run(format: "junit").Out);
        var suite = Assert.Single(doc.Root!.Elements("testsuite"));
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        var failing = Assert.Single(suite.Elements("testcase"), t => t.Element("failure") is not null);
        Assert.Equal("SAM3001 function-memory-size", failing.Attribute("name")!.Value);
    }

    [Fact]
    public void SamcYaml_AboveTheTemplate_IsFound()
    {
        Write(".samc.yaml", "lint:\n  rules:\n    function-url-auth-none: error\n");
        Write("app/template.yaml", WarningOnly);
        var (exit, output, _) = Run(templates: "app/template.yaml");
        Assert.Equal(ExitCodes.InputErrors, exit);
        Assert.Contains("error SAM4003", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplicitConfig_WinsAndCanDisable()
    {
        Write(".samc.yaml", "lint:\n  rules:\n    SAM4003: error\n");
        Write("ci.yaml", "lint:\n  disabled: [SAM4003]\n");
        Write("template.yaml", WarningOnly);
        var (exit, output, _) = Run(config: "ci.yaml");
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public void MissingConfig_IsAUsageError()
    {
        Write("template.yaml", WarningOnly);
        Assert.Equal(ExitCodes.Usage, Run(config: "missing.yaml").Exit);
    }

    [Theory]
    [InlineData(262_144_000, 0)]
    [InlineData(262_144_001, 1)]
    public void LocalCodeUri_IsMeasured(long bytes, int expected)
    {
        Write("template.yaml", Bad.Replace("MemorySize: 20000", "MemorySize: 1024", StringComparison.Ordinal));
        Directory.CreateDirectory(Path.Combine(_dir, "src"));
        using (var sparse = File.Create(Path.Combine(_dir, "src", "big.bin")))
        {
            sparse.SetLength(bytes);
        }

        var output = Run().Out;
        Assert.Equal(expected, output.Split('\n').Count(l => l.Contains("SAM3016", StringComparison.Ordinal)));
    }

    [Fact]
    public void Probe_MeasuresFoldersArchivesAndZippedSize()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "code", "sub"));
        File.WriteAllText(Path.Combine(_dir, "code", "a.txt"), new string('a', 10_000));
        File.WriteAllText(Path.Combine(_dir, "code", "sub", "b.txt"), new string('b', 5_000));
        var probe = new LintCommand.DirectoryCodeSizeProbe(_dir);
        var size = probe.Measure("code", needZipped: true)!;
        Assert.Equal(15_000, size.UnzippedBytes);
        Assert.InRange(size.ZippedBytes!.Value, 1, 1_000);
        System.IO.Compression.ZipFile.CreateFromDirectory(Path.Combine(_dir, "code"), Path.Combine(_dir, "code.zip"));
        var zip = probe.Measure("code.zip", needZipped: false)!;
        Assert.Equal(15_000, zip.UnzippedBytes);
        Assert.Equal(new FileInfo(Path.Combine(_dir, "code.zip")).Length, zip.ZippedBytes);
        Assert.Null(probe.Measure("missing", needZipped: false));
    }
}
