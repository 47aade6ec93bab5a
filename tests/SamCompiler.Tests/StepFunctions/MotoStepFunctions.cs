using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SamCompiler.StepFunctions;
using SamTools.Tests.Shared;

namespace SamCompiler.Tests.StepFunctions;

/// <summary>What one execution ended as: status, output, error, cause and the history events.</summary>
public sealed record ExecutionOutcome(string Status, string? Output, string? Error, string? Cause, IReadOnlyList<JsonObject> Events, string? Rejected = null);

/// <summary>
/// Runs a definition through moto's Step Functions interpreter (moto_server, AWS JSON 1.0 protocol). moto 5.2.1 in
/// server mode runs only the first execution after a reset (a second StartExecution fails with "cannot pickle
/// '_thread.RLock' object" when it deep-copies the state machine), so every run resets moto first.
/// </summary>
public sealed class MotoStepFunctions(MotoServer moto)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async Task<ExecutionOutcome> RunAsync(string definition, string input, TimeSpan limit)
    {
        await moto.ResetAsync();
        await moto.ConfigureAsync("""{"stepfunctions": {"execute_state_machine": true}, "lambda": {"use_docker": false}}""");
        var created = await CallAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = "Diff",
            ["definition"] = definition,
            ["roleArn"] = "arn:aws:iam::123456789012:role/samc-diff",
        });
        if (created["__type"] is not null)
        {
            return new ExecutionOutcome("REJECTED", null, null, null, [], AslJson.AsString(created["__type"]) + ": " + AslJson.AsString(created["message"] ?? created["Message"]));
        }

        var arn = AslJson.AsString(created["stateMachineArn"])!;
        var started = await CallAsync("StartExecution", new JsonObject { ["stateMachineArn"] = arn, ["name"] = "run", ["input"] = input });
        var executionArn = AslJson.AsString(started["executionArn"]) ?? throw new InvalidOperationException("moto StartExecution: " + started.ToJsonString());
        var deadline = DateTime.UtcNow + limit;
        JsonObject described;
        while (true)
        {
            described = await CallAsync("DescribeExecution", new JsonObject { ["executionArn"] = executionArn });
            if (AslJson.AsString(described["status"]) != "RUNNING" || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(100);
        }

        var events = new List<JsonObject>();
        string? token = null;
        do
        {
            var request = new JsonObject { ["executionArn"] = executionArn, ["maxResults"] = 1000 };
            if (token is not null)
            {
                request["nextToken"] = token;
            }

            var page = await CallAsync("GetExecutionHistory", request);
            events.AddRange(((JsonArray)page["events"]!).Select(e => (JsonObject)e!.DeepClone()));
            token = AslJson.AsString(page["nextToken"]);
        }
        while (token is not null);

        return new ExecutionOutcome(
            AslJson.AsString(described["status"])!,
            AslJson.AsString(described["output"]),
            AslJson.AsString(described["error"]),
            AslJson.AsString(described["cause"]),
            events);
    }

    private async Task<JsonObject> CallAsync(string action, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, moto.Endpoint + "/");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions." + action);
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=0");
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return AslJson.Parse(text.Length == 0 ? "{}" : text) as JsonObject ?? [];
    }
}
