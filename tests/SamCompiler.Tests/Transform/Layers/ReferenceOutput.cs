using SamCompiler.Diagnostics;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Tests.Transform.Layers;

/// <summary>
/// Compiles a SAM template and compares the result with what the reference translator (aws-sam-translator 1.110.0,
/// run through /work/shared/conformance/sam_translate.py) printed for the same input.
/// </summary>
internal static class ReferenceOutput
{
    public static Compilation Compile(string yaml) =>
        TemplateCompiler.Compile(new SourceText("template.yaml", yaml), new CompileOptions());

    public static MapNode Load(string text)
    {
        var load = YamlDocumentLoader.Load(new SourceText("expected.json", text));
        Assert.NotNull(load.Root);
        return load.Root!;
    }

    /// <summary>Asserts that <paramref name="yaml"/> compiles to the document in <paramref name="expectedJson"/> (key order ignored).</summary>
    public static void AssertTranslatesTo(string yaml, string expectedJson)
    {
        var compilation = Compile(yaml);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        AssertSame(Load(expectedJson), compilation.Document!);
    }

    public static void AssertSame(Node expected, Node actual) =>
        Assert.True(Node.DeepEquals(expected, actual), $"expected:\n{PyJson.Dumps(expected)}\nactual:\n{PyJson.Dumps(actual)}");

    /// <summary>The error messages, sorted (the reference sorts its list of errors).</summary>
    public static List<string> Errors(Compilation compilation) =>
        [.. compilation.Diagnostics.Where(d => d.IsError).Select(d => d.Message).Order(StringComparer.Ordinal)];

    /// <summary>The single error diagnostic.</summary>
    public static Diagnostic SingleError(string yaml) => Assert.Single(Compile(yaml).Diagnostics, d => d.IsError);
}
