using System.Diagnostics;
using System.Text;
using SamCompiler.Tests.Infrastructure;
using SamCompiler.Text;
using Xunit.Abstractions;

namespace SamCompiler.Tests.Fuzz;

/// <summary>
/// Bounded, deterministic fuzzing of <see cref="TemplateCompiler.Compile"/>: byte flips, truncations and line
/// deletions of corpus templates (the shared conformance inputs when present, else the snapshot cases). Zero
/// exceptions and zero SAM0001 are allowed, and every error must name a file, a line and a column. The seed is
/// fixed; the run stops after <see cref="MaxMutations"/> mutations or about 30 seconds, whichever comes first
/// (the time only bounds the run; nothing is asserted about it).
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class CompileFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261122;
    private const int MaxMutations = 40_000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    private static readonly byte[] InterestingBytes = "\t\n\r :-[]{}!&*#'\"|>%@`,?<=0\\"u8.ToArray();

    [Fact]
    public void MutatedTemplates_NeverCrash_AndErrorsHavePositions()
    {
        var corpus = Corpus();
        Assert.NotEmpty(corpus);
        var random = new Random(Seed);
        var clock = Stopwatch.StartNew();
        var problems = new List<string>();
        var runs = 0;
        var rejected = 0;
        while (runs < MaxMutations && clock.Elapsed < Budget && problems.Count < 20)
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
            try
            {
                var compilation = TemplateCompiler.Compile(new SourceText("fuzz.yaml", text), new CompileOptions());
                if (compilation.HasErrors)
                {
                    rejected++;
                }

                foreach (var d in compilation.Diagnostics)
                {
                    if (d.Id == "SAM0001")
                    {
                        problems.Add($"{label}: {d}");
                        Dump(label, text);
                    }
                    else if (d.IsError && (d.Span.Path != "fuzz.yaml" || d.Span.Start.Line < 1 || d.Span.Start.Column < 1))
                    {
                        problems.Add($"{label}: error without file:line:col: {d}");
                    }
                }
            }
            catch (Exception ex)
            {
                problems.Add($"{label}: {ex.GetType().Name}: {ex.Message} at {ex.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
                Dump(label, text);
            }
        }

        output.WriteLine($"{runs} mutations of {corpus.Count} templates in {clock.Elapsed.TotalSeconds:F1} s; {rejected} rejected, {runs - rejected} compiled; {problems.Count} problem(s).");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
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
