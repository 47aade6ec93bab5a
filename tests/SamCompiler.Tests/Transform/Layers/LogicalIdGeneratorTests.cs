using SamCompiler.Syntax;
using SamCompiler.Transform;

namespace SamCompiler.Tests.Transform.Layers;

/// <summary>Expectations are samtranslator's LogicalIdGenerator(prefix, data).gen() for the same data.</summary>
public sealed class LogicalIdGeneratorTests
{
    [Theory]
    [InlineData("""{"a": 1}""", "Prefix9f89c740ce")]
    [InlineData("\"plain string\"", "Prefixe8e744b38b")]
    [InlineData("{}", "Prefix")]
    [InlineData("""{"L": {"Type": "T", "Properties": {"b": [1, 2.5, true, null, "\u00e9"]}}}""", "Prefixbdb888d7f9")]
    [InlineData("0", "Prefix")]
    [InlineData("[1]", "Prefixf629ae44b7")]
    public void HashesTheData(string json, string expected)
    {
        var data = ReferenceOutput.Load($$"""{"v": {{json}}}""")["v"];

        Assert.Equal(expected, new LogicalIdGenerator("Prefix", data).Gen());
    }

    [Fact]
    public void APrecomputedHashIsTruncated()
    {
        Assert.Equal("P0123456789", new LogicalIdGenerator("P", new MapNode { ["a"] = 1 }, "0123456789abcdef").Gen());
        Assert.Equal("Pabc", new LogicalIdGenerator("P", null, "abc").Gen());
    }
}
