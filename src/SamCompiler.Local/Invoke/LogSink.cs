namespace SamCompiler.Local.Invoke;

/// <summary>Serialises writes of several producers (runtime stdout, stderr, samc's own lines) onto one writer.</summary>
public sealed class LogSink
{
    private readonly TextWriter _writer;
    private readonly Lock _gate = new();

    /// <summary>Wraps <paramref name="writer"/> (stderr for <c>local invoke</c>).</summary>
    public LogSink(TextWriter writer) => _writer = writer;

    /// <summary>Writes text as is and flushes.</summary>
    public void Write(ReadOnlySpan<char> text)
    {
        lock (_gate)
        {
            _writer.Write(text);
            _writer.Flush();
        }
    }

    /// <summary>Writes one line and flushes.</summary>
    public void WriteLine(string line)
    {
        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }
}
