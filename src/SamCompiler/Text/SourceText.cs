namespace SamCompiler.Text;

/// <summary>The text of one template and the path it is reported under.</summary>
public sealed class SourceText
{
    private int[]? _lineStarts;

    /// <summary>Creates a source text.</summary>
    public SourceText(string path, string text)
    {
        Path = path;
        Text = text;
    }

    /// <summary>The path used in diagnostics.</summary>
    public string Path { get; }

    /// <summary>The whole text.</summary>
    public string Text { get; }

    /// <summary>The text of 1-based line <paramref name="line"/>, without its line break.</summary>
    public string GetLine(int line)
    {
        var starts = LineStarts();
        if (line < 1 || line > starts.Length)
        {
            return string.Empty;
        }

        var start = starts[line - 1];
        var end = line < starts.Length ? starts[line] : Text.Length;
        return Text[start..end].TrimEnd('\n', '\r');
    }

    /// <summary>Number of lines.</summary>
    public int LineCount => LineStarts().Length;

    /// <summary>Maps a 0-based offset to a position.</summary>
    public LinePosition GetPosition(int offset)
    {
        var starts = LineStarts();
        var index = Array.BinarySearch(starts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return new LinePosition(index + 1, offset - starts[index] + 1, offset);
    }

    private int[] LineStarts()
    {
        if (_lineStarts is null)
        {
            var list = new List<int> { 0 };
            for (var i = 0; i < Text.Length; i++)
            {
                if (Text[i] == '\n')
                {
                    list.Add(i + 1);
                }
            }

            _lineStarts = [.. list];
        }

        return _lineStarts;
    }
}
