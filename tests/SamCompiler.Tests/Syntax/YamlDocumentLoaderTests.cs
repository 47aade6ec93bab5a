using SamCompiler.Diagnostics;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Tests.Syntax;

/// <summary>
/// The loader against the reference's loader (samtranslator.yaml_helper.yaml_parse followed by the JSON round trip
/// sam_translate.py does). Expected values were printed once with
/// <c>json.dumps(json.loads(json.dumps(yaml_parse(text), default=str)))</c> on python3.11 / samtranslator 1.110.0.
/// </summary>
public sealed class YamlDocumentLoaderTests
{
    [Theory]
    [InlineData("!Ref X", """{"Ref":"X"}""")]
    [InlineData("!Ref 123", """{"Ref":"123"}""")]
    [InlineData("!Sub 'a-${X}'", """{"Fn::Sub":"a-${X}"}""")]
    [InlineData("!Sub [ 'a-${v}', { v: !Ref X } ]", """{"Fn::Sub":["a-${v}",{"v":{"Ref":"X"}}]}""")]
    [InlineData("!GetAtt Res.Arn", """{"Fn::GetAtt":["Res","Arn"]}""")]
    [InlineData("!GetAtt [Res, Arn]", """{"Fn::GetAtt":["Res","Arn"]}""")]
    [InlineData("!GetAtt Res.Outputs.Name", """{"Fn::GetAtt":["Res","Outputs.Name"]}""")]
    [InlineData("!Join [',', [a, b]]", """{"Fn::Join":[",",["a","b"]]}""")]
    [InlineData("!Select [0, !GetAZs '']", """{"Fn::Select":[0,{"Fn::GetAZs":""}]}""")]
    [InlineData("!Split [',', 'a,b']", """{"Fn::Split":[",","a,b"]}""")]
    [InlineData("!If [Cond, 1, 2]", """{"Fn::If":["Cond",1,2]}""")]
    [InlineData("!Equals [a, b]", """{"Fn::Equals":["a","b"]}""")]
    [InlineData("!And [!Condition C1, !Condition C2]", """{"Fn::And":[{"Condition":"C1"},{"Condition":"C2"}]}""")]
    [InlineData("!Or [!Condition C1, !Condition C2]", """{"Fn::Or":[{"Condition":"C1"},{"Condition":"C2"}]}""")]
    [InlineData("!Not [!Condition C1]", """{"Fn::Not":[{"Condition":"C1"}]}""")]
    [InlineData("!Condition C1", """{"Condition":"C1"}""")]
    [InlineData("!FindInMap [Map, Key, Value]", """{"Fn::FindInMap":["Map","Key","Value"]}""")]
    [InlineData("!ImportValue Exported", """{"Fn::ImportValue":"Exported"}""")]
    [InlineData("!Base64 text", """{"Fn::Base64":"text"}""")]
    [InlineData("!Cidr [10.0.0.0/16, 6, 5]", """{"Fn::Cidr":["10.0.0.0/16",6,5]}""")]
    [InlineData("!GetAZs us-east-1", """{"Fn::GetAZs":"us-east-1"}""")]
    [InlineData("!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}", """{"Fn::Transform":{"Name":"AWS::Include","Parameters":{"Location":"s3://b/k"}}}""")]
    [InlineData("!Sub\n  - x", """{"Fn::Sub":["x"]}""")]
    public void ShortFormTag_BecomesLongForm(string yaml, string expectedJson)
    {
        Assert.Equal(expectedJson, ValueJson(yaml));
    }

