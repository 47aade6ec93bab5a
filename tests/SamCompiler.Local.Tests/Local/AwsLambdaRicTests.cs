using System.Text.Json;
using SamCompiler.Cli.Commands;

namespace SamCompiler.Local.Tests.Local;

/// <summary>
/// The official Node.js runtime interface client (aws-lambda-ric from npm, pinned in ../node/package-lock.json)
/// against samc's Runtime API server: a provided.al2023 function whose bootstrap starts the client, as the AWS
/// docs show for custom Node.js images. Installed by CI with <c>npm ci</c>; skipped with the reason otherwise.
/// </summary>
public sealed class AwsLambdaRicTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("samc-local-ric-").FullName;

    public AwsLambdaRicTests()
    {
        File.WriteAllText(Path.Combine(_folder, "template.yaml"), """
            Resources:
              RicFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: fn
                  Handler: index.handler
                  Runtime: provided.al2023
                  MemorySize: 192
                  Timeout: 5
                  Environment:
                    Variables:
                      GREETING: hi
              RicErrorFunction:
                Type: AWS::Serverless::Function
                Properties: { CodeUri: fn, Handler: index.fail, Runtime: provided.al2023 }
              RicCallbackFunction:
                Type: AWS::Serverless::Function
                Properties: { CodeUri: fn, Handler: index.callback, Runtime: provided.al2023 }
            """.ReplaceLineEndings("\n"));
        var fn = Directory.CreateDirectory(Path.Combine(_folder, "fn")).FullName;
        File.WriteAllText(Path.Combine(fn, "index.js"), """
            exports.handler = async (event, context) => ({
              event,
              greeting: process.env.GREETING,
              functionName: context.functionName,
              memoryLimitInMB: context.memoryLimitInMB,
              remaining: context.getRemainingTimeInMillis(),
              requestId: context.awsRequestId,
            });
            exports.fail = async () => { const e = new Error('ric failure'); e.name = 'RicError'; throw e; };
            exports.callback = (event, context, callback) => setTimeout(() => callback(null, { style: 'callback' }), 5);
            """.ReplaceLineEndings("\n"));
        var bin = Path.Combine(TestPaths.RicPackage, "bin", "index.mjs");
        var bootstrap = Path.Combine(fn, "bootstrap");
        File.WriteAllText(bootstrap, $"#!/bin/sh\nexec node '{bin}' \"$_HANDLER\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bootstrap, (UnixFileMode)Convert.ToInt32("755", 8));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<JsonElement> InvokeAsync(string function, string eventJson)
    {
        var eventPath = Path.Combine(_folder, "event.json");
        await File.WriteAllTextAsync(eventPath, eventJson);
        var run = await CliRunner.InvokeAsync(_folder, new LocalInvokeArguments(function, null, eventPath, null, [], null));
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        return doc.RootElement.Clone();
    }

    [RicFact]
    public async Task RicRunsAnAsyncHandlerWithTheContextFromOurHeaders()
    {
        var result = await InvokeAsync("RicFunction", "{\"greeting\":\"hello\",\"n\":[1,2]}");

        Assert.Equal("hello", result.GetProperty("event").GetProperty("greeting").GetString());
        Assert.Equal("hi", result.GetProperty("greeting").GetString());
        Assert.Equal("RicFunction", result.GetProperty("functionName").GetString());
        Assert.Equal("192", result.GetProperty("memoryLimitInMB").GetString());
        Assert.InRange(result.GetProperty("remaining").GetInt64(), 1, 5000);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", result.GetProperty("requestId").GetString()!);
    }

    [RicFact]
    public async Task RicReportsErrorsThroughTheErrorRoute()
    {
        var result = await InvokeAsync("RicErrorFunction", "{}");

        Assert.Equal("RicError", result.GetProperty("errorType").GetString());
        Assert.Equal("ric failure", result.GetProperty("errorMessage").GetString());
        Assert.True(result.GetProperty("trace").GetArrayLength() >= 1);
    }

    [RicFact]
    public async Task RicRunsCallbackHandlers()
    {
        var result = await InvokeAsync("RicCallbackFunction", "{}");

        Assert.Equal("callback", result.GetProperty("style").GetString());
    }
}
