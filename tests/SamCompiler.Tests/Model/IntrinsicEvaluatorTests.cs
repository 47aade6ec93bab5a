using SamCompiler.Model;
using SamCompiler.Syntax;
using static SamCompiler.Tests.Model.ModelHarness;

namespace SamCompiler.Tests.Model;

public sealed class IntrinsicEvaluatorTests
{
    private const string Template = """
        Parameters:
          Stage: { Type: String, Default: dev }
          Mem: { Type: Number, Default: 512 }
          Secret: { Type: String }
          Names: { Type: CommaDelimitedList, Default: "a,b,c" }
        Mappings:
          Sizes:
            dev: { Memory: 256, Name: small }
            prod: { Memory: 2048, Name: large }
        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
          IsDev: !Not [!Condition IsProd]
          Unknown: !Equals [!Ref Secret, x]
          ProdOrUnknown: !Or [!Condition IsProd, !Condition Unknown]
          DevAndUnknown: !And [!Condition IsDev, !Condition Unknown]
          DevOrUnknown: !Or [!Condition IsDev, !Condition Unknown]
          NumberEqualsText: !Equals [!Ref Mem, "512"]
          Loop: !Condition Loop
        Resources:
          Queue:
            Type: AWS::SQS::Queue
        Outputs:
          Stage: { Value: !Ref Stage }
          Mem: { Value: !Ref Mem }
          Secret: { Value: !Ref Secret }
          Names: { Value: !Ref Names }
          Region: { Value: !Ref AWS::Region }
          Partition: { Value: !Ref AWS::Partition }
          Suffix: { Value: !Ref AWS::URLSuffix }
          Account: { Value: !Ref AWS::AccountId }
          NoValue: { Value: !Ref AWS::NoValue }
          QueueRef: { Value: !Ref Queue }
          AliasRef: { Value: !Ref Queue.Alias }
          Missing: { Value: !Ref Nothing }
          QueueArn: { Value: !GetAtt Queue.Arn }
          QueueArnList: { Value: !GetAtt [Queue, Arn] }
          BadGetAtt: { Value: !GetAtt Nothing.Arn }
          Sub: { Value: !Sub "${AWS::Region}-${Stage}-${!Literal}-${Var}" }
          SubVars: { Value: !Sub ["${Var}/${Stage}", { Var: !Ref Mem }] }
          SubArn: { Value: !Sub "${Queue.Arn}" }
          SubSecret: { Value: !Sub "x-${Secret}" }
          Join: { Value: !Join ["/", [!Ref AWS::Partition, !Ref Stage, 5, !Ref AWS::NoValue]] }
          JoinUnknown: { Value: !Join ["/", [!Ref Stage, !GetAtt Queue.Arn]] }
          JoinList: { Value: !Join [",", !Ref Names] }
          Select: { Value: !Select [1, !Ref Names] }
          SelectOut: { Value: !Select [9, !Ref Names] }
          Split: { Value: !Split ["-", "x-y-z"] }
          SelectSplit: { Value: !Select [2, !Split ["-", !Sub "${Stage}-b-c"]] }
          FindInMap: { Value: !FindInMap [Sizes, !Ref Stage, Memory] }
          FindInMapDefault: { Value: !FindInMap [Sizes, test, Memory, { DefaultValue: 128 }] }
          FindInMapMissing: { Value: !FindInMap [Sizes, test, Memory] }
          If: { Value: !If [IsProd, 3008, !Ref Mem] }
          IfElse: { Value: !If [IsDev, big, small] }
          IfUnknown: { Value: !If [Unknown, a, b] }
          IfNoValue: { Value: !If [IsDev, !Ref AWS::NoValue, x] }
          GetAZs: { Value: !Select [0, !GetAZs ""] }
          Import: { Value: !ImportValue shared-vpc }
          Base64: { Value: !Base64 "hi ${x}" }
          Length: { Value: { "Fn::Length": !Ref Names } }
          Plain: { Value: { A: !Ref Stage, B: [1, !Ref AWS::NoValue, !Ref Mem] } }
          PlainUnknown: { Value: { A: !Ref Secret } }
        """;

