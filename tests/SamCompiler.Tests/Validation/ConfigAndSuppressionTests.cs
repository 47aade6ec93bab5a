using SamCompiler.Diagnostics;
using SamCompiler.Syntax;
using SamCompiler.Text;
using SamCompiler.Validation;
using static SamCompiler.Tests.Validation.LintHarness;

namespace SamCompiler.Tests.Validation;

public class LintConfigTests
{
    private static LintConfig Parse(string yaml, out IReadOnlyList<Diagnostic> problems) =>
        LintConfig.Parse(new SourceText(".samc.yaml", yaml), out problems);

    [Fact]
    public void Parse_ReadsLevelsAccountAndRegion()
    {
        var config = Parse("lint:\n  region: eu-west-1\n  account:\n    concurrency: 3000\n  rules:\n    SAM4002: off\n    function-url-auth-none: error\n  disabled: [SAM3021]\n", out var problems);
        Assert.Empty(problems);
        Assert.Equal(3000, config.AccountConcurrency);
        Assert.Equal("eu-west-1", config.Region);
        Assert.Equal(RuleLevel.Off, config.RuleLevels["SAM4002"]);
        Assert.Equal(RuleLevel.Error, config.RuleLevels["SAM4003"]);
        Assert.Equal(RuleLevel.Off, config.RuleLevels["SAM3021"]);
    }

    [Fact]
    public void Parse_UnknownRule_IsReported()
    {
        Parse("lint:\n  rules:\n    SAM9999: off\n    SAM2001: off\n", out var problems);
        Assert.Equal(2, problems.Count(p => p.Id == DiagnosticCatalog.UnknownRuleReference.Id));
    }

    [Fact]
    public void Config_ChangesSeverityAndAccount()
    {
        var config = Parse("lint:\n  account:\n    concurrency: 5000\n  rules:\n    SAM4003: error\n", out _);
        var yaml = Function("ReservedConcurrentExecutions: 2000\nFunctionUrlConfig:\n  AuthType: NONE");
        var result = Lint(yaml, config.ApplyTo(Options));
        Assert.Empty(result.Of(DiagnosticCatalog.AccountConcurrency));
        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(result.Of(DiagnosticCatalog.FunctionUrlAuthNone)).Severity);
    }
}

public class SuppressionTests
{
    private static readonly string Yaml = Function("MemorySize: 64\nFunctionUrlConfig:\n  AuthType: NONE");

    [Fact]
    public void Unsuppressed_ReportsBoth()
    {
        var result = Lint(Yaml);
        Assert.Single(result.Of(DiagnosticCatalog.FunctionMemorySize));
        Assert.Single(result.Of(DiagnosticCatalog.FunctionUrlAuthNone));
    }

    [Fact]
    public void TemplateMetadata_SuppressesById()
    {
        var result = Lint("Metadata:\n  samc-lint:\n    ignore: [SAM3001]\n" + Yaml);
        Assert.Empty(result.Of(DiagnosticCatalog.FunctionMemorySize));
        Assert.Single(result.Of(DiagnosticCatalog.FunctionUrlAuthNone));
    }

    [Fact]
    public void ResourceMetadata_SuppressesByName()
    {
        var yaml = Yaml.Replace("    Type: AWS::Serverless::Function\n", "    Type: AWS::Serverless::Function\n    Metadata:\n      samc-lint:\n        ignore: [function-url-auth-none]\n", StringComparison.Ordinal);
        var result = Lint(yaml);
        Assert.Single(result.Of(DiagnosticCatalog.FunctionMemorySize));
        Assert.Empty(result.Of(DiagnosticCatalog.FunctionUrlAuthNone));
    }

    [Fact]
    public void ResourceMetadata_CoversValuesFromGlobals()
    {
        var yaml = Function("Timeout: 3", globals: "MemorySize: 64").Replace("    Type: AWS::Serverless::Function\n", "    Type: AWS::Serverless::Function\n    Metadata:\n      samc-lint:\n        ignore: [SAM3001]\n", StringComparison.Ordinal);
        Assert.Empty(Lint(yaml).Of(DiagnosticCatalog.FunctionMemorySize));
    }

    [Fact]
    public void UnknownSuppression_IsReported()
    {
        var d = Assert.Single(Lint("Metadata:\n  samc-lint:\n    ignore: [SAM3999]\n" + Yaml).Of(DiagnosticCatalog.UnknownRuleReference));
        Assert.Equal(3, d.Span.Start.Line);
    }
}

public class GlobalsMergeTests
{
    [Fact]
    public void Merge_FollowsSamRules()
    {
        var yaml = Function(
            "Timeout: 5\nLayers: [l2]\nEnvironment:\n  Variables:\n    B: local\n    C: c",
            globals: "Timeout: 10\nMemorySize: 256\nLayers: [l1]\nEnvironment:\n  Variables:\n    A: a\n    B: global");
        var root = global::SamCompiler.Syntax.YamlDocumentLoader.Load(new SourceText("t", yaml)).Root!;
        var fn = new LintTemplate(new SourceText("t", yaml), root, Options).Model.Functions[0];
        Assert.Equal("5", fn["Timeout"]!.ToString());
        Assert.Equal("256", fn["MemorySize"]!.ToString());
        Assert.Equal(["l1", "l2"], ((global::SamCompiler.Syntax.ListNode)fn["Layers"]!).Select(n => n.ToString()));
        var vars = (global::SamCompiler.Syntax.MapNode)fn["Environment"].Get("Variables")!;
        Assert.Equal(["A", "B", "C"], vars.Keys);
        Assert.Equal("local", vars["B"]!.ToString());
    }
}
