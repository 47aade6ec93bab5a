using SamCompiler.Emit.CloudFormation;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Tests.Emit.CloudFormation;

/// <summary>The YAML writer's output must load back (with samc's PyYAML-compatible loader) to the same tree.</summary>
public sealed class CfnYamlWriterTests
{
    public static TheoryData<string> TrickyStrings() =>
    [
        "yes", "No", "on", "OFF", "true", "null", "~", "", " ", " leading", "trailing ", "0755", "08", "0x1F", "1e5", "1.0", ".5", "1_000",
        "190:20:30", "2001-12-14", "2001-12-14 21:59:43", ".inf", "-.Inf", ".NaN", "Infinity", "NaN", "a: b", "a:b", "a #b", "#x", "- x", "-", "? x",
        "@x", "`x", "!x", "!Ref X", "*x", "&x", "%x", "{x}", "[x]", "x,y", "'q'", "\"q\"", "multi\nline", "tab\there", "\r", "é ü 😀", "\u2028",
        "a:", "key: ", "<<", "=", "\u0085", "\u2029", "\ufeff", "\u007f", "\u0080", "|", ">", "arn:aws:s3:::bucket/*", "${AWS::StackName}-x", "s3://b/k", "AWS::Serverless-2016-10-31", "c:\\path", "---", "...",
    ];

    [Theory]
    [MemberData(nameof(TrickyStrings))]
    public void String_RoundTrips_AsValueKeyAndListItem(string value)
    {
        var node = new MapNode
        {
            ["v"] = value,
            [value.Length == 0 ? "empty-key-placeholder" : value] = new ListNode { value, new MapNode { ["k"] = value } },
        };
        AssertRoundTrip(node);
    }

    [Fact]
    public void ScalarsOfEveryKind_RoundTrip()
    {
        var node = new MapNode
        {
            ["int"] = 42L,
            ["negative"] = -7L,
            ["big"] = ScalarNode.IntegerText("123456789012345678901234567890"),
            ["float"] = ScalarNode.Float(1.5),
            ["whole"] = ScalarNode.Float(3.0),
            ["exp"] = ScalarNode.Float(1e17),
            ["small"] = ScalarNode.Float(1.5e-5),
            ["inf"] = ScalarNode.Float(double.PositiveInfinity),
            ["negInf"] = ScalarNode.Float(double.NegativeInfinity),
            ["nan"] = ScalarNode.Float(double.NaN),
            ["true"] = true,
            ["false"] = false,
            ["null"] = ScalarNode.Null(),
            ["emptyMap"] = new MapNode(),
            ["emptyList"] = new ListNode(),
        };
        AssertRoundTrip(node);
    }

    [Fact]
    public void NestedCollections_RoundTrip()
    {
        var node = new MapNode
        {
            ["Resources"] = new MapNode
            {
                ["Fn"] = new MapNode
                {
                    ["Type"] = "AWS::Lambda::Function",
                    ["Properties"] = new MapNode
                    {
                        ["Role"] = new MapNode { ["Fn::GetAtt"] = new ListNode { "FnRole", "Arn" } },
                        ["Tags"] = new ListNode { new MapNode { ["Key"] = "lambda:createdBy", ["Value"] = "SAM" } },
                        ["Matrix"] = new ListNode { new ListNode { 1L, 2L }, new ListNode(), new ListNode { new ListNode { "deep" } } },
                        ["ListOfMaps"] = new ListNode { new MapNode { ["a"] = new MapNode { ["b"] = new ListNode { "c" } }, ["d"] = new MapNode() } },
                    },
                },
            },
        };
        AssertRoundTrip(node);
    }

    [Fact]
    public void Output_IsBlockStyle_WithLfAndFinalNewline()
    {
        var text = CfnYamlWriter.Write(new MapNode { ["a"] = new MapNode { ["b"] = new ListNode { "c", new MapNode { ["d"] = 1L } } } });
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[", text, StringComparison.Ordinal);
        Assert.All(text.TrimEnd('\n').Split('\n'), line => Assert.Equal(0, (line.Length - line.TrimStart(' ').Length) % 2));
    }

    internal static void AssertRoundTrip(MapNode node)
    {
        var text = CfnYamlWriter.Write(node);
        var loaded = YamlDocumentLoader.Load(new SourceText("out.yaml", text));
        Assert.True(loaded.Diagnostics.Count == 0, "The YAML output does not load:\n" + string.Join('\n', loaded.Diagnostics) + "\n---\n" + text);
        Assert.True(SameTree(node, loaded.Root!), "The YAML output loads to a different tree:\n" + text + "\nexpected: " + PyJson.Dumps(node, sortKeys: false) + "\nactual:   " + PyJson.Dumps(loaded.Root!, sortKeys: false));
    }

    /// <summary>Equal values with equal kinds (an integer must not come back as a float, nor a string as a number).</summary>
    private static bool SameTree(Node a, Node b) => (a, b) switch
    {
        (ScalarNode sa, ScalarNode sb) => sa.Kind == sb.Kind && ScalarNode.ValueEquals(sa, sb) && (sa.Kind != ScalarKind.Float || sa.Text == sb.Text),
        (ListNode la, ListNode lb) => la.Count == lb.Count && la.Zip(lb).All(p => SameTree(p.First, p.Second)),
        (MapNode ma, MapNode mb) => ma.Count == mb.Count && ma.Keys.SequenceEqual(mb.Keys) && ma.All(p => SameTree(p.Value, mb[p.Key]!)),
        _ => false,
    };
}
