using SamCompiler.Syntax;

namespace SamCompiler.Tests.Transform.Events;

/// <summary>
/// The event sources against the reference translator, case by case. Each Fixtures/&lt;case&gt; holds a SAM template
/// (corpus DEV inputs with non-API events, and small inputs of our own) and fixture.json made by make_fixtures.py
/// from aws-sam-translator 1.110.0: either the resources the reference adds or changes when it translates the
/// events (given the function, alias and role it generates without them), or its error messages.
/// </summary>
public sealed class EventFixtureTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(EventHarness.FixturesDirectory()).Order(StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(dir, "fixture.json")))
            {
                data.Add(Path.GetFileName(dir));
            }
        }

        return data;
    }

    [Fact]
    public void FixturesArePresent() => Assert.True(Cases().Count >= 78);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesReference(string name)
    {
        var dir = Path.Combine(EventHarness.FixturesDirectory(), name);
        var inputPath = Path.Combine(dir, "input.yaml");
        var input = EventHarness.Load(inputPath, File.ReadAllText(inputPath));
        var fixture = EventHarness.Load("fixture.json", File.ReadAllText(Path.Combine(dir, "fixture.json")));

        if (fixture["errors"] is ListNode errors)
        {
            var run = EventHarness.Run(inputPath, input, null);
            Assert.NotEmpty(run.Errors);
            var expected = errors.Select(e => e.AsString()!).ToList();
            foreach (var message in run.Errors)
            {
                Assert.Contains(message, expected);
            }

            if (name.StartsWith("custom_", StringComparison.Ordinal))
            {
                // Our own cases hold only event errors: all of them must be found.
                Assert.Equal(expected.Order(StringComparer.Ordinal), run.Errors.Distinct().Order(StringComparer.Ordinal));
            }

            return;
        }

        var result = EventHarness.Run(inputPath, input, (MapNode)fixture["functions"]!);
        Assert.Empty(result.Errors);
        var expectedResources = (MapNode)fixture["expected"]!;
        Assert.Equal(expectedResources.Keys.Order(StringComparer.Ordinal), result.Changed.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, resource) in expectedResources)
        {
            Assert.True(
                EventHarness.SameResource((MapNode)resource, result.Changed[id]),
                $"{id}\nexpected: {PyJson.Dumps(resource)}\nactual:   {PyJson.Dumps(result.Changed[id])}");
        }
    }
}
