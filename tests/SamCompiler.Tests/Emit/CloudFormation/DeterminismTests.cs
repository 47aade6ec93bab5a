using SamCompiler.Syntax;
using SamCompiler.Tests.Infrastructure;
using SamCompiler.Text;

namespace SamCompiler.Tests.Emit.CloudFormation;

/// <summary>STYLE.md 3.4: every case compiles to the same bytes twice, in both formats, and the YAML output loads back to the JSON output's tree.</summary>
public sealed class DeterminismTests
{
    [Theory]
    [MemberData(nameof(SnapshotCases.All), MemberType = typeof(SnapshotCases))]
    public void Case_CompilesToTheSameBytesTwice(string name)
    {
        var snapshot = SnapshotCase.Load(name);
        foreach (var format in new[] { OutputFormat.Json, OutputFormat.Yaml })
        {
            var first = TemplateCompiler.Compile(snapshot.Source(), snapshot.Options(format));
            var second = TemplateCompiler.Compile(snapshot.Source(), snapshot.Options(format));
            Assert.Equal(first.Output, second.Output);
            Assert.Equal(first.Diagnostics.Select(d => d.ToString()), second.Diagnostics.Select(d => d.ToString()));
        }
    }

    [Theory]
    [MemberData(nameof(SnapshotCases.All), MemberType = typeof(SnapshotCases))]
    public void Case_YamlOutputLoadsToTheJsonOutputTree(string name)
    {
        var snapshot = SnapshotCase.Load(name);
        var json = TemplateCompiler.Compile(snapshot.Source(), snapshot.Options(OutputFormat.Json));
        var yaml = TemplateCompiler.Compile(snapshot.Source(), snapshot.Options(OutputFormat.Yaml));
        if (json.Output is null)
        {
            Assert.Null(yaml.Output);
            return;
        }

        Assert.NotNull(yaml.Output);
        Assert.DoesNotContain(snapshot.Dir, json.Output, StringComparison.Ordinal);
        Assert.EndsWith("\n", json.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\n", json.Output, StringComparison.Ordinal);
        var fromJson = YamlDocumentLoader.Load(new SourceText("out.json", json.Output));
        var fromYaml = YamlDocumentLoader.Load(new SourceText("out.yaml", yaml.Output));
        Assert.Empty(fromYaml.Diagnostics);
        Assert.Empty(TemplateComparer.Diff(TemplateComparer.FromNode(fromJson.Root), TemplateComparer.FromNode(fromYaml.Root)));
        Assert.Empty(TemplateComparer.Diff(TemplateComparer.FromNode(json.Document), TemplateComparer.FromNode(fromYaml.Root)));
    }
}
