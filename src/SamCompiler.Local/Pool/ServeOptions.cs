namespace SamCompiler.Local.Pool;

/// <summary>How environments are started ahead of invocations.</summary>
public enum WarmContainers
{
    /// <summary>An environment starts on a function's first invocation and stays warm.</summary>
    Lazy,

    /// <summary>One environment per function starts with the server (like provisioned concurrency: no Init Duration on its first invocation).</summary>
    Eager,
}

/// <summary>Settings of the environment pool and the servers.</summary>
public sealed record ServeOptions
{
    /// <summary>The region (AWS_REGION, ARNs).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The account id of ARNs.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>The caller's environment (PATH, credentials).</summary>
    public IReadOnlyDictionary<string, string?> CallerEnvironment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Where bootstraps are extracted (default: the private work folder of this process).</summary>
    public string? CacheRoot { get; init; }

    /// <summary>Account concurrency (Lambda's default quota: 1000).</summary>
    public int AccountConcurrency { get; init; } = 1000;

    /// <summary>An environment idle for longer than this is retired.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often idle environments are swept (<see cref="Timeout.InfiniteTimeSpan"/>: never, only on request).</summary>
    public TimeSpan RetireInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Warm container mode.</summary>
    public WarmContainers WarmContainers { get; init; } = WarmContainers.Lazy;

    /// <summary>Delay before the first retry of a failed asynchronous invocation (Lambda: 1 minute; doubled for the second).</summary>
    public TimeSpan AsyncRetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How many Event invocations of one function run at once at most, besides its concurrency limit (default: the
    /// number of processors, at least 2): Lambda would start more environments, this machine has only so many cores.
    /// </summary>
    public int AsyncConcurrency { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>First wait before a throttled Event invocation is tried again (Lambda: 1 second, doubling).</summary>
    public TimeSpan ThrottleRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between tries of a throttled Event invocation (Lambda: 5 minutes).</summary>
    public TimeSpan ThrottleRetryMaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long requests and invocations in flight may take to finish when the server stops.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(1);
}
