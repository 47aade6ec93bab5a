namespace SamCompiler.Tests.StepFunctions;

/// <summary>
/// A clock for interpreter tests: a timer due within <see cref="Horizon"/> fires at once and moves the clock
/// forward by its due time (so Wait states and retry intervals take no real time but are seen in timestamps);
/// timers due later never fire (task and execution timeouts far in the future).
/// </summary>
public sealed class FastForwardTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Timers due later than this never fire.</summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromHours(2);

    /// <summary>The total time the clock was moved forward.</summary>
    public TimeSpan Advanced { get; private set; }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(callback, state);
        if (dueTime != Timeout.InfiniteTimeSpan && dueTime <= Horizon)
        {
            lock (_gate)
            {
                _now += dueTime;
                Advanced += dueTime;
            }

            ThreadPool.QueueUserWorkItem(_ => timer.Fire());
        }

        return timer;
    }

    private sealed class Timer(TimerCallback callback, object? state) : ITimer
    {
        private int _disposed;

        public void Fire()
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                callback(state);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose() => Interlocked.Exchange(ref _disposed, 1);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
