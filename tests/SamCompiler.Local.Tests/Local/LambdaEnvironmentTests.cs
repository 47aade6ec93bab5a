using SamCompiler.Local.Invoke;
using SamCompiler.Local.Model;
using SamCompiler.Local.Runtimes;

namespace SamCompiler.Local.Tests.Local;

/// <summary>The runtime process environment (Lambda's reserved variables, no leaks from the caller) and the REPORT line.</summary>
public sealed class LambdaEnvironmentTests
{
    private static readonly LocalFunction Function = new()
    {
        LogicalId = "Fn",
        Runtime = "nodejs22.x",
        Handler = "index.handler",
        CodeDirectory = "/code",
        MemorySize = 256,
        Environment = [new("MINE", "1"), new("AWS_REGION", "template-cannot-set-this")],
    };

    private static readonly DateTimeOffset Now = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Fact]
    public void SetsLambdasVariablesAndKeepsTheCallersOut()
    {
        var caller = new Dictionary<string, string?> { ["PATH"] = "/usr/bin", ["HOME"] = "/root", ["SECRET_OF_CALLER"] = "x" };

        var env = LambdaEnvironment.Build(Function, Function.Environment, RuntimeFamily.Node, "eu-west-1", "127.0.0.1:9001", LayerMode.Opt, caller, Now);

        Assert.Equal("1", env["MINE"]);
        Assert.Equal("eu-west-1", env["AWS_REGION"]);
        Assert.Equal("eu-west-1", env["AWS_DEFAULT_REGION"]);
        Assert.Equal("Fn", env["AWS_LAMBDA_FUNCTION_NAME"]);
        Assert.Equal("256", env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"]);
        Assert.Equal("$LATEST", env["AWS_LAMBDA_FUNCTION_VERSION"]);
        Assert.Equal("/aws/lambda/Fn", env["AWS_LAMBDA_LOG_GROUP_NAME"]);
        Assert.StartsWith("2026/03/04/[$LATEST]", env["AWS_LAMBDA_LOG_STREAM_NAME"], StringComparison.Ordinal);
        Assert.Equal("127.0.0.1:9001", env["AWS_LAMBDA_RUNTIME_API"]);
        Assert.Equal("AWS_Lambda_nodejs22.x", env["AWS_EXECUTION_ENV"]);
        Assert.Equal("index.handler", env["_HANDLER"]);
        Assert.Equal("/code", env["LAMBDA_TASK_ROOT"]);
        Assert.Equal("true", env["AWS_SAM_LOCAL"]);
        Assert.Equal("/usr/bin:/opt/bin", env["PATH"]);
        Assert.Equal("/opt/nodejs/node22/node_modules:/opt/nodejs/node_modules:/code", env["NODE_PATH"]);
        Assert.Equal(LambdaEnvironment.DummyAccessKeyId, env["AWS_ACCESS_KEY_ID"]);
        Assert.Equal(LambdaEnvironment.DummySecretAccessKey, env["AWS_SECRET_ACCESS_KEY"]);
        Assert.False(env.ContainsKey("HOME"));
        Assert.False(env.ContainsKey("SECRET_OF_CALLER"));
        Assert.False(env.ContainsKey("AWS_SESSION_TOKEN"));
    }

    [Fact]
    public void PassesTheCallersCredentialsWhenBothKeysAreSet()
    {
        var caller = new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = "AKIDCALLER", ["AWS_SECRET_ACCESS_KEY"] = "s3cr3t", ["AWS_SESSION_TOKEN"] = "tok" };

        var env = LambdaEnvironment.Build(Function, [], RuntimeFamily.Python, "us-east-1", "127.0.0.1:1", LayerMode.None, caller, Now);

        Assert.Equal("AKIDCALLER", env["AWS_ACCESS_KEY_ID"]);
        Assert.Equal("s3cr3t", env["AWS_SECRET_ACCESS_KEY"]);
        Assert.Equal("tok", env["AWS_SESSION_TOKEN"]);
        Assert.False(env.ContainsKey("PYTHONPATH"));
    }

    [Fact]
    public void ReportLineHasLambdasFieldsAndRoundsBilledDurationUp()
    {
        var line = LocalInvoker.ReportLine("id-1", TimeSpan.FromMilliseconds(12.341), 128, 31L * 1024 * 1024, TimeSpan.FromMilliseconds(150.5));

        Assert.Equal("REPORT RequestId: id-1\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 31 MB\tInit Duration: 150.50 ms\t", line);
    }
}
