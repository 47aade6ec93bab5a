namespace SamCompiler.Text;

/// <summary>A range of a source file. Every diagnostic and every syntax node carries one.</summary>
public readonly record struct SourceSpan(string Path, LinePosition Start, LinePosition End)
{
    /// <summary>A span for things that have no text of their own (generated nodes): the start of <paramref name="path"/>.</summary>
    public static SourceSpan DocumentStart(string path) => new(path, LinePosition.Start, LinePosition.Start);

    /// <summary>The empty span, used for nodes built in code with no source.</summary>
    public static SourceSpan None { get; } = new(string.Empty, LinePosition.Start, LinePosition.Start);

    /// <summary>True when the span points into a real file.</summary>
    public bool IsKnown => !string.IsNullOrEmpty(Path);

    /// <inheritdoc />
    public override string ToString() => $"{Path}({Start.Line},{Start.Column})";
}