    private static SamTemplate Model(ModelOptions? options = null) => Build(Template, options);

    [Fact]
    public void Ref_GivesParametersPseudoParametersAndDefaults()
    {
        var t = Model(Overrides(("Stage", "prod")) with { Region = "cn-north-1" });

        Assert.Equal("prod", t.Output("Stage").AsString());
        Assert.Equal("Stage", t.Output("Stage").Parameter);
        Assert.Equal(512, t.Output("Mem").AsNumber());
        Assert.Equal("cn-north-1", t.Output("Region").AsString());
        Assert.Equal("aws-cn", t.Output("Partition").AsString());
        Assert.Equal("amazonaws.com.cn", t.Output("Suffix").AsString());
        Assert.Equal(["a", "b", "c"], t.Output("Names").AsList()!.Select(n => n.AsString()!));
    }

    [Fact]
    public void Ref_WithoutAValue_IsADeployTimeValueThatSaysWhy()
    {
        var t = Model();

        AssertPending(t.Output("Secret"), PendingKind.Parameter, "Secret");
        AssertPending(t.Output("Account"), PendingKind.Pseudo, "AWS::AccountId");
        AssertPending(t.Output("QueueRef"), PendingKind.ResourceRef, "Queue");
        AssertPending(t.Output("AliasRef"), PendingKind.ResourceRef, "Queue.Alias");
        Assert.Equal(ValueKind.Absent, t.Output("NoValue").Kind);
        Assert.Equal(ValueKind.Invalid, t.Output("Missing").Kind);
    }

    [Fact]
    public void Ref_ToAResource_IsItsLogicalId_ForLocalRuns()
    {
        var t = Model(ModelOptions.ForLocal("us-east-1", new Dictionary<string, Node>()));

        Assert.Equal("Queue", t.Output("QueueRef").AsString());
        Assert.Equal("123456789012", t.Output("Account").AsString());
        AssertPending(t.Output("QueueArn"), PendingKind.Attribute, "Queue", "Arn");
    }

    [Fact]
    public void GetAtt_IsATypedDeployTimeValue_InBothForms()
    {
        var t = Model();

        AssertPending(t.Output("QueueArn"), PendingKind.Attribute, "Queue", "Arn");
        AssertPending(t.Output("QueueArnList"), PendingKind.Attribute, "Queue", "Arn");
        Assert.Equal(ValueKind.Invalid, t.Output("BadGetAtt").Kind);
    }

    [Fact]
    public void Sub_ResolvesParametersVariablesAndLiterals()
    {
        var t = Model();

        Assert.Equal(ValueKind.Invalid, t.Output("Sub").Kind); // ${Var} is neither a variable nor a parameter
        Assert.Equal("512/dev", t.Output("SubVars").AsString());
        AssertPending(t.Output("SubArn"), PendingKind.Attribute, "Queue", "Arn");
        AssertPending(t.Output("SubSecret"), PendingKind.Parameter, "Secret");
        var sub = t.Evaluate(ScalarNodeSub("${AWS::Region}-${Stage}-${!Literal}"));
        Assert.Equal("us-east-1-dev-${Literal}", sub.AsString());
    }

    [Fact]
    public void Join_Select_Split_FindInMap()
    {
        var t = Model(Overrides(("Stage", "prod")));

        Assert.Equal("aws/prod/5", t.Output("Join").AsString());
        AssertPending(t.Output("JoinUnknown"), PendingKind.Attribute, "Queue", "Arn");
        Assert.Equal("a,b,c", t.Output("JoinList").AsString());
        Assert.Equal("b", t.Output("Select").AsString());
        Assert.Equal(ValueKind.Invalid, t.Output("SelectOut").Kind);
        Assert.Equal(["x", "y", "z"], t.Output("Split").AsList()!.Select(n => n.AsString()!));
        Assert.Equal("c", t.Output("SelectSplit").AsString());
        Assert.Equal(2048, t.Output("FindInMap").AsNumber());
        Assert.Equal(128, t.Output("FindInMapDefault").AsNumber());
        Assert.Equal(ValueKind.Invalid, t.Output("FindInMapMissing").Kind);
    }

