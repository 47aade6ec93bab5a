using SamCompiler.Syntax;
using SamCompiler.Transform.Api;

namespace SamCompiler.Tests.Transform.Api;

/// <summary>
/// The Python 2.7 dict emulation; expectations computed with samtranslator.utils.py27hash_fix (Py27Dict,
/// copy.deepcopy) and third_party.py27hash.
/// </summary>
public class Py27Tests
{
    [Theory]
    [InlineData("type", 2314038222113390908UL)]
    [InlineData("name", 14280165586563852901UL)]
    [InlineData("in", 13440080745121175UL)]
    public void StringHashIsPython27s(string value, ulong expected) => Assert.Equal(expected, Py27.Hash(value));

    [Fact]
    public void KeyOrderFollowsThePython27TableAndOscillatesUnderDeepCopy()
    {
        var map = new MapNode();
        foreach (var k in new[] { "type", "name", "in", "x-amazon-apigateway-authtype", "x-amazon-apigateway-authorizer" })
        {
            map[k] = 1L;
        }

        Assert.Equal(["x-amazon-apigateway-authtype", "type", "name", "x-amazon-apigateway-authorizer", "in"], Py27.KeyOrder(map));
        Assert.Equal(["in", "type", "name", "x-amazon-apigateway-authorizer", "x-amazon-apigateway-authtype"], Py27.KeyOrder(map, copies: 1));
        Assert.Equal(["x-amazon-apigateway-authtype", "type", "name", "x-amazon-apigateway-authorizer", "in"], Py27.KeyOrder(map, copies: 2));
    }

    [Theory]
    [InlineData("/add", "u'/add'")]
    [InlineData("it's", "u\"it's\"")]
    [InlineData("a\\b", "u'a\\\\b'")]
    [InlineData("é", "u'\\xe9'")]
    public void UnicodeReprIsPython27s(string value, string expected) => Assert.Equal(expected, Py27.UniRepr(value));

    [Fact]
    public void StrOfMixedDictsMatchesTheReference()
    {
        var map = new MapNode();
        map.SetP("httpMethod", Py27.S("POST"));
        map.SetP("uri", Py27.PlainDeep(new MapNode { ["Ref"] = "X" }));

        Assert.Equal("{'httpMethod': 'POST', 'uri': {'Ref': 'X'}}", Py27.Str(map));
    }
}
