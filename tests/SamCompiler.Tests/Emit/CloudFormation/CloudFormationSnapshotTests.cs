using SamCompiler.Syntax;
using SamCompiler.Tests.Infrastructure;
using SamCompiler.Text;
using Xunit.Abstractions;

namespace SamCompiler.Tests.Emit.CloudFormation;

/// <summary>
/// Runs every folder of tests/snapshots/cases. A case either translates (cloudformation.json, made by the
/// reference translator through scripts/update-snapshots.sh, compared semantically like compare.py; optionally
/// cloudformation.yaml, the same document in YAML, compared against samc's --format yaml output) or is rejected
/// (diagnostics.txt, annotated source, accepted with ACCEPT=1). A case with errors has no emit files.
/// </summary>
[Trait("Category", "Snapshot")]
public sealed class CloudFormationSnapshotTests(ITestOutputHelper output)
{
    [Fact]
    public void Cases_Exist()
    {
        Assert.NotEmpty(SnapshotCases.Names());
    }

    [Theory]
    [MemberData(nameof(SnapshotCases.All), MemberType = typeof(SnapshotCases))]
    public void Case_MatchesExpectedOutputs(string name)
    {
        var snapshot = SnapshotCase.Load(name);
        var source = snapshot.Source();
        var compilation = TemplateCompiler.Compile(source, snapshot.Options());
        Assert.DoesNotContain(compilation.Diagnostics, d => d.Id == "SAM0001");

        if (compilation.HasErrors)
        {
            // Checked before anything is accepted, so ACCEPT=1 never records errors for a case the reference translates.
            Snapshot.AssertAbsent(snapshot.RelativePath(SnapshotCase.JsonFile), "samc reports errors for this case, and an error case has no emit files (or samc is wrong: see diagnostics below).\n" + string.Join('\n', compilation.Diagnostics));
            Snapshot.AssertAbsent(snapshot.RelativePath(SnapshotCase.YamlFile), "an error case has no emit files.");
            Snapshot.Match(DiagnosticAnnotator.Annotate(source, compilation.Diagnostics), snapshot.RelativePath(SnapshotCase.DiagnosticsFile), output);
            return;
        }

        if (compilation.Diagnostics.Count > 0)
        {
            Snapshot.Match(DiagnosticAnnotator.Annotate(source, compilation.Diagnostics), snapshot.RelativePath(SnapshotCase.DiagnosticsFile), output);
        }
        else
        {
            Snapshot.AssertAbsent(snapshot.RelativePath(SnapshotCase.DiagnosticsFile), "samc reports no diagnostics for this case.");
        }

        Assert.True(snapshot.Has(SnapshotCase.JsonFile), $"{name}: samc translates this case but it has no {SnapshotCase.JsonFile}. If the reference translates it, generate the file with scripts/update-snapshots.sh (never with samc); if the reference rejects it (the script prints REJECTED), samc must reject it too, and its diagnostics.txt is then accepted with {Snapshot.RerunLine}.");
        AssertNoDifferences(name, SnapshotCase.JsonFile, TemplateComparer.DiffJson(snapshot.Read(SnapshotCase.JsonFile), compilation.Output!));

        if (snapshot.Has(SnapshotCase.YamlFile))
        {
            var yaml = TemplateCompiler.Compile(source, snapshot.Options(OutputFormat.Yaml));
            Assert.NotNull(yaml.Output);
            var expected = YamlDocumentLoader.Load(new SourceText(SnapshotCase.YamlFile, snapshot.Read(SnapshotCase.YamlFile)));
            var actual = YamlDocumentLoader.Load(new SourceText("output.yaml", yaml.Output));
            Assert.Empty(expected.Diagnostics);
            Assert.Empty(actual.Diagnostics);
            AssertNoDifferences(name, SnapshotCase.YamlFile, TemplateComparer.Diff(TemplateComparer.FromNode(expected.Root), TemplateComparer.FromNode(actual.Root)));
        }
    }

    private static void AssertNoDifferences(string name, string file, IReadOnlyList<string> diffs)
    {
        if (diffs.Count > 0)
        {
            Assert.Fail($"{name}: samc's output differs from {file} (the reference translator's) in {diffs.Count} place(s):\n{string.Join('\n', diffs.Take(30))}");
        }
    }
}
