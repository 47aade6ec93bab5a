using SamCompiler.Diagnostics;
using SamCompiler.Syntax;
using SamCompiler.Text;
using SamCompiler.Validation;
using static SamCompiler.Tests.Validation.LintHarness;

namespace SamCompiler.Tests.Validation;

public class LocalArtifactsTests
{
    private const string Local = """
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function:
            Runtime: python3.12
            Handler: app.handler
        Resources:
          WithFolder:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: src/
          WithoutCodeUri:
            Type: AWS::Serverless::Function
          Layer:
            Type: AWS::Serverless::LayerVersion
            Properties:
              ContentUri: layer/
        """;

    [Fact]
    public void LocalPaths_BecomeS3Placeholders_AndGlobalsAreMerged()
    {
        var root = YamlDocumentLoader.Load(new SourceText("t", Local)).Root!;
        var packaged = LocalArtifacts.AsPackaged(root);
        var resources = (MapNode)packaged["Resources"]!;
        Assert.Equal("s3://bucket/src/", resources["WithFolder"].Get("Properties").Get("CodeUri").AsString());
        Assert.Equal("s3://bucket/value", resources["WithoutCodeUri"].Get("Properties").Get("CodeUri").AsString());
        Assert.Equal("python3.12", resources["WithoutCodeUri"].Get("Properties").Get("Runtime").AsString());
        Assert.Equal("s3://bucket/layer/", resources["Layer"].Get("Properties").Get("ContentUri").AsString());
        Assert.Null(packaged["Globals"]);
        Assert.Equal("src/", root["Resources"].Get("WithFolder").Get("Properties").Get("CodeUri").AsString());
    }

    [Fact]
    public void LocalCodeUri_TranslatesWithoutErrors()
    {
        var result = Lint(Local);
        Assert.DoesNotContain(result, d => d.IsError);
    }

    [Fact]
    public void UnsupportedGlobalsProperty_IsLeftForTheTranslator()
    {
        var root = YamlDocumentLoader.Load(new SourceText("t", Local.Replace("    Handler: app.handler", "    Handler: app.handler\n    Events: {}", StringComparison.Ordinal))).Root!;
        Assert.NotNull(LocalArtifacts.AsPackaged(root)["Globals"].Get("Function"));
    }
}

public class GlobalsFoldingTests
{
    [Fact]
    public void AValueInGlobals_IsReportedOnceForEveryFunctionThatTakesIt()
    {
        var yaml = Function(string.Empty, globals: "MemorySize: 64",
            resources: "Other:\n  Type: AWS::Serverless::Function\n  Properties:\n    CodeUri: s3://b/k.zip\n    Handler: a.h\n    Runtime: python3.12");
        var d = Assert.Single(Lint(yaml).Of(DiagnosticCatalog.FunctionMemorySize));
        Assert.EndsWith("The value is in Globals, so 1 more resource(s) take it too.", d.Message, StringComparison.Ordinal);
    }
}
