using System.Diagnostics;
using SamCompiler.Cli.Commands;
using SamCompiler.Cli.Tests.Commands;

namespace SamCompiler.Cli.Tests.Reliability;

/// <summary>
/// Inputs that used to hang samc or exhaust memory, run through the built samc: a template that never ends
/// (/dev/zero), lint of code locations that are huge, outside the template's folder, FIFOs or not paths at all;
/// and outputs written without following planted links.
/// </summary>
public sealed class BoundedInputTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [UnixProcessFact]
    public async Task Compile_DevZero_StopsAtTheCapWithSam0003()
    {
        var run = await SamcRun.RunAsync(_dir.Path, Limit, "compile", "/dev/zero");
        Assert.False(run.Hung, "samc compile /dev/zero did not end within 60 s");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("error SAM0003", run.Stderr, StringComparison.Ordinal);
    }

    [UnixProcessFact]
    public async Task Lint_CodeUriOutsideTheTemplateFolder_IsNotMeasured()
    {
        _dir.Write("template.yaml", Template("/"));
        var run = await SamcRun.RunAsync(_dir.Path, Limit, "lint", "template.yaml");
        Assert.False(run.Hung, "lint of CodeUri: / did not end within 60 s");
        Assert.NotEqual(ExitCodes.InternalError, run.ExitCode);
        Assert.Contains("warning SAM3032", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--allow-outside", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [UnixProcessFact]
    public async Task Lint_AllowOutside_MeasuresIt()
    {
        var outside = Path.Combine(_dir.Path, "outside");
        Directory.CreateDirectory(Path.Combine(outside, "code"));
        using (var big = File.Create(Path.Combine(outside, "code", "big.bin")))
        {
            big.SetLength(262_144_001);
        }

        Directory.CreateDirectory(Path.Combine(_dir.Path, "stack"));
        _dir.Write("stack/template.yaml", Template("../outside/code"));
        var refused = await SamcRun.RunAsync(Path.Combine(_dir.Path, "stack"), Limit, "lint", "template.yaml");
        var allowed = await SamcRun.RunAsync(Path.Combine(_dir.Path, "stack"), Limit, "lint", "--allow-outside", "template.yaml");

        Assert.Contains("SAM3032", refused.Stdout + refused.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("SAM3016", refused.Stdout + refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("error SAM3016", allowed.Stdout + allowed.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("SAM3032", allowed.Stdout + allowed.Stderr, StringComparison.Ordinal);
    }

    [UnixProcessFact]
    public async Task Lint_FifoInTheCodeFolder_DoesNotBlock()
    {
        var code = Path.Combine(_dir.Path, "code");
        Directory.CreateDirectory(code);
        using (var big = File.Create(Path.Combine(code, "big.bin")))
        {
            big.SetLength(30L * 1024 * 1024); // past half the zipped limit, so the zipped size is measured
        }

        using (var mkfifo = Process.Start("mkfifo", [Path.Combine(code, "pipe")])!)
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        _dir.Write("template.yaml", Template("code/"));
        var run = await SamcRun.RunAsync(_dir.Path, Limit, "lint", "template.yaml");
        Assert.False(run.Hung, "lint blocked on a FIFO in the code folder");
        Assert.NotEqual(ExitCodes.InternalError, run.ExitCode);
    }

    [UnixProcessFact]
    public async Task Lint_CodeUriThatIsAFifo_IsRefused()
    {
        using (var mkfifo = Process.Start("mkfifo", [Path.Combine(_dir.Path, "pipe.zip")])!)
        {
            await mkfifo.WaitForExitAsync();
        }

        _dir.Write("template.yaml", Template("pipe.zip"));
        var run = await SamcRun.RunAsync(_dir.Path, Limit, "lint", "template.yaml");
        Assert.False(run.Hung, "lint blocked on a FIFO CodeUri");
        Assert.Contains("is a FIFO, socket or device", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [UnixProcessFact]
    public async Task Lint_NulInCodeUri_IsADiagnosticNotAnInternalError()
    {
        _dir.Write("template.yaml", Template("\"code\\0x\""));
        var run = await SamcRun.RunAsync(_dir.Path, Limit, "lint", "template.yaml");
        Assert.NotEqual(ExitCodes.InternalError, run.ExitCode);
        Assert.DoesNotContain("SAM0001", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Contains("warning SAM3032", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [UnixProcessFact]
    public async Task LocalInvoke_NulInCodeUri_IsADiagnosticNotAnInternalError()
    {
        _dir.Write("template.yaml", Template("\"code\\0x\""));
        var run = await SamcRun.RunAsync(_dir.Path, Limit, "local", "invoke", "-t", "template.yaml");
        Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
        Assert.Contains("error SAM6003", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("NUL character", run.Stderr, StringComparison.Ordinal);
    }

    [UnixProcessFact]
    public async Task LocalInvoke_EndlessEvent_StopsAtLambdasLimit()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "src"));
        _dir.Write("template.yaml", Template("src/"));
        var run = await SamcRun.RunAsync(_dir.Path, Limit, "local", "invoke", "-e", "/dev/zero");
        Assert.False(run.Hung, "local invoke -e /dev/zero did not end within 60 s");
        Assert.Equal(ExitCodes.InputErrors, run.ExitCode);
        Assert.Contains("error SAM6006", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("is more than 6,291,456 bytes", run.Stderr, StringComparison.Ordinal);
    }

    [UnixProcessFact]
    public async Task CompileOutput_DoesNotFollowAPlantedLink()
    {
        _dir.Write("template.yaml", Template("s3://bucket/key.zip"));
        var victim = _dir.Write("victim.txt", "precious");
        File.CreateSymbolicLink(Path.Combine(_dir.Path, "out.json.samc-tmp"), victim);
        var run = await SamcRun.RunAsync(_dir.Path, Limit, "compile", "template.yaml", "-o", "out.json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("precious", await File.ReadAllTextAsync(victim));
        Assert.Contains("AWS::Lambda::Function", await File.ReadAllTextAsync(Path.Combine(_dir.Path, "out.json")), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir.Path, ".out.json.samc-*"));
    }

    [Fact]
    public void Probe_StopsAtItsFileBudget_WithLowerBounds()
    {
        var code = Path.Combine(_dir.Path, "many");
        Directory.CreateDirectory(code);
        for (var i = 0; i < 10; i++)
        {
            File.WriteAllText(Path.Combine(code, $"f{i}.txt"), new string('a', 100));
        }

        var probe = new LintCommand.DirectoryCodeSizeProbe(_dir.Path) { Files = 4 };
        var size = probe.Measure("many", needZipped: false)!;
        Assert.True(size.Partial);
        Assert.Equal(400, size.UnzippedBytes);
        var problem = probe.Problem("many")!;
        Assert.False(problem.Refused);
        Assert.Contains("after 4 files", problem.Message, StringComparison.Ordinal);
    }

    private static string Template(string codeUri) =>
        $"Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      MemorySize: 512\n      CodeUri: {codeUri}\n";
}
