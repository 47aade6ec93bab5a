using SamCompiler.Deploy.Tests.Infrastructure;

namespace SamCompiler.Deploy.Tests;

/// <summary>samconfig.toml / samconfig.yaml applied to commands by the real process.</summary>
public sealed class SamConfigTests(DeployServer server) : IClassFixture<DeployServer>
{
    private const string TwoParameters = "Transform: AWS::Serverless-2016-10-31\nParameters:\n  A:\n    Type: String\n  B:\n    Type: String\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n";

    [DeployFact]
    public void Deploy_reads_the_environment_a_flag_wins_and_parameter_overrides_merge_key_by_key()
    {
        var run = new ProcessRunner(server.Endpoint);
        using var app = new TempCopy();
        app.Write("template.yaml", TwoParameters);
        var fromFile = "cfg-" + Guid.NewGuid().ToString("N")[..8];
        var fromFlag = "flag-" + Guid.NewGuid().ToString("N")[..8];
        app.Write("samconfig.toml", $"version = 0.1\n\n[default.deploy.parameters]\nstack_name = \"ignored\"\n\n[ci.global.parameters]\nregion = \"us-east-1\"\n\n[ci.deploy.parameters]\nstack_name = \"{fromFile}\"\nparameter_overrides = \"A=1 B=2\"\n");

        // The ci environment's stack name and parameters.
        var first = run.Samc(app.Path, "deploy", "--config-env", "ci", "--endpoint-url", server.Endpoint);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" }, Parameters(run, fromFile));

        // --stack-name on the command line wins; --parameter-overrides B=3 replaces only B.
        var second = run.Samc(app.Path, "deploy", "--config-env", "ci", "--stack-name", fromFlag, "--parameter-overrides", "B=3", "--endpoint-url", server.Endpoint);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "3" }, Parameters(run, fromFlag));
    }

    [DeployFact]
    public void A_yaml_samconfig_given_with_config_file()
    {
        var run = new ProcessRunner(server.Endpoint);
        using var app = new TempCopy();
        app.Write("template.yaml", TwoParameters);
        var stack = "yml-" + Guid.NewGuid().ToString("N")[..8];
        app.Write("config/samc.yaml", $"version: 0.1\ndefault:\n  deploy:\n    parameters:\n      stack_name: {stack}\n      parameter_overrides:\n        - A=x\n        - B=y\n");
        var result = run.Samc(app.Path, "deploy", "--config-file", "config/samc.yaml", "--endpoint-url", server.Endpoint);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(new Dictionary<string, string> { ["A"] = "x", ["B"] = "y" }, Parameters(run, stack));
    }

    [Fact]
    public void Compile_reads_its_own_section()
    {
        using var app = new TempCopy();
        app.Write("template.yaml", "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      InlineCode: x\n      Handler: a.b\n      Runtime: python3.12\n");
        app.Write("samconfig.toml", "version = 0.1\n[default.compile.parameters]\nregion = \"cn-north-1\"\nformat = \"yaml\"\n");
        var result = ProcessRunner.Run(Tools.Samc, ["compile"], app.Path, ProcessRunner.Environment());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", result.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("Resources:", result.Stdout, StringComparison.Ordinal);

        // The flag wins over the file.
        var json = ProcessRunner.Run(Tools.Samc, ["compile", "--format", "json"], app.Path, ProcessRunner.Environment());
        Assert.StartsWith("{", json.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_samconfig_is_a_diagnostic_with_its_position()
    {
        using var app = new TempCopy();
        app.Write("template.yaml", "Resources: {}\n");
        app.Write("samconfig.toml", "version = 0.1\n[default.compile.parameters\nregion = 1\n");
        var result = ProcessRunner.Run(Tools.Samc, ["compile"], app.Path, ProcessRunner.Environment());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("samconfig.toml(2,", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("error SAM0025: The config file is not valid TOML", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_config_file()
    {
        using var app = new TempCopy();
        app.Write("template.yaml", "Resources: {}\n");
        var result = ProcessRunner.Run(Tools.Samc, ["compile", "--config-file", "nope.toml"], app.Path, ProcessRunner.Environment());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error SAM0025: The config file \"nope.toml\" given with --config-file does not exist.", result.Stderr, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Parameters(ProcessRunner run, string stack)
    {
        var described = DeployEndToEndTests.Stack(run, stack);
        return described.GetProperty("Parameters").EnumerateArray().ToDictionary(p => p.GetProperty("ParameterKey").GetString()!, p => p.GetProperty("ParameterValue").GetString()!, StringComparer.Ordinal);
    }
}
