using SamCompiler.Model;
using SamCompiler.Syntax;
using SamCompiler.Tests.Transform.Layers;

namespace SamCompiler.Tests.Model;

/// <summary>GlobalProperties._do_merge; expectations are samtranslator's GlobalProperties(g).merge(l) for the same values.</summary>
public sealed class GlobalsSectionTests
{
    [Theory]
    [InlineData("""{"a": 1, "b": {"c": [1], "d": 2}}""", """{"b": {"c": [2], "e": 3}, "f": 4}""", """{"a": 1, "b": {"c": [1, 2], "d": 2, "e": 3}, "f": 4}""")]
    [InlineData("""[1, 2]""", """[2, 3]""", """[1, 2, 2, 3]""")]
    [InlineData("""{"a": 1}""", """[1]""", """[1]""")]
    [InlineData("""{"a": 1}""", """{"Fn::If": ["C", {"b": 1}, {"b": 2}]}""", """{"Fn::If": ["C", {"b": 1}, {"b": 2}]}""")]
    [InlineData("""{"Ref": "X"}""", """{"b": 1}""", """{"b": 1}""")]
    [InlineData("""{"Fn::If": ["C", 1, 2]}""", """{"Ref": "Y"}""", """{"Ref": "Y"}""")]
    [InlineData("""{"OnlyKey": {"x": 1}}""", """{"OnlyKey": {"y": 2}}""", """{"OnlyKey": {"x": 1, "y": 2}}""")]
    [InlineData("\"global\"", "null", "null")]
    public void MergesLikeTheReference(string global, string local, string expected)
    {
        var merged = GlobalsSection.MergeValues(Value(global), Value(local));

        ReferenceOutput.AssertSame(Value(expected), merged);
    }

    private static Node Value(string json) => ReferenceOutput.Load($$"""{"v": {{json}}}""")["v"]!;
}