    [Theory]
    [InlineData("yes", "true")]
    [InlineData("No", "false")]
    [InlineData("ON", "true")]
    [InlineData("off", "false")]
    [InlineData("y", "\"y\"")]
    [InlineData("n", "\"n\"")]
    [InlineData("True", "true")]
    [InlineData("FALSE", "false")]
    [InlineData("0755", "493")]
    [InlineData("012345", "5349")]
    [InlineData("08", "\"08\"")]
    [InlineData("0o17", "\"0o17\"")]
    [InlineData("0x1F", "31")]
    [InlineData("0b101", "5")]
    [InlineData("190:20:30", "685230")]
    [InlineData("1_000", "1000")]
    [InlineData("+12", "12")]
    [InlineData("-0", "0")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("1.5", "1.5")]
    [InlineData("1.", "1.0")]
    [InlineData("3.0", "3.0")]
    [InlineData("0.1", "0.1")]
    [InlineData(".5", "0.5")]
    [InlineData("1e5", "\"1e5\"")]
    [InlineData("1.5e3", "\"1.5e3\"")]
    [InlineData("1e-7", "\"1e-7\"")]
    [InlineData("1.0e+5", "100000.0")]
    [InlineData("6.8523015e+5", "685230.15")]
    [InlineData("100000000000000000.0", "1e+17")]
    [InlineData("1:20.5", "80.5")]
    [InlineData(".inf", "Infinity")]
    [InlineData("-.Inf", "-Infinity")]
    [InlineData(".NaN", "NaN")]
    [InlineData("2001-12-14", "\"2001-12-14\"")]
    [InlineData("2001-12-14t21:59:43.10-05:00", "\"2001-12-14 21:59:43.100000-05:00\"")]
    [InlineData("2002-12-14 21:59:43", "\"2002-12-14 21:59:43\"")]
    [InlineData("~", "null")]
    [InlineData("null", "null")]
    [InlineData("Null", "null")]
    [InlineData("NULL", "null")]
    [InlineData("", "null")]
    [InlineData("'quoted'", "\"quoted\"")]
    [InlineData("\"yes\"", "\"yes\"")]
    [InlineData("'0755'", "\"0755\"")]
    public void PlainScalar_IsTypedLikePyYaml(string yaml, string expectedJson)
    {
        Assert.Equal(expectedJson, ValueJson(yaml));
    }

    [Theory]
    [InlineData("!!str 123", "\"123\"")]
    [InlineData("!!int '12'", "12")]
    [InlineData("!!float '1'", "1.0")]
    [InlineData("!!bool 'yes'", "true")]
    [InlineData("!!str yes", "\"yes\"")]
    [InlineData("!!null ''", "null")]
    public void StandardTag_TypesTheScalar(string yaml, string expectedJson)
    {
        Assert.Equal(expectedJson, ValueJson(yaml));
    }

    [Fact]
    public void ScalarKinds_AreSet()
    {
        var root = LoadOk("a: 1\nb: 1.5\nc: true\nd: ~\ne: text\n");
        Assert.Equal(ScalarKind.Integer, ((ScalarNode)root["a"]!).Kind);
        Assert.Equal(ScalarKind.Float, ((ScalarNode)root["b"]!).Kind);
        Assert.Equal(ScalarKind.Boolean, ((ScalarNode)root["c"]!).Kind);
        Assert.Equal(ScalarKind.Null, ((ScalarNode)root["d"]!).Kind);
        Assert.Equal(ScalarKind.String, ((ScalarNode)root["e"]!).Kind);
    }

    [Fact]
    public void MergeKeys_OwnKeysWin_FirstListedMapWins()
    {
        // yaml_parse gives {"base": {"x": 1, "y": 2}, "m": {"x": 1, "y": 3}, "n": {"p": 1, "q": 2}}
        var root = LoadOk("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\nn:\n  <<: [{p: 1}, {p: 2, q: 2}]\n");
        Assert.Equal("""{"base":{"x":1,"y":2},"m":{"x":1,"y":3},"n":{"p":1,"q":2}}""", PyJson.Dumps(root, sortKeys: false));
    }

