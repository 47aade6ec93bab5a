using System.Diagnostics;
using System.Globalization;
using SamCompiler.Local.Files;
using SamCompiler.Local.Invoke;
using SamCompiler.Local.RuntimeApi;
using SamCompiler.Local.Runtimes;

namespace SamCompiler.Local.Pool;

/// <summary>What one invocation in an environment gave.</summary>
/// <param name="Result">The function's result or Lambda error object.</param>
/// <param name="Duration">Dispatch to result.</param>
/// <param name="InitDuration">Init duration when this invocation was the environment's cold start.</param>
/// <param name="Log">The last 4 KB of the invocation's log (function output plus START/END/REPORT) when it was asked for, else empty.</param>
public sealed record EnvironmentResult(InvocationResult Result, TimeSpan Duration, TimeSpan? InitDuration, string Log);

/// <summary>
/// A warm execution environment: one runtime process with its own Runtime API server that serves invocations one
/// at a time and keeps its module state between them, as Lambda does. After a timeout, a crash or an init error the
/// environment is dead (<see cref="IsDead"/>) and the pool starts a fresh one.
/// </summary>
public sealed class ExecutionEnvironment : IAsyncDisposable
{
    private readonly ServeFunction _function;
    private readonly TimeProvider _time;
    private readonly LogSink _log;
    private readonly RuntimeApiServer _server;
    private readonly Process _process;
    private readonly MemoryCgroup? _cgroup;
    private readonly Task _exited;
    private readonly Task _pumps;
    private readonly long _startedAt;
    private readonly bool _preWarmed;
    private readonly Lock _captureGate = new();
    private LogTail? _capture;
    private long _lastOutput;
    private bool _initialised;
    private int _disposed;

    /// <summary>Characters of log kept for LogType Tail: at least the 4 KB Lambda returns, since a character is at least one byte.</summary>
    private const int TailChars = 4096;

