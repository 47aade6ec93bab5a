using System.Diagnostics;

namespace SamCompiler.TestSupport;

/// <summary>
/// A process started from a background job of a non-interactive shell (how CI runners and <c>cmd &amp;</c> start test
/// runs) inherits SIGINT and SIGQUIT ignored, and samc, like any Unix program, leaves an ignored SIGINT ignored. Tests
/// that send the samc process a Ctrl+C start it through GNU <c>env --default-signal</c>, so it gets SIGINT as a
/// terminal user's samc does, whatever the test runner inherited.
/// </summary>
internal static class DefaultSignals
{
    private const string Env = "/usr/bin/env";

    private static readonly Lazy<bool> Supported = new(() =>
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Env))
        {
            return false;
        }

        try
        {
            using var probe = Process.Start(new ProcessStartInfo(Env) { ArgumentList = { "--default-signal=INT", "true" }, UseShellExecute = false, RedirectStandardError = true })!;
            probe.WaitForExit();
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    /// <summary>Rewrites <paramref name="start"/> to run its program with SIGINT and SIGQUIT at their default action.</summary>
    public static ProcessStartInfo Apply(ProcessStartInfo start)
    {
        if (!Supported.Value)
        {
            return start;
        }

        var args = start.ArgumentList.ToList();
        start.ArgumentList.Clear();
        start.ArgumentList.Add("--default-signal=INT,QUIT");
        start.ArgumentList.Add(start.FileName);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.FileName = Env;
        return start;
    }
}
