using SamCompiler.Diagnostics;
using SamCompiler.Text;
using SamCompiler.Validation;

namespace SamCompiler.Tests.Validation;

/// <summary>Builds small templates and lints them.</summary>
internal static class LintHarness
{
    /// <summary>A fixed day, so runtime dates do not move the tests.</summary>
    public static readonly DateOnly Today = new(2026, 11, 22);

    public static LintOptions Options => new() { Today = Today };

    public static IReadOnlyList<Diagnostic> Lint(string yaml, LintOptions? options = null) =>
        Validator.Lint(new SourceText("template.yaml", yaml), options ?? Options).Diagnostics;

    /// <summary>The diagnostics of one descriptor.</summary>
    public static List<Diagnostic> Of(this IReadOnlyList<Diagnostic> diagnostics, DiagnosticDescriptor descriptor) =>
        [.. diagnostics.Where(d => d.Id == descriptor.Id)];

    /// <summary>Indents every line of <paramref name="text"/> by <paramref name="spaces"/>.</summary>
    public static string Indent(string text, int spaces) =>
        string.Join("\n", text.Split('\n').Select(l => l.Length == 0 ? l : new string(' ', spaces) + l));

    /// <summary>A SAM template with one function MyFn (CodeUri, Handler, Runtime python3.12) plus <paramref name="properties"/>.</summary>
    public static string Function(string properties, string resources = "", string globals = "", string top = "") =>
        "Transform: AWS::Serverless-2016-10-31\n" + top +
        (globals.Length > 0 ? "Globals:\n  Function:\n" + Indent(globals, 4) + "\n" : string.Empty) +
        "Resources:\n  MyFn:\n    Type: AWS::Serverless::Function\n    Properties:\n" +
        "      CodeUri: s3://bucket/key.zip\n      Handler: app.handler\n      Runtime: python3.12\n" +
        Indent(properties, 6) + "\n" + (resources.Length > 0 ? Indent(resources, 2) + "\n" : string.Empty);
}
