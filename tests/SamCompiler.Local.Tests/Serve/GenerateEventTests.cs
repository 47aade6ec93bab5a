using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SamCompiler.Cli;
using SamCompiler.Cli.Commands;

namespace SamCompiler.Local.Tests.Serve;

/// <summary>samc local generate-event: every required sample parses as JSON and takes its options.</summary>
public sealed class GenerateEventTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter(new StringBuilder(), CultureInfo.InvariantCulture);
        var stderr = new StringWriter(new StringBuilder(), CultureInfo.InvariantCulture);
        var context = new CliContext(stdout, stderr, Path.GetTempPath(), new Dictionary<string, string?>());
        var root = new RootCommand { GenerateEventCommand.Create(context) };
        var exit = root.Parse(["generate-event", .. args]).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("s3", "put", "Records.0.eventName", "ObjectCreated:Put")]
    [InlineData("s3", "delete", "Records.0.eventName", "ObjectRemoved:Delete")]
    [InlineData("sqs", "receive-message", "Records.0.eventSource", "aws:sqs")]
    [InlineData("sns", "notification", "Records.0.EventSource", "aws:sns")]
    [InlineData("apigateway", "aws-proxy", "requestContext.stage", "prod")]
    [InlineData("apigateway", "http-api-proxy", "version", "2.0")]
    [InlineData("dynamodb", "update", "Records.1.eventName", "MODIFY")]
    [InlineData("kinesis", "get-records", "Records.0.eventName", "aws:kinesis:record")]
    [InlineData("cloudwatch", "scheduled-event", "detail-type", "Scheduled Event")]
    [InlineData("eventbridge", "event", "source", "com.example.app")]
    public void SampleIsJsonWithItsShape(string service, string name, string path, string expected)
    {
        var (exit, stdout, stderr) = Run(service, name);
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(expected, Walk(doc.RootElement, path).GetString());
    }

    [Fact]
    public void OptionsReplaceTheDefaults()
    {
        var (exit, stdout, stderr) = Run("s3", "put", "--bucket", "photos", "--key", "cats/\"tom\".jpg", "--region=eu-west-1", "--size", "7");
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var record = doc.RootElement.GetProperty("Records")[0];
        Assert.Equal("photos", record.GetProperty("s3").GetProperty("bucket").GetProperty("name").GetString());
        Assert.Equal("arn:aws:s3:::photos", record.GetProperty("s3").GetProperty("bucket").GetProperty("arn").GetString());
        Assert.Equal("cats/\"tom\".jpg", record.GetProperty("s3").GetProperty("object").GetProperty("key").GetString());
        Assert.Equal(7, record.GetProperty("s3").GetProperty("object").GetProperty("size").GetInt32());
        Assert.Equal("eu-west-1", record.GetProperty("awsRegion").GetString());
    }

    [Fact]
    public void EncodedFieldsFollowTheirServices()
    {
        // Kinesis delivers data base64-encoded; SQS's md5OfBody is the MD5 hex digest of the body.
        var (_, kinesis, _) = Run("kinesis", "get-records", "--data", "hello kinesis");
        using var k = JsonDocument.Parse(kinesis);
        Assert.Equal("hello kinesis", Encoding.UTF8.GetString(Convert.FromBase64String(Walk(k.RootElement, "Records.0.kinesis.data").GetString()!)));
        var (_, sqs, _) = Run("sqs", "receive-message", "--body", "hello sqs");
        using var s = JsonDocument.Parse(sqs);
        Assert.Equal("hello sqs", Walk(s.RootElement, "Records.0.body").GetString());
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData("hello sqs"u8)), Walk(s.RootElement, "Records.0.md5OfBody").GetString());
        var (_, bridge, _) = Run("eventbridge", "event", "--detail", "{\"orderId\": 7}");
        using var b = JsonDocument.Parse(bridge);
        Assert.Equal(7, Walk(b.RootElement, "detail.orderId").GetInt32());
    }

    [Theory]
    [InlineData(new[] { "s3", "put", "--colour", "red" }, "Unknown option \"--colour\"")]
    [InlineData(new[] { "s3", "copy" }, "Unknown event \"copy\" for \"s3\"")]
    [InlineData(new[] { "ftp", "put" }, "Unknown service \"ftp\"")]
    [InlineData(new[] { "s3", "put", "--size", "big" }, "must be a number")]
    [InlineData(new[] { "eventbridge", "event", "--detail", "{nope" }, "must be JSON")]
    [InlineData(new[] { "s3", "put", "--bucket" }, "needs a value")]
    public void UsageErrors(string[] args, string message)
    {
        var (exit, stdout, stderr) = Run(args);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAnEventListsTheSamples()
    {
        var (exit, stdout, _) = Run("s3");
        Assert.Equal(0, exit);
        Assert.Contains("s3 put:", stdout, StringComparison.Ordinal);
        Assert.Contains("s3 delete:", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("sqs", stdout, StringComparison.Ordinal);
    }

    private static JsonElement Walk(JsonElement root, string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            current = int.TryParse(part, out var i) ? current[i] : current.GetProperty(part);
        }

        return current;
    }
}
