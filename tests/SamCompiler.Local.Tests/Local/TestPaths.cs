using System.Runtime.CompilerServices;

namespace SamCompiler.Local.Tests.Local;

/// <summary>Where the test inputs are: the local-invoke conformance corpus and the aws-lambda-ric install.</summary>
internal static class TestPaths
{
    /// <summary>The local-invoke corpus (SAMC_LOCAL_INVOKE_CORPUS, else shared/conformance/local-invoke above the repo), or null.</summary>
    public static string? Corpus { get; } = FindCorpus();

    /// <summary>tests/SamCompiler.Local.Tests/node (package.json pinning aws-lambda-ric).</summary>
    public static string NodeFolder { get; } = Path.Combine(ThisFolder(), "..", "node");

    /// <summary>The aws-lambda-ric package folder when <c>npm ci</c> has run in <see cref="NodeFolder"/>.</summary>
    public static string RicPackage => Path.GetFullPath(Path.Combine(NodeFolder, "node_modules", "aws-lambda-ric"));

    private static string ThisFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static string? FindCorpus()
    {
        if (Environment.GetEnvironmentVariable("SAMC_LOCAL_INVOKE_CORPUS") is { Length: > 0 } given)
        {
            return Directory.Exists(given) ? given : null;
        }

        for (var dir = new DirectoryInfo(ThisFolder()); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "conformance", "local-invoke"), Path.Combine(dir.FullName, "conformance", "local-invoke") })
            {
                if (File.Exists(Path.Combine(candidate, "cases.json")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}

/// <summary>A theory skipped (with the reason) when the conformance corpus is not on this machine.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (TestPaths.Corpus is null)
        {
            Skip = "The local-invoke conformance corpus was not found (set SAMC_LOCAL_INVOKE_CORPUS to its folder).";
        }
    }
}

/// <summary>A fact skipped (with the reason) when aws-lambda-ric has not been installed with npm ci.</summary>
public sealed class RicFactAttribute : FactAttribute
{
    public RicFactAttribute()
    {
        // npm writes node_modules/.package-lock.json only when an install has completed.
        if (!File.Exists(Path.Combine(TestPaths.RicPackage, "package.json")) || !File.Exists(Path.Combine(TestPaths.NodeFolder, "node_modules", ".package-lock.json")))
        {
            Skip = $"aws-lambda-ric is not installed: run `npm ci` in {Path.GetFullPath(TestPaths.NodeFolder)} (needs autoconf, automake, libtool, cmake, make and g++ to build its native part).";
        }
        else if (Runtimes.RuntimeCommand.FindOnPath(Environment.GetEnvironmentVariable("PATH"), "node") is null)
        {
            Skip = "node is not on PATH.";
        }
    }
}

/// <summary>A fact skipped (with the reason) when curl, which the test's shell bootstrap uses, is not on PATH.</summary>
public sealed class CurlFactAttribute : FactAttribute
{
    public CurlFactAttribute()
    {
        if (Runtimes.RuntimeCommand.FindOnPath(Environment.GetEnvironmentVariable("PATH"), "curl") is null)
        {
            Skip = "curl is not on PATH (the provided.al2023 test bootstrap is a shell script using curl).";
        }
    }
}