    [Fact]
    public void Alias_IsACopyOfTheAnchoredNode()
    {
        var root = LoadOk("a: &x {k: [1, 2]}\nb: *x\n");
        Assert.True(Node.DeepEquals(root["a"], root["b"]));
        Assert.NotSame(root["a"], root["b"]);
        ((MapNode)root["b"]!)["k"] = "changed";
        Assert.Equal("""{"k":[1,2]}""", PyJson.Dumps(root["a"]!, sortKeys: false));
    }

    [Fact]
    public void UnknownAlias_IsASyntaxError()
    {
        var result = Load("a: *nothing\n");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("SAM1001", d.Id);
        Assert.Null(result.Root);
    }

    [Fact]
    public void DuplicateKey_IsAWarningAtTheSecondKey_AndTheLastValueWins()
    {
        // PyYAML (the reference's loader) keeps the last value; samc warns and does the same.
        var result = Load("Resources:\n  A: 1\n  B: 2\n  A: 3\n");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("SAM1003", d.Id);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal(4, d.Span.Start.Line);
        Assert.Equal(3, d.Span.Start.Column);
        Assert.Contains("\"A\"", d.Message, StringComparison.Ordinal);
        var resources = Assert.IsType<MapNode>(result.Root!["Resources"]);
        Assert.Equal(new[] { "A", "B" }, resources.Keys);
        Assert.Equal("3", ((ScalarNode)resources["A"]!).Text);
    }

    [Fact]
    public void UnknownTag_IsReportedAtTheTag()
    {
        var result = Load("a:\n  b: !Reff X\n");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("SAM1004", d.Id);
        Assert.Equal(2, d.Span.Start.Line);
        Assert.Equal(6, d.Span.Start.Column);
    }

    [Fact]
    public void TabIndentation_IsReportedAtTheTab()
    {
        var result = Load("Resources:\n  Fn:\n\tType: AWS::SQS::Queue\n");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("SAM1002", d.Id);
        Assert.Equal(3, d.Span.Start.Line);
        Assert.Equal(1, d.Span.Start.Column);
    }

