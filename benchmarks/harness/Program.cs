using System.Diagnostics;
using SamCompiler.Cli;
using SamCompiler.Emit.CloudFormation;
using SamCompiler.Syntax;
using SamCompiler.Text;
using SamCompiler.Transform;
using SamCompiler.Validation;

// A stopwatch harness over the compiler library, in one process (JIT, after warm-up), for finding where time and
// allocation go; and a golden writer that runs the CLI in-process over many templates, so an optimisation can be
// checked to change no output byte. Whole-process timings against the reference tools are benchmarks/run-all.sh.
return args switch
{
    ["phases", var path, ..] => Phases(path, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5),
    ["golden", var outDir, .. var inputs] => Golden(outDir, inputs),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: harness phases TEMPLATE [N] | harness golden OUTDIR TEMPLATE...");
    return 2;
}

// Times each phase of a compile and a lint of one template: the median of N runs after one warm-up run, with the
// bytes each phase allocates.
static int Phases(string path, int runs)
{
    var source = new SourceText(path, File.ReadAllText(path));
    var options = new TranslateOptions();
    var rows = new Dictionary<string, List<(double Ms, long Bytes)>>();

    void Measure(string name, Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        action();
        sw.Stop();
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        if (!rows.TryGetValue(name, out var list))
        {
            rows[name] = list = [];
        }

        list.Add((sw.Elapsed.TotalMilliseconds, bytes));
    }

    for (var i = 0; i <= runs; i++)
    {
        LoadResult? load = null;
        MapNode? translated = null;
        Measure("load (YAML -> nodes)", () => load = YamlDocumentLoader.Load(source));
        Measure("translate", () => translated = SamTranslator.Translate(source, load!.Root!, options).Template);
        Measure("write JSON", () => CfnJsonWriter.Write(translated!));
        Measure("write YAML", () => CfnYamlWriter.Write(translated!));
        Measure("lint (load + translate + rules)", () => Validator.Lint(source, new LintOptions { Today = new DateOnly(2026, 12, 7) }));
        if (i == 0)
        {
            rows.Clear(); // warm-up
        }
    }

    Console.WriteLine($"{path}: median of {runs} runs (JIT, warmed up)");
    foreach (var (name, list) in rows)
    {
        var ms = list.Select(x => x.Ms).Order().ElementAt(list.Count / 2);
        var mb = list.Select(x => x.Bytes).Order().ElementAt(list.Count / 2) / 1048576.0;
        Console.WriteLine($"  {name,-34} {ms,9:F2} ms {mb,9:F1} MB allocated");
    }

    return 0;
}

// For each input: compile (JSON), compile --format yaml and lint --format json, through the CLI in-process; stdout,
// stderr and the exit code of each go to OUTDIR/<n>.<kind>.
static int Golden(string outDir, string[] inputs)
{
    Directory.CreateDirectory(outDir);
    var n = 0;
    foreach (var input in inputs)
    {
        var name = input.Replace('/', '_');
        foreach (var (kind, args) in new[]
        {
            ("json", new[] { "compile", input }),
            ("yaml", new[] { "compile", "--format", "yaml", input }),
            ("lint", new[] { "lint", "--format", "json", input }),
        })
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var context = new CliContext(stdout, stderr, Directory.GetCurrentDirectory(), new Dictionary<string, string?>());
            var code = SamCompiler.Cli.Program.Run(args, context);
            File.WriteAllText(Path.Combine(outDir, $"{name}.{kind}"), $"exit {code}\n--- stdout\n{stdout}--- stderr\n{stderr}");
        }

        n++;
    }

    Console.WriteLine($"{n} templates written to {outDir}");
    return 0;
}
