using System.Text;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace SamCompiler.Tests.Infrastructure;

/// <summary>
/// Golden-file assertions (STYLE.md 3.6). Expected files live under the repository root; line endings are
/// normalised to "\n" with one final newline. <c>ACCEPT=1</c> writes a missing or different file instead of
/// failing, unless <c>CI</c> is set too.
/// </summary>
public static class Snapshot
{
    /// <summary>The command that rewrites goldens.</summary>
    public const string RerunLine = "ACCEPT=1 dotnet test --filter Category=Snapshot";

    /// <summary>True when ACCEPT=1 is set.</summary>
    public static bool AcceptRequested => Environment.GetEnvironmentVariable("ACCEPT") == "1";

    /// <summary>True when CI is set (to anything but empty).</summary>
    public static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Compares <paramref name="actual"/> with the file at <paramref name="relativePath"/> (from the repo root).</summary>
    public static void Match(string actual, string relativePath, ITestOutputHelper? output = null)
    {
        var path = RepoPaths.FromRoot(relativePath);
        var normalizedActual = Normalize(actual);
        string? expected = File.Exists(path) ? Normalize(File.ReadAllText(path)) : null;
        if (expected == normalizedActual)
        {
            return;
        }

        if (AcceptRequested)
        {
            if (InCi)
            {
                throw new XunitException($"ACCEPT=1 is refused because CI is set; the snapshot {relativePath} differs and was not written.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, normalizedActual);
            output?.WriteLine($"accepted {relativePath} (review with: git diff tests/snapshots)");
            return;
        }

        if (expected is null)
        {
            throw new XunitException($"The snapshot {relativePath} does not exist.\nRun: {RerunLine}\nActual:\n{normalizedActual}");
        }

        throw new XunitException($"The snapshot {relativePath} differs.\n{FirstDifference(expected, normalizedActual)}\nRun: {RerunLine}");
    }

    /// <summary>Fails when a file that the case must not have exists (a stale golden).</summary>
    public static void AssertAbsent(string relativePath, string why)
    {
        if (File.Exists(RepoPaths.FromRoot(relativePath)))
        {
            throw new XunitException($"Stale snapshot {relativePath}: {why} Delete it.");
        }
    }

    /// <summary>"\n" line ends and exactly one final newline.</summary>
    public static string Normalize(string text)
    {
        var s = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return s.TrimEnd('\n') + "\n";
    }

    /// <summary>The first differing lines, with their 1-based line numbers and both sides.</summary>
    public static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var sb = new StringBuilder();
        var shown = 0;
        for (var i = 0; i < Math.Max(e.Length, a.Length) && shown < 5; i++)
        {
            var el = i < e.Length ? e[i] : "<end of file>";
            var al = i < a.Length ? a[i] : "<end of file>";
            if (el != al)
            {
                sb.Append("line ").Append(i + 1).Append('\n')
                  .Append("  expected: ").Append(el).Append('\n')
                  .Append("  actual:   ").Append(al).Append('\n');
                shown++;
            }
        }

        return sb.ToString();
    }
}
