using System.Diagnostics;
using System.Globalization;
using System.Text;
using SamCompiler.Diagnostics;
using SamCompiler.Local.Model;
using SamCompiler.Local.RuntimeApi;
using SamCompiler.Local.Runtimes;
using SamCompiler.Text;

namespace SamCompiler.Local.Invoke;

/// <summary>One invocation to run.</summary>
public sealed record InvokeRequest
{
    /// <summary>The function.</summary>
    public required LocalFunction Function { get; init; }

    /// <summary>The event (JSON bytes).</summary>
    public required byte[] Event { get; init; }

    /// <summary>The template variables after --env-vars (defaults to the function's own).</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Variables { get; init; }

    /// <summary>The region (AWS_REGION, the ARN).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The account id of the ARN.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>The caller's environment (PATH, credentials).</summary>
    public IReadOnlyDictionary<string, string?> CallerEnvironment { get; init; } = new Dictionary<string, string?>();

    /// <summary>False to keep layers off /opt even where a mount namespace is allowed (the language-path fallback).</summary>
    public bool UseMountNamespace { get; init; } = true;

    /// <summary>Where bootstraps are extracted (default: the private <see cref="Files.WorkFolder"/> of this process).</summary>
    public string? CacheRoot { get; init; }

    /// <summary>The signal forwarded to the runtime when the invocation is cancelled (default SIGINT).</summary>
    public Func<int>? InterruptSignal { get; init; }
}

/// <summary>What an invocation gave: the result, or the diagnostics that kept it from running.</summary>
public sealed record InvokeReport
{
    /// <summary>The request id.</summary>
    public string RequestId { get; init; } = string.Empty;

    /// <summary>The result; null when the function could not be started.</summary>
    public InvocationResult? Result { get; init; }

    /// <summary>Problems found while preparing (errors mean no result).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>Invocation duration (dispatch to result).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Init duration (process start to the runtime's first next), when the runtime got that far.</summary>
    public TimeSpan? InitDuration { get; init; }

    /// <summary>Peak memory of the environment in bytes, when measured.</summary>
    public long? MaxMemoryBytes { get; init; }

    /// <summary>True when the invocation was cancelled (Ctrl+C) before it gave a result.</summary>
    public bool Interrupted { get; init; }
}

/// <summary>
/// Runs one invocation of a function in a fresh execution environment: a Runtime API server on loopback, the
/// runtime as a child process (layers on /opt in a private mount namespace where allowed, memory in a cgroup where
/// allowed), the timeout, and Lambda's START/END/REPORT lines. Everything the runtime prints goes to the log sink.
/// </summary>
public sealed class LocalInvoker
{
    /// <summary>How long a runtime may take to initialise before the invocation counts as timed out (Lambda: 10 s).</summary>
    public static readonly TimeSpan InitLimit = TimeSpan.FromSeconds(10);

    /// <summary>How long an interrupted runtime may take to end by itself before its process group is killed.</summary>
    public static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(1);

    private static readonly Lock NamespaceGate = new();
    private static bool? _namespaceAllowed;

    private readonly TimeProvider _time;
    private readonly LogSink _log;

    /// <summary>An invoker writing logs to <paramref name="log"/>.</summary>
    public LocalInvoker(TimeProvider time, LogSink log)
    {
        _time = time;
        _log = log;
    }

