using SamCompiler.Diagnostics;
using SamCompiler.Model;
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
    public void LocalPaths_BecomeS3Placeholders_AndGlobalsStayForTheTranslator()
    {
        var source = new SourceText("t", Local);
        var root = YamlDocumentLoader.Load(source).Root!;
        var packaged = LintTemplate.AsPackaged(SamTemplate.Build(source, root, new ModelOptions()));
        var resources = (MapNode)packaged["Resources"]!;
        Assert.Equal("s3://bucket/src/", resources["WithFolder"].Get("Properties").Get("CodeUri").AsString());
        Assert.Equal("s3://bucket/value", resources["WithoutCodeUri"].Get("Properties").Get("CodeUri").AsString());
        Assert.Equal("s3://bucket/layer/", resources["Layer"].Get("Properties").Get("ContentUri").AsString());
        Assert.Equal("python3.12", packaged["Globals"].Get("Function").Get("Runtime").AsString());
        Assert.Equal("src/", root["Resources"].Get("WithFolder").Get("Properties").Get("CodeUri").AsString());
        Assert.Null(root["Resources"].Get("WithoutCodeUri").Get("Properties"));
    }

    [Fact]
    public void CodeUriInGlobals_IsRewrittenThere_AndAFunctionThatIgnoresItGetsThePlaceholder()
    {
        var yaml = """
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                CodeUri: src/
            Resources:
              Takes:
                Type: AWS::Serverless::Function
                Properties: { Runtime: python3.12, Handler: app.handler }
              Ignores:
                Type: AWS::Serverless::Function
                IgnoreGlobals: [CodeUri]
                Properties: { Runtime: python3.12, Handler: app.handler }
            """;
        var source = new SourceText("t", yaml);
        var packaged = LintTemplate.AsPackaged(SamTemplate.Build(source, YamlDocumentLoader.Load(source).Root!, new ModelOptions()));
        Assert.Equal("s3://bucket/src/", packaged["Globals"].Get("Function").Get("CodeUri").AsString());
        Assert.Null(packaged["Resources"].Get("Takes").Get("Properties").Get("CodeUri"));
        Assert.Equal("s3://bucket/value", packaged["Resources"].Get("Ignores").Get("Properties").Get("CodeUri").AsString());
        Assert.DoesNotContain(Lint(yaml), d => d.IsError);
    }

    [Fact]
    public void LocalCodeUri_TranslatesWithoutErrors()
    {
        var result = Lint(Local);
        Assert.DoesNotContain(result, d => d.IsError);
    }

    [Fact]
    public void UnsupportedGlobalsProperty_IsReportedOnceAsTheTranslatorWordsIt()
    {
        var yaml = Local.Replace("    Handler: app.handler", "    Handler: app.handler\n    Events: {}", StringComparison.Ordinal);
        var d = Assert.Single(Lint(yaml), d => d.IsError);
        Assert.Equal("SAM2002", d.Id);
        Assert.StartsWith("Structure of the SAM template is invalid. 'Globals' section is invalid. 'Events' is not a supported property of 'Function'.", d.Message, StringComparison.Ordinal);
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
