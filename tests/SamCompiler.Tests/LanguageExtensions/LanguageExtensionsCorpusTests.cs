using System.Text.Json;
using SamCompiler.Syntax;
using SamCompiler.Tests.Infrastructure;
using SamCompiler.Text;
using SamCompiler.Transform;
using SamCompiler.Transform.LanguageExtensions;

namespace SamCompiler.Tests.LanguageExtensions;

/// <summary>
/// AWS::LanguageExtensions against expectations no one on the team wrote:
/// <list type="bullet">
/// <item>tests/langext/sam/cases: SAM templates with Fn::ForEach, compared with two oracles made by
/// scripts/gen-langext-expectations.py: cfn-lint's expansion then the reference SAM translator (cfn-lint.json), and
/// SAM CLI's implementation of the transform then the same translator (sam-cli.json). A case's
/// known-differences.txt names the oracle that is wrong for it and why; the test fails if that oracle starts to
/// agree (the note would be stale).</item>
/// <item>tests/langext/cloudformation: CloudFormation's own test templates for the transform (copied from SAM CLI by
/// scripts/import-langext-cloudformation-tests.py) with their expected outputs, rejections and acceptances.</item>
/// </list>
/// </summary>
[Trait("Category", "Conformance")]
public sealed class LanguageExtensionsCorpusTests
{
    private static readonly string SamCases = RepoPaths.FromRoot("tests/langext/sam/cases");
    private static readonly string CloudFormationDir = RepoPaths.FromRoot("tests/langext/cloudformation");

    /// <summary>
    /// CloudFormation test templates where samc knowingly differs, with the reason. Each is checked to still differ.
    /// </summary>
    private static readonly Dictionary<string, string> CloudFormationKnownDifferences = new(StringComparer.Ordinal)
    {
        ["forEach-conditions-fnForEachWithCollectionWithNumericValues"] = "a rejection by the Kotlin tests' convention (no expected file) for a collection [1, 2], while [1, true] is accepted (fnForEachPrimitiveTypesTest); no documented rule rejects numbers, so samc expands both",
        ["forEach-outputs-fnForEachWithCollectionWithNumericValues"] = "as forEach-conditions-fnForEachWithCollectionWithNumericValues",
        ["fnFindInMapWithUnsupportedFunctionFnSub"] = "a DefaultValue Fn::FindInMap whose key is an Fn::Sub over Fn::GetAtt: CloudFormation's transform accepts it; samc cannot compute a key known only at deployment and says so (SAM2013)",
        ["resourceAttributesWithAccountIdPseudoParam"] = "DeletionPolicy through a condition on AWS::AccountId: CloudFormation knows the account, samc does not (SAM2013)",
        ["resourceAttributesWithFnGetAtt"] = "the transform passes DeletionPolicy: Fn::GetAtt through and CloudFormation rejects the template afterwards (a policy must be a string); samc reports it at compile time (SAM2013)",
        ["resourceAttributesWithReferenceToOtherResource"] = "as resourceAttributesWithFnGetAtt, with a Ref to a resource",
    };

