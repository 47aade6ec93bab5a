using SamCompiler.Emit.CloudFormation;
using SamCompiler.Syntax;

namespace SamCompiler.Tests.Emit.CloudFormation;

public sealed class CfnJsonWriterTests
{
    [Fact]
    public void Write_MatchesPythonJsonDumpsIndent2()
    {
        // python3: json.dumps(obj, indent=2, ensure_ascii=False) + "\n" for
        // obj = {"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"Tags": [], "Empty": {},
        //        "List": [1, 2.5, True, None, "é\u2028\"\\\n"], "Nested": [{"a": []}, [1]]}}}, "z": "last"}
        var node = new MapNode
        {
            ["Resources"] = new MapNode
            {
                ["Q"] = new MapNode
                {
                    ["Type"] = "AWS::SQS::Queue",
                    ["Properties"] = new MapNode
                    {
                        ["Tags"] = new ListNode(),
                        ["Empty"] = new MapNode(),
                        ["List"] = new ListNode { 1L, ScalarNode.Float(2.5), true, ScalarNode.Null(), "é\u2028\"\\\n" },
                        ["Nested"] = new ListNode { new MapNode { ["a"] = new ListNode() }, new ListNode { 1L } },
                    },
                },
            },
            ["z"] = "last",
        };
        const string Expected = "{\n  \"Resources\": {\n    \"Q\": {\n      \"Type\": \"AWS::SQS::Queue\",\n      \"Properties\": {\n        \"Tags\": [],\n        \"Empty\": {},\n        \"List\": [\n          1,\n          2.5,\n          true,\n          null,\n          \"é\u2028\\\"\\\\\\n\"\n        ],\n        \"Nested\": [\n          {\n            \"a\": []\n          },\n          [\n            1\n          ]\n        ]\n      }\n    }\n  },\n  \"z\": \"last\"\n}\n";
        Assert.Equal(Expected, CfnJsonWriter.Write(node));
    }

    [Fact]
    public void Write_KeepsIntegerAndFloatText()
    {
        var root = Syntax.YamlDocumentLoaderTests.LoadOk("a: 123456789012345678901234567890\nb: 1.\nc: 0755\n");
        Assert.Equal("{\n  \"a\": 123456789012345678901234567890,\n  \"b\": 1.0,\n  \"c\": 493\n}\n", CfnJsonWriter.Write(root));
    }
}
