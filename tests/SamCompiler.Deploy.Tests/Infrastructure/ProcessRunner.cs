using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace SamCompiler.Deploy.Tests.Infrastructure;

/// <summary>Exit code and output of a process.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs samc and the AWS CLI as processes against the deploy server, with test credentials.</summary>
public sealed class ProcessRunner(string endpoint)
{
    private static readonly string[] Removed = ["AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN", "CI", "SAMC_DEPLOY_TIMING"];

    /// <summary>The endpoint.</summary>
    public string Endpoint { get; } = endpoint;

    /// <summary>
    /// Test credentials and region; instance metadata is never asked; with <paramref name="endpoint"/>, every AWS
    /// client (the AWS CLI's included) goes to it, so nothing leaves loopback.
    /// </summary>
    public static Dictionary<string, string?> Environment(string? endpoint = null)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["AWS_ACCESS_KEY_ID"] = "testing",
            ["AWS_SECRET_ACCESS_KEY"] = "testing",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_DEFAULT_REGION"] = "us-east-1",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_CONFIG_FILE"] = "/nonexistent/samc-tests/config",
            ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/samc-tests/credentials",
        };
        if (endpoint is not null)
        {
            env["AWS_ENDPOINT_URL"] = endpoint;
        }

        return env;
    }

    /// <summary>Runs samc in <paramref name="workingDirectory"/>.</summary>
    public ProcessResult Samc(string workingDirectory, params string[] args) => Run(Tools.Samc, args, workingDirectory, Environment(Endpoint));

    /// <summary>Runs samc with an explicit environment (null values remove a variable).</summary>
    public static ProcessResult Run(string file, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string?> environment, string? stdin = null, TimeSpan? timeout = null)
    {
        var psi = Start(file, args, workingDirectory, environment);
        psi.RedirectStandardInput = true;
        using var p = Process.Start(psi)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.Append(e.Data).Append('\n'); } } };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.Append(e.Data).Append('\n'); } } };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
        }

        p.StandardInput.Close();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish");
        }

        p.WaitForExit();
        return new ProcessResult(p.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The start info with the environment applied (the variables samc must not inherit removed).</summary>
    public static ProcessStartInfo Start(string file, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var name in Removed)
        {
            psi.Environment.Remove(name);
        }

        foreach (var (k, v) in environment)
        {
            if (v is null)
            {
                psi.Environment.Remove(k);
            }
            else
            {
                psi.Environment[k] = v;
            }
        }

        return psi;
    }

    /// <summary>Runs <c>aws --endpoint-url E --output json ARGS</c> and parses its JSON answer (null when it printed none).</summary>
    public JsonDocument? Aws(params string[] args)
    {
        var result = Run("aws", ["--endpoint-url", Endpoint, "--output", "json", .. args], Path.GetTempPath(), Environment(Endpoint));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"aws {string.Join(' ', args)} failed: {result}");
        }

        return string.IsNullOrWhiteSpace(result.Stdout) ? null : JsonDocument.Parse(result.Stdout);
    }

    /// <summary>Runs the AWS CLI and returns its exit code and output without throwing.</summary>
    public ProcessResult AwsRaw(params string[] args) =>
        Run("aws", ["--endpoint-url", Endpoint, "--output", "json", .. args], Path.GetTempPath(), Environment(Endpoint));
}

/// <summary>A copy of a folder in a private temporary directory, deleted on dispose.</summary>
public sealed class TempCopy : IDisposable
{
    /// <summary>Copies <paramref name="source"/> (or makes an empty folder).</summary>
    public TempCopy(string? source = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "samc-deploy-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        if (source is not null)
        {
            Copy(source, Path);
        }
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>Writes a file under the folder.</summary>
    public string Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static void Copy(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }
}