    [Fact]
    public void AliasBomb_IsRejectedWithinTheBound()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var i = 0; i < 7; i++)
        {
            var prev = (char)('a' + i);
            var next = (char)('b' + i);
            yaml += $"{next}: &{next} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n";
        }

        var result = Load(yaml);
        Assert.Null(result.Root);
        Assert.Equal("SAM1005", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void DeepNesting_IsRejected()
    {
        var depth = YamlDocumentLoader.MaxDepth + 10;
        var result = Load("a: " + new string('[', depth) + new string(']', depth) + "\n");
        Assert.Null(result.Root);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("SAM1006", d.Id);
        Assert.Equal(1, d.Span.Start.Line);
    }

    [Fact]
    public void NestingAtTheLimit_IsAccepted()
    {
        var depth = YamlDocumentLoader.MaxDepth - 1;
        var result = Load("a: " + new string('[', depth) + new string(']', depth) + "\n");
        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [InlineData("- a\n- b\n")]
    [InlineData("just text\n")]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void NotAMapping_IsRejected(string yaml)
    {
        var result = Load(yaml);
        Assert.Null(result.Root);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("SAM1007", d.Id);
        Assert.True(d.Span.Start.Line >= 1 && d.Span.Start.Column >= 1);
    }

    [Fact]
    public void SecondDocument_IsRejected()
    {
        var result = Load("a: 1\n---\nb: 2\n");
        Assert.Contains(result.Diagnostics, d => d.Id == "SAM1009" && d.Span.Start.Line == 2);
    }

    [Theory]
    [InlineData("a: \"unterminated\n", 1)]
    [InlineData("a:\n  b: 1\n c: 2\n", 3)]
    [InlineData("a: [1, 2\n", 2)]
    [InlineData("{\"a\": 1,, }", 1)]
    public void SyntaxError_HasAPosition(string yaml, int line)
    {
        var result = Load(yaml);
        Assert.Null(result.Root);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("SAM1001", d.Id);
        Assert.Equal(line, d.Span.Start.Line);
        Assert.True(d.Span.Start.Column >= 1);
        Assert.EndsWith(".", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    // YamlDotNet 16.3's scanner throws InvalidOperationException (not YamlException) on these; found by the fuzz test.
    [InlineData("a: [x\nb: c\n")]
    [InlineData("a: [x,\nb:\n  c: d\n")]
    [InlineData("a: [{x: y},\nb:\n  c: [{x: y},\n")]
    public void UnclosedFlowCollection_IsASyntaxError_NotACrash(string yaml)
    {
        var result = Load(yaml);
        Assert.Null(result.Root);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("SAM1001", d.Id);
        Assert.True(d.Span.Start.Line >= 1 && d.Span.Start.Column >= 1);
    }

    [Fact]
    public void Spans_PointAtTheText()
    {
        const string Yaml = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: [a, !Ref B]\n";
        var root = LoadOk(Yaml);
        var queue = (MapNode)root.Get("Resources").Get("Queue")!;
        Assert.Equal(new LinePosition(2, 3, 13), root.AsMap()!.Get("Resources").AsMap()!.KeySpan("Queue").Start);
        var typeOffset = Yaml.IndexOf("AWS::SQS::Queue", StringComparison.Ordinal);
        Assert.Equal(new LinePosition(3, 11, typeOffset), queue["Type"]!.Span.Start);
        Assert.Equal(new LinePosition(3, 26, typeOffset + 15), queue["Type"]!.Span.End);
        var tags = (ListNode)queue.Get("Properties").Get("Tags")!;
        Assert.Equal(5, tags.Span.Start.Line);
        Assert.Equal(13, tags.Span.Start.Column);
        Assert.Equal(new LinePosition(5, 14, Yaml.IndexOf("a, !Ref", StringComparison.Ordinal)), tags[0].Span.Start);
        Assert.Equal(17, tags[1].Span.Start.Column);
        Assert.Equal("test.yaml", tags[1].Span.Path);
    }

    [Fact]
    public void Spans_CountCrlfAsOneLineBreak()
    {
        var root = LoadOk("a: 1\r\nb:\r\n  c: x\r\n");
        var c = root.Get("b").Get("c")!;
        Assert.Equal(3, c.Span.Start.Line);
        Assert.Equal(6, c.Span.Start.Column);
        Assert.Equal("x", c.AsString());
    }

    [Fact]
    public void JsonInput_IsLoadedWithJsonTypes()
    {
        var root = LoadOk("""{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"N": 1.0, "B": true, "S": "yes", "Z": null, "I": 7}}}}""");
        Assert.Equal("""{"Resources":{"Q":{"Type":"AWS::SQS::Queue","Properties":{"N":1.0,"B":true,"S":"yes","Z":null,"I":7}}}}""", PyJson.Dumps(root, sortKeys: false));
        Assert.Equal(1, root.Get("Resources").Get("Q").Get("Properties").Get("I")!.Span.Start.Line);
    }

    [Fact]
    public void KeyOrder_IsDocumentOrder()
    {
        var root = LoadOk("z: 1\na: 2\nm: 3\n");
        Assert.Equal(["z", "a", "m"], root.Keys);
    }

    [Fact]
    public void NonScalarKey_IsRejected()
    {
        var result = Load("? [a, b]\n: 1\n");
        Assert.Null(result.Root);
        Assert.Equal("SAM1001", Assert.Single(result.Diagnostics).Id);
    }

    internal static LoadResult Load(string yaml) => YamlDocumentLoader.Load(new SourceText("test.yaml", yaml));

    internal static MapNode LoadOk(string yaml)
    {
        var result = Load(yaml);
        Assert.Empty(result.Diagnostics);
        return Assert.IsType<MapNode>(result.Root);
    }

    private static string ValueJson(string yaml) => PyJson.Dumps(LoadOk("k: " + yaml + "\n")["k"]!, sortKeys: false);
}
