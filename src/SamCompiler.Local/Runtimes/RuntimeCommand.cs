using System.Globalization;
using SamCompiler.Local.Model;

namespace SamCompiler.Local.Runtimes;

/// <summary>The runtime families samc runs.</summary>
public enum RuntimeFamily
{
    /// <summary>python3.x through samc's Python client.</summary>
    Python,

    /// <summary>nodejs* through samc's Node.js client.</summary>
    Node,

    /// <summary>provided, provided.al2, provided.al2023: the function's own bootstrap.</summary>
    Provided,

    /// <summary>java8.al2, java11, java17, java21, java25 through samc's Java client on the installed JDK.</summary>
    Java,

    /// <summary>dotnet6, dotnet8, dotnet10 through samc's .NET host on the installed .NET.</summary>
    Dotnet,
}

/// <summary>How to start a function's runtime: the program, its arguments and the family.</summary>
/// <param name="Family">The runtime family.</param>
/// <param name="FileName">The program (interpreter or bootstrap).</param>
/// <param name="Arguments">Its arguments.</param>
public sealed record RuntimeCommand(RuntimeFamily Family, string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The family of a Runtime value, or null when samc cannot run it.</summary>
    public static RuntimeFamily? FamilyOf(string runtime) =>
        runtime.StartsWith("python3", StringComparison.Ordinal) ? RuntimeFamily.Python
        : runtime.StartsWith("nodejs", StringComparison.Ordinal) ? RuntimeFamily.Node
        : runtime.StartsWith("provided", StringComparison.Ordinal) ? RuntimeFamily.Provided
        : runtime.StartsWith("java", StringComparison.Ordinal) ? RuntimeFamily.Java
        : runtime.StartsWith("dotnet", StringComparison.Ordinal) ? RuntimeFamily.Dotnet
        : null;

    /// <summary>
    /// Resolves the command for <paramref name="function"/>: python3.N (else python3) or node from PATH with samc's
    /// client, java with samc's Java client, dotnet with samc's .NET host, or the function's executable <c>bootstrap</c>.
    /// Null with a message when it is not installed.
    /// </summary>
    public static RuntimeCommand? Resolve(LocalFunction function, string? path, string cacheRoot, out string? error)
    {
        error = null;
        switch (FamilyOf(function.Runtime))
        {
            case RuntimeFamily.Python:
                var python = FindOnPath(path, function.Runtime) ?? FindOnPath(path, "python3");
                if (python is null)
                {
                    error = $"Function \"{function.LogicalId}\" needs {function.Runtime}, but neither \"{function.Runtime}\" nor \"python3\" is on PATH.";
                    return null;
                }

                return new RuntimeCommand(RuntimeFamily.Python, python, ["-u", "-X", "utf8", Bootstraps.Extract(Bootstraps.Python, cacheRoot)]);
            case RuntimeFamily.Node:
                var node = FindOnPath(path, "node");
                if (node is null)
                {
                    error = $"Function \"{function.LogicalId}\" needs {function.Runtime}, but \"node\" is not on PATH.";
                    return null;
                }

                // Lambda's Node.js bootstrap caps the V8 heap below the function memory the same way.
                var heap = Math.Max(function.MemorySize * 9 / 10, 16).ToString(CultureInfo.InvariantCulture);
                return new RuntimeCommand(RuntimeFamily.Node, node, ["--max-old-space-size=" + heap, Bootstraps.Extract(Bootstraps.Node, cacheRoot)]);
            case RuntimeFamily.Provided:
                var bootstrap = Path.Combine(function.CodeDirectory, "bootstrap");
                if (!File.Exists(bootstrap))
                {
                    error = $"Function \"{function.LogicalId}\" uses {function.Runtime}, but its code folder \"{function.CodeDirectory}\" has no \"bootstrap\" file.";
                    return null;
                }

                if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(bootstrap) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
                {
                    error = $"The bootstrap \"{bootstrap}\" of function \"{function.LogicalId}\" is not executable (chmod +x it, as Lambda needs too).";
                    return null;
                }

                return new RuntimeCommand(RuntimeFamily.Provided, bootstrap, []);
            case RuntimeFamily.Java:
                return JavaRuntime.Resolve(function, path, cacheRoot, out error);
            case RuntimeFamily.Dotnet:
                return DotnetRuntime.Resolve(function, path, out error);
            default:
                error = $"Function \"{function.LogicalId}\" uses the runtime \"{function.Runtime}\"; samc local runs python3.x, nodejs*, java*, dotnet* and provided* (provided.al2, provided.al2023) runtimes.";
                return null;
        }
    }

    /// <summary>
    /// The first executable <paramref name="name"/> on <paramref name="path"/>. A pyenv shim is resolved to the
    /// interpreter it stands for (a shim costs a few hundred milliseconds per start and may name no installed version).
    /// </summary>
    public static string? FindOnPath(string? path, string name)
    {
        foreach (var folder in (path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (!File.Exists(candidate))
            {
                continue;
            }

            var versions = Path.Combine(folder, "..", "versions");
            if (Path.GetFileName(folder.TrimEnd('/')) != "shims" || !Directory.Exists(versions))
            {
                return candidate;
            }

            if (ResolveShim(Path.GetFullPath(Path.Combine(folder, "..")), name) is { } real)
            {
                return real;
            }
        }

        return null;
    }

    private static string? ResolveShim(string root, string name)
    {
        var global = Path.Combine(root, "version");
        if (File.Exists(global))
        {
            foreach (var version in File.ReadAllLines(global).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
            {
                var candidate = Path.Combine(root, "versions", version, "bin", name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return Directory.EnumerateDirectories(Path.Combine(root, "versions"))
            .Select(d => Path.Combine(d, "bin", name))
            .Where(File.Exists)
            .OrderByDescending(p => p, StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
