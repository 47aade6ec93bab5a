namespace SamCompiler.Cli.Tests.Commands;

public sealed class RootCommandTests
{
    [Fact]
    public void Version_PrintsTheVersion()
    {
        var result = CliRunner.Run(CliRunner.RepoRoot, "--version");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(Program.Version, result.Stdout.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Stdout.Trim());
    }

    [Fact]
    public void Help_ListsTheCompileCommand()
    {
        var result = CliRunner.Run(CliRunner.RepoRoot, "--help");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("compile", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void CompileHelp_ShowsOptionsAndAnExample()
    {
        var result = CliRunner.Run(CliRunner.RepoRoot, "compile", "--help");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        foreach (var option in new[] { "--format", "--output", "-o", "--parameter-overrides", "--region", "TEMPLATE" })
        {
            Assert.Contains(option, result.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("samc compile", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_IsAUsageError()
    {
        var result = CliRunner.Run(CliRunner.RepoRoot, "frobnicate");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
    }
}
