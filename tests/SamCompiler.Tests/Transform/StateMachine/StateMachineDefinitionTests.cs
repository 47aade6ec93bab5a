using SamCompiler.Syntax;
using SamCompiler.Text;
using SamCompiler.Transform.StateMachine;

namespace SamCompiler.Tests.Transform.StateMachine;

/// <summary>
/// The definition helpers. Expected strings are Python's
/// <c>json.dumps(value, sort_keys=True, indent=4, separators=(",", ": "))</c> and the reference's
/// generate_valid_target_id for the same values.
/// </summary>
public sealed class StateMachineDefinitionTests
{
    [Fact]
    public void DumpsLikePythonWithIndentAndSortedKeys()
    {
        var value = Load("""{"b": [1, 2.5, true, null, [], {}], "a": {"z": "é\"\n😀", "y": -0.0}}""");
        const string Expected = "{\n    \"a\": {\n        \"y\": -0.0,\n        \"z\": \"\\u00e9\\\"\\n\\ud83d\\ude00\"\n    },\n    \"b\": [\n        1,\n        2.5,\n        true,\n        null,\n        [],\n        {}\n    ]\n}";
        Assert.Equal(Expected, StateMachineDefinition.Dumps(value));
    }

    [Fact]
    public void SubstitutionsAreNumberedInSortedPathOrder()
    {
        var definition = Load("""{"States": {"B": {"R": {"Ref": "X"}}, "A": {"L": [{"Fn::GetAtt": ["F", "Arn"]}, "{{resolve:ssm:p}}", "{{resolve:ssm}}"]}}}""");
        var substitutions = StateMachineDefinition.ReplaceDynamicValuesWithSubstitutions(definition);
        Assert.Equal(["definition_substitution_1", "definition_substitution_2", "definition_substitution_3"], substitutions.Keys);
        Assert.Equal("""{"definition_substitution_1":{"Fn::GetAtt":["F","Arn"]},"definition_substitution_2":"{{resolve:ssm:p}}","definition_substitution_3":{"Ref":"X"}}""", PyJson.Dumps(substitutions));
        Assert.Equal("""{"States":{"A":{"L":["${definition_substitution_1}","${definition_substitution_2}","{{resolve:ssm}}"]},"B":{"R":"${definition_substitution_3}"}}}""", PyJson.Dumps(definition));
    }

    [Theory]
    [InlineData("SMEvent", "SMEventStepFunctionsTarget")]
    [InlineData("AliasSMAVeryLongEventNameThatMakesTheTargetIdWayTooLongForEventBridgeRules", "AliasSMAVeryLongEventNameThatMakesTheTargetIdStepFunctionsTarget")]
    public void TargetIdsAreCutTo64Characters(string logicalId, string expected) =>
        Assert.Equal(expected, StateMachineEventSources.GenerateValidTargetId(logicalId, "StepFunctionsTarget"));

    private static Node Load(string json) => YamlDocumentLoader.Load(new SourceText("t.json", json)).Root!;
}
