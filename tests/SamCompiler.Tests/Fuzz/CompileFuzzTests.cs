using System.Diagnostics;
using System.Text;
using SamCompiler.Diagnostics;
using SamCompiler.Tests.Infrastructure;
using SamCompiler.Text;
using SamCompiler.Validation;
using Xunit.Abstractions;

namespace SamCompiler.Tests.Fuzz;

/// <summary>
/// Bounded, deterministic fuzzing of <see cref="TemplateCompiler.Compile"/> and <see cref="Validator.Lint"/>: byte
/// flips, truncations and line deletions of corpus templates (the shared conformance inputs when present, plus the
/// snapshot cases). Each input is compiled and linted under a watchdog: an input that takes longer than
/// <see cref="HangLimit"/> is a hang. Zero exceptions, zero SAM0001 (samc's exit 3) and zero hangs are allowed, and
/// every error must name a file, a line and a column. The seed is fixed and the run is exactly
/// <see cref="Inputs"/> inputs; <see cref="Budget"/> only bounds a machine too slow to finish (the test then fails
/// saying how far it got).
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class CompileFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261122;
    private const int Inputs = 10_000;
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(5);
    private static readonly LintOptions Lint = new() { Today = new DateOnly(2026, 12, 1) };

    private static readonly byte[] InterestingBytes = "\t\n\r :-[]{}!&*#'\"|>%@`,?<=0\\"u8.ToArray();

    [Fact]
    public async Task MutatedTemplates_NeverCrash_NeverHang_AndErrorsHavePositions()
    {
        var corpus = Corpus();
        Assert.NotEmpty(corpus);
        var random = new Random(Seed);
        var clock = Stopwatch.StartNew();
        var problems = new List<string>();
        var runs = 0;
        var rejected = 0;
        var hangs = 0;
        var slowest = TimeSpan.Zero;
        while (runs < Inputs && clock.Elapsed < Budget && problems.Count < 20 && hangs == 0)
        {
            var (name, bytes) = corpus[random.Next(corpus.Count)];
            var kind = random.Next(4);
            var mutated = kind switch
            {
                0 => FlipBytes(bytes, random),
                1 => Truncate(bytes, random),
                2 => DeleteLines(bytes, random),
                _ => FlipBytes(DeleteLines(bytes, random), random),
            };
            var text = Encoding.UTF8.GetString(mutated);
            var label = $"{name} mutation #{runs} ({KindName(kind)}, seed {Seed})";
            runs++;
            var started = Stopwatch.GetTimestamp();
            var work = Task.Run(() => Check(text, label, problems, ref rejected));
            if (await Task.WhenAny(work, Task.Delay(HangLimit)) != work)
            {
                hangs++;
                problems.Add($"{label}: hang (no result within {HangLimit.TotalSeconds} s)");
                Dump(label, text);
                break;
            }

            var took = Stopwatch.GetElapsedTime(started);
            slowest = took > slowest ? took : slowest;
        }

        output.WriteLine($"{runs} inputs (compile + lint) from {corpus.Count} templates in {clock.Elapsed.TotalSeconds:F1} s, slowest {slowest.TotalMilliseconds:F0} ms; {rejected} rejected by compile; {problems.Count} problem(s), {hangs} hang(s).");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(runs == Inputs, $"only {runs} of {Inputs} inputs ran within {Budget.TotalMinutes} minutes");
    }

    private static void Check(string text, string label, List<string> problems, ref int rejected)
    {
        var source = new SourceText("fuzz.yaml", text);
        try
        {
            var compilation = TemplateCompiler.Compile(source, new CompileOptions());
            if (compilation.HasErrors)
            {
                Interlocked.Increment(ref rejected);
            }

            Inspect("compile", compilation.Diagnostics, label, text, problems);
            Inspect("lint", Validator.Lint(source, Lint).Diagnostics, label, text, problems);
        }
        catch (Exception ex)
        {
            lock (problems)
            {
                problems.Add($"{label}: {ex.GetType().Name}: {ex.Message} at {ex.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
            }

            Dump(label, text);
        }
    }

    private static void Inspect(string phase, IEnumerable<Diagnostic> diagnostics, string label, string text, List<string> problems)
    {
        foreach (var d in diagnostics)
        {
            string? problem = null;
            if (d.Id == "SAM0001")
            {
                problem = $"{label}: {phase}: {d}";
                Dump(label, text);
            }
            else if (d.IsError && (d.Span.Path != "fuzz.yaml" || d.Span.Start.Line < 1 || d.Span.Start.Column < 1))
            {
                problem = $"{label}: {phase}: error without file:line:col: {d}";
            }

            if (problem is not null)
            {
                lock (problems)
                {
                    problems.Add(problem);
                }
            }
        }
    }

    /// <summary>With SAMC_FUZZ_DUMP set to a folder, failing inputs are written there for reproduction.</summary>
    private static void Dump(string label, string text)
    {
        var dir = Environment.GetEnvironmentVariable("SAMC_FUZZ_DUMP");
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
            var file = string.Concat(label.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')) + ".yaml";
            File.WriteAllText(Path.Combine(dir, file), text);
        }
    }

    private static string KindName(int kind) => kind switch
    {
        0 => "byte flips",
        1 => "truncation",
        2 => "line deletion",
        _ => "line deletion and byte flips",
    };

    private static byte[] FlipBytes(byte[] input, Random random)
    {
        var bytes = (byte[])input.Clone();
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var flips = 1 + random.Next(4);
        for (var i = 0; i < flips; i++)
        {
            var at = random.Next(bytes.Length);
            bytes[at] = random.Next(3) switch
            {
                0 => InterestingBytes[random.Next(InterestingBytes.Length)],
                1 => (byte)(bytes[at] ^ (1 << random.Next(8))),
                _ => (byte)random.Next(256),
            };
        }

        return bytes;
    }

    private static byte[] Truncate(byte[] input, Random random) => input.Length == 0 ? input : input[..random.Next(input.Length)];

    private static byte[] DeleteLines(byte[] input, Random random)
    {
        var lines = Encoding.UTF8.GetString(input).Split('\n').ToList();
        var deletions = 1 + random.Next(3);
        for (var i = 0; i < deletions && lines.Count > 1; i++)
        {
            lines.RemoveAt(random.Next(lines.Count));
        }

        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    /// <summary>The inputs to mutate, in a fixed order.</summary>
    private static List<(string Name, byte[] Bytes)> Corpus()
    {
        var files = new List<string>();
        if (RepoPaths.Shared is { } shared)
        {
            foreach (var corpus in new[] { "sam-translator", "real-world" })
            {
                var dir = Path.Combine(shared, "conformance", corpus, "cases");
                if (Directory.Exists(dir))
                {
                    files.AddRange(Directory.GetFiles(dir, "input.*", SearchOption.AllDirectories));
                }
            }
        }

        foreach (var name in SnapshotCases.Names())
        {
            files.Add(Path.Combine(RepoPaths.SnapshotCases, name, "template.yaml"));
        }

        return [.. files
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(f)!)!, f), File.ReadAllBytes(f)))
            .Where(c => c.Item2.Length <= 64 * 1024)];
    }
}
