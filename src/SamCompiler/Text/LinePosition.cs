namespace SamCompiler.Text;

/// <summary>A position in a source file: 1-based line and column (as YamlDotNet's Mark) and a 0-based character offset.</summary>
public readonly record struct LinePosition(int Line, int Column, int Offset)
{
    /// <summary>The start of a document: line 1, column 1.</summary>
    public static LinePosition Start { get; } = new(1, 1, 0);
}
