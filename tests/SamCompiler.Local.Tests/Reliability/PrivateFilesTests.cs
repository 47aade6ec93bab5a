using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using SamCompiler.Local.Files;
using SamCompiler.Local.Runtimes;

namespace SamCompiler.Local.Tests.Reliability;

/// <summary>
/// samc runs only files it wrote into folders private to the user: code planted where an earlier samc kept its
/// bootstraps and unpacked packages (predictable names in the shared temp folder) never runs, and a cache entry
/// that does not check out (hash, owner, permissions) is replaced.
/// </summary>
[Collection("Serial processes")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivateFilesTests
{
    private const string PlantedBootstrap = "import os, sys\nopen(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'PLANTED-RAN'), 'w').write('x')\nprint('PLANTED CODE RAN', file=sys.stderr)\nsys.exit(3)\n";

    [ProcessFact]
    public async Task BootstrapPlantedInTheSharedTempFolder_NeverRuns()
    {
        using var temp = new TestFolder("samc-plant-");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Bootstraps.Read(Bootstraps.Python)))[..16];
        var planted = Path.Combine(temp.Path, "samc-bootstraps-" + hash);
        Directory.CreateDirectory(planted);
        await File.WriteAllTextAsync(Path.Combine(planted, Bootstraps.Python), PlantedBootstrap);

        var (exit, stdout, stderr) = await InvokeEchoAsync(temp.Path, new Dictionary<string, string>());

        Assert.True(exit == 0, stderr);
        Assert.Equal("{\"a\": 1}", stdout.Trim());
        Assert.DoesNotContain("PLANTED", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(planted, "PLANTED-RAN")));
    }

    [ProcessFact]
    public async Task ChangedBootstrapInTheRuntimeDirectory_IsReplacedBeforeUse()
    {
        using var temp = new TestFolder("samc-plant-");
        var runtimeDirectory = Path.Combine(temp.Path, "xdg");
        Directory.CreateDirectory(runtimeDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var bytes = Bootstraps.Read(Bootstraps.Python);
        var folder = Path.Combine(runtimeDirectory, "samc", "bootstraps-" + VerifiedCache.Hash(bytes)[..16]);
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(folder, Bootstraps.Python);
        await File.WriteAllTextAsync(path, PlantedBootstrap);

        var (exit, stdout, stderr) = await InvokeEchoAsync(temp.Path, new Dictionary<string, string> { ["XDG_RUNTIME_DIR"] = runtimeDirectory });

        Assert.True(exit == 0, stderr);
        Assert.Equal("{\"a\": 1}", stdout.Trim());
        Assert.DoesNotContain("PLANTED", stderr, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path)); // replaced by samc's own, and kept (XDG_RUNTIME_DIR is persistent)
    }

    [ProcessFact]
    public async Task RuntimeDirectoryOthersMayWrite_IsNotUsed()
    {
        using var temp = new TestFolder("samc-plant-");
        var runtimeDirectory = Path.Combine(temp.Path, "xdg");
        Directory.CreateDirectory(runtimeDirectory);
        File.SetUnixFileMode(runtimeDirectory, (UnixFileMode)0b111_111_111);

        var (exit, _, stderr) = await InvokeEchoAsync(temp.Path, new Dictionary<string, string> { ["XDG_RUNTIME_DIR"] = runtimeDirectory });

        Assert.True(exit == 0, stderr);
        Assert.False(Directory.Exists(Path.Combine(runtimeDirectory, "samc")));
    }

    [ProcessFact]
    public async Task UnpackedPackagePlantedInTheSharedTempFolder_NeverRuns()
    {
        using var temp = new TestFolder("samc-plant-");
        var project = Path.Combine(temp.Path, "project");
        Directory.CreateDirectory(project);
        await File.WriteAllTextAsync(Path.Combine(project, "template.yaml"), "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: pkg.zip\n");
        var archive = Path.Combine(project, "pkg.zip");
        using (var zip = ZipFile.Open(archive, ZipArchiveMode.Create))
        {
            await using var entry = zip.CreateEntry("app.py").Open();
            await entry.WriteAsync(Encoding.UTF8.GetBytes("def handler(event, context):\n    return {'real': True}\n"));
        }

        // Where samc 0.1.0 unpacked it: samc-code-<hash of path, size and time> in the shared temp folder.
        var info = new FileInfo(archive);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{info.FullName}\n{info.Length}\n{info.LastWriteTimeUtc.Ticks}"))))[..16];
        var planted = Path.Combine(temp.Path, "samc-code-" + key);
        Directory.CreateDirectory(planted);
        await File.WriteAllTextAsync(Path.Combine(planted, "app.py"), "def handler(event, context):\n    return {'planted': True}\n");

        using var samc = SamcProcess.Start(project, temp.Path, "local", "invoke", "Fn");
        Assert.NotNull(await samc.WaitForExitAsync(TimeSpan.FromSeconds(90)));

        Assert.True(samc.ExitCode == 0, samc.Stderr);
        Assert.Equal("{\"real\": true}", samc.Stdout.Trim());
    }

    [Fact]
    public void VerifiedCache_RefusesAFolderOthersMayWrite()
    {
        using var temp = new TestFolder("samc-plant-");
        var bytes = Bootstraps.Read(Bootstraps.Node);
        var folder = Path.Combine(temp.Path, "bootstraps-" + VerifiedCache.Hash(bytes)[..16]);
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);

        var error = Assert.Throws<InvalidOperationException>(() => Bootstraps.Extract(Bootstraps.Node, temp.Path));
        Assert.Contains("other users may write to it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifiedCache_ReplacesAFileOfAnotherOwner()
    {
        if (UnixFile.EffectiveUserId != 0)
        {
            return; // only root can give a file away; the hash check covers the rest
        }

        using var temp = new TestFolder("samc-plant-");
        var bytes = Bootstraps.Read(Bootstraps.Node);
        var first = Bootstraps.Extract(Bootstraps.Node, temp.Path);
        using (var chown = System.Diagnostics.Process.Start("chown", ["65534", first])!)
        {
            chown.WaitForExit();
            Assert.Equal(0, chown.ExitCode);
        }

        Assert.Equal(65534, UnixFile.Stat(first, followLinks: false)!.OwnerId);

        var second = Bootstraps.Extract(Bootstraps.Node, temp.Path);

        Assert.Equal(first, second);
        Assert.Equal(UnixFile.EffectiveUserId, UnixFile.Stat(second, followLinks: false)!.OwnerId);
        Assert.Equal(bytes, File.ReadAllBytes(second));
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> InvokeEchoAsync(string temp, IReadOnlyDictionary<string, string> environment)
    {
        var eventFile = Path.Combine(temp, "event.json");
        await File.WriteAllTextAsync(eventFile, "{\"a\": 1}");
        using var samc = SamcProcess.Start(SamcProcess.Fixture, temp, environment, "local", "invoke", "EchoFunction", "-e", eventFile);
        Assert.NotNull(await samc.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        return (samc.ExitCode, samc.Stdout, samc.Stderr);
    }
}
