using System.Text;
using System.Text.Json;
using SamCompiler.Cli.Commands;

namespace SamCompiler.Local.Tests.Serve;

/// <summary>
/// start-lambda driven by the real clients: the AWS CLI, boto3 and the AWS SDK for JavaScript v3, each against a
/// server started in-process on port 0. Expectations are Lambda's documented behaviour (Invoke API reference).
/// </summary>
public sealed class StartLambdaClientTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    private static ServeArguments FastRetries => new() { AsyncRetryDelaySeconds = 0 };

    [ClientFact("aws")]
    public async Task AwsCliRequestResponseReusesTheWarmEnvironment()
    {
        await using var samc = await LambdaHarness.StartAsync(ServePaths.Fixture);
        var outFile = Path.Combine(Path.GetTempPath(), "samc-serve-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var first = await AwsInvoke(samc, ["--function-name", "CounterFunction", "--log-type", "Tail", "--payload", "{}", outFile]);
            using var firstMeta = JsonDocument.Parse(first.Stdout);
            Assert.Equal(200, firstMeta.RootElement.GetProperty("StatusCode").GetInt32());
            Assert.Equal("$LATEST", firstMeta.RootElement.GetProperty("ExecutedVersion").GetString());
            Assert.False(firstMeta.RootElement.TryGetProperty("FunctionError", out _));
            var firstLog = Encoding.UTF8.GetString(Convert.FromBase64String(firstMeta.RootElement.GetProperty("LogResult").GetString()!));
            Assert.Contains("counter 1", firstLog, StringComparison.Ordinal);
            Assert.Contains("Init Duration:", firstLog, StringComparison.Ordinal);
            using var firstResult = JsonDocument.Parse(await File.ReadAllTextAsync(outFile));

            // By FunctionName, then by ARN: the same warm environment, with its module state.
            var second = await AwsInvoke(samc, ["--function-name", "serve-counter", "--log-type", "Tail", outFile]);
            using var secondMeta = JsonDocument.Parse(second.Stdout);
            var secondLog = Encoding.UTF8.GetString(Convert.FromBase64String(secondMeta.RootElement.GetProperty("LogResult").GetString()!));
            Assert.DoesNotContain("Init Duration:", secondLog, StringComparison.Ordinal);
            Assert.Contains("REPORT RequestId:", secondLog, StringComparison.Ordinal);
            using var secondResult = JsonDocument.Parse(await File.ReadAllTextAsync(outFile));
            Assert.Equal(1, firstResult.RootElement.GetProperty("count").GetInt32());
            Assert.Equal(2, secondResult.RootElement.GetProperty("count").GetInt32());
            Assert.Equal(firstResult.RootElement.GetProperty("pid").GetInt32(), secondResult.RootElement.GetProperty("pid").GetInt32());

            await AwsInvoke(samc, ["--function-name", "arn:aws:lambda:us-east-1:123456789012:function:CounterFunction", outFile]);
            using var third = JsonDocument.Parse(await File.ReadAllTextAsync(outFile));
            Assert.Equal(3, third.RootElement.GetProperty("count").GetInt32());
            Assert.Equal(1, samc.Server.Pool.EnvironmentCount("CounterFunction"));
        }
        finally
        {
            File.Delete(outFile);
        }
    }

    [ClientFact("aws")]
    public async Task AwsCliQualifiersDryRunAndErrors()
    {
        await using var samc = await LambdaHarness.StartAsync(ServePaths.Fixture);
        var outFile = Path.Combine(Path.GetTempPath(), "samc-serve-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            // The AutoPublishAlias and version 1 exist; the invoked ARN carries the qualifier.
            var alias = await AwsInvoke(samc, ["--function-name", "CounterFunction", "--qualifier", "live", outFile]);
            using (var meta = JsonDocument.Parse(alias.Stdout))
            {
                Assert.Equal("1", meta.RootElement.GetProperty("ExecutedVersion").GetString());
            }

            using (var result = JsonDocument.Parse(await File.ReadAllTextAsync(outFile)))
            {
                Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:CounterFunction:live", result.RootElement.GetProperty("arn").GetString());
            }

            var partial = await AwsInvoke(samc, ["--function-name", "123456789012:function:CounterFunction:1", outFile]);
            Assert.Equal(0, partial.ExitCode);

            var missing = await AwsInvoke(samc, ["--function-name", "CounterFunction", "--qualifier", "7", outFile], expectSuccess: false);
            Assert.NotEqual(0, missing.ExitCode);
            Assert.Contains("ResourceNotFoundException", missing.Stderr, StringComparison.Ordinal);
            Assert.Contains("function:CounterFunction:7", missing.Stderr, StringComparison.Ordinal);

            var dryRun = await AwsInvoke(samc, ["--function-name", "EchoFunction", "--invocation-type", "DryRun", outFile]);
            using (var meta = JsonDocument.Parse(dryRun.Stdout))
            {
                Assert.Equal(204, meta.RootElement.GetProperty("StatusCode").GetInt32());
            }

            var failed = await AwsInvoke(samc, ["--function-name", "FailFunction", outFile]);
            using (var meta = JsonDocument.Parse(failed.Stdout))
            {
                Assert.Equal("Unhandled", meta.RootElement.GetProperty("FunctionError").GetString());
            }

            using (var error = JsonDocument.Parse(await File.ReadAllTextAsync(outFile)))
            {
                Assert.Equal("ValueError", error.RootElement.GetProperty("errorType").GetString());
                Assert.Equal("always fails", error.RootElement.GetProperty("errorMessage").GetString());
            }
        }
        finally
        {
            File.Delete(outFile);
        }
    }

    [ClientFact("aws")]
    public async Task AwsCliEventIsRetriedTwiceThenDeadLettered()
    {
        await using var samc = await LambdaHarness.StartAsync(ServePaths.Fixture, FastRetries);
        var outFile = Path.Combine(Path.GetTempPath(), "samc-serve-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var queued = await AwsInvoke(samc, ["--function-name", "FailFunction", "--invocation-type", "Event", "--payload", "{\"order\": 42}", outFile]);
            using var meta = JsonDocument.Parse(queued.Stdout);
            Assert.Equal(202, meta.RootElement.GetProperty("StatusCode").GetInt32());

            var finished = samc.Server.Async.Finished;
            for (var i = 0; i < 600 && finished.Count == 0; i++)
            {
                await Task.Delay(50);
                finished = samc.Server.Async.Finished;
            }

            var outcome = Assert.Single(finished);
            Assert.False(outcome.Succeeded);
            Assert.Equal(3, outcome.Attempts);
            Assert.Equal("ValueError", outcome.ErrorType);
            Assert.Equal(2, outcome.Deliveries.Count);
            var dlq = outcome.Deliveries[0];
            Assert.Equal(("DeadLetterQueue", "SQS", "arn:aws:sqs:us-east-1:123456789012:serve-dead-letters"), (dlq.Destination.Kind, dlq.Destination.Type, dlq.Destination.Arn));
            using (var message = JsonDocument.Parse(dlq.Body))
            {
                Assert.Equal(42, message.RootElement.GetProperty("body").GetProperty("order").GetInt32());
                Assert.Equal("always fails", message.RootElement.GetProperty("messageAttributes").GetProperty("ErrorMessage").GetString());
            }

            var onFailure = outcome.Deliveries[1];
            Assert.Equal(("OnFailure", "arn:aws:sqs:us-east-1:123456789012:Failures"), (onFailure.Destination.Kind, onFailure.Destination.Arn));
            using (var record = JsonDocument.Parse(onFailure.Body))
            {
                var context = record.RootElement.GetProperty("requestContext");
                Assert.Equal("RetriesExhausted", context.GetProperty("condition").GetString());
                Assert.Equal(3, context.GetProperty("approximateInvokeCount").GetInt32());
                Assert.Equal(outcome.RequestId, context.GetProperty("requestId").GetString());
                Assert.Equal("Unhandled", record.RootElement.GetProperty("responseContext").GetProperty("functionError").GetString());
                Assert.Equal(42, record.RootElement.GetProperty("requestPayload").GetProperty("order").GetInt32());
            }

            // Shown: on the server log and on GET /destinations.
            Assert.Contains("sent to DeadLetterQueue SQS arn:aws:sqs:us-east-1:123456789012:serve-dead-letters", samc.Stderr, StringComparison.Ordinal);
            using var shown = JsonDocument.Parse(await Http.GetStringAsync(samc.Endpoint + "/destinations"));
            Assert.Equal(2, shown.RootElement.GetProperty("finished")[0].GetProperty("deliveries").GetArrayLength());
            using var metrics = JsonDocument.Parse(await Http.GetStringAsync(samc.Endpoint + "/metrics"));
            var fail = metrics.RootElement.GetProperty("functions").GetProperty("FailFunction");
            Assert.Equal(3, fail.GetProperty("Invocations").GetInt32());
            Assert.Equal(3, fail.GetProperty("Errors").GetInt32());
        }
        finally
        {
            File.Delete(outFile);
        }
    }

    [ClientFact("python3", "boto3")]
    public async Task Boto3ThrottlesBeyondReservedConcurrency()
    {
        await using var samc = await LambdaHarness.StartAsync(ServePaths.Fixture);
        var gate = Path.Combine(Path.GetTempPath(), "samc-gate-" + Guid.NewGuid().ToString("N"));
        // Three parallel calls to a function with ReservedConcurrentExecutions 1: the first holds the only
        // environment until the gate file exists; the script opens the gate once the other two have answered.
        const string Script = """
            import json, sys, threading, queue
            import boto3
            import botocore.exceptions
            from botocore.config import Config
            endpoint, gate = sys.argv[1], sys.argv[2]
            client = boto3.client("lambda", endpoint_url=endpoint, region_name="us-east-1",
                                  config=Config(retries={"total_max_attempts": 1}, read_timeout=60))
            answers = queue.Queue()
            def call():
                try:
                    r = client.invoke(FunctionName="GateFunction", Payload=json.dumps({"path": gate}))
                    answers.put({"status": r["StatusCode"], "payload": json.loads(r["Payload"].read())})
                except client.exceptions.TooManyRequestsException as e:
                    answers.put({"status": e.response["ResponseMetadata"]["HTTPStatusCode"], "code": e.response["Error"]["Code"], "reason": e.response.get("Reason")})
            threads = [threading.Thread(target=call) for _ in range(3)]
            for t in threads: t.start()
            got = [answers.get(timeout=60), answers.get(timeout=60)]
            open(gate, "w").close()
            got.append(answers.get(timeout=60))
            for t in threads: t.join(60)
            print(json.dumps(sorted(got, key=lambda a: a["status"])))
            """;
        try
        {
            var run = await ClientProcess.RunAsync("python3", ["-c", Script, samc.Endpoint, gate]);
            Assert.True(run.ExitCode == 0, run.Stderr);
            using var answers = JsonDocument.Parse(run.Stdout);
            var a = answers.RootElement;
            Assert.Equal(200, a[0].GetProperty("status").GetInt32());
            Assert.True(a[0].GetProperty("payload").GetProperty("ok").GetBoolean());
            foreach (var throttled in new[] { a[1], a[2] })
            {
                Assert.Equal(429, throttled.GetProperty("status").GetInt32());
                Assert.Equal("TooManyRequestsException", throttled.GetProperty("code").GetString());
                Assert.Equal("ReservedFunctionConcurrentInvocationLimitExceeded", throttled.GetProperty("reason").GetString());
            }

            using var metrics = JsonDocument.Parse(await Http.GetStringAsync(samc.Endpoint + "/metrics"));
            var m = metrics.RootElement.GetProperty("functions").GetProperty("GateFunction");
            Assert.Equal(1, m.GetProperty("Invocations").GetInt32());
            Assert.Equal(2, m.GetProperty("Throttles").GetInt32());
            Assert.Equal(0, m.GetProperty("Errors").GetInt32());
            Assert.Equal(1, m.GetProperty("ConcurrentExecutions").GetInt32());
        }
        finally
        {
            File.Delete(gate);
        }
    }

    [ClientFact("python3", "boto3")]
    public async Task Boto3TailErrorHeaderEventAndOnSuccess()
    {
        await using var samc = await LambdaHarness.StartAsync(ServePaths.Fixture, FastRetries);
        const string Script = """
            import base64, json, sys
            import boto3
            import botocore.exceptions
            from botocore.config import Config
            client = boto3.client("lambda", endpoint_url=sys.argv[1], region_name="us-east-1", config=Config(retries={"total_max_attempts": 1}))
            out = {}
            r = client.invoke(FunctionName="FailFunction", LogType="Tail", Payload=b"{}")
            out["fail"] = {"status": r["StatusCode"], "functionError": r.get("FunctionError"), "log": base64.b64decode(r["LogResult"]).decode(), "payload": json.loads(r["Payload"].read())}
            r = client.invoke(FunctionName="EchoFunction", Payload=json.dumps({"x": [1, 2]}))
            out["echo"] = {"status": r["StatusCode"], "functionError": r.get("FunctionError"), "payload": json.loads(r["Payload"].read())}
            r = client.invoke(FunctionName="SucceedFunction", InvocationType="Event", Payload=b'{"n": 5}')
            out["event"] = {"status": r["StatusCode"]}
            try:
                client.invoke(FunctionName="DisabledFunction", Payload=b"{}")
            except client.exceptions.TooManyRequestsException as e:
                out["disabled"] = e.response["Error"]["Code"]
            try:
                client.invoke(FunctionName="EchoFunction", Payload=b"x" * (6 * 1024 * 1024 + 1))
            except botocore.exceptions.ClientError as e:
                # Lambda answers RequestEntityTooLargeException, a code botocore's model does not name.
                out["tooLarge"] = [e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Code"]]
            try:
                client.invoke(FunctionName="EchoFunction", Payload=b"{not json")
            except client.exceptions.InvalidRequestContentException as e:
                out["invalid"] = e.response["ResponseMetadata"]["HTTPStatusCode"]
            print(json.dumps(out))
            """;
        var run = await ClientProcess.RunAsync("python3", ["-c", Script, samc.Endpoint]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var o = doc.RootElement;
        Assert.Equal("Unhandled", o.GetProperty("fail").GetProperty("functionError").GetString());
        Assert.Contains("failing on purpose", o.GetProperty("fail").GetProperty("log").GetString(), StringComparison.Ordinal);
        Assert.Equal("ValueError", o.GetProperty("fail").GetProperty("payload").GetProperty("errorType").GetString());
        Assert.Equal(JsonValueKind.Null, o.GetProperty("echo").GetProperty("functionError").ValueKind);
        Assert.Equal(2, o.GetProperty("echo").GetProperty("payload").GetProperty("x")[1].GetInt32());
        Assert.Equal(202, o.GetProperty("event").GetProperty("status").GetInt32());
        Assert.Equal("TooManyRequestsException", o.GetProperty("disabled").GetString());
        Assert.Equal(413, o.GetProperty("tooLarge")[0].GetInt32());
        Assert.Equal("RequestEntityTooLargeException", o.GetProperty("tooLarge")[1].GetString());
        Assert.Equal(400, o.GetProperty("invalid").GetInt32());

        var finished = samc.Server.Async.Finished;
        for (var i = 0; i < 600 && finished.Count == 0; i++)
        {
            await Task.Delay(50);
            finished = samc.Server.Async.Finished;
        }

        var outcome = Assert.Single(finished);
        Assert.True(outcome.Succeeded);
        Assert.Equal(1, outcome.Attempts);
        var delivery = Assert.Single(outcome.Deliveries);
        Assert.Equal(("OnSuccess", "SNS", "arn:aws:sns:us-east-1:123456789012:Successes"), (delivery.Destination.Kind, delivery.Destination.Type, delivery.Destination.Arn));
        using var record = JsonDocument.Parse(delivery.Body);
        Assert.Equal("Success", record.RootElement.GetProperty("requestContext").GetProperty("condition").GetString());
        Assert.Equal(5, record.RootElement.GetProperty("responsePayload").GetProperty("n").GetInt32());
    }

    [JsSdkFact]
    public async Task JavaScriptSdkInvokes()
    {
        await using var samc = await LambdaHarness.StartAsync(ServePaths.Fixture);
        const string Script = """
            const { LambdaClient, InvokeCommand } = require('@aws-sdk/client-lambda');
            (async () => {
              const client = new LambdaClient({ endpoint: process.argv[1], region: 'us-east-1', maxAttempts: 1,
                credentials: { accessKeyId: 'AKIDSAMCTEST', secretAccessKey: 'samc-test-secret' } });
              const out = {};
              const ok = await client.send(new InvokeCommand({ FunctionName: 'EchoFunction', Payload: Buffer.from('{"js":true}'), LogType: 'Tail' }));
              out.ok = { status: ok.StatusCode, functionError: ok.FunctionError ?? null, payload: JSON.parse(Buffer.from(ok.Payload).toString()), log: Buffer.from(ok.LogResult, 'base64').toString() };
              const failed = await client.send(new InvokeCommand({ FunctionName: 'FailFunction', Payload: Buffer.from('{}') }));
              out.failed = { status: failed.StatusCode, functionError: failed.FunctionError ?? null };
              try {
                await client.send(new InvokeCommand({ FunctionName: 'NoSuchFunction' }));
              } catch (e) {
                out.missing = { name: e.name, status: e.$metadata.httpStatusCode, message: e.message };
              }
              console.log(JSON.stringify(out));
            })().catch(e => { console.error(e); process.exit(1); });
            """;
        var run = await ClientProcess.RunAsync("node", ["-e", Script, samc.Endpoint], ServePaths.NodeFolder);
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var o = doc.RootElement;
        Assert.Equal(200, o.GetProperty("ok").GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, o.GetProperty("ok").GetProperty("functionError").ValueKind);
        Assert.True(o.GetProperty("ok").GetProperty("payload").GetProperty("js").GetBoolean());
        Assert.Contains("REPORT RequestId:", o.GetProperty("ok").GetProperty("log").GetString(), StringComparison.Ordinal);
        Assert.Equal("Unhandled", o.GetProperty("failed").GetProperty("functionError").GetString());
        Assert.Equal("ResourceNotFoundException", o.GetProperty("missing").GetProperty("name").GetString());
        Assert.Equal(404, o.GetProperty("missing").GetProperty("status").GetInt32());
        Assert.Equal("Function not found: arn:aws:lambda:us-east-1:123456789012:function:NoSuchFunction", o.GetProperty("missing").GetProperty("message").GetString());
    }

    private static async Task<ClientProcess.Result> AwsInvoke(LambdaHarness samc, string[] args, bool expectSuccess = true)
    {
        var run = await ClientProcess.RunAsync("aws", ["lambda", "invoke", "--endpoint-url", samc.Endpoint, "--no-sign-request", .. args]);
        if (expectSuccess)
        {
            Assert.True(run.ExitCode == 0, $"aws {string.Join(' ', args)}: {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        }

        return run;
    }
}
