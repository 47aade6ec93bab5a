using System.Globalization;
using SamCompiler.Local.Model;

namespace SamCompiler.Local.Runtimes;

/// <summary>
/// The dotnet* runtimes: the installed <c>dotnet</c> runs samc's .NET host (SamCompiler.Local.DotnetHost.dll, shipped
/// next to samc), which loads the handler assembly from the function's folder (the <c>dotnet publish</c> output).
/// </summary>
public static class DotnetRuntime
{
    /// <summary>The file name of samc's .NET host.</summary>
    public const string HostFileName = "SamCompiler.Local.DotnetHost.dll";

    /// <summary>The .NET major version a Runtime value asks for (dotnet8 → 8, dotnetcore3.1 → 3), or null.</summary>
    public static int? RequestedMajor(string runtime)
    {
        var rest = runtime.StartsWith("dotnetcore", StringComparison.Ordinal) ? runtime["dotnetcore".Length..] : runtime["dotnet".Length..];
        var digits = new string(rest.TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : null;
    }

    /// <summary>The highest Microsoft.NETCore.App major version installed next to <paramref name="dotnet"/>, or null.</summary>
    public static int? InstalledMajor(string dotnet)
    {
        var real = new FileInfo(dotnet).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dotnet;
        var shared = Path.Combine(Path.GetDirectoryName(real)!, "shared", "Microsoft.NETCore.App");
        if (!Directory.Exists(shared))
        {
            return null;
        }

        var majors = Directory.EnumerateDirectories(shared)
            .Select(d => Path.GetFileName(d).Split('.')[0])
            .Select(m => int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .ToList();
        return majors.Count == 0 ? null : majors.Max();
    }

    /// <summary>Where samc's host is: next to the samc executable (or the assembly that runs samc).</summary>
    public static string HostPath(string? baseDirectory = null) => Path.Combine(baseDirectory ?? AppContext.BaseDirectory, HostFileName);

    /// <summary>Resolves the command for a dotnet* function, or null with a message.</summary>
    public static RuntimeCommand? Resolve(LocalFunction function, string? path, out string? error)
    {
        error = null;
        var dotnet = RuntimeCommand.FindOnPath(path, "dotnet");
        if (dotnet is null)
        {
            error = $"Function \"{function.LogicalId}\" needs {function.Runtime}, but \"dotnet\" is not on PATH.";
            return null;
        }

        var installed = InstalledMajor(dotnet);
        if (installed is { } have && RequestedMajor(function.Runtime) is { } want && want > have)
        {
            error = $"Function \"{function.LogicalId}\" needs {function.Runtime}, but the newest .NET runtime installed with \"{dotnet}\" is {have} (.NET {want} or newer is needed).";
            return null;
        }

        var host = HostPath();
        if (!File.Exists(host))
        {
            error = $"Function \"{function.LogicalId}\" needs {function.Runtime}, but samc's .NET host \"{host}\" is missing (it ships next to samc).";
            return null;
        }

        // The host targets the newest .NET samc builds for and rolls forward to the newest installed major.
        return new RuntimeCommand(RuntimeFamily.Dotnet, dotnet, ["exec", "--roll-forward", "LatestMajor", host]);
    }
}
