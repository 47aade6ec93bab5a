using SamCompiler.Diagnostics;
using SamCompiler.Local.Model;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Local.Tests.Local;

/// <summary>Reading functions from a template: Globals merge, intrinsics, lookup, --env-vars semantics.</summary>
public sealed class TemplateModelTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("samc-local-model-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Template = """
        Parameters:
          Stage:
            Type: String
            Default: dev
        Globals:
          Function:
            Runtime: python3.12
            Timeout: 9
            Layers: [!Ref LayerA]
            Environment:
              Variables:
                FROM_GLOBALS: g
                SHARED: global
        Resources:
          LayerA:
            Type: AWS::Serverless::LayerVersion
            Properties: { ContentUri: layer-a }
          LayerB:
            Type: AWS::Serverless::LayerVersion
            Properties: { ContentUri: layer-b }
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: my-fn
              CodeUri: code
              Handler: app.handler
              MemorySize: 256
              Layers: [!Ref LayerB, arn:aws:lambda:us-east-1:123456789012:layer:remote:1]
              Environment:
                Variables:
                  SHARED: local
                  STAGE: !Ref Stage
                  SUB: !Sub '${AWS::Region}-${AWS::AccountId}-${Stage}-${!Literal}'
                  JOINED: !Join ['/', [!Ref 'AWS::Partition', !Ref Fn]]
                  NUMBER: 5
                  UNRESOLVED: !GetAtt Other.Arn
                  PICKED: !Select [1, !Split [",", "a,b,c"]]
                  MAPPED: !FindInMap [Sizes, !Ref Stage, Name]
                  CHOSEN: !If [IsProd, big, small]
        Mappings:
          Sizes:
            dev: { Name: small-map }
            prod: { Name: large-map }
        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
        """;

    private LocalTemplate Load(LocalTemplateOptions? options = null)
    {
        foreach (var d in new[] { "code", "layer-a", "layer-b" })
        {
            Directory.CreateDirectory(Path.Combine(_folder, d));
        }

        var template = LocalTemplate.Load(new SourceText("template.yaml", Template), _folder, options ?? new LocalTemplateOptions(), out var diagnostics);
        Assert.Empty(diagnostics);
        return template!;
    }

    [Fact]
    public void GlobalsMergeDictsKeyByKeyConcatenateListsAndLetTheFunctionWin_AndIgnoreGlobalsIsHonoured()
    {
        var yaml = Template.Replace("Mappings:", """
              Bare:
                Type: AWS::Serverless::Function
                IgnoreGlobals: [Timeout, Layers, Environment]
                Properties: { CodeUri: code, Handler: app.handler }
            Mappings:
            """, StringComparison.Ordinal);
        var template = LocalTemplate.Load(new SourceText("template.yaml", yaml), _folder, new LocalTemplateOptions(), out var loadDiagnostics)!;
        Assert.Empty(loadDiagnostics);
        foreach (var d in new[] { "code", "layer-a", "layer-b" })
        {
            Directory.CreateDirectory(Path.Combine(_folder, d));
        }

        var bare = template.Resolve("Bare", [])!;

        Assert.Equal("python3.12", bare.Runtime);
        Assert.Equal(3, bare.Timeout);
        Assert.Empty(bare.Layers);
        Assert.Empty(bare.Environment);
    }

    [Fact]
    public void ResolvesTheFunctionWithGlobalsParametersAndPseudoParameters()
    {
        var diagnostics = new List<Diagnostic>();

        var fn = Load(new LocalTemplateOptions { Region = "eu-west-1", ParameterOverrides = new Dictionary<string, string> { ["Stage"] = "prod" } }).Resolve("Fn", diagnostics)!;

        Assert.Equal("python3.12", fn.Runtime);
        Assert.Equal(9, fn.Timeout);
        Assert.Equal(256, fn.MemorySize);
        Assert.Equal(Path.Combine(_folder, "code"), fn.CodeDirectory);
        Assert.Equal([Path.Combine(_folder, "layer-a"), Path.Combine(_folder, "layer-b")], fn.Layers);
        var env = fn.Environment.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("g", env["FROM_GLOBALS"]);
        Assert.Equal("local", env["SHARED"]);
        Assert.Equal("prod", env["STAGE"]);
        Assert.Equal("eu-west-1-123456789012-prod-${Literal}", env["SUB"]);
        Assert.Equal("aws/Fn", env["JOINED"]);
        Assert.Equal("5", env["NUMBER"]);
        Assert.Equal(string.Empty, env["UNRESOLVED"]);
        Assert.Equal("b", env["PICKED"]);
        Assert.Equal("large-map", env["MAPPED"]);
        Assert.Equal("big", env["CHOSEN"]);
        var skipped = Assert.Single(diagnostics);
        Assert.Equal("SAM6004", skipped.Id);
        Assert.Equal(DiagnosticSeverity.Warning, skipped.Severity);
    }

    [Fact]
    public void AnInvalidGlobalsSection_IsTheTranslatorsError()
    {
        var yaml = Template.Replace("    Timeout: 9", "    Timeout: 9\n    Events: {}", StringComparison.Ordinal);

        var template = LocalTemplate.Load(new SourceText("template.yaml", yaml), _folder, new LocalTemplateOptions(), out var diagnostics);

        Assert.NotNull(template);
        var d = Assert.Single(diagnostics);
        Assert.Equal("SAM2002", d.Id);
        Assert.True(d.IsError);
        Assert.StartsWith("Structure of the SAM template is invalid. 'Globals' section is invalid. 'Events' is not a supported property of 'Function'.", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindsAFunctionByFunctionName()
    {
        var fn = Load().Resolve("my-fn", []);

        Assert.Equal("Fn", fn!.LogicalId);
    }

    [Fact]
    public void UnknownFunctionIsSam6001NamingTheFunctions()
    {
        var diagnostics = new List<Diagnostic>();

        var fn = Load().Resolve("Nope", diagnostics);

        Assert.Null(fn);
        var d = Assert.Single(diagnostics);
        Assert.Equal("SAM6001", d.Id);
        Assert.Equal("Function \"Nope\" not found in template \"template.yaml\"; the template has \"Fn\".", d.Message);
    }

    [Fact]
    public void EnvVarsFileOverridesDeclaredVariablesOnlyAndTheFunctionSectionWins()
    {
        var fn = new LocalFunction
        {
            LogicalId = "Fn",
            FunctionName = "my-fn",
            Runtime = "python3.12",
            Handler = "app.handler",
            CodeDirectory = _folder,
            Environment = [new("A", "template"), new("B", "template"), new("C", "template")],
        };
        var file = EnvVarsFile.Parse("""{"Parameters": {"A": "params", "B": "params", "NEW": "x"}, "my-fn": {"B": "function", "C": 7}}""", out var error)!;

        var applied = file.Apply(fn);

        Assert.Null(error);
        Assert.Equal(["A=params", "B=function", "C=7"], applied.Select(p => $"{p.Key}={p.Value}"));
    }

    [Fact]
    public void EnvVarsFileMustBeAnObjectOfObjects()
    {
        Assert.Null(EnvVarsFile.Parse("""{"Fn": "x"}""", out var error));
        Assert.Equal("the section \"Fn\" must be an object of variable names to values", error);
    }
}

internal static class NodeTestExtensions
{
    public static string? AsScalarText(this Node? node) => (node as ScalarNode)?.Text;
}
