using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using SamCompiler.Local.Files;
using SamCompiler.Local.Model;

namespace SamCompiler.Local.Runtimes;

/// <summary>
/// The java* runtimes: the installed JDK runs samc's Java client (embedded as source, compiled once with javac into
/// a cache folder keyed by the sources and the JDK version) with the function's classes and jars on the class path.
/// </summary>
public static class JavaRuntime
{
    /// <summary>The main class of samc's Java client.</summary>
    public const string MainClass = "samc.bootstrap.SamcJavaBootstrap";

    private static readonly Lock Gate = new();

    /// <summary>The Java major version a Runtime value asks for (java8.al2 → 8, java21 → 21), or null.</summary>
    public static int? RequestedMajor(string runtime)
    {
        var digits = new string(runtime.AsSpan("java".Length).ToArray().TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : null;
    }

    /// <summary>The major version of a JAVA_VERSION value ("1.8.0_402" → 8, "17.0.15" → 17), or null.</summary>
    public static int? MajorOf(string version)
    {
        var parts = version.Trim().Trim('"').Split('.', '_', '-', '+');
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first))
        {
            return null;
        }

        return first == 1 && parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var second) ? second : first;
    }

    /// <summary>
    /// The JVM options samc uses, as Lambda's java runtimes do: C1 only (TieredStopAtLevel=1), the serial GC, and a
    /// heap of 85% of MemorySize with 10% for metaspace and 5% for the code cache.
    /// </summary>
    public static IReadOnlyList<string> JvmOptions(int memorySize)
    {
        var kb = (long)memorySize * 1024;
        return
        [
            "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-XX:MaxHeapSize=" + (kb * 85 / 100).ToString(CultureInfo.InvariantCulture) + "k",
            "-XX:MaxMetaspaceSize=" + (kb * 10 / 100).ToString(CultureInfo.InvariantCulture) + "k",
            "-XX:ReservedCodeCacheSize=" + (kb * 5 / 100).ToString(CultureInfo.InvariantCulture) + "k",
            "-Djava.net.preferIPv4Stack=true",
        ];
    }

    /// <summary>
    /// The class path of a function, in Lambda's order: the code folder (classes at its root), its lib/*.jar, the
    /// layers' java/lib/*.jar (on /opt, and in their own folders for when they are not mounted), then samc's client
    /// with its copy of the aws-lambda-java-core interfaces, so that a jar the function bundles wins.
    /// </summary>
    public static string ClassPath(LocalFunction function, string bootstrapClasses)
    {
        // A .jar/.zip CodeUri is already unpacked into a folder by LocalTemplate, as Lambda unpacks it into /var/task.
        var entries = new List<string> { function.CodeDirectory, Path.Combine(function.CodeDirectory, "lib", "*"), "/opt/java/lib/*" };
        entries.AddRange(function.Layers.Reverse().Select(l => Path.Combine(l, "java", "lib", "*")));
        entries.Add(bootstrapClasses);
        return string.Join(Path.PathSeparator, entries);
    }

    /// <summary>Resolves the command for a java* function, or null with a message.</summary>
    public static RuntimeCommand? Resolve(LocalFunction function, string? path, string cacheRoot, out string? error)
    {
        error = null;
        var java = RuntimeCommand.FindOnPath(path, "java");
        if (java is null)
        {
            error = $"Function \"{function.LogicalId}\" needs {function.Runtime}, but \"java\" is not on PATH.";
            return null;
        }

        var (home, version) = Locate(java);
        var installed = version is null ? null : MajorOf(version);
        var requested = RequestedMajor(function.Runtime);
        if (installed is { } have && requested is { } want && want > have)
        {
            error = $"Function \"{function.LogicalId}\" needs {function.Runtime}, but the installed Java \"{java}\" is version {have} (Java {want} or newer is needed).";
            return null;
        }

        var javac = Path.Combine(home, "bin", "javac");
        string classes;
        try
        {
            classes = CompileBootstrap(javac, version ?? "unknown", cacheRoot);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            error = $"Function \"{function.LogicalId}\" needs {function.Runtime}: {ex.Message}";
            return null;
        }

        var arguments = new List<string>(JvmOptions(function.MemorySize))
        {
            "-cp",
            ClassPath(function, classes),
            MainClass,
        };
        return new RuntimeCommand(RuntimeFamily.Java, java, arguments);
    }

    /// <summary>The JDK folder of <paramref name="java"/> (symbolic links followed) and its JAVA_VERSION, when known.</summary>
    internal static (string Home, string? Version) Locate(string java)
    {
        var real = new FileInfo(java).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? java;
        var home = Path.GetDirectoryName(Path.GetDirectoryName(real))!;
        return (home, ReadVersion(home));
    }

    private static string? ReadVersion(string home)
    {
        var release = Path.Combine(home, "release");
        if (!File.Exists(release))
        {
            return null;
        }

        foreach (var line in File.ReadLines(release))
        {
            if (line.StartsWith("JAVA_VERSION=", StringComparison.Ordinal))
            {
                return line["JAVA_VERSION=".Length..].Trim().Trim('"');
            }
        }

        return null;
    }

    /// <summary>
    /// The folder of the compiled client under <paramref name="cacheRoot"/>, compiled with <paramref name="javac"/> if
    /// needed: into a private folder first, then renamed into place, so that concurrent samc processes never see a
    /// half-written folder.
    /// </summary>
    internal static string CompileBootstrap(string javac, string javaVersion, string cacheRoot)
    {
        var names = Bootstraps.Named(".java");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(javaVersion + "\n"));
        var sources = names.Select(n => (Name: n, Bytes: Bootstraps.Read(n))).ToList();
        foreach (var (name, bytes) in sources)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name + "\n"));
            hash.AppendData(bytes);
        }

        var key = Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
        var folder = Path.Combine(cacheRoot, "samc-java-" + key);
        var classes = Path.Combine(folder, "classes");
        lock (Gate)
        {
            // Used only when this user wrote it and nothing in it changed since (the manifest lists every file's hash).
            if (VerifiedCache.FolderMatches(folder))
            {
                return classes;
            }

            if (!File.Exists(javac))
            {
                throw new InvalidOperationException($"samc compiles its Java client with javac, and \"{javac}\" does not exist (install a JDK, not only a JRE).");
            }

            var work = WorkFolder.CreateStaging(cacheRoot, "samc-java-" + key);
            var source = Path.Combine(work, "src");
            Directory.CreateDirectory(source);
            try
            {
                foreach (var (name, bytes) in sources)
                {
                    File.WriteAllBytes(Path.Combine(source, name), bytes);
                }

                var start = new ProcessStartInfo(javac)
                {
                    UseShellExecute = false,
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                };
                foreach (var a in new[] { "-nowarn", "-encoding", "UTF-8", "-d", Path.Combine(work, "classes") }.Concat(sources.Select(s => Path.Combine(source, s.Name))))
                {
                    start.ArgumentList.Add(a);
                }

                using var process = Process.Start(start)!;
                var stderr = process.StandardError.ReadToEndAsync();
                var stdout = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"javac could not compile samc's Java client: {(stdout + stderr.Result).Trim()}");
                }

                Directory.Delete(source, recursive: true);
                VerifiedCache.WriteManifest(work);
                if (UnixFile.Stat(folder, followLinks: false) is { Kind: not UnixFileKind.Missing })
                {
                    // A stale, changed or foreign entry: only a folder of this user can be replaced.
                    if (!WorkFolder.IsPrivate(folder, out var reason))
                    {
                        throw new InvalidOperationException($"samc will not use \"{folder}\" for its Java client: {reason}.");
                    }

                    Directory.Delete(folder, recursive: true);
                }

                try
                {
                    Directory.Move(work, folder);
                }
                catch (IOException) when (VerifiedCache.FolderMatches(folder))
                {
                    // Another samc process finished first; its copy is identical.
                }
            }
            finally
            {
                if (Directory.Exists(work))
                {
                    Directory.Delete(work, recursive: true);
                }
            }
        }

        return classes;
    }
}
