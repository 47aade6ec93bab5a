using System.Text.Json;
using SamCompiler.Syntax;
using SamCompiler.Model.Aws;

namespace SamCompiler.Tests.Transform.Policies;

/// <summary>JSON helpers: inputs and expectations (from the reference translator) are written as JSON.</summary>
internal static class PolicyJson
{
    public static Node Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return EmbeddedData.ToNode(doc.RootElement);
    }

    public static MapNode ParseMap(string json) => (MapNode)Parse(json);

    /// <summary>Compares as the conformance harness does for these values (key order ignored, list order kept).</summary>
    public static void AssertEqual(string expectedJson, Node? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(PyJson.Dumps(Parse(expectedJson)), PyJson.Dumps(actual));
    }
}
