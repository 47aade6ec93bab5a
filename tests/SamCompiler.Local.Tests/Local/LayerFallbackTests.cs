using System.Text;
using System.Text.Json;
using SamCompiler.Local.Invoke;
using SamCompiler.Local.Model;

namespace SamCompiler.Local.Tests.Local;

/// <summary>Layers without a mount namespace: SAM6005 and the language paths (PYTHONPATH, NODE_PATH), later layers first.</summary>
public sealed class LayerFallbackTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("samc-local-layers-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("python3.12", "app.handler")]
    [InlineData("nodejs20.x", "index.handler")]
    public async Task LaterLayersWinOnTheLanguagePaths(string runtime, string handler)
    {
        Write("l1/python/shared.py", "X = 'l1'\n");
        Write("l2/python/shared.py", "X = 'l2'\n");
        Write("l1/nodejs/node_modules/shared/index.js", "exports.X = 'l1';\n");
        Write("l2/nodejs/node_modules/shared/index.js", "exports.X = 'l2';\n");
        Write("code/app.py", "import shared\ndef handler(event, context):\n    return {'x': shared.X}\n");
        Write("code/index.js", "exports.handler = async () => ({ x: require('shared').X });\n");
        var function = new LocalFunction
        {
            LogicalId = "Fn",
            Runtime = runtime,
            Handler = handler,
            CodeDirectory = Path.Combine(_folder, "code"),
            Layers = [Path.Combine(_folder, "l1"), Path.Combine(_folder, "l2")],
        };
        var log = new StringWriter(new StringBuilder(), System.Globalization.CultureInfo.InvariantCulture);
        var invoker = new LocalInvoker(TimeProvider.System, new LogSink(log));
        var caller = new Dictionary<string, string?> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") };

        var report = await invoker.InvokeAsync(new InvokeRequest { Function = function, Event = "{}"u8.ToArray(), CallerEnvironment = caller, UseMountNamespace = false }, CancellationToken.None);

        Assert.NotNull(report.Result);
        Assert.Null(report.Result.ErrorType);
        using var doc = JsonDocument.Parse(report.Result.Payload);
        Assert.Equal("l2", doc.RootElement.GetProperty("x").GetString());
        Assert.Contains(report.Diagnostics, d => d.Id == "SAM6005");
        Assert.Contains("warning SAM6005", log.ToString(), StringComparison.Ordinal);
    }
}
