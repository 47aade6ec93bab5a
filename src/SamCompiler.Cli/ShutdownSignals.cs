using System.Runtime.InteropServices;
using SamCompiler.Local.Files;
using SamCompiler.Local.Invoke;

namespace SamCompiler.Cli;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM for the commands that run until stopped (start-lambda, start-api) or run a function
/// (local invoke). A command that <see cref="Claim">claims</see> the signals sees the first one as a cancellation
/// and stops in order; a second signal ends samc at once, after killing every runtime process group and removing
/// the cgroups and the per-run work folder. Commands that do not claim them keep the default (the process ends).
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly TextWriter _error;
    private int _claimed;
    private int _received;
    private int _signal;

    private ShutdownSignals(TextWriter error) => _error = error;

    /// <summary>Cancelled by the first SIGINT or SIGTERM once claimed.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>The first signal's number (2 SIGINT, 15 SIGTERM), or 0.</summary>
    public int Signal => Volatile.Read(ref _signal);

    /// <summary>The exit code for a run ended by the first signal: 128 + its number (130 for Ctrl+C).</summary>
    public int ExitCode => 128 + (Signal == 0 ? UnixFile.SigInt : Signal);

    /// <summary>Registers the handlers for this process.</summary>
    public static ShutdownSignals Install(TextWriter error)
    {
        var signals = new ShutdownSignals(error);
        signals._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, signals.Handle));
        signals._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, signals.Handle));

        return signals;
    }

    /// <summary>Takes over SIGINT and SIGTERM for the running command.</summary>
    public void Claim() => Interlocked.Exchange(ref _claimed, 1);

    private void Handle(PosixSignalContext context)
    {
        if (Volatile.Read(ref _claimed) == 0)
        {
            return; // default: the process ends
        }

        context.Cancel = true;
        var number = context.Signal == PosixSignal.SIGTERM ? UnixFile.SigTerm : UnixFile.SigInt;
        if (Interlocked.Increment(ref _received) == 1)
        {
            Interlocked.Exchange(ref _signal, number);
            ThreadPool.QueueUserWorkItem(_ => _stop.Cancel());
            return;
        }

        // A second signal: no more waiting.
        try
        {
            _error.WriteLine("samc: second signal: stopping at once.");
            _error.Flush();
        }
        catch (IOException)
        {
            // stderr is gone; exit anyway.
        }

        RuntimeProcesses.KillAll();
        MemoryCgroup.DisposeAll();
        WorkFolder.DisposeShared();
        Environment.Exit(128 + number);
    }

    /// <summary>Unregisters the handlers.</summary>
    public void Dispose()
    {
        foreach (var r in _registrations)
        {
            r.Dispose();
        }

        _stop.Dispose();
    }
}
