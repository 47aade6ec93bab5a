using SamCompiler.Syntax;

namespace SamCompiler.Tests.Syntax;

/// <summary>PyJson against Python 3.11's json module; each expected value was printed by the python expression named.</summary>
public sealed class PyJsonTests
{
    [Theory]
    // python3 -c 'import json; print(json.dumps(V))' for each V
    [InlineData(1.0, "1.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e17, "1e+17")]
    [InlineData(1.5e-5, "1.5e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(123456789.123, "123456789.123")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(1e22, "1e+22")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(100000.0, "100000.0")]
    [InlineData(2.5, "2.5")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(1234567890123456.0, "1234567890123456.0")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(double.NaN, "NaN")]
    public void FloatRepr_MatchesPython(double value, string expected)
    {
        Assert.Equal(expected, PyJson.FloatRepr(value));
    }

    [Fact]
    public void Dumps_SortsKeys_EscapesLikeEnsureAscii()
    {
        // json.dumps({"b": [1, 2.5, True, None], "a": "é\u2028\"\\\n\t\x01", "A": {}, "_": []}, separators=(",", ":"), sort_keys=True)
        var node = new MapNode
        {
            ["b"] = new ListNode { 1L, ScalarNode.Float(2.5), true, ScalarNode.Null() },
            ["a"] = "é\u2028\"\\\n\t\u0001",
            ["A"] = new MapNode(),
            ["_"] = new ListNode(),
        };
        Assert.Equal("{\"A\":{},\"_\":[],\"a\":\"\\u00e9\\u2028\\\"\\\\\\n\\t\\u0001\",\"b\":[1,2.5,true,null]}", PyJson.Dumps(node));
    }

    [Fact]
    public void Dumps_WritesAstralCharactersAsSurrogatePairs()
    {
        // json.dumps({"z": 1, "a": "😀"}, separators=(",", ":"), sort_keys=True)
        var node = new MapNode { ["z"] = 1L, ["a"] = "😀" };
        Assert.Equal("{\"a\":\"\\ud83d\\ude00\",\"z\":1}", PyJson.Dumps(node));
    }

    [Fact]
    public void Dumps_WithoutSortKeys_KeepsInsertionOrder()
    {
        // json.dumps({"z": 1, "a": 2}, separators=(",", ":"), sort_keys=False)
        var node = new MapNode { ["z"] = 1L, ["a"] = 2L };
        Assert.Equal("{\"z\":1,\"a\":2}", PyJson.Dumps(node, sortKeys: false));
    }

    [Fact]
    public void Dumps_LoadedTemplate_MatchesPython()
    {
        // json.dumps(yaml_parse(TEXT), separators=(",", ":"), sort_keys=True) with samtranslator.yaml_helper.yaml_parse
        const string Text = "Code: {S3Bucket: b, S3Key: k}\nEnvironment: {Variables: {A: 0755, B: yes, C: 1.50}}\nMemorySize: 128\n";
        var root = YamlDocumentLoaderTests.LoadOk(Text);
        Assert.Equal("{\"Code\":{\"S3Bucket\":\"b\",\"S3Key\":\"k\"},\"Environment\":{\"Variables\":{\"A\":493,\"B\":true,\"C\":1.5}},\"MemorySize\":128}", PyJson.Dumps(root));
    }
}
