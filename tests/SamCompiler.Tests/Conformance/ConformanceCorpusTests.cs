using SamCompiler.Tests.Infrastructure;
using SamCompiler.Text;
using Xunit.Abstractions;

namespace SamCompiler.Tests.Conformance;

/// <summary>
/// Runs the shared conformance corpora (../shared/conformance/{sam-translator,real-world}/cases) in-process, when
/// they are present, and compares like compare.py. It reports the counts and never fails on them (the CI floor
/// check in .ci/run does that, through the real samc binary); it fails on a crash: an exception or SAM0001.
/// </summary>
[Trait("Category", "Conformance")]
public sealed class ConformanceCorpusTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("sam-translator")]
    [InlineData("real-world")]
    public void Corpus_TranslatesWithoutCrashing(string corpus)
    {
        var shared = RepoPaths.Shared;
        if (shared is null)
        {
            output.WriteLine("../shared/conformance is absent; nothing to run.");
            return;
        }

        var casesDir = Path.Combine(shared, "conformance", corpus, "cases");
        if (!Directory.Exists(casesDir))
        {
            output.WriteLine($"{casesDir} is absent; nothing to run.");
            return;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { ["PASS"] = 0, ["ERROR-MATCH"] = 0, ["FAIL"] = 0, ["CRASH"] = 0 };
        var crashes = new List<string>();
        var failures = new List<string>();
        foreach (var dir in Directory.GetDirectories(casesDir).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            var (status, detail) = RunCase(dir);
            counts[status]++;
            if (status == "CRASH")
            {
                crashes.Add($"{name}: {detail}");
            }
            else if (status == "FAIL")
            {
                failures.Add(name);
            }
        }

        var passed = counts["PASS"] + counts["ERROR-MATCH"];
        var failed = counts["FAIL"] + counts["CRASH"];
        output.WriteLine($"{corpus}: # PASS {counts["PASS"]}, ERROR-MATCH {counts["ERROR-MATCH"]}, FAIL {counts["FAIL"]}, CRASH {counts["CRASH"]}");
        output.WriteLine($"{corpus}: {passed} passed, {failed} failed");
        foreach (var f in failures.Take(50))
        {
            output.WriteLine("FAIL  " + f);
        }

        Assert.True(crashes.Count == 0, $"{crashes.Count} case(s) of {corpus} crashed samc:\n" + string.Join('\n', crashes.Take(40)));
    }

    /// <summary>One case as compare.py judges it, except that rejections are told apart from crashes.</summary>
    private static (string Status, string Detail) RunCase(string dir)
    {
        var input = new[] { "input.yaml", "input.yml", "input.json" }.Select(f => Path.Combine(dir, f)).FirstOrDefault(File.Exists);
        var expectedPath = Path.Combine(dir, "expected.json");
        if (input is null || !File.Exists(expectedPath))
        {
            return ("CRASH", "the case folder has no input.yaml or expected.json");
        }

        var expected = File.ReadAllText(expectedPath);
        Compilation compilation;
        try
        {
            compilation = TemplateCompiler.Compile(new SourceText(Path.GetFileName(input), File.ReadAllText(input)), new CompileOptions());
        }
        catch (Exception ex)
        {
            return ("CRASH", $"{ex.GetType().Name}: {ex.Message}");
        }

        var bug = compilation.Diagnostics.FirstOrDefault(d => d.Id == "SAM0001");
        if (bug is not null)
        {
            return ("CRASH", bug.ToString());
        }

        if (compilation.HasErrors && compilation.Diagnostics.Any(d => d.IsError && (!d.Span.IsKnown || d.Span.Start.Line < 1 || d.Span.Start.Column < 1)))
        {
            return ("CRASH", "an error diagnostic has no file:line:col: " + compilation.Diagnostics.First(d => d.IsError && (!d.Span.IsKnown || d.Span.Start.Line < 1)));
        }

        if (TemplateComparer.IsErrorDocument(expected))
        {
            return compilation.HasErrors ? ("ERROR-MATCH", string.Empty) : ("FAIL", "expected a translation error");
        }

        if (compilation.Output is null)
        {
            return ("FAIL", string.Join(" | ", compilation.Diagnostics.Take(3)));
        }

        var diffs = TemplateComparer.DiffJson(expected, compilation.Output);
        return diffs.Count == 0 ? ("PASS", string.Empty) : ("FAIL", $"{diffs.Count} difference(s)");
    }
}
