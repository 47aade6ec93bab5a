using SamCompiler.Diagnostics;
using SamCompiler.Syntax;
using SamCompiler.Tests.Validation;
using SamCompiler.Text;
using SamCompiler.Transform;

namespace SamCompiler.Tests.LanguageExtensions;

/// <summary>Behaviours of AWS::LanguageExtensions that the corpora do not pin: spans, diagnostics, parameters, lint.</summary>
public sealed class LanguageExtensionsTransformTests
{
    private const string Both = "Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\n";
    private const string Only = "Transform: AWS::LanguageExtensions\n";

    private static Compilation Compile(string yaml, params (string Name, string Value)[] parameters) =>
        TemplateCompiler.Compile(
            new SourceText("template.yaml", yaml),
            new CompileOptions { Translate = new TranslateOptions { ParameterOverrides = parameters.ToDictionary(p => p.Name, p => (Node)p.Value, StringComparer.Ordinal) } });

    private static MapNode Document(string yaml, params (string, string)[] parameters)
    {
        var c = Compile(yaml, parameters);
        Assert.True(c.Document is not null, string.Join("\n", c.Diagnostics));
        return c.Document!;
    }

    private static Diagnostic Error(string yaml, DiagnosticDescriptor expected, params (string, string)[] parameters)
    {
        var c = Compile(yaml, parameters);
        Assert.Null(c.Output);
        var error = Assert.Single(c.Diagnostics, d => d.IsError);
        Assert.Equal(expected.Id, error.Id);
        return error;
    }

    [Fact]
    public void ForEach_ExpandsInPlace_WithSpansOfTheFragment()
    {
        var doc = Document(Only + """
            Resources:
              First:
                Type: AWS::SNS::Topic
              Fn::ForEach::Topics:
                - Name
                - [A, B]
                - Topic${Name}:
                    Type: AWS::SNS::Topic
              Last:
                Type: AWS::SNS::Topic
            """);
        var resources = (MapNode)doc["Resources"]!;
        Assert.Equal(["First", "TopicA", "TopicB", "Last"], resources.Keys.ToArray());
        Assert.Equal(8, resources.KeySpan("TopicB").Start.Line);
        Assert.Null(doc["Transform"]);
    }

    [Fact]
    public void Lint_SeesTheExpandedTemplate_AndPointsIntoTheLoop()
    {
        var yaml = Both + """
            Resources:
              Fn::ForEach::Functions:
                - Name
                - [A, B]
                - Fn${Name}:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: s3://bucket/key.zip
                      Handler: app.handler
                      Runtime: python3.12
                      MemorySize: 20000
            """;
        var memory = LintHarness.Lint(yaml).Where(d => d.Id == "SAM3001").ToList();
        Assert.NotEmpty(memory);
        Assert.All(memory, d => Assert.Equal(12, d.Span.Start.Line));
        Assert.Contains(memory, d => d.Message.Contains("20000", StringComparison.Ordinal));
    }

    [Fact]
    public void Parameters_OverrideChangesTheCollection_DefaultOtherwise()
    {
        const string yaml = Only + """
            Parameters:
              Names: {Type: CommaDelimitedList, Default: "a, b"}
            Resources:
              Fn::ForEach::Q:
                - N
                - !Ref Names
                - Q${N}: {Type: AWS::SQS::Queue, Properties: {QueueName: !Ref N}}
            """;
        Assert.Equal(["Qa", "Qb"], ((MapNode)Document(yaml)["Resources"]!).Keys.ToArray());
        Assert.Equal(["Qx", "Qy", "Qz"], ((MapNode)Document(yaml, ("Names", "x,y,z"))["Resources"]!).Keys.ToArray());
    }

    [Fact]
    public void Collection_FromParameterWithoutValue_IsSam2013_NamingTheOverride()
    {
        var e = Error(Only + """
            Parameters:
              Names: {Type: CommaDelimitedList}
            Resources:
              Fn::ForEach::Q:
                - N
                - !Ref Names
                - Q${N}: {Type: AWS::SQS::Queue}
            """, DiagnosticCatalog.LanguageExtensionsValueUnknown);
        Assert.Contains("--parameter-overrides Names=", e.Message, StringComparison.Ordinal);
        Assert.Equal(7, e.Span.Start.Line);
    }

    [Fact]
    public void Collection_FromGetAtt_IsSam2013()
    {
        Error(Only + """
            Resources:
              Fn::ForEach::Q:
                - N
                - !GetAtt Thing.List
                - Q${N}: {Type: AWS::SQS::Queue}
            """, DiagnosticCatalog.LanguageExtensionsValueUnknown);
    }

