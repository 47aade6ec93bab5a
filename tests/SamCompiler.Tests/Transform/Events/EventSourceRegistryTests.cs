using SamCompiler.Syntax;
using SamCompiler.Text;
using SamCompiler.Transform;
using SamCompiler.Transform.Events;

namespace SamCompiler.Tests.Transform.Events;

public sealed class EventSourceRegistryTests
{
    [Theory]
    [InlineData("S3")]
    [InlineData("SNS")]
    [InlineData("SQS")]
    [InlineData("Kinesis")]
    [InlineData("DynamoDB")]
    [InlineData("MSK")]
    [InlineData("MQ")]
    [InlineData("SelfManagedKafka")]
    [InlineData("DocumentDB")]
    [InlineData("Schedule")]
    [InlineData("ScheduleV2")]
    [InlineData("CloudWatchEvent")]
    [InlineData("EventBridgeRule")]
    [InlineData("CloudWatchLogs")]
    [InlineData("IoTRule")]
    [InlineData("AlexaSkill")]
    [InlineData("Cognito")]
    public void EveryNonApiTypeOfTheReferenceIsRegistered(string type) =>
        Assert.Equal(type, EventSourceRegistry.Find(type)?.Type);

    [Theory]
    [InlineData("api")]
    [InlineData("S3Bucket")]
    [InlineData("")]
    public void UnknownTypesAreRejectedWithTheReferenceMessage(string type)
    {
        var entry = new MapNode { ["Type"] = type };
        var ex = Assert.Throws<EventException>(() => EventSourceRegistry.Resolve("Fn", "Ev", entry, SourceSpan.None));
        Assert.Equal($"Event with id [Ev] is invalid. Resource dict has missing or invalid value for key Type. Event Type is: {type}.", ex.FullMessage);
    }

    [Fact]
    public void EventIdsMustKeepTheLogicalIdAlphanumeric()
    {
        var entry = new MapNode { ["Type"] = "AlexaSkill" };
        var ex = Assert.Throws<ResourceException>(() => EventSourceRegistry.Resolve("Fn", "My-Event", entry, SourceSpan.None));
        Assert.Equal("Resource with id [FnMy-Event] is invalid. Logical ids must be alphanumeric.", ex.FullMessage);
    }

    [Theory]
    [InlineData("BatchSize: true", true)] // Python's bool is an int
    [InlineData("BatchSize: 1.5", false)]
    [InlineData("BatchSize: {Ref: Size}", true)] // one-key mappings skip the check
    [InlineData("BatchSize: {a: 1, b: 2}", false)]
    [InlineData("StartingPosition: [1, 2]", true)] // pass-through
    public void PullPropertiesAreCheckedLikeTheReference(string property, bool accepted)
    {
        var yaml = $"Type: SQS\nProperties:\n  Queue: q\n  {property}\n";
        var entry = EventHarness.Load("event.yaml", yaml);
        var resolve = () => EventSourceRegistry.Resolve("Fn", "Ev", entry, SourceSpan.None);
        if (accepted)
        {
            Assert.Equal("FnEv", resolve().Event.LogicalId);
        }
        else
        {
            Assert.Throws<ResourceException>(() => resolve());
        }
    }

    [Theory]
    [InlineData("MyFunctionMyEvent", "MyFunctionMyEventLambdaTarget")]
    [InlineData("AnotherFunctionWithAVeryLongLogicalIdThatGoesOnAndOnScheduleWithALongName", "AnotherFunctionWithAVeryLongLogicalIdThatGoesOnAndOnLambdaTarget")]
    public void RuleTargetIdsAreCutToSixtyFourCharacters(string logicalId, string expected)
    {
        Assert.Equal(expected, EventBridgeRuleUtils.ValidTargetId(logicalId, "LambdaTarget"));
        Assert.True(expected.Length <= 64);
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("-0", false)]
    [InlineData("7", true)]
    [InlineData("0.0", false)]
    [InlineData("''", false)]
    [InlineData("x", true)]
    [InlineData("[]", false)]
    [InlineData("{}", false)]
    [InlineData("false", false)]
    [InlineData("null", false)]
    public void TruthinessIsPythons(string yaml, bool truthy)
    {
        var node = EventHarness.Load("v.yaml", "v: " + yaml)["v"];
        Assert.Equal(truthy, Py.Truthy(node));
    }
}
