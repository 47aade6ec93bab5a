using SamCompiler.Syntax;
using SamCompiler.Transform;
using SamCompiler.Transform.Policies;

namespace SamCompiler.Tests.Transform.Policies;

// Expectations: samtranslator 1.110.0 ResourcePolicies({"Policies": value}, processor).get() types.
public class ResourcePoliciesTests
{
    [Theory]
    [InlineData("\"A\"", false, PolicyTypes.ManagedPolicy)]
    [InlineData("""{"Ref":"P"}""", false, PolicyTypes.ManagedPolicy)]
    [InlineData("""{"Fn::GetAtt":["A","B"]}""", true, PolicyTypes.ManagedPolicy)]
    [InlineData("""{"Statement":[]}""", false, PolicyTypes.PolicyStatement)]
    [InlineData("""{"SQSPollerPolicy":{"QueueName":"q"}}""", false, PolicyTypes.Unknown)]
    [InlineData("""{"SQSPollerPolicy":{"QueueName":"q"}}""", true, PolicyTypes.PolicyTemplate)]
    [InlineData("""{"Foo":{}}""", true, PolicyTypes.Unknown)]
    [InlineData("5", true, PolicyTypes.Unknown)]
    [InlineData("""{"Fn::If":["C","A",{"Ref":"AWS::NoValue"}]}""", false, PolicyTypes.ManagedPolicy)]
    [InlineData("""{"Fn::If":["C",{"Ref":"AWS::NoValue"},{"Statement":[]}]}""", false, PolicyTypes.PolicyStatement)]
    [InlineData("""{"Fn::If":["C",{"Statement":[]},{"Statement":[]}]}""", true, PolicyTypes.PolicyStatement)]
    [InlineData("""{"Fn::If":["C",{"Fn::If":["D",{"Statement":[]},{"Ref":"AWS::NoValue"}]},{"Ref":"AWS::NoValue"}]}""", false, PolicyTypes.PolicyStatement)]
    [InlineData("""{"Fn::If":["C",{"Ref":"AWS::NoValue"},{"Ref":"AWS::NoValue"}]}""", true, PolicyTypes.ManagedPolicy)]
    [InlineData("""{"Fn::If":["C",{"SQSPollerPolicy":{"QueueName":"q"}},{"Ref":"AWS::NoValue"}]}""", true, PolicyTypes.PolicyTemplate)]
    public void SingleValue_IsClassifiedLikeReference(string json, bool withTemplates, PolicyTypes expected)
    {
        var policies = ResourcePolicies.FromPolicies(PolicyJson.Parse(json), withTemplates ? PolicyTemplatesProcessor.Default : null);

        var entry = Assert.Single(policies.Policies);
        Assert.Equal(expected, entry.Type);
    }

    [Fact]
    public void List_KeepsOrderAndTheSameNodes()
    {
        var list = (ListNode)PolicyJson.Parse("""["AmazonS3FullAccess",{"Statement":[]},{"Ref":"P"}]""");

        var policies = ResourcePolicies.FromPolicies(list);

        Assert.Equal([PolicyTypes.ManagedPolicy, PolicyTypes.PolicyStatement, PolicyTypes.ManagedPolicy], policies.Get().Select(e => e.Type));
        Assert.Same(list[1], policies.Policies[1].Data);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("0")]
    [InlineData("false")]
    public void FalsyValue_GivesNoEntries(string json)
    {
        Assert.Equal(0, ResourcePolicies.FromPolicies(PolicyJson.Parse(json)).Count);
    }

    [Fact]
    public void MissingProperty_GivesNoEntries()
    {
        Assert.Equal(0, new ResourcePolicies(new MapNode { ["Handler"] = "h" }).Count);
        Assert.Equal(0, new ResourcePolicies(null).Count);
    }

    [Theory]
    [InlineData("""{"Fn::If":"x"}""", "Fn::If requires 3 arguments")]
    [InlineData("""{"Fn::If":["C","A"]}""", "Fn::If requires 3 arguments")]
    [InlineData("""{"Fn::If":["C",{"Statement":[]},"A"]}""", "Different policy types within the same Fn::If statement is unsupported. Separate different policy types into different Fn::If statements")]
    public void BadIntrinsicIf_IsTemplateError(string json, string message)
    {
        var ex = Assert.Throws<TemplateException>(() => ResourcePolicies.FromPolicies(PolicyJson.Parse(json)));

        Assert.Equal(message, ex.Message);
        Assert.Equal("Structure of the SAM template is invalid. " + message, ex.FullMessage);
    }
}