    [Theory]
    [InlineData(5, null)]
    [InlineData(6, "SAM1013")]
    public void Nesting_FiveLevelsAllowed_SixRejected(int depth, string? id)
    {
        var key = "Q" + string.Concat(Enumerable.Range(1, depth).Select(i => "${v" + i + "}"));
        string Level(int i, int column)
        {
            if (i > depth)
            {
                return key + ": {Type: AWS::SQS::Queue}\n";
            }

            var pad = new string(' ', column + 2);
            return $"Fn::ForEach::L{i}:\n{pad}- v{i}\n{pad}- [x]\n{pad}- " + Level(i + 1, column + 4);
        }

        var c = Compile(Only + "Resources:\n  " + Level(1, 2));
        if (id is null)
        {
            Assert.True(c.Document is not null, string.Join("\n", c.Diagnostics));
            Assert.True(((MapNode)c.Document!["Resources"]!).ContainsKey("Q" + string.Concat(Enumerable.Repeat("x", depth))));
        }
        else
        {
            Assert.Contains(c.Diagnostics, d => d.Id == id);
        }
    }

    [Fact]
    public void DuplicateKey_IsSam1012_AtTheFragmentKey()
    {
        var e = Error(Only + """
            Resources:
              Fn::ForEach::Q:
                - N
                - [a, b]
                - Same: {Type: AWS::SQS::Queue}
            """, DiagnosticCatalog.ForEachKeyInvalid);
        Assert.Equal(6, e.Span.Start.Line);
    }

    [Fact]
    public void Ampersand_DropsNonAlphanumericCharacters_DollarKeepsThem()
    {
        var doc = Document(Only + """
            Resources:
              Fn::ForEach::Q:
                - N
                - [order-events.v2]
                - Q&{N}: {Type: AWS::SQS::Queue, Properties: {QueueName: "${N}"}}
            """);
        var q = (MapNode)((MapNode)doc["Resources"]!)["Qordereventsv2"]!;
        Assert.Equal("order-events.v2", q.Get("Properties").Get("QueueName").AsString());
    }

