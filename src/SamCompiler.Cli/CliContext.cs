namespace SamCompiler.Cli;

/// <summary>What a command may touch: the writers for stdout and stderr, the working folder and the environment.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, string WorkingDirectory, IReadOnlyDictionary<string, string?> Environment)
{
    /// <summary>The real process context.</summary>
    public static CliContext FromProcess() => new(
        Console.Out,
        Console.Error,
        Directory.GetCurrentDirectory(),
        System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal))
    {
        In = new StreamReader(Console.OpenStandardInput(), new System.Text.UTF8Encoding(false)),
    };

    /// <summary>Standard input (read by <c>samc compile -</c>); empty unless given.</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>SIGINT/SIGTERM of the samc process (null in-process, where tests cancel the command themselves).</summary>
    public ShutdownSignals? Signals { get; init; }

    /// <summary>
    /// Claims the signals for a command that stops in order, and returns a token cancelled by the first signal or by
    /// <paramref name="cancellationToken"/>.
    /// </summary>
    public CancellationTokenSource ClaimShutdown(CancellationToken cancellationToken)
    {
        if (Signals is null)
        {
            return CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }

        Signals.Claim();
        return CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Signals.Token);
    }

    /// <summary>A path relative to the working folder made absolute.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);
}
