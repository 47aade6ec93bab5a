namespace SamCompiler.Local.Invoke;

/// <summary>The last characters written to a log (a ring buffer): what LogType Tail returns, in bounded memory.</summary>
public sealed class LogTail
{
    private readonly char[] _ring;
    private long _written;

    /// <summary>A tail keeping the last <paramref name="capacity"/> characters.</summary>
    public LogTail(int capacity) => _ring = new char[capacity];

    /// <summary>Characters written in all.</summary>
    public long Written => _written;

    /// <summary>Appends text; only the last characters are kept.</summary>
    public void Append(ReadOnlySpan<char> text)
    {
        if (text.Length > _ring.Length)
        {
            // Only the last characters can survive; the rest counts as written.
            _written += text.Length - _ring.Length;
            text = text[^_ring.Length..];
        }

        var at = (int)(_written % _ring.Length);
        var first = Math.Min(text.Length, _ring.Length - at);
        text[..first].CopyTo(_ring.AsSpan(at));
        text[first..].CopyTo(_ring);
        _written += text.Length;
    }

    /// <summary>The kept characters, oldest first.</summary>
    public override string ToString()
    {
        if (_written <= _ring.Length)
        {
            return new string(_ring, 0, (int)_written);
        }

        var at = (int)(_written % _ring.Length);
        return string.Concat(_ring.AsSpan(at), _ring.AsSpan(0, at));
    }
}