    [Theory]
    [InlineData("Fn::ForEach::Stage", "Stage", "parameter")]
    [InlineData("Fn::ForEach::Q", "Q", "logical id")]
    public void LoopNameConflicts_AreSam1014(string loop, string other, string what)
    {
        var e = Error(Only + $$"""
            Parameters:
              Stage: {Type: String, Default: x}
            Resources:
              Q: {Type: AWS::SQS::Queue}
              {{loop}}:
                - N
                - [a]
                - R${N}: {Type: AWS::SQS::Queue}
            """, DiagnosticCatalog.ForEachNameConflict);
        Assert.Contains(other, e.Message, StringComparison.Ordinal);
        Assert.Contains(what, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForEachDeepInProperties_IsSam5013()
    {
        Error(Only + """
            Resources:
              Q:
                Type: AWS::SQS::Queue
                Properties:
                  Tags:
                    Fn::ForEach::T:
                      - N
                      - [a]
                      - ${N}: x
            """, DiagnosticCatalog.ForEachPositionUnsupported);
    }

    [Fact]
    public void FindInMap_DefaultValue_AndMissingKeyWithoutDefault()
    {
        const string head = Only + """
            Mappings:
              M:
                a: {v: 1}
            Resources:
              Q:
                Type: AWS::SQS::Queue
                Properties:

            """;
        var doc = Document(head + "      DelaySeconds: !FindInMap [M, b, v, {DefaultValue: 7}]\n      MaximumMessageSize: !FindInMap [M, a, v]\n");
        var props = doc.Get("Resources").Get("Q").Get("Properties");
        Assert.Equal("7", props.Get("DelaySeconds")!.ToString());
        Assert.Equal("1", props.Get("MaximumMessageSize")!.ToString());
        Error(head + "      DelaySeconds: !FindInMap [M, b, v]\n", DiagnosticCatalog.FindInMapNotFound);
    }

    [Fact]
    public void FindInMap_KeyKnownOnlyAtDeployment_IsKeptWithoutDefault()
    {
        var doc = Document(Only + """
            Mappings:
              M:
                us-east-1: {v: 1}
            Resources:
              Q:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: !FindInMap [M, !Ref "AWS::Region", v]
                  MaximumMessageSize: !FindInMap [M, !Ref "AWS::Region", v, {DefaultValue: 2}]
            """);
        var props = (MapNode)doc.Get("Resources").Get("Q").Get("Properties")!;
        Assert.True(props["DelaySeconds"]!.IsIntrinsic);
        Assert.Equal("1", props["MaximumMessageSize"]!.ToString());
    }

    [Fact]
    public void Length_ToJsonString_Sub_Select_Join()
    {
        var doc = Document(Only + """
            Parameters:
              Stage: {Type: String, Default: prod}
              Ids: {Type: CommaDelimitedList, Default: "a,b,c"}
            Resources:
              Q:
                Type: AWS::SQS::Queue
                Properties:
                  Length: {"Fn::Length": !Ref Ids}
                  Json: {"Fn::ToJsonString": {k: [1, true, !Ref Stage], "x${y}": "é"}}
                  Sub: !Sub "${Stage}-${AWS::Region}-${!Literal}"
                  Full: !Sub "${Stage}-${!Literal}"
                  Pick: !Select [1, !Ref Ids]
                  Joined: !Join ["/", [!Ref Stage, x]]
            """);
        var p = (MapNode)doc.Get("Resources").Get("Q").Get("Properties")!;
        Assert.Equal("3", p["Length"]!.ToString());
        Assert.Equal("{\"k\":[1,true,\"prod\"],\"x${y}\":\"é\"}", p["Json"].AsString());
        Assert.Equal("prod-${AWS::Region}-${!Literal}", p["Sub"].Get("Fn::Sub").AsString());
        Assert.Equal("prod-${Literal}", p["Full"].AsString());
        Assert.Equal("b", p["Pick"].AsString());
        Assert.Equal("prod/x", p["Joined"].AsString());
    }

    [Fact]
    public void ToJsonString_WithDeployTimeValues_BecomesSub_WithSam5014()
    {
        var c = Compile(Only + """
            Resources:
              B: {Type: AWS::S3::Bucket}
              Q:
                Type: AWS::SQS::Queue
                Properties:
                  Json: {"Fn::ToJsonString": {arn: !GetAtt B.Arn, lit: "${x}"}}
            """);
        Assert.NotNull(c.Document);
        Assert.Contains(c.Diagnostics, d => d.Id == "SAM5014" && d.Severity == DiagnosticSeverity.Info);
        var sub = (ListNode)c.Document!.Get("Resources").Get("Q").Get("Properties").Get("Json").Get("Fn::Sub")!;
        Assert.Equal("{\"arn\":\"${ToJsonStringValue1}\",\"lit\":\"${!x}\"}", sub[0].AsString());
        Assert.True(sub[1].Get("ToJsonStringValue1")!.IsIntrinsic);
    }

    [Fact]
    public void PolicyAttributes_ResolveThroughIfAndRef_NoValueIsSam2016()
    {
        const string head = Only + """
            Parameters:
              Stage: {Type: String, Default: prod}
              Policy: {Type: String, Default: Snapshot}
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Resources:
              T:
                Type: AWS::DynamoDB::Table

            """;
        var t = Document(head + "    DeletionPolicy: !If [IsProd, Retain, Delete]\n    UpdateReplacePolicy: !Ref Policy\n").Get("Resources").Get("T");
        Assert.Equal("Retain", t.Get("DeletionPolicy").AsString());
        Assert.Equal("Snapshot", t.Get("UpdateReplacePolicy").AsString());
        Assert.Equal("Delete", Document(head + "    DeletionPolicy: !If [IsProd, Retain, Delete]\n", ("Stage", "dev")).Get("Resources").Get("T").Get("DeletionPolicy").AsString());
        Error(head + "    DeletionPolicy: !Ref AWS::NoValue\n", DiagnosticCatalog.PolicyAttributeInvalid);
    }

    [Fact]
    public void If_WithNoValue_RemovesTheKey_AndUnknownConditionsAreKept()
    {
        var doc = Document(Only + """
            Parameters:
              Stage: {Type: String, Default: dev}
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
              InUsEast1: !Equals [!Ref "AWS::Region", us-east-1]
            Resources:
              Q:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: !If [IsProd, 5, !Ref "AWS::NoValue"]
                  QueueName: !If [InUsEast1, east, other]
            """);
        var p = (MapNode)doc.Get("Resources").Get("Q").Get("Properties")!;
        Assert.False(p.ContainsKey("DelaySeconds"));
        Assert.Equal("Fn::If", ((MapNode)p["QueueName"]!).KeyAt(0));
    }

    [Fact]
    public void CircularConditions_AreSam2015_EvenWhenShortCircuited()
    {
        Error(Only + """
            Conditions:
              A: !And [!Equals [a, b], !Condition B]
              B: !Or [!Condition A, !Equals [x, x]]
            Resources:
              Q: {Type: AWS::SQS::Queue}
            """, DiagnosticCatalog.ConditionReferenceInvalid);
    }

    [Fact]
    public void OutputValueNoValue_IsSam2017()
    {
        Error(Only + """
            Resources:
              Q: {Type: AWS::SQS::Queue}
            Outputs:
              O:
                Value: !Ref AWS::NoValue
            """, DiagnosticCatalog.LanguageExtensionsValueInvalid);
    }

    [Fact]
    public void TransformList_KeepsOtherTransforms()
    {
        var doc = Document("Transform: [AWS::LanguageExtensions, AWS::Include]\nResources:\n  Q: {Type: AWS::SQS::Queue}\n");
        Assert.Equal(["AWS::Include"], ((ListNode)doc["Transform"]!).Select(n => n.AsString()!).ToArray());
    }

    [Fact]
    public void TemplateWithoutTheTransform_IsNotExpanded()
    {
        var c = Compile("Resources:\n  Fn::ForEach::Q:\n    - N\n    - [a]\n    - Q${N}: {Type: AWS::SQS::Queue}\n");
        Assert.True(((MapNode)c.Document!["Resources"]!).ContainsKey("Fn::ForEach::Q"));
    }
}