    [Fact]
    public void If_EvaluatesConditionsWhereTheirInputsAreKnown()
    {
        var dev = Model();
        var prod = Model(Overrides(("Stage", "prod")));

        Assert.Equal(512, dev.Output("If").AsNumber());
        Assert.Equal("Mem", dev.Output("If").Parameter);
        Assert.Equal(3008, prod.Output("If").AsNumber());
        Assert.Equal("big", dev.Output("IfElse").AsString());
        Assert.Equal("small", prod.Output("IfElse").AsString());
        AssertPending(dev.Output("IfUnknown"), PendingKind.Condition, "Unknown");
        Assert.Equal(ValueKind.Absent, dev.Output("IfNoValue").Kind);
        Assert.Equal("x", prod.Output("IfNoValue").AsString());

        Assert.True(prod.Evaluator.Condition("IsProd"));
        Assert.False(dev.Evaluator.Condition("IsProd"));
        Assert.Null(dev.Evaluator.Condition("Unknown"));
        Assert.True(prod.Evaluator.Condition("ProdOrUnknown"));
        Assert.Null(dev.Evaluator.Condition("ProdOrUnknown"));
        Assert.False(prod.Evaluator.Condition("DevAndUnknown"));
        Assert.Null(dev.Evaluator.Condition("DevAndUnknown"));
        Assert.True(dev.Evaluator.Condition("DevOrUnknown"));
        Assert.True(dev.Evaluator.Condition("NumberEqualsText"));
        Assert.Null(dev.Evaluator.Condition("Loop"));
        Assert.Null(dev.Evaluator.Condition("NotDefined"));
    }

    [Fact]
    public void DeployTimeFunctions_AreDeployTimeValues()
    {
        var t = Model();

        AssertPending(t.Output("GetAZs"), PendingKind.Function, "Fn::GetAZs");
        AssertPending(t.Output("Import"), PendingKind.Function, "Fn::ImportValue");
        Assert.Equal(Convert.ToBase64String("hi ${x}"u8.ToArray()), t.Output("Base64").AsString());
        Assert.Equal(3, t.Output("Length").AsNumber());
    }

    [Fact]
    public void Evaluate_IsShallow_AndResolveGoesInside()
    {
        var t = Model();
        var plain = t.Root["Outputs"].Get("Plain").Get("Value");

        var shallow = t.Evaluate(plain);
        Assert.Same(plain, shallow.Value);

        var deep = t.Evaluator.Resolve(plain);
        Assert.True(deep.IsKnown);
        var map = deep.AsMap()!;
        Assert.Equal("dev", map["A"].AsString());
        Assert.Equal(["1", "512"], map["B"].AsList()!.Select(n => ((ScalarNode)n).Text));
        Assert.Same(plain, t.Root["Outputs"].Get("Plain").Get("Value"));
        Assert.IsType<MapNode>(plain.Get("A")); // the written tree is not modified

        AssertPending(t.Evaluator.Resolve(t.Root["Outputs"].Get("PlainUnknown").Get("Value")), PendingKind.Parameter, "Secret");
    }

    [Fact]
    public void AValueKeepsTheSpanOfTheNodeItWasWrittenAs()
    {
        var t = Model();
        var written = t.Root["Outputs"].Get("FindInMap").Get("Value")!;

        var value = t.Evaluate(written);

        Assert.Same(written, value.Source);
        Assert.Equal(written.Span, value.Span);
        Assert.True(value.Span.IsKnown);
    }

    private static MapNode ScalarNodeSub(string text) => new() { ["Fn::Sub"] = text };

    private static void AssertPending(ModelValue value, PendingKind kind, string name, string? attribute = null)
    {
        Assert.Equal(ValueKind.DeployTime, value.Kind);
        Assert.Equal(new PendingValue(kind, name, attribute), value.Pending);
        Assert.Null(value.AsString());
    }
}
