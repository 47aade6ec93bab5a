using SamCompiler.Diagnostics;
using SamCompiler.Validation;
using static SamCompiler.Tests.Validation.LintHarness;

namespace SamCompiler.Tests.Validation;

/// <summary>A probe with fixed sizes per location.</summary>
internal sealed class FakeProbe(Dictionary<string, (long Unzipped, long Zipped)> sizes) : ICodeSizeProbe
{
    public CodeSize? Measure(string location, bool needZipped) =>
        sizes.TryGetValue(location, out var s) ? new CodeSize(s.Unzipped, needZipped ? s.Zipped : null) : null;
}

public class PackageUnzippedSizeRuleTests
{
    private const long Limit = 262_144_000;

    private static string Yaml => Function(
        "CodeUri: src/\nLayers:\n  - !Ref Deps",
        resources: "Deps:\n  Type: AWS::Serverless::LayerVersion\n  Properties:\n    ContentUri: layer/").Replace("      CodeUri: s3://bucket/key.zip\n", string.Empty, StringComparison.Ordinal);

    [Theory]
    [InlineData(Limit - 1000, 1000, 0)]
    [InlineData(Limit - 1000, 1001, 1)]
    public void CodePlusLayer_Boundaries(long code, long layer, int expected)
    {
        var probe = new FakeProbe(new() { ["src/"] = (code, 1), ["layer/"] = (layer, 1) });
        Assert.Equal(expected, Lint(Yaml, Options with { CodeSizes = probe }).Of(DiagnosticCatalog.PackageUnzippedSize).Count);
    }

    [Fact]
    public void S3CodeUri_IsNotMeasured()
    {
        var probe = new FakeProbe(new() { ["s3://bucket/key.zip"] = (Limit * 2, 1) });
        Assert.Empty(Lint(Function(string.Empty), Options with { CodeSizes = probe }).Of(DiagnosticCatalog.PackageUnzippedSize));
    }
}

public class PackageZippedSizeRuleTests
{
    [Theory]
    [InlineData(52_428_800, 0)]
    [InlineData(52_428_801, 1)]
    public void Zipped_Boundaries(long zipped, int expected)
    {
        var yaml = Function(string.Empty).Replace("CodeUri: s3://bucket/key.zip", "CodeUri: src/", StringComparison.Ordinal);
        var probe = new FakeProbe(new() { ["src/"] = (100_000_000, zipped) });
        Assert.Equal(expected, Lint(yaml, Options with { CodeSizes = probe }).Of(DiagnosticCatalog.PackageZippedSize).Count);
    }
}
