using System.Globalization;
using System.Text.RegularExpressions;
using SamCompiler.Diagnostics;
using SamCompiler.Local.Model;
using SamCompiler.Local.Pool;
using SamCompiler.Model;
using SamCompiler.Syntax;
using SamCompiler.Text;
using SamCompiler.Transform;
using SamCompiler.Validation;

namespace SamCompiler.Local.Tests.Local;

/// <summary>
/// Lint, local runs and the translator read one model, so they agree on what a template means: which Globals a
/// resource takes (IgnoreGlobals included) and what parameter-dependent properties are under --parameter-overrides.
/// The translator's side is its CloudFormation output (local CodeUri folders accepted as for the Pulumi targets), read as CloudFormation reads it at deployment with the same
/// parameter values (an absent MemorySize is Lambda's 128 MB, a Timeout absent is 3 s).
/// </summary>
public sealed partial class ModelAgreementTests : IDisposable
{
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Mem: { Type: Number, Default: 512 }
          Stage: { Type: String, Default: dev }
          AliasName: { Type: String, Default: live }
        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
        Globals:
          Function:
            Runtime: python3.12
            Handler: app.handler
            CodeUri: code
            MemorySize: 20000
            Timeout: 40
        Resources:
          TakesGlobals:
            Type: AWS::Serverless::Function
          IgnoresMemory:
            Type: AWS::Serverless::Function
            IgnoreGlobals: [MemorySize, Timeout]
          IgnoresAll:
            Type: AWS::Serverless::Function
            IgnoreGlobals: "*"
            Properties: { Runtime: nodejs22.x, Handler: index.handler, CodeUri: code }
          FromParameters:
            Type: AWS::Serverless::Function
            Properties:
              MemorySize: !Ref Mem
              Timeout: !If [IsProd, 60, 10]
              AutoPublishAlias: !Ref AliasName
              Events:
                Get: { Type: Api, Properties: { Path: /x, Method: get } }
        """;

    private static readonly string[] Functions = ["TakesGlobals", "IgnoresMemory", "IgnoresAll", "FromParameters"];

    private readonly string _folder = Directory.CreateTempSubdirectory("samc-agreement-").FullName;

    public ModelAgreementTests() => Directory.CreateDirectory(Path.Combine(_folder, "code"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string, string> Overrides => new()
    {
        { "512", "dev", "live" },
        { "12288", "prod", "blue" },
    };

    [Theory]
    [MemberData(nameof(Overrides))]
    public void LintLocalAndTheTranslator_AgreeOnMemoryTimeoutAndAlias(string mem, string stage, string alias)
    {
        var overrides = new Dictionary<string, string> { ["Mem"] = mem, ["Stage"] = stage, ["AliasName"] = alias };
        var source = new SourceText(Path.Combine(_folder, "template.yaml"), Template);
        var translated = Translate(source, overrides);
        var local = LocalFacts(source, overrides);
        var lint = Validator.Lint(source, new LintOptions { Today = new DateOnly(2026, 1, 1), ParameterOverrides = Nodes(overrides) }).Diagnostics;
        Assert.DoesNotContain(lint, d => d.IsError && d.Id is not "SAM3001");

        foreach (var id in Functions)
        {
            var (memory, timeout, aliasName) = translated[id];
            Assert.Equal(memory, local[id].Function.MemorySize);
            Assert.Equal(timeout, local[id].Function.Timeout);
            Assert.Equal(aliasName, local[id].Alias);

            // Lint reports MemorySize exactly where the translator's value is past Lambda's maximum, with that value.
            var memoryFinding = lint.SingleOrDefault(d => d.Id == DiagnosticCatalog.FunctionMemorySize.Id && d.Message.Contains($"of \"{id}\"", StringComparison.Ordinal));
            if (memory > 10240)
            {
                Assert.NotNull(memoryFinding);
                Assert.Equal(memory, double.Parse(MemoryInMessage().Match(memoryFinding.Message).Groups[1].Value, CultureInfo.InvariantCulture));
            }
            else
            {
                Assert.Null(memoryFinding);
            }

            // The API integration timeout finding (29 s) is there exactly when the translator's Timeout is longer.
            var timeoutFinding = lint.SingleOrDefault(d => d.Id == DiagnosticCatalog.ApiIntegrationTimeout.Id && d.Message.Contains($"\"{id}\"", StringComparison.Ordinal));
            Assert.Equal(id == "FromParameters" && timeout > 29, timeoutFinding is not null);
            if (timeoutFinding is not null)
            {
                Assert.Contains($"has a {timeout.ToString(CultureInfo.InvariantCulture)} second timeout", timeoutFinding.Message, StringComparison.Ordinal);
            }
        }

        // The cases differ, so the agreement is not a coincidence of defaults.
        Assert.Equal(mem == "512" ? 512 : 12288, translated["FromParameters"].Memory);
        Assert.Equal(stage == "prod" ? 60 : 10, translated["FromParameters"].Timeout);
        Assert.Equal(128, translated["IgnoresMemory"].Memory);
        Assert.Equal(3, translated["IgnoresMemory"].Timeout);
        Assert.Equal(20000, translated["TakesGlobals"].Memory);
        Assert.Equal("nodejs22.x", local["IgnoresAll"].Function.Runtime);
    }

    /// <summary>What CloudFormation deploys from the translator's output, with the same parameter values.</summary>
    private static Dictionary<string, (double Memory, double Timeout, string? Alias)> Translate(SourceText source, Dictionary<string, string> overrides)
    {
        var document = TemplateCompiler.Translate(source, new TranslateOptions { ParameterOverrides = Nodes(overrides), LocalArtifacts = true }, out var diagnostics);
        Assert.True(document is not null, string.Join("\n", diagnostics.Select(d => d.Message)));
        var output = SamTemplate.Build(new SourceText("output.json", string.Empty), document!, new ModelOptions { ParameterOverrides = Nodes(overrides) });
        var result = new Dictionary<string, (double, double, string?)>(StringComparer.Ordinal);
        foreach (var id in Functions)
        {
            var fn = Assert.IsType<LambdaFunction>(output.Find(id));
            var alias = output.Aliases.SingleOrDefault(a => a.Function == fn)?.Name.AsString();
            result[id] = (fn.MemorySize.AsNumber() ?? FunctionResource.DefaultMemorySize, fn.TimeoutSeconds!.Value, alias);
        }

        return result;
    }

    private Dictionary<string, ServeFunction> LocalFacts(SourceText source, Dictionary<string, string> overrides)
    {
        var template = LocalTemplate.Load(source, _folder, new LocalTemplateOptions { ParameterOverrides = overrides }, out var loadDiagnostics);
        Assert.NotNull(template);
        Assert.Empty(loadDiagnostics);
        var diagnostics = new List<Diagnostic>();
        var functions = ServeTemplate.Load(template, null, diagnostics);
        Assert.Empty(diagnostics);
        return functions.ToDictionary(f => f.LogicalId, StringComparer.Ordinal);
    }

    private static Dictionary<string, Node> Nodes(Dictionary<string, string> values) =>
        values.ToDictionary(v => v.Key, v => (Node)ScalarNode.String(v.Value), StringComparer.Ordinal);

    [GeneratedRegex(@"^MemorySize ([0-9.]+)")]
    private static partial Regex MemoryInMessage();
}
