using SamCompiler.Deploy.Tests.Infrastructure;

namespace SamCompiler.Deploy.Tests;

/// <summary>Bad input gives a clear diagnostic and a non-zero exit, never a stack trace (the real process).</summary>
public sealed class BadInputTests(DeployServer server) : IClassFixture<DeployServer>
{
    private const string QueueTemplate = "Transform: AWS::Serverless-2016-10-31\nParameters:\n  Stage:\n    Type: String\n    AllowedValues: [dev, prod]\n    Default: dev\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n";

    [Fact]
    public void No_credentials()
    {
        using var app = new TempCopy();
        app.Write("template.yaml", QueueTemplate);
        var env = ProcessRunner.Environment();
        env["AWS_ACCESS_KEY_ID"] = null;
        env["AWS_SECRET_ACCESS_KEY"] = null;
        var result = ProcessRunner.Run(Tools.Samc, ["deploy", "--stack-name", "nocreds", "--endpoint-url", "http://127.0.0.1:9"], app.Path, env);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error SAM0010: No AWS credentials", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void No_region()
    {
        using var app = new TempCopy();
        app.Write("template.yaml", QueueTemplate);
        var env = ProcessRunner.Environment();
        env["AWS_REGION"] = null;
        env["AWS_DEFAULT_REGION"] = null;
        var result = ProcessRunner.Run(Tools.Samc, ["deploy", "--stack-name", "noregion", "--endpoint-url", "http://127.0.0.1:9"], app.Path, env);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error SAM0011: No AWS region", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stack_name_with_invalid_characters()
    {
        using var app = new TempCopy();
        app.Write("template.yaml", QueueTemplate);
        var result = ProcessRunner.Run(Tools.Samc, ["deploy", "--stack-name", "my_stack!", "--endpoint-url", "http://127.0.0.1:9"], app.Path, ProcessRunner.Environment());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--stack-name(1,1): error SAM2020: The stack name \"my_stack!\" is not valid", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_that_does_not_answer()
    {
        using var app = new TempCopy();
        app.Write("template.yaml", QueueTemplate);
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var started = DateTime.UtcNow;
        var result = ProcessRunner.Run(Tools.Samc, ["deploy", "--stack-name", "nowhere", "--endpoint-url", $"http://127.0.0.1:{port}"], app.Path, ProcessRunner.Environment());
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error SAM0012: The endpoint http://127.0.0.1:{port} does not answer", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(60), "gave up too slowly");
    }

    [DeployFact]
    public void An_unknown_bucket()
    {
        var run = new ProcessRunner(server.Endpoint);
        using var app = new TempCopy(Path.Combine(Tools.RepoRoot, "examples", "pipeline"));
        var result = run.Samc(app.Path, "package", "--s3-bucket", "samc-test-no-such-bucket", "--endpoint-url", server.Endpoint);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error SAM0014: The S3 bucket \"samc-test-no-such-bucket\" does not exist", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [DeployFact]
    public void Local_artifacts_without_a_bucket()
    {
        var run = new ProcessRunner(server.Endpoint);
        using var app = new TempCopy(Path.Combine(Tools.RepoRoot, "examples", "pipeline"));
        File.Delete(Path.Combine(app.Path, "samconfig.toml"));
        var result = run.Samc(app.Path, "deploy", "--stack-name", "nobucket", "--endpoint-url", server.Endpoint);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error SAM0017: The template has local artifacts", result.Stderr, StringComparison.Ordinal);
    }

    [DeployFact]
    public void A_missing_code_folder()
    {
        var run = new ProcessRunner(server.Endpoint);
        using var app = new TempCopy(Path.Combine(Tools.RepoRoot, "examples", "pipeline"));
        Directory.Delete(Path.Combine(app.Path, "src", "notify"), recursive: true);
        var result = run.Samc(app.Path, "deploy", "--stack-name", "nofolder", "--endpoint-url", server.Endpoint);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error SAM0015: CodeUri of \"NotifyFunction\" refers to \"src/notify/\", which is neither a file nor a folder", result.Stderr, StringComparison.Ordinal);
    }

    [DeployFact]
    public void A_change_set_that_fails_to_create()
    {
        var run = new ProcessRunner(server.Endpoint);
        using var app = new TempCopy();
        app.Write("template.yaml", QueueTemplate);
        var stack = "csfail-" + Guid.NewGuid().ToString("N")[..8];
        var result = run.Samc(app.Path, "deploy", "--stack-name", stack, "--endpoint-url", server.Endpoint, "--parameter-overrides", "Stage=qa");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("template.yaml(1,1): error SAM0020: CloudFormation refused the change set for stack \"" + stack + "\": ValidationError: Parameter 'Stage' must be one of AllowedValues", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }
}
