using System.Globalization;
using System.Text;
using SamCompiler.Diagnostics;
using SamCompiler.Local.Invoke;
using SamCompiler.Local.Model;
using SamCompiler.Local.Pool;
using SamCompiler.Text;

namespace SamCompiler.Local.Tests.Reliability;

/// <summary>The reliability fixture's functions, read the way start-lambda reads them.</summary>
internal static class ServeSetup
{
    public static IReadOnlyList<ServeFunction> Functions(string markDir, string marker = "none")
    {
        var path = Path.Combine(SamcProcess.Fixture, "template.yaml");
        var source = new SourceText(path, File.ReadAllText(path));
        var diagnostics = new List<Diagnostic>();
        var options = new LocalTemplateOptions
        {
            ParameterOverrides = new Dictionary<string, string>(StringComparer.Ordinal) { ["MarkDir"] = markDir, ["Marker"] = marker },
        };
        var template = LocalTemplate.Load(source, SamcProcess.Fixture, options, out var loadDiagnostics);
        diagnostics.AddRange(loadDiagnostics);
        var functions = template is null ? null : ServeTemplate.Load(template, null, diagnostics);
        Assert.True(functions is not null, string.Join("\n", diagnostics));
        return functions;
    }

    public static ServeOptions Options(TimeSpan? asyncRetryDelay = null) => new()
    {
        CallerEnvironment = new Dictionary<string, string?> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") },
        AsyncRetryDelay = asyncRetryDelay ?? TimeSpan.FromMinutes(1),
        RetireInterval = Timeout.InfiniteTimeSpan,
    };

    public static LogSink Log(StringWriter? into = null) => new(TextWriter.Synchronized(into ?? new StringWriter(new StringBuilder(), CultureInfo.InvariantCulture)));
}
