using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using SamCompiler.Deploy.Tests.Infrastructure;

namespace SamCompiler.Deploy.Tests;

/// <summary>
/// The bundled example (examples/pipeline: two functions from local folders, a layer, a state machine definition
/// file, a queue) taken through its life with the real samc process against the deploy server, checked with the
/// AWS CLI: create, a one-byte code change, a no-op, a failing update that rolls back, --no-execute-changeset, delete.
/// </summary>
public sealed partial class DeployEndToEndTests(DeployServer server) : IClassFixture<DeployServer>
{
    [GeneratedRegex("^Uploaded ", RegexOptions.Multiline)]
    private static partial Regex UploadedLine();

    [DeployFact]
    public void Pipeline_example_create_update_noop_failure_review_delete()
    {
        var run = new ProcessRunner(server.Endpoint);
        using var app = new TempCopy(Path.Combine(Tools.RepoRoot, "examples", "pipeline"));
        var stack = "e2e-" + Guid.NewGuid().ToString("N")[..10];

        // Create: one command, artifacts uploaded to the --resolve-s3 bucket from samconfig.toml.
        string[] deploy = ["deploy", "--stack-name", stack, "--s3-prefix", stack, "--endpoint-url", server.Endpoint];
        var create = run.Samc(app.Path, deploy);
        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.Equal(4, UploadedLine().Matches(create.Stderr).Count);
        Assert.Contains("CREATE_COMPLETE", create.Stderr, StringComparison.Ordinal);
        Assert.Contains("OrdersFunctionArn", create.Stdout, StringComparison.Ordinal);
        var described = Stack(run, stack);
        Assert.Equal("CREATE_COMPLETE", described.GetProperty("StackStatus").GetString());
        var outputs = described.GetProperty("Outputs").EnumerateArray().Select(o => o.GetProperty("OutputKey").GetString()).ToList();
        Assert.Equal(["OrderWorkflowArn", "OrdersFunctionArn", "OrdersQueueUrl"], outputs.Order(StringComparer.Ordinal));
        Assert.Equal("dev", described.GetProperty("Parameters").EnumerateArray().Single(p => p.GetProperty("ParameterKey").GetString() == "Stage").GetProperty("ParameterValue").GetString());
        var ordersSha = CodeSha(run, stack, "OrdersFunction");
        var notifySha = CodeSha(run, stack, "NotifyFunction");

        // A one-byte change to one function: exactly one object uploaded, that function's CodeSha256 changes.
        File.AppendAllText(Path.Combine(app.Path, "src", "orders", "app.py"), "#");
        var update = run.Samc(app.Path, deploy);
        Assert.True(update.ExitCode == 0, update.ToString());
        var uploaded = UploadedLine().Matches(update.Stderr);
        Assert.Single(uploaded);
        Assert.Contains("src/orders", update.Stderr.Split('\n').Single(l => l.StartsWith("Uploaded ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("UPDATE_COMPLETE", Stack(run, stack).GetProperty("StackStatus").GetString());
        Assert.NotEqual(ordersSha, CodeSha(run, stack, "OrdersFunction"));
        Assert.Equal(notifySha, CodeSha(run, stack, "NotifyFunction"));

        // No change: nothing uploaded, "no changes", exit 0; exit 1 with --fail-on-empty-changeset.
        var noop = run.Samc(app.Path, deploy);
        Assert.True(noop.ExitCode == 0, noop.ToString());
        Assert.Empty(UploadedLine().Matches(noop.Stderr));
        Assert.Contains("no changes to deploy", noop.Stderr, StringComparison.Ordinal);
        var strict = run.Samc(app.Path, [.. deploy, "--fail-on-empty-changeset"]);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("error SAM0023:", strict.Stderr, StringComparison.Ordinal);

        // A failing update rolls back: exit 1, the failed resource with its reason and the SAM line that made it.
        var templatePath = Path.Combine(app.Path, "template.yaml");
        var original = File.ReadAllText(templatePath);
        File.WriteAllText(templatePath, original.Replace("  OrdersQueue:\n", "  BrokenFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: s3://samc-test-no-such-bucket/code.zip\n      Handler: app.handler\n\n  OrdersQueue:\n", StringComparison.Ordinal));
        var brokenLine = Array.IndexOf(File.ReadAllLines(templatePath), "  BrokenFunction:") + 1;
        var failed = run.Samc(app.Path, deploy);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains($"template.yaml({brokenLine},3): error SAM0018: BrokenFunction AWS::Lambda::Function CREATE_FAILED: ", failed.Stderr, StringComparison.Ordinal);
        Assert.Contains("NoSuchBucket", failed.Stderr, StringComparison.Ordinal);
        Assert.Contains("error SAM0019: Stack \"" + stack + "\" is UPDATE_ROLLBACK_COMPLETE", failed.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failed.Stderr, StringComparison.Ordinal);
        Assert.Equal("UPDATE_ROLLBACK_COMPLETE", Stack(run, stack).GetProperty("StackStatus").GetString());

        // --no-execute-changeset: the change set is created and shown, the stack is left as it is.
        File.WriteAllText(templatePath, original);
        File.AppendAllText(Path.Combine(app.Path, "src", "notify", "app.py"), "#");
        var review = run.Samc(app.Path, [.. deploy, "--no-execute-changeset"]);
        Assert.True(review.ExitCode == 0, review.ToString());
        Assert.Contains("NotifyFunction", review.Stderr, StringComparison.Ordinal);
        Assert.Contains("change set created and not executed", review.Stderr, StringComparison.Ordinal);
        Assert.Equal("UPDATE_ROLLBACK_COMPLETE", Stack(run, stack).GetProperty("StackStatus").GetString());
        using (var sets = run.Aws("cloudformation", "list-change-sets", "--stack-name", stack))
        {
            Assert.Contains(sets!.RootElement.GetProperty("Summaries").EnumerateArray(), s => s.GetProperty("ExecutionStatus").GetString() == "AVAILABLE");
        }

        // Delete, with the artifacts samc uploaded.
        var keys = Regex.Matches(update.Stderr + create.Stderr, "s3://([^/ ]+)/(\\S+\\.zip)").Select(m => (Bucket: m.Groups[1].Value, Key: m.Groups[2].Value)).Distinct().ToList();
        var delete = run.Samc(app.Path, "delete", "--stack-name", stack, "--endpoint-url", server.Endpoint, "--no-prompts", "--delete-artifacts");
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.NotEqual(0, run.AwsRaw("cloudformation", "describe-stacks", "--stack-name", stack).ExitCode);
        var deployedOrders = keys.Where(k => update.Stderr.Contains(k.Key, StringComparison.Ordinal) && update.Stderr.Contains("src/orders", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(deployedOrders);
        Assert.Contains("Deleted s3://", delete.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, run.AwsRaw("s3api", "head-object", "--bucket", deployedOrders[0].Bucket, "--key", deployedOrders[0].Key).ExitCode);
    }

    [DeployFact]
    public void A_stack_in_ROLLBACK_COMPLETE_is_explained_and_deleted_on_request()
    {
        var run = new ProcessRunner(server.Endpoint);
        using var app = new TempCopy();
        var stack = "rbc-" + Guid.NewGuid().ToString("N")[..10];
        app.Write("template.yaml", "Transform: AWS::Serverless-2016-10-31\nResources:\n  Broken:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: s3://samc-test-no-such-bucket/code.zip\n      Handler: app.handler\n      Runtime: python3.12\n");
        var first = run.Samc(app.Path, "deploy", "--stack-name", stack, "--endpoint-url", server.Endpoint);
        Assert.Equal(1, first.ExitCode);
        Assert.Contains("template.yaml(3,3): error SAM0018: Broken AWS::Lambda::Function CREATE_FAILED", first.Stderr, StringComparison.Ordinal);
        Assert.Equal("ROLLBACK_COMPLETE", Stack(run, stack).GetProperty("StackStatus").GetString());

        var again = run.Samc(app.Path, "deploy", "--stack-name", stack, "--endpoint-url", server.Endpoint);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("error SAM0021:", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("The first failure was Broken", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("--delete-rollback-complete", again.Stderr, StringComparison.Ordinal);

        app.Write("template.yaml", "Transform: AWS::Serverless-2016-10-31\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n");
        var fixedRun = run.Samc(app.Path, "deploy", "--stack-name", stack, "--endpoint-url", server.Endpoint, "--delete-rollback-complete");
        Assert.True(fixedRun.ExitCode == 0, fixedRun.ToString());
        Assert.Contains("Deleting stack " + stack, fixedRun.Stderr, StringComparison.Ordinal);
        Assert.Equal("CREATE_COMPLETE", Stack(run, stack).GetProperty("StackStatus").GetString());
    }

    [DeployFact]
    public void Ctrl_C_while_CloudFormation_works_leaves_the_stack_and_says_how_to_go_on()
    {
        using var app = new TempCopy();
        var stack = "int-" + Guid.NewGuid().ToString("N")[..10];
        app.Write("template.yaml", "Transform: AWS::Serverless-2016-10-31\nMetadata:\n  SamcTestServer:\n    ExecuteDelaySeconds: 120\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n");
        var psi = SamCompiler.TestSupport.DefaultSignals.Apply(ProcessRunner.Start(Tools.Samc, ["deploy", "--stack-name", stack, "--endpoint-url", server.Endpoint], app.Path, ProcessRunner.Environment()));
        using var p = Process.Start(psi)!;
        var stderr = new System.Text.StringBuilder();
        var executing = new TaskCompletionSource();
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stderr)
            {
                stderr.Append(e.Data).Append('\n');
            }

            if (e.Data.StartsWith("Executing the change set", StringComparison.Ordinal))
            {
                executing.TrySetResult();
            }
        };
        p.OutputDataReceived += (_, _) => { };
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();
        Assert.True(executing.Task.Wait(TimeSpan.FromSeconds(60)), "samc never started executing: " + stderr);
        Thread.Sleep(1000);
        using (var kill = Process.Start("kill", ["-INT", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(p.WaitForExit(30_000), "samc did not stop after SIGINT");
        p.WaitForExit();
        var text = stderr.ToString();
        Assert.Equal(130, p.ExitCode);
        Assert.True(text.Contains("error SAM0024: Interrupted. samc stopped waiting, but CloudFormation goes on: stack \"" + stack + "\" is CREATE_IN_PROGRESS", StringComparison.Ordinal), text);
        Assert.Contains("aws cloudformation describe-stack-events --stack-name " + stack, text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        var run = new ProcessRunner(server.Endpoint);
        Assert.Equal("CREATE_IN_PROGRESS", Stack(run, stack).GetProperty("StackStatus").GetString());
    }

    [DeployFact]
    public void A_template_over_51200_bytes_goes_through_S3()
    {
        var run = new ProcessRunner(server.Endpoint);
        using var app = new TempCopy();
        var stack = "big-" + Guid.NewGuid().ToString("N")[..10];
        var bucket = "samc-big-" + Guid.NewGuid().ToString("N")[..10];
        run.Aws("s3api", "create-bucket", "--bucket", bucket);
        var sb = new System.Text.StringBuilder("Transform: AWS::Serverless-2016-10-31\nResources:\n");
        for (var i = 0; i < 40; i++)
        {
            sb.Append("  Queue").Append(i).Append(":\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags:\n");
            for (var t = 0; t < 5; t++)
            {
                sb.Append("        - Key: tag").Append(t).Append("\n          Value: ").Append(new string('x', 200)).Append('\n');
            }
        }

        app.Write("template.yaml", sb.ToString());
        var noBucket = run.Samc(app.Path, "deploy", "--stack-name", stack, "--endpoint-url", server.Endpoint);
        Assert.Equal(1, noBucket.ExitCode);
        Assert.Contains("error SAM0017:", noBucket.Stderr, StringComparison.Ordinal);
        Assert.Contains("51,200", noBucket.Stderr, StringComparison.Ordinal);

        var withBucket = run.Samc(app.Path, "deploy", "--stack-name", stack, "--endpoint-url", server.Endpoint, "--s3-bucket", bucket);
        Assert.True(withBucket.ExitCode == 0, withBucket.ToString());
        Assert.Contains("CloudFormation reads it from https://s3.amazonaws.com/" + bucket + "/", withBucket.Stderr, StringComparison.Ordinal);
        Assert.Equal("CREATE_COMPLETE", Stack(run, stack).GetProperty("StackStatus").GetString());
    }

    internal static JsonElement Stack(ProcessRunner run, string stack)
    {
        using var doc = run.Aws("cloudformation", "describe-stacks", "--stack-name", stack);
        return doc!.RootElement.GetProperty("Stacks")[0].Clone();
    }

    private static string CodeSha(ProcessRunner run, string stack, string logicalId)
    {
        using var resource = run.Aws("cloudformation", "describe-stack-resource", "--stack-name", stack, "--logical-resource-id", logicalId);
        var name = resource!.RootElement.GetProperty("StackResourceDetail").GetProperty("PhysicalResourceId").GetString()!;
        using var config = run.Aws("lambda", "get-function-configuration", "--function-name", name);
        return config!.RootElement.GetProperty("CodeSha256").GetString()!;
    }
}