    /// <summary>Runs the invocation in a fresh environment with its own Runtime API server.</summary>
    public async Task<InvokeReport> InvokeAsync(InvokeRequest request, CancellationToken cancellationToken)
    {
        await using var server = RuntimeApiServer.Create(_time, cancellationToken);
        return await InvokeAsync(request, server, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the invocation against <paramref name="server"/>, a server created (not necessarily started) for this
    /// environment alone; callers create it early so that Kestrel starts while they read the template.
    /// </summary>
    public async Task<InvokeReport> InvokeAsync(InvokeRequest request, RuntimeApiServer server, CancellationToken cancellationToken)
    {
        var function = request.Function;
        var diagnostics = new List<Diagnostic>();
        var span = SourceSpan.None;
        RuntimeCommand? command;
        string? commandError;
        try
        {
            command = RuntimeCommand.Resolve(function, Get(request.CallerEnvironment, "PATH"), request.CacheRoot ?? Files.WorkFolder.Shared.Path, out commandError);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalWorkFolderUnsafe, span, ex.Message));
            return new InvokeReport { Diagnostics = diagnostics };
        }

        if (command is null)
        {
            var descriptor = RuntimeCommand.FamilyOf(function.Runtime) is null ? DiagnosticCatalog.LocalRuntimeUnsupported : DiagnosticCatalog.LocalRuntimeNotInstalled;
            diagnostics.Add(Diagnostic.Create(descriptor, span, commandError!));
            return new InvokeReport { Diagnostics = diagnostics };
        }

        var (layerMode, unshare) = await LayerModeAsync(function, Get(request.CallerEnvironment, "PATH"), request.UseMountNamespace, cancellationToken).ConfigureAwait(false);
        if (layerMode == LayerMode.LanguagePaths)
        {
            diagnostics.Add(OptFallback(function, request.UseMountNamespace, unshare));
        }

        var cgroup = MemoryCgroup.TryCreate(function.MemorySize, out var cgroupReason);
        if (cgroup is null)
        {
            diagnostics.Add(MemoryNotEnforced(function, command, cgroupReason));
        }

        foreach (var d in diagnostics)
        {
            _log.WriteLine(d.ToString());
        }

        using var cgroupScope = cgroup;
        var requestId = Guid.NewGuid().ToString("D");
        var partition = LocalTemplate.PartitionOf(request.Region);
        var invocation = new Invocation(
            requestId,
            request.Event,
            $"arn:{partition}:lambda:{request.Region}:{request.AccountId}:function:{function.LogicalId}",
            TimeSpan.FromSeconds(function.Timeout))
        {
            TraceId = TraceHeader(),
        };
        server.Enqueue(invocation);
        try
        {
            await server.Started.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return new InvokeReport { RequestId = requestId, Diagnostics = diagnostics, Interrupted = true };
        }

        var environment = LambdaEnvironment.Build(function, request.Variables ?? function.Environment, command.Family, request.Region, server.Address, layerMode, request.CallerEnvironment, _time.GetUtcNow());
        var start = BuildStartInfo(command, function, environment, layerMode, unshare, cgroup);
        using var process = new Process { StartInfo = start };
        var started = _time.GetTimestamp();
        try
        {
            RuntimeProcesses.Start(process);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalRuntimeNotInstalled, span, $"Cannot start \"{start.FileName}\" for function \"{function.LogicalId}\": {ex.Message}."));
            return new InvokeReport { Diagnostics = diagnostics };
        }

        process.StandardInput.Close();
        var pumps = Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError));
        var exited = process.WaitForExitAsync(CancellationToken.None);

        // Ctrl+C (or SIGTERM) while the function runs: the signal goes on to the runtime's process group, which gets
        // a moment to end by itself before it is killed; there is no result.
        var interrupt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var interruptRegistration = cancellationToken.Register(() => interrupt.TrySetResult());
        using var stopWaits = new CancellationTokenSource();
        InvocationResult? result = null;
        TimeSpan? initDuration = null;
        long dispatchedAt = started;
        long completedAt;
        long? peak = null;
        var interrupted = false;
        try
        {
            var initLimit = Task.Delay(InitLimit, _time, stopWaits.Token);
            await Task.WhenAny(invocation.Dispatched, server.InitError, exited, initLimit, interrupt.Task).ConfigureAwait(false);
            if (invocation.Dispatched.IsCompleted && !interrupt.Task.IsCompleted)
            {
                dispatchedAt = _time.GetTimestamp();
                initDuration = _time.GetElapsedTime(started, dispatchedAt);
                _log.WriteLine($"START RequestId: {requestId} Version: $LATEST");
                var timeout = Task.Delay(invocation.Timeout, _time, stopWaits.Token);
                await Task.WhenAny(invocation.Completed, exited, timeout, interrupt.Task).ConfigureAwait(false);
                if (!invocation.Completed.IsCompleted && timeout.IsCompleted && !exited.IsCompleted && !interrupt.Task.IsCompleted)
                {
                    var message = LambdaErrors.TimeoutMessage(invocation.Timeout);
                    _log.WriteLine($"{_time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)} {requestId} {message}");
                    invocation.TryComplete(LambdaErrors.Result(LambdaErrors.Timeout, $"RequestId: {requestId} Error: {message}"));
                }
            }

            if (interrupt.Task.IsCompleted && !invocation.Completed.IsCompleted)
            {
                interrupted = true;
                var signal = request.InterruptSignal?.Invoke() ?? Files.UnixFile.SigInt;
                _log.WriteLine($"samc: interrupted: signal {signal.ToString(CultureInfo.InvariantCulture)} sent to the runtime of \"{function.LogicalId}\" (process group {process.Id.ToString(CultureInfo.InvariantCulture)}).");
                RuntimeProcesses.Signal(process, signal);
                await Task.WhenAny(exited, Task.Delay(InterruptGrace, _time, stopWaits.Token)).ConfigureAwait(false);
            }
            else
            {
                peak = MeasurePeak(process, cgroup);
                if (!invocation.Completed.IsCompleted && exited.IsCompleted)
                {
                    await Task.WhenAny(server.InitError, Task.Delay(TimeSpan.FromMilliseconds(50), _time, stopWaits.Token)).ConfigureAwait(false);
                }

                if (!invocation.Completed.IsCompleted)
                {
                    invocation.TryComplete(
                        server.InitError.IsCompleted ? await server.InitError.ConfigureAwait(false)
                        : exited.IsCompleted ? ExitResult(requestId, process.ExitCode, cgroup)
                        : LambdaErrors.Result(LambdaErrors.Timeout, $"RequestId: {requestId} Error: {LambdaErrors.TimeoutMessage(InitLimit)} (the runtime did not ask for the event)"));
                }

                result = await invocation.Completed.ConfigureAwait(false);
            }

            completedAt = _time.GetTimestamp();
        }
        finally
        {
            await stopWaits.CancelAsync().ConfigureAwait(false);
            RuntimeProcesses.Stop(process);
            await exited.ConfigureAwait(false);
            try
            {
                await pumps.WaitAsync(TimeSpan.FromSeconds(interrupted ? 0.5 : 2), _time, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // A grandchild outside the process group keeps the pipe open; its output is dropped.
            }
        }

        if (interrupted || result is null)
        {
            return new InvokeReport { RequestId = requestId, Diagnostics = diagnostics, Interrupted = true };
        }

        var duration = _time.GetElapsedTime(dispatchedAt, completedAt);
        peak ??= cgroup?.PeakBytes();
        _log.WriteLine($"END RequestId: {requestId}");
        _log.WriteLine(ReportLine(requestId, duration, function.MemorySize, peak, initDuration));
        return new InvokeReport
        {
            RequestId = requestId,
            Result = result,
            Diagnostics = diagnostics,
            Duration = duration,
            InitDuration = initDuration,
            MaxMemoryBytes = peak,
        };
    }

    /// <summary>Lambda's REPORT line (tab separated, billed duration rounded up to 1 ms).</summary>
    public static string ReportLine(string requestId, TimeSpan duration, int memorySize, long? peakBytes, TimeSpan? initDuration)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"REPORT RequestId: {requestId}\tDuration: {duration.TotalMilliseconds:0.00} ms\tBilled Duration: {Math.Max(1, (long)Math.Ceiling(duration.TotalMilliseconds))} ms\tMemory Size: {memorySize} MB\t");
        text.Append(CultureInfo.InvariantCulture, $"Max Memory Used: {(peakBytes is { } p ? (p + (1024 * 1024) - 1) / (1024 * 1024) : 0)} MB\t");
        if (initDuration is { } init)
        {
            text.Append(CultureInfo.InvariantCulture, $"Init Duration: {init.TotalMilliseconds:0.00} ms\t");
        }

        return text.ToString();
    }

    internal static InvocationResult ExitResult(string requestId, int exitCode, MemoryCgroup? cgroup)
    {
        var how = exitCode > 128 ? SignalName(exitCode - 128) : $"exit status {exitCode.ToString(CultureInfo.InvariantCulture)}";
        var type = cgroup?.OomKilled() == true ? LambdaErrors.OutOfMemory : LambdaErrors.ExitError;
        return LambdaErrors.Result(type, $"RequestId: {requestId} Error: Runtime exited with error: {how}");
    }

    private static string SignalName(int signal) => signal switch
    {
        6 => "signal: aborted",
        9 => "signal: killed",
        11 => "signal: segmentation fault",
        15 => "signal: terminated",
        _ => $"signal: {signal.ToString(CultureInfo.InvariantCulture)}",
    };

    /// <summary>
    /// The larger of the cgroup's peak (anonymous memory and page cache the environment charged) and the runtime's
    /// peak resident set (which also counts the interpreter's shared pages, as Lambda's figure does).
    /// </summary>
    internal static long? MeasurePeak(Process process, MemoryCgroup? cgroup)
    {
        var cgroupPeak = cgroup?.PeakBytes();
        long? resident = null;
        try
        {
            var line = File.ReadLines($"/proc/{process.Id.ToString(CultureInfo.InvariantCulture)}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            var kb = line?["VmHWM:".Length..].Trim().Split(' ')[0];
            resident = kb is not null && long.TryParse(kb, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v * 1024 : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The process is gone (or /proc is absent): the cgroup figure alone.
        }

        return cgroupPeak is null ? resident : resident is null ? cgroupPeak : Math.Max(cgroupPeak.Value, resident.Value);
    }

    private async Task PumpAsync(StreamReader reader)
    {
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false)) > 0)
        {
            _log.Write(buffer.AsSpan(0, read));
        }
    }

    /// <summary>SAM6xxx: the function's layers are reachable through the language paths only, not on /opt.</summary>
    internal static Diagnostic OptFallback(LocalFunction function, bool namespaceRequested, string? unshare) =>
        Diagnostic.Create(DiagnosticCatalog.LocalOptFallback, SourceSpan.None, $"Layers of function \"{function.LogicalId}\" are not mounted on /opt: {(!namespaceRequested ? "mount namespaces are turned off for this run" : unshare is null ? "\"unshare\" (util-linux) is not available" : "this system does not allow a private mount namespace")}. PYTHONPATH, NODE_PATH and PATH point into the layer folders instead; code that reads /opt/... by absolute path will not find them.");

    /// <summary>SAM6xxx: MemorySize is not enforced with a cgroup.</summary>
    internal static Diagnostic MemoryNotEnforced(LocalFunction function, RuntimeCommand command, string? reason) =>
        Diagnostic.Create(DiagnosticCatalog.LocalMemoryNotEnforced, SourceSpan.None, $"MemorySize {function.MemorySize} MB of function \"{function.LogicalId}\" is not enforced with a cgroup ({reason}); {command.Family switch
        {
            RuntimeFamily.Python => "an address-space rlimit is used instead",
            RuntimeFamily.Node => "only the V8 heap is capped",
            RuntimeFamily.Java => "only the JVM heap, metaspace and code cache are capped",
            _ => "it is not enforced",
        }} and Max Memory Used is the process peak.");

    /// <summary>Where layers go for a function: /opt in a private mount namespace when allowed, else the language paths.</summary>
    internal static async Task<(LayerMode Mode, string? Unshare)> LayerModeAsync(LocalFunction function, string? path, bool useMountNamespace, CancellationToken cancellationToken)
    {
        if (function.Layers.Count == 0)
        {
            return (LayerMode.None, null);
        }

        var unshare = OperatingSystem.IsLinux() ? RuntimeCommand.FindOnPath(path + ":/usr/bin:/bin", "unshare") : null;
        return useMountNamespace && unshare is not null && await NamespaceAllowedAsync(unshare, cancellationToken).ConfigureAwait(false)
            ? (LayerMode.Opt, unshare)
            : (LayerMode.LanguagePaths, unshare);
    }

    internal static ProcessStartInfo BuildStartInfo(RuntimeCommand command, LocalFunction function, Dictionary<string, string> environment, LayerMode layerMode, string? unshare, MemoryCgroup? cgroup)
    {
        var start = new ProcessStartInfo
        {
            WorkingDirectory = function.CodeDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        start.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var script = new StringBuilder();
        if (cgroup is not null)
        {
            script.Append(CultureInfo.InvariantCulture, $"echo $$ > {Quote(cgroup.ProcsFile)} || exit 125\n");
        }
        else if (command.Family == RuntimeFamily.Python)
        {
            // Without a cgroup: an address-space limit (MemorySize plus room for the interpreter's own mappings).
            script.Append(CultureInfo.InvariantCulture, $"ulimit -v {((function.MemorySize + 64) * 1024).ToString(CultureInfo.InvariantCulture)} 2>/dev/null\n");
        }

        if (layerMode == LayerMode.Opt)
        {
            var mount = function.Layers.Count == 1
                ? $"mount --bind {Quote(function.Layers[0])} /opt && mount -o remount,bind,ro /opt"
                : $"mount -t overlay samc-layers -o {Quote("lowerdir=" + string.Join(':', function.Layers.Reverse()))} /opt";
            script.Append(CultureInfo.InvariantCulture, $"{mount} || {{ echo 'samc: cannot mount the layers on /opt' >&2; exit 125; }}\n");
        }

        var inner = new List<string> { command.FileName };
        inner.AddRange(command.Arguments);
        if (script.Length == 0)
        {
            start.FileName = command.FileName;
            foreach (var a in command.Arguments)
            {
                start.ArgumentList.Add(a);
            }

            RuntimeProcesses.InNewProcessGroup(start);
            return start;
        }

        script.Append("exec \"$@\"\n");
        var launcher = new List<string>();
        if (layerMode == LayerMode.Opt)
        {
            start.FileName = unshare!;
            launcher.AddRange(Environment.IsPrivilegedProcess ? ["-m", "--propagation", "private"] : ["-r", "-m", "--propagation", "private"]);
            launcher.Add("/bin/sh");
        }
        else
        {
            start.FileName = "/bin/sh";
        }

        launcher.AddRange(["-c", script.ToString(), "samc-launcher"]);
        launcher.AddRange(inner);
        foreach (var a in launcher)
        {
            start.ArgumentList.Add(a);
        }

        RuntimeProcesses.InNewProcessGroup(start);
        return start;
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    internal static async Task<bool> NamespaceAllowedAsync(string unshare, CancellationToken cancellationToken)
    {
        lock (NamespaceGate)
        {
            if (_namespaceAllowed is { } known)
            {
                return known;
            }
        }

        var probe = new ProcessStartInfo(unshare) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in Environment.IsPrivilegedProcess ? new[] { "-m", "--propagation", "private", "/bin/true" } : ["-r", "-m", "--propagation", "private", "/bin/true"])
        {
            probe.ArgumentList.Add(a);
        }

        bool allowed;
        try
        {
            using var process = Process.Start(probe)!;
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            allowed = process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            allowed = false;
        }

        lock (NamespaceGate)
        {
            _namespaceAllowed = allowed;
        }

        return allowed;
    }

    private string TraceHeader()
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds().ToString("x8", CultureInfo.InvariantCulture);
        var id = Guid.NewGuid().ToString("N");
        return $"Root=1-{now}-{id[..24]};Parent={id[16..]};Sampled=0";
    }

    private static string? Get(IReadOnlyDictionary<string, string?> env, string key) => env.TryGetValue(key, out var v) ? v : null;
}
