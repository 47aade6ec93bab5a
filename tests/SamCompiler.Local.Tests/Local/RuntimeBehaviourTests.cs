using System.Text.Json;
using System.Text.RegularExpressions;
using SamCompiler.Cli.Commands;

namespace SamCompiler.Local.Tests.Local;

/// <summary>
/// Behaviours of samc's bootstraps and of the invoker beyond the corpus: handler shapes (dotted module paths, ES
/// modules, nested exports, context.succeed), Lambda's init error shapes, provided runtimes, crashes and memory.
/// Expected shapes are those of Lambda's runtime interface clients (awslambdaric, aws-lambda-ric).
/// </summary>
public sealed class RuntimeBehaviourTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("samc-local-behaviour-").FullName;

    public RuntimeBehaviourTests()
    {
        Write("template.yaml", """
            Resources:
              PyDotted:
                Type: AWS::Serverless::Function
                Properties: { CodeUri: py, Handler: pkg/sub/mod.handler, Runtime: python3.12 }
              PyDottedModule:
                Type: AWS::Serverless::Function
                Properties: { CodeUri: py, Handler: pkg.sub.mod.handler, Runtime: python3.12 }
              PyContext:
                Type: AWS::Serverless::Function
                Properties: { CodeUri: py, Handler: top.context, Runtime: python3.12 }
              PyCrash:
                Type: AWS::Serverless::Function
                Properties: { CodeUri: py, Handler: top.crash, Runtime: python3.12 }
              PyHog:
                Type: AWS::Serverless::Function
                Properties: { CodeUri: py, Handler: top.hog, Runtime: python3.12, MemorySize: 128, Timeout: 20 }
              PySyntax:
                Type: AWS::Serverless::Function
                Properties: { CodeUri: py, Handler: broken.handler, Runtime: python3.12 }
              NodeEsm:
                Type: AWS::Serverless::Function
                Properties: { CodeUri: node, Handler: esm.handler, Runtime: nodejs20.x }
              NodeNested:
                Type: AWS::Serverless::Function
                Properties: { CodeUri: node, Handler: lib/util.nested.fn, Runtime: nodejs20.x }
              NodeSucceed:
                Type: AWS::Serverless::Function
                Properties: { CodeUri: node, Handler: lib/util.legacy, Runtime: nodejs20.x }
              NodeMissingHandler:
                Type: AWS::Serverless::Function
                Properties: { CodeUri: node, Handler: lib/util.nope, Runtime: nodejs20.x }
              NodeMissingModule:
                Type: AWS::Serverless::Function
                Properties: { CodeUri: node, Handler: missing.handler, Runtime: nodejs20.x }
              Provided:
                Type: AWS::Serverless::Function
                Properties: { CodeUri: provided, Handler: my.handler, Runtime: provided.al2023 }
            """);
        Write("py/pkg/__init__.py", string.Empty);
        Write("py/pkg/sub/__init__.py", string.Empty);
        Write("py/pkg/sub/mod.py", "def handler(event, context):\n    return {'module': __name__, 'event': event}\n");
        Write("py/top.py", """
            import os

            def context(event, context):
                return {
                    "identity": context.identity,
                    "client_context": context.client_context,
                    "remaining_type": type(context.get_remaining_time_in_millis()).__name__,
                    "trace": os.environ.get("_X_AMZN_TRACE_ID", ""),
                    "stream": context.log_stream_name,
                }

            def crash(event, context):
                os._exit(3)

            def hog(event, context):
                blocks = []
                for _ in range(64):
                    blocks.append(bytearray(16 * 1024 * 1024))
                return len(blocks)
            """);
        Write("py/broken.py", "def handler(event, context)\n    return 1\n");
        Write("node/esm.mjs", "export const handler = async (event) => ({ esm: true, event });\n");
        Write("node/lib/util.js", """
            exports.nested = { fn: async () => 'nested' };
            exports.legacy = (event, context) => { context.succeed({ legacy: true }); };
            """);
        Write("provided/bootstrap", """
            #!/bin/sh
            set -eu
            API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation"
            HEADERS="$(mktemp)"
            while true; do
              EVENT=$(curl -sS -D "$HEADERS" "$API/next")
              ID=$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$HEADERS" | tr -d '\r' | cut -d' ' -f2)
              printf 'handling %s\n' "$_HANDLER" >&2
              curl -sS -o /dev/null -X POST "$API/$ID/response" -d "{\"handler\":\"$_HANDLER\",\"event\":$EVENT}"
            done
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(_folder, "provided", "bootstrap"), (UnixFileMode)Convert.ToInt32("755", 8));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
    }

    private async Task<(CliRunner.Run Run, JsonElement Result)> InvokeAsync(string function, string? eventJson = null)
    {
        string? eventPath = null;
        if (eventJson is not null)
        {
            eventPath = Path.Combine(_folder, "event.json");
            await File.WriteAllTextAsync(eventPath, eventJson);
        }

        var run = await CliRunner.InvokeAsync(_folder, new LocalInvokeArguments(function, null, eventPath, null, [], null));
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stderr}");
        using var doc = JsonDocument.Parse(run.Stdout);
        return (run, doc.RootElement.Clone());
    }

    [Theory]
    [InlineData("PyDotted")]
    [InlineData("PyDottedModule")]
    public async Task PythonLoadsDottedAndSlashedModulePaths(string function)
    {
        var (_, result) = await InvokeAsync(function, "{\"k\": 1}");

        Assert.Equal("pkg.sub.mod", result.GetProperty("module").GetString());
        Assert.Equal(1, result.GetProperty("event").GetProperty("k").GetInt32());
    }

    [Fact]
    public async Task PythonContextHasLambdaFields()
    {
        var (_, result) = await InvokeAsync("PyContext");

        Assert.Equal(JsonValueKind.Null, result.GetProperty("identity").ValueKind);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("client_context").ValueKind);
        Assert.Equal("int", result.GetProperty("remaining_type").GetString());
        Assert.Matches(new Regex("^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$"), result.GetProperty("trace").GetString()!);
        Assert.Matches(new Regex(@"^\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32}$"), result.GetProperty("stream").GetString()!);
    }

    [Fact]
    public async Task PythonSyntaxErrorIsUserCodeSyntaxError()
    {
        var (_, result) = await InvokeAsync("PySyntax");

        Assert.Equal("Runtime.UserCodeSyntaxError", result.GetProperty("errorType").GetString());
        Assert.StartsWith("Syntax error in module 'broken': ", result.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrashingRuntimeIsRuntimeExitError()
    {
        var (run, result) = await InvokeAsync("PyCrash");

        Assert.Equal("Runtime.ExitError", result.GetProperty("errorType").GetString());
        Assert.Matches(new Regex("^RequestId: [0-9a-f-]{36} Error: Runtime exited with error: exit status 3$"), result.GetProperty("errorMessage").GetString()!);
        Assert.Contains("END RequestId: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MemorySizeIsEnforcedAndMaxMemoryUsedIsReported()
    {
        var (run, result) = await InvokeAsync("PyHog");

        // 64 x 16 MiB cannot fit in 128 MB: the cgroup kills the runtime (Runtime.OutOfMemory) or, under the
        // rlimit fallback, the allocation fails (MemoryError).
        Assert.Equal(JsonValueKind.Object, result.ValueKind);
        Assert.Contains(result.GetProperty("errorType").GetString(), new[] { "Runtime.OutOfMemory", "MemoryError" });
        var report = Regex.Match(run.Stderr, @"REPORT RequestId: \S+\tDuration: [0-9.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: (\d+) MB\t");
        Assert.True(report.Success, run.Stderr);
        Assert.InRange(int.Parse(report.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, 200);
    }

    [Fact]
    public async Task NodeLoadsEsModules()
    {
        var (_, result) = await InvokeAsync("NodeEsm", "{\"x\":true}");

        Assert.True(result.GetProperty("esm").GetBoolean());
        Assert.True(result.GetProperty("event").GetProperty("x").GetBoolean());
    }

    [Fact]
    public async Task NodeFollowsNestedHandlerPathsInSubfolders()
    {
        var (_, result) = await InvokeAsync("NodeNested");

        Assert.Equal("nested", result.GetString());
    }

    [Fact]
    public async Task NodeSupportsContextSucceed()
    {
        var (_, result) = await InvokeAsync("NodeSucceed");

        Assert.True(result.GetProperty("legacy").GetBoolean());
    }

    [Fact]
    public async Task NodeMissingHandlerIsHandlerNotFound()
    {
        var (_, result) = await InvokeAsync("NodeMissingHandler");

        Assert.Equal("Runtime.HandlerNotFound", result.GetProperty("errorType").GetString());
        Assert.Equal("lib/util.nope is undefined or not exported", result.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task NodeMissingModuleIsImportModuleError()
    {
        var (_, result) = await InvokeAsync("NodeMissingModule");

        Assert.Equal("Runtime.ImportModuleError", result.GetProperty("errorType").GetString());
        Assert.StartsWith("Error: Cannot find module", result.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [CurlFact]
    public async Task ProvidedRuntimeRunsTheFunctionsBootstrap()
    {
        var (run, result) = await InvokeAsync("Provided", "{\"n\":1}");

        Assert.Equal("my.handler", result.GetProperty("handler").GetString());
        Assert.Equal(1, result.GetProperty("event").GetProperty("n").GetInt32());
        Assert.Contains("handling my.handler", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("handling", run.Stdout, StringComparison.Ordinal);
    }
}
