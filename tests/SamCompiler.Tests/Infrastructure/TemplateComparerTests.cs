namespace SamCompiler.Tests.Infrastructure;

/// <summary>
/// The port against compare.py itself: each expected count is len(compare.compare_docs(json.loads(E), json.loads(A)))
/// printed by python3 with ../shared/conformance on sys.path.
/// </summary>
public sealed class TemplateComparerTests
{
    [Theory]
    [InlineData("""{"a":1,"b":2}""", """{"b":2,"a":1}""", 0)]
    [InlineData("""{"a":1}""", """{"a":1.0}""", 0)]
    [InlineData("""{"a":true}""", """{"a":1}""", 1)]
    [InlineData("""{"a":"1"}""", """{"a":1}""", 1)]
    [InlineData("""{"a":null}""", """{}""", 1)]
    [InlineData("""{"a":[1,2]}""", """{"a":[2,1]}""", 2)]
    [InlineData("""{"Resources":{"X":{"DependsOn":["A","B"]}}}""", """{"Resources":{"X":{"DependsOn":["B","A"]}}}""", 0)]
    [InlineData("""{"Outputs":{"X":{"DependsOn":["A","B"]}}}""", """{"Outputs":{"X":{"DependsOn":["B","A"]}}}""", 2)]
    [InlineData("""{"C":{"Fn::Or":[{"Condition":"A"},{"Condition":"B"}]}}""", """{"C":{"Fn::Or":[{"Condition":"B"},{"Condition":"A"}]}}""", 0)]
    [InlineData("""{"C":{"Fn::And":[{"Condition":"A"},{"Condition":"B"}]}}""", """{"C":{"Fn::And":[{"Condition":"B"},{"Condition":"A"}]}}""", 0)]
    [InlineData("""{"C":{"Fn::If":["A","B","C"]}}""", """{"C":{"Fn::If":["A","C","B"]}}""", 2)]
    [InlineData("""{"a":[1,2]}""", """{"a":[1,2,3]}""", 1)]
    [InlineData("""{"a":{"b":{"c":[{"d":1}]}}}""", """{"a":{"b":{"c":[{"d":2}]}}}""", 1)]
    [InlineData("""{"a":0}""", """{"a":false}""", 1)]
    [InlineData("""{"a":1e2}""", """{"a":100}""", 0)]
    public void DiffJson_CountsLikeComparePy(string expected, string actual, int differences)
    {
        Assert.Equal(differences, TemplateComparer.DiffJson(expected, actual).Count);
    }

    [Fact]
    public void IsErrorDocument_RecognisesTheReferenceErrorObject()
    {
        Assert.True(TemplateComparer.IsErrorDocument("""{"errors": [{"message": "x"}]}"""));
        Assert.False(TemplateComparer.IsErrorDocument("""{"errors": [], "Resources": {}}"""));
        Assert.False(TemplateComparer.IsErrorDocument("""{"Resources": {}}"""));
    }

    [Fact]
    public void Snapshot_Normalize_UsesLfAndOneFinalNewline()
    {
        Assert.Equal("a\nb\n", Snapshot.Normalize("a\r\nb\r\n\r\n"));
        Assert.Equal("a\n", Snapshot.Normalize("a"));
    }

    [Fact]
    public void Snapshot_FirstDifference_NamesTheLineAndBothSides()
    {
        var text = Snapshot.FirstDifference("a\nb\nc\n", "a\nB\nc\n");
        Assert.Contains("line 2", text, StringComparison.Ordinal);
        Assert.Contains("expected: b", text, StringComparison.Ordinal);
        Assert.Contains("actual:   B", text, StringComparison.Ordinal);
    }
}
