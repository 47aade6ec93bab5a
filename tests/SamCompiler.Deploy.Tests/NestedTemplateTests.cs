using SamCompiler.Deploy.Tests.Infrastructure;

namespace SamCompiler.Deploy.Tests;

/// <summary>Nested templates are packaged (and, for deploy, compiled) recursively; AWS::Include locations uploaded.</summary>
public sealed class NestedTemplateTests(DeployServer server) : IClassFixture<DeployServer>
{
    private const string Parent = "Transform: AWS::Serverless-2016-10-31\nResources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: nested/child.yaml\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      Fn::Transform:\n        Name: AWS::Include\n        Parameters:\n          Location: snippets/queue.yaml\n";
    private const string Child = "Transform: AWS::Serverless-2016-10-31\nResources:\n  ChildFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: code/\n      Handler: app.handler\n      Runtime: python3.12\n";

    [DeployFact]
    public void Package_uploads_the_packaged_child_template_and_the_include()
    {
        var run = new ProcessRunner(server.Endpoint);
        using var app = new TempCopy();
        app.Write("template.yaml", Parent);
        app.Write("nested/child.yaml", Child);
        app.Write("nested/code/app.py", "def handler(e, c):\n    return 1\n");
        app.Write("snippets/queue.yaml", "VisibilityTimeout: 30\n");
        var bucket = "samc-nest-" + Guid.NewGuid().ToString("N")[..10];
        run.Aws("s3api", "create-bucket", "--bucket", bucket);
        var result = run.Samc(app.Path, "package", "--s3-bucket", bucket, "--endpoint-url", server.Endpoint);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("samc: 3 uploaded, 0 unchanged", result.Stderr, StringComparison.Ordinal);
        Assert.Matches($"TemplateURL: https://s3.amazonaws.com/{bucket}/[0-9a-f]{{64}}\\.template", result.Stdout);
        Assert.Matches($"Location: s3://{bucket}/[0-9a-f]{{64}}\\.yaml", result.Stdout);
        var key = System.Text.RegularExpressions.Regex.Match(result.Stdout, "[0-9a-f]{64}\\.template").Value;
        var child = Path.Combine(app.Path, "child-packaged.yaml");
        run.Aws("s3api", "get-object", "--bucket", bucket, "--key", key, child);
        var childText = File.ReadAllText(child);
        Assert.Matches($"CodeUri: s3://{bucket}/[0-9a-f]{{64}}\\.zip", childText);
    }

    [DeployFact]
    public void Deploy_sends_a_compiled_child_and_CloudFormation_creates_it()
    {
        var run = new ProcessRunner(server.Endpoint);
        using var app = new TempCopy();
        app.Write("template.yaml", "Transform: AWS::Serverless-2016-10-31\nResources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: nested/child.yaml\n");
        app.Write("nested/child.yaml", Child);
        app.Write("nested/code/app.py", "def handler(e, c):\n    return 1\n");
        var bucket = "samc-nestd-" + Guid.NewGuid().ToString("N")[..10];
        var stack = "nest-" + Guid.NewGuid().ToString("N")[..8];
        run.Aws("s3api", "create-bucket", "--bucket", bucket);
        var result = run.Samc(app.Path, "deploy", "--stack-name", stack, "--s3-bucket", bucket, "--endpoint-url", server.Endpoint);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("CREATE_COMPLETE", DeployEndToEndTests.Stack(run, stack).GetProperty("StackStatus").GetString());
        var key = System.Text.RegularExpressions.Regex.Match(result.Stderr, "[0-9a-f]{64}\\.template").Value;
        var child = Path.Combine(app.Path, "child-sent.json");
        run.Aws("s3api", "get-object", "--bucket", bucket, "--key", key, child);
        var sent = File.ReadAllText(child);
        Assert.Contains("\"AWS::Lambda::Function\"", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("AWS::Serverless", sent, StringComparison.Ordinal);
    }
}
