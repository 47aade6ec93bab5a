using System.Text.RegularExpressions;
using SamCompiler.Deploy.Tests.Infrastructure;

namespace SamCompiler.Deploy.Tests;

/// <summary><c>samc package</c> and <c>samc compile --local-artifacts placeholder</c> with the real process.</summary>
public sealed partial class PackageCommandTests(DeployServer server) : IClassFixture<DeployServer>
{
    [GeneratedRegex("[0-9a-f]{64}\\.[a-z]+")]
    private static partial Regex HashKey();

    [DeployFact]
    public void Packaging_twice_uploads_nothing_the_second_time_and_writes_the_same_bytes()
    {
        var run = new ProcessRunner(server.Endpoint);
        using var app = new TempCopy(Path.Combine(Tools.RepoRoot, "examples", "pipeline"));
        var bucket = "samc-pkg-" + Guid.NewGuid().ToString("N")[..10];
        run.Aws("s3api", "create-bucket", "--bucket", bucket);

        var first = run.Samc(app.Path, "package", "--s3-bucket", bucket, "--endpoint-url", server.Endpoint, "-o", "packaged1.yaml");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("samc: 4 uploaded, 0 unchanged", first.Stderr, StringComparison.Ordinal);
        var second = run.Samc(app.Path, "package", "--s3-bucket", bucket, "--endpoint-url", server.Endpoint, "-o", "packaged2.yaml");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("samc: 0 uploaded, 4 unchanged", second.Stderr, StringComparison.Ordinal);
        var bytes1 = File.ReadAllBytes(Path.Combine(app.Path, "packaged1.yaml"));
        Assert.Equal(bytes1, File.ReadAllBytes(Path.Combine(app.Path, "packaged2.yaml")));
        var packaged = File.ReadAllText(Path.Combine(app.Path, "packaged1.yaml"));
        Assert.Contains($"CodeUri: s3://{bucket}/", packaged, StringComparison.Ordinal);
        Assert.Contains($"ContentUri: s3://{bucket}/", packaged, StringComparison.Ordinal);
        Assert.DoesNotContain("src/orders", packaged, StringComparison.Ordinal);

        // The stdout form is the same document.
        var toStdout = run.Samc(app.Path, "package", "--s3-bucket", bucket, "--endpoint-url", server.Endpoint);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes1), toStdout.Stdout);

        // compile --local-artifacts placeholder names the same objects (keys), in a placeholder bucket, without AWS.
        var placeholder = ProcessRunner.Run(Tools.Samc, ["compile", "--local-artifacts", "placeholder"], app.Path, new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = null, ["AWS_SECRET_ACCESS_KEY"] = null, ["AWS_EC2_METADATA_DISABLED"] = "true",
        });
        Assert.True(placeholder.ExitCode == 0, placeholder.ToString());
        Assert.Contains("\"samc-placeholder\"", placeholder.Stdout, StringComparison.Ordinal);
        var packagedKeys = HashKey().Matches(packaged).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var placeholderKeys = HashKey().Matches(placeholder.Stdout).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(4, packagedKeys.Count);
        Assert.Equal(packagedKeys, placeholderKeys);
    }

    [DeployFact]
    public void A_symlink_leaving_the_code_folder_is_refused()
    {
        var run = new ProcessRunner(server.Endpoint);
        using var app = new TempCopy(Path.Combine(Tools.RepoRoot, "examples", "pipeline"));
        using var outside = new TempCopy();
        var secret = outside.Write("secret.txt", "not part of the function");
        File.CreateSymbolicLink(Path.Combine(app.Path, "src", "orders", "leak.txt"), secret);
        var bucket = "samc-sym-" + Guid.NewGuid().ToString("N")[..10];
        run.Aws("s3api", "create-bucket", "--bucket", bucket);
        var result = run.Samc(app.Path, "package", "--s3-bucket", bucket, "--endpoint-url", server.Endpoint);
        Assert.Equal(1, result.ExitCode);
        var line = Array.IndexOf(File.ReadAllLines(Path.Combine(app.Path, "template.yaml")), "      CodeUri: src/orders/") + 1;
        Assert.Contains($"template.yaml({line},16): error SAM0016: CodeUri of \"OrdersFunction\": The symlink \"leak.txt\"", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Compile_of_a_local_path_names_the_next_step_in_SAM2001()
    {
        using var app = new TempCopy(Path.Combine(Tools.RepoRoot, "examples", "pipeline"));
        var result = ProcessRunner.Run(Tools.Samc, ["compile"], app.Path, ProcessRunner.Environment());
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error SAM2001: Resource with id [OrdersFunction] is invalid. 'CodeUri' is not a valid S3 Uri", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"src/orders/\" is a local path: samc package (or samc deploy) uploads it to S3", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("samc compile --local-artifacts placeholder", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Compile_with_placeholders_is_deterministic_and_needs_no_credentials()
    {
        using var app = new TempCopy(Path.Combine(Tools.RepoRoot, "examples", "pipeline"));
        var env = new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = null, ["AWS_SECRET_ACCESS_KEY"] = null, ["AWS_PROFILE"] = null, ["AWS_EC2_METADATA_DISABLED"] = "true" };
        var a = ProcessRunner.Run(Tools.Samc, ["compile", "--local-artifacts", "placeholder", "--s3-prefix", "app"], app.Path, env);
        var b = ProcessRunner.Run(Tools.Samc, ["compile", "--local-artifacts", "placeholder", "--s3-prefix", "app"], app.Path, env);
        Assert.True(a.ExitCode == 0, a.ToString());
        Assert.Equal(a.Stdout, b.Stdout);
        Assert.Matches("\"S3Key\": \"app/[0-9a-f]{64}\\.zip\"", a.Stdout);
        Assert.Matches("\"Key\": \"app/[0-9a-f]{64}\\.json\"", a.Stdout);
    }
}
