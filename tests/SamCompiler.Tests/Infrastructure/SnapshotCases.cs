using System.Text.Json;
using SamCompiler.Syntax;
using SamCompiler.Text;
using SamCompiler.Transform;

namespace SamCompiler.Tests.Infrastructure;

/// <summary>One folder of tests/snapshots/cases: the input template, optional options and expected outputs.</summary>
public sealed class SnapshotCase
{
    /// <summary>Expected diagnostics, Bicep-style annotated source.</summary>
    public const string DiagnosticsFile = "diagnostics.txt";

    /// <summary>Expected CloudFormation JSON, made by the reference translator (never by samc).</summary>
    public const string JsonFile = "cloudformation.json";

    /// <summary>Expected CloudFormation as YAML (the reference's output in YAML form), compared semantically.</summary>
    public const string YamlFile = "cloudformation.yaml";

    private SnapshotCase(string name)
    {
        Name = name;
    }

    /// <summary>The folder name, e.g. 001-zip-function.</summary>
    public string Name { get; }

    /// <summary>The folder, relative to the repository root with forward slashes.</summary>
    public string RelativeDir => "tests/snapshots/cases/" + Name;

    /// <summary>The absolute folder.</summary>
    public string Dir => RepoPaths.FromRoot(RelativeDir);

    /// <summary>Loads a case by name.</summary>
    public static SnapshotCase Load(string name) => new(name);

    /// <summary>The path of an expected file relative to the repository root.</summary>
    public string RelativePath(string file) => RelativeDir + "/" + file;

    /// <summary>True when the case folder holds <paramref name="file"/>.</summary>
    public bool Has(string file) => File.Exists(Path.Combine(Dir, file));

    /// <summary>The text of a file of the case.</summary>
    public string Read(string file) => File.ReadAllText(Path.Combine(Dir, file));

    /// <summary>
    /// The template, read byte-exact (CRLF kept), reported under the path template.yaml so diagnostics never
    /// contain a machine's absolute path.
    /// </summary>
    public SourceText Source() => new("template.yaml", File.ReadAllText(Path.Combine(Dir, "template.yaml")));

    /// <summary>Compile options from options.json (<c>{"region": "eu-west-1"}</c>), else the defaults.</summary>
    public CompileOptions Options(OutputFormat format = OutputFormat.Json)
    {
        var region = "us-east-1";
        if (Has("options.json"))
        {
            using var doc = JsonDocument.Parse(Read("options.json"));
            if (doc.RootElement.TryGetProperty("region", out var r) && r.GetString() is { } s)
            {
                region = s;
            }
        }

        return new CompileOptions
        {
            Format = format,
            Translate = new TranslateOptions { Region = region, ParameterOverrides = ReferenceParameters() },
        };
    }

    /// <summary>The parameter values sam_translate.py passes (the upstream test harness's param1/param2).</summary>
    public static Dictionary<string, Node> ReferenceParameters() => new(StringComparer.Ordinal)
    {
        ["param1"] = "value1",
        ["param2"] = "value2",
    };

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>Lists the snapshot case folders for xunit <c>[MemberData]</c>, in ordinal order, by name.</summary>
public static class SnapshotCases
{
    /// <summary>Every case folder name under tests/snapshots/cases.</summary>
    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names())
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>The case names, ordinal order.</summary>
    public static IReadOnlyList<string> Names()
    {
        var dir = RepoPaths.SnapshotCases;
        if (!Directory.Exists(dir))
        {
            return [];
        }

        return [.. Directory.GetDirectories(dir)
            .Where(d => File.Exists(Path.Combine(d, "template.yaml")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)];
    }
}
