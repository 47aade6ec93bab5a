using System.Diagnostics;
using SamCompiler.Model.Aws;

namespace SamCompiler.Tests.Model;

/// <summary>The AWS facts under src/SamCompiler/Data: loaded once, complete, and equal to what their sources give.</summary>
public sealed class AwsDataTests
{
    [Fact]
    public void Quotas_AreLoadedFromTheDataFile_EachWithItsAwsPage()
    {
        Assert.Equal(45, Quotas.All.Count);
        Assert.All(Quotas.All, q => Assert.StartsWith("https://docs.aws.amazon.com/", q.DocUrl, StringComparison.Ordinal));
        Assert.Equal(10240, Quotas.MemorySizeMax.Value);
        Assert.Same(Quotas.MemorySizeMax, Quotas.Get("lambda.memory-size.max"));
        Assert.Throws<InvalidOperationException>(() => Quotas.Get("no.such.quota"));
    }

    [Fact]
    public void RuntimeLifecycles_AreLoadedFromTheDataFile()
    {
        var python39 = RuntimeLifecycles.Find("python3.9")!;
        Assert.Equal(new DateOnly(2025, 12, 15), python39.Deprecated);
        Assert.Equal("python3.14", python39.Successor);
        Assert.Null(RuntimeLifecycles.Find("python3.14")!.Successor);
        Assert.Null(RuntimeLifecycles.Find("nodejs99.x"));
        Assert.Equal(RuntimeLifecycles.All.Count, RuntimeLifecycles.All.Select(r => r.Runtime).Distinct().Count());
    }

    [ReferencePackagesFact]
    public void PartitionsAndRuntimes_MatchTheirSources()
    {
        var script = Path.Combine(Infrastructure.RepoPaths.Root, "scripts", "gen-aws-data.py");
        using var process = Process.Start(new ProcessStartInfo("python3", [script, "--check"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
    }
}

/// <summary>A fact that needs python3 with aws-sam-translator, botocore and cfn-lint (the sources of the AWS data files).</summary>
public sealed class ReferencePackagesFactAttribute : FactAttribute
{
    public ReferencePackagesFactAttribute()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("python3", ["-c", "import samtranslator, botocore, cfnlint"]) { RedirectStandardError = true })!;
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Skip = "python3 lacks aws-sam-translator, botocore or cfn-lint (the sources scripts/gen-aws-data.py reads).";
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Skip = "python3 is not on PATH.";
        }
    }
}