    public static TheoryData<string> SamCaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(SamCases).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    public static TheoryData<string> CloudFormationCaseNames()
    {
        var data = new TheoryData<string>();
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(CloudFormationDir, "cases.json")));
        foreach (var c in manifest.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SamCaseNames))]
    public void SamCase_MatchesEveryOracleExceptKnownDifferences(string name)
    {
        var dir = Path.Combine(SamCases, name);
        var parameters = new Dictionary<string, Node>(StringComparer.Ordinal);
        if (File.Exists(Path.Combine(dir, "options.json")))
        {
            using var options = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "options.json")));
            foreach (var p in options.RootElement.GetProperty("parameters").EnumerateObject())
            {
                parameters[p.Name] = p.Value.GetString()!;
            }
        }

        var excused = ReadKnownDifferences(Path.Combine(dir, "known-differences.txt"));
        var compilation = TemplateCompiler.Compile(
            new SourceText("input.yaml", File.ReadAllText(Path.Combine(dir, "input.yaml"))),
            new CompileOptions { Translate = new TranslateOptions { ParameterOverrides = parameters } });
        Assert.DoesNotContain(compilation.Diagnostics, d => d.Id == "SAM0001");

        var oracles = new[] { "cfn-lint.json", "sam-cli.json" }.Where(f => File.Exists(Path.Combine(dir, f))).ToList();
        Assert.NotEmpty(oracles);
        foreach (var oracle in oracles)
        {
            var expected = File.ReadAllText(Path.Combine(dir, oracle));
            var differences = Differences(expected, compilation);
            if (excused.TryGetValue(oracle, out var reason))
            {
                Assert.True(differences.Count > 0, $"{name}: samc now agrees with {oracle}; remove its line from known-differences.txt ({reason}).");
            }
            else
            {
                Assert.True(differences.Count == 0, $"{name}: samc differs from {oracle}:\n" + string.Join('\n', differences.Take(20)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(CloudFormationCaseNames))]
    public void CloudFormationCase_MatchesTheTransformsOwnTests(string name)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(CloudFormationDir, "cases.json")));
        var entry = manifest.RootElement.GetProperty("cases").EnumerateArray().First(c => c.GetProperty("name").GetString() == name);
        var kind = entry.GetProperty("kind").GetString();
        var parameters = new Dictionary<string, Node>(StringComparer.Ordinal);
        if (entry.TryGetProperty("parameters", out var given))
        {
            foreach (var p in given.EnumerateObject())
            {
                parameters[p.Name] = p.Value.GetString()!;
            }
        }

        // These are tests of the transform alone (CloudFormation runs the SAM transform, if listed, afterwards).
        var dir = Path.Combine(CloudFormationDir, "cases", name);
        var source = new SourceText("input.json", File.ReadAllText(Path.Combine(dir, "input.json")));
        var load = YamlDocumentLoader.Load(source);
        Assert.False(load.HasErrors, string.Join("\n", load.Diagnostics));
        var result = LanguageExtensionsTransform.Apply(source, load.Root!, new TranslateOptions { ParameterOverrides = parameters });
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "SAM0001");
        Assert.All(result.Diagnostics.Where(d => d.IsError), d => Assert.True(d.Span.IsKnown && d.Span.Start.Line >= 1, $"{d} has no line."));
        var errors = result.Diagnostics.Where(d => d.IsError).ToList();

        var problem = kind switch
        {
            "error" => errors.Count > 0 ? null : "CloudFormation rejects this template; samc accepted it.",
            "accept" => errors.Count > 0 ? "CloudFormation accepts this template; samc rejected it: " + string.Join(" | ", errors) : null,
            _ => errors.Count > 0 ? "samc rejected it: " + string.Join(" | ", errors) : CompareExpected(dir, entry, result.Template!),
        };
        if (CloudFormationKnownDifferences.TryGetValue(name, out var reason))
        {
            Assert.True(problem is not null, $"{name}: samc now agrees with CloudFormation; remove it from the known differences ({reason}).");
        }
        else
        {
            Assert.True(problem is null, $"{name} ({kind}): {problem}");
        }
    }

    private static string? CompareExpected(string dir, JsonElement entry, MapNode output)
    {
        using var expectedDoc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")));
        var expected = TemplateComparer.FromJson(expectedDoc.RootElement);
        var actual = TemplateComparer.FromNode(output);

        // The Kotlin tests name a development transform, which stays in their outputs; samc removes the transform
        // it has applied. Nothing else is left out.
        ((Dictionary<string, object?>)expected!).Remove("Transform");
        ((Dictionary<string, object?>)actual!).Remove("Transform");
        if (entry.TryGetProperty("compare", out var path))
        {
            foreach (var part in path.GetString()!.Split('.'))
            {
                expected = (expected as Dictionary<string, object?>)?.GetValueOrDefault(part);
                actual = (actual as Dictionary<string, object?>)?.GetValueOrDefault(part);
            }
        }

        var differences = TemplateComparer.Diff(expected, actual);
        return differences.Count == 0 ? null : string.Join('\n', differences.Take(20));
    }

    private static List<string> Differences(string expectedJson, Compilation compilation)
    {
        if (TemplateComparer.IsErrorDocument(expectedJson))
        {
            return compilation.HasErrors ? [] : ["the oracle rejects the template; samc accepted it"];
        }

        if (compilation.Output is null)
        {
            return ["samc rejected the template: " + string.Join(" | ", compilation.Diagnostics.Where(d => d.IsError))];
        }

        return [.. TemplateComparer.DiffJson(expectedJson, compilation.Output)];
    }

    private static Dictionary<string, string> ReadKnownDifferences(string path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return map;
        }

        foreach (var line in File.ReadAllLines(path))
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0)
            {
                map[line[..colon]] = line[(colon + 2)..];
            }
        }

        return map;
    }
}
