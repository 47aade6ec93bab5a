using System.CommandLine;
using System.Globalization;
using System.Text;
using SamCompiler.Cli;
using SamCompiler.Cli.Commands;

namespace SamCompiler.Local.Tests.Serve;

/// <summary>The command lines of start-lambda and start-api (parse only; the servers are tested elsewhere).</summary>
public sealed class ServeCommandLineTests
{
    private static RootCommand Root()
    {
        var context = new CliContext(TextWriter.Null, TextWriter.Null, Path.GetTempPath(), new Dictionary<string, string?>());
        return new RootCommand { StartLambdaCommand.Create(context), StartApiCommand.Create(context), GenerateEventCommand.Create(context) };
    }

    [Theory]
    [InlineData("start-lambda -t t.yaml -p 0 --host 127.0.0.1 --warm-containers EAGER --async-retry-delay 0.5 --account-concurrency 10")]
    [InlineData("start-lambda --warm-containers lazy")]
    [InlineData("start-api -t t.yaml -p 3000")]
    public void Accepted(string line) => Assert.Empty(Root().Parse(line).Errors);

    [Theory]
    [InlineData("start-lambda --warm-containers SOMETIMES")]
    [InlineData("start-lambda -p many")]
    [InlineData("start-api --bogus")]
    public void Rejected(string line) => Assert.NotEmpty(Root().Parse(line).Errors);

    [Fact]
    public async Task MissingTemplateIsAUsageError()
    {
        var stderr = new StringWriter(new StringBuilder(), CultureInfo.InvariantCulture);
        var empty = Directory.CreateTempSubdirectory("samc-serve-").FullName;
        try
        {
            var context = new CliContext(TextWriter.Null, stderr, empty, new Dictionary<string, string?>());
            Assert.Equal(ExitCodes.Usage, await StartLambdaCommand.RunAsync(new ServeArguments { Port = 0 }, context, null, CancellationToken.None));
            Assert.Contains("no --template given", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