    private ExecutionEnvironment(ServeFunction function, TimeProvider time, LogSink log, RuntimeApiServer server, Process process, MemoryCgroup? cgroup, bool preWarmed)
    {
        _cgroup = cgroup;
        _function = function;
        _time = time;
        _log = log;
        _server = server;
        _process = process;
        _preWarmed = preWarmed;
        _startedAt = time.GetTimestamp();
        LastUsed = _startedAt;
        _exited = process.WaitForExitAsync(CancellationToken.None);
        _pumps = Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError));
    }

    /// <summary>True once the environment can serve no more invocations.</summary>
    public bool IsDead { get; private set; }

    /// <summary>Timestamp (of the pool's TimeProvider) of the last invocation's end, or of the start.</summary>
    public long LastUsed { get; private set; }

    /// <summary>The runtime's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts the runtime process of <paramref name="function"/>; it initialises while the pool waits for work.</summary>
    public static async Task<ExecutionEnvironment> StartAsync(ServeFunction function, ServeOptions options, TimeProvider time, LogSink log, bool preWarmed, CancellationToken cancellationToken)
    {
        var local = function.Function;
        var path = options.CallerEnvironment.TryGetValue("PATH", out var p) ? p : null;
        RuntimeCommand? command;
        string? error;
        try
        {
            command = RuntimeCommand.Resolve(local, path, options.CacheRoot ?? WorkFolder.Shared.Path, out error);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }

        if (command is null)
        {
            throw new InvalidOperationException(error);
        }
        // The same isolation as local invoke: layers on /opt in a private mount namespace and MemorySize in a cgroup
        // where this system allows them, else the language paths and the rlimit/heap caps (with the same warnings).
        var (layerMode, unshare) = await LocalInvoker.LayerModeAsync(local, path, useMountNamespace: true, cancellationToken).ConfigureAwait(false);
        if (layerMode == LayerMode.LanguagePaths)
        {
            log.WriteLine(LocalInvoker.OptFallback(local, namespaceRequested: true, unshare).ToString());
        }

        var cgroup = MemoryCgroup.TryCreate(local.MemorySize, out var cgroupReason);
        if (cgroup is null)
        {
            log.WriteLine(LocalInvoker.MemoryNotEnforced(local, command, cgroupReason).ToString());
        }

        var server = await RuntimeApiServer.StartAsync(time, cancellationToken).ConfigureAwait(false);
        var environment = LambdaEnvironment.Build(local, function.Variables ?? local.Environment, command.Family, options.Region, server.Address, layerMode, options.CallerEnvironment, time.GetUtcNow());
        var start = LocalInvoker.BuildStartInfo(command, local, environment, layerMode, unshare, cgroup);
        var process = new Process { StartInfo = start };
        try
        {
            RuntimeProcesses.Start(process);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            cgroup?.Dispose();
            await server.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"Cannot start \"{start.FileName}\" for function \"{local.LogicalId}\": {ex.Message}.", ex);
        }

        process.StandardInput.Close();
        return new ExecutionEnvironment(function, time, log, server, process, cgroup, preWarmed);
    }

    /// <summary>
    /// Runs one invocation; the environment must not be shared by concurrent calls. With <paramref name="wantLog"/>
    /// the last 4 KB of the output the runtime wrote during the invocation are kept (LogType Tail); everything else
    /// is only streamed to the log. Cancelling ends the invocation (and the environment) with Runtime.ExitError.
    /// </summary>
    public async Task<EnvironmentResult> InvokeAsync(Invocation invocation, string version, bool wantLog, CancellationToken cancellationToken)
    {
        var requestId = invocation.RequestId;
        lock (_captureGate)
        {
            _capture = wantLog ? new LogTail(TailChars) : null;
        }

        _server.Enqueue(invocation);
        var cold = !_initialised;
        var waitStart = _time.GetTimestamp();
        TimeSpan? initDuration = null;
        var dispatchedAt = waitStart;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var initLimit = Task.Delay(cold ? LocalInvoker.InitLimit : Timeout.InfiniteTimeSpan, _time, cancel.Token);
            await Task.WhenAny(invocation.Dispatched, _server.InitError, _exited, initLimit).ConfigureAwait(false);
            if (invocation.Dispatched.IsCompleted)
            {
                dispatchedAt = _time.GetTimestamp();
                if (cold)
                {
                    _initialised = true;
                    if (!_preWarmed)
                    {
                        initDuration = _time.GetElapsedTime(_startedAt, dispatchedAt);
                    }
                }

                Log($"START RequestId: {requestId} Version: {version}");
                var timeout = Task.Delay(invocation.Timeout, _time, cancel.Token);
                await Task.WhenAny(invocation.Completed, _exited, timeout).ConfigureAwait(false);
                if (!invocation.Completed.IsCompleted && timeout.IsCompleted && !_exited.IsCompleted && !cancellationToken.IsCancellationRequested)
                {
                    var message = LambdaErrors.TimeoutMessage(invocation.Timeout);
                    Log($"{_time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)} {requestId} {message}");
                    invocation.TryComplete(LambdaErrors.Result(LambdaErrors.Timeout, $"RequestId: {requestId} Error: {message}"));
                    IsDead = true;
                }
            }

            if (!invocation.Completed.IsCompleted && cancellationToken.IsCancellationRequested)
            {
                IsDead = true;
                invocation.TryComplete(LambdaErrors.Result(LambdaErrors.ExitError, $"RequestId: {requestId} Error: samc is shutting down; the runtime was stopped"));
            }

            if (!invocation.Completed.IsCompleted && _exited.IsCompleted)
            {
                await Task.WhenAny(_server.InitError, Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancel.Token)).ConfigureAwait(false);
            }

            if (!invocation.Completed.IsCompleted)
            {
                IsDead = true;
                invocation.TryComplete(
                    _server.InitError.IsCompleted ? await _server.InitError.ConfigureAwait(false)
                    : _exited.IsCompleted ? LocalInvoker.ExitResult(requestId, _process.ExitCode, _cgroup)
                    : LambdaErrors.Result(LambdaErrors.Timeout, $"RequestId: {requestId} Error: {LambdaErrors.TimeoutMessage(LocalInvoker.InitLimit)} (the runtime did not ask for the event)"));
            }
        }
        finally
        {
            await cancel.CancelAsync().ConfigureAwait(false);
        }

        var result = await invocation.Completed.ConfigureAwait(false);
        if (_server.InitError.IsCompleted || _exited.IsCompleted)
        {
            IsDead = true;
        }

        var duration = _time.GetElapsedTime(dispatchedAt);
        if (wantLog)
        {
            await DrainOutputAsync().ConfigureAwait(false);
        }

        Log($"END RequestId: {requestId}");
        Log(LocalInvoker.ReportLine(requestId, duration, _function.Function.MemorySize, LocalInvoker.MeasurePeak(_process, _cgroup), initDuration));
        string log;
        lock (_captureGate)
        {
            log = _capture?.ToString() ?? string.Empty;
            _capture = null;
        }

        _server.Forget(requestId);

        LastUsed = _time.GetTimestamp();
        return new EnvironmentResult(result, duration, initDuration, log);
    }

    /// <summary>
    /// The runtime wrote its output before it posted the result, so it is in the pipe; give the pumps a moment to
    /// move it into the capture (until they have been quiet for 10 ms, at most 200 ms).
    /// </summary>
    private async Task DrainOutputAsync()
    {
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), _time).ConfigureAwait(false);
            if (_time.GetElapsedTime(Interlocked.Read(ref _lastOutput)) >= TimeSpan.FromMilliseconds(10))
            {
                return;
            }
        }
    }

    private void Log(string line)
    {
        _log.WriteLine(line);
        lock (_captureGate)
        {
            _capture?.Append(line);
            _capture?.Append("\n");
        }
    }

    private async Task PumpAsync(StreamReader reader)
    {
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false)) > 0)
        {
            _log.Write(buffer.AsSpan(0, read));
            lock (_captureGate)
            {
                _capture?.Append(buffer.AsSpan(0, read));
            }

            Interlocked.Exchange(ref _lastOutput, _time.GetTimestamp());
        }
    }

    /// <summary>Stops the runtime process (with its children) and the Runtime API server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        IsDead = true;
        RuntimeProcesses.Stop(_process);
        await _exited.ConfigureAwait(false);
        try
        {
            await _pumps.WaitAsync(TimeSpan.FromMilliseconds(500), _time, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A grandchild keeps the pipe open; its output is dropped.
        }

        _process.Dispose();
        _cgroup?.Dispose();
        await _server.DisposeAsync().ConfigureAwait(false);
    }
}
