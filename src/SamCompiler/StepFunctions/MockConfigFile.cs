using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace SamCompiler.StepFunctions;

/// <summary>One mocked answer: a result (<c>Return</c>) or an error (<c>Throw</c>).</summary>
/// <param name="Return">The result, when it returns.</param>
/// <param name="Error">The error name, when it throws.</param>
/// <param name="Cause">The cause, when it throws.</param>
public sealed record MockedResponse(JsonNode? Return, string? Error, string? Cause)
{
    /// <summary>True for a Throw.</summary>
    public bool Throws => Error is not null;
}

/// <summary>
/// A mock configuration in AWS Step Functions Local's <c>MockConfigFile.json</c> format: <c>StateMachines</c> →
/// machine name → <c>TestCases</c> → test case → state name → mocked response name, and <c>MockedResponses</c> →
/// name → attempt range ("0", "1-2") → <c>Return</c> or <c>Throw</c> (<c>Error</c>, <c>Cause</c>). Existing mock files
/// for Step Functions Local work unchanged.
/// </summary>
public sealed class MockConfigFile
{
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, string>>> _testCases;
    private readonly Dictionary<string, List<(int From, int To, MockedResponse Response)>> _responses;

    private MockConfigFile(Dictionary<string, Dictionary<string, Dictionary<string, string>>> testCases, Dictionary<string, List<(int, int, MockedResponse)>> responses)
    {
        _testCases = testCases;
        _responses = responses;
    }

    /// <summary>The state machines the file has test cases for.</summary>
    public IEnumerable<string> StateMachines => _testCases.Keys;

    /// <summary>The test cases of a state machine.</summary>
    public IEnumerable<string> TestCases(string stateMachine) => _testCases.TryGetValue(stateMachine, out var t) ? t.Keys : [];

    /// <summary>Parses the file; null with a message naming the wrong part when it is not a valid mock file.</summary>
    public static MockConfigFile? Parse(string text, out string? error)
    {
        if (!AslJson.TryParse(text, out var node, out var parseError))
        {
            error = "not JSON: " + parseError;
            return null;
        }

        if (node is not JsonObject root)
        {
            error = "the file must be a JSON object with StateMachines and MockedResponses";
            return null;
        }

        var testCases = new Dictionary<string, Dictionary<string, Dictionary<string, string>>>(StringComparer.Ordinal);
        if (root["StateMachines"] is JsonObject machines)
        {
            foreach (var (machine, value) in machines)
            {
                if (value?["TestCases"] is not JsonObject cases)
                {
                    error = $"StateMachines.{machine} needs a TestCases object";
                    return null;
                }

                var byCase = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
                foreach (var (caseName, states) in cases)
                {
                    if (states is not JsonObject stateMap)
                    {
                        error = $"StateMachines.{machine}.TestCases.{caseName} must map state names to mocked response names";
                        return null;
                    }

                    var map = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var (state, response) in stateMap)
                    {
                        map[state] = AslJson.AsString(response) ?? string.Empty;
                    }

                    byCase[caseName] = map;
                }

                testCases[machine] = byCase;
            }
        }
        else if (root.ContainsKey("StateMachines"))
        {
            error = "StateMachines must be an object";
            return null;
        }

        var responses = new Dictionary<string, List<(int, int, MockedResponse)>>(StringComparer.Ordinal);
        if (root["MockedResponses"] is JsonObject mocked)
        {
            foreach (var (name, ranges) in mocked)
            {
                if (ranges is not JsonObject rangeMap)
                {
                    error = $"MockedResponses.{name} must map attempt numbers (\"0\", \"1-2\") to Return or Throw";
                    return null;
                }

                var list = new List<(int, int, MockedResponse)>();
                foreach (var (range, answer) in rangeMap)
                {
                    var bounds = range.Split('-');
                    if (bounds.Length is < 1 or > 2
                        || !int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                        || !int.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var to)
                        || to < from)
                    {
                        error = $"MockedResponses.{name}: \"{range}\" is not an attempt number or range such as \"0\" or \"1-2\"";
                        return null;
                    }

                    if (answer is not JsonObject a || (a.ContainsKey("Return") == a.ContainsKey("Throw")))
                    {
                        error = $"MockedResponses.{name}.{range} needs exactly one of Return or Throw";
                        return null;
                    }

                    if (a["Throw"] is { } t)
                    {
                        if (t is not JsonObject throwObject || AslJson.AsString(throwObject["Error"]) is not { } errorName)
                        {
                            error = $"MockedResponses.{name}.{range}.Throw needs an Error string";
                            return null;
                        }

                        list.Add((from, to, new MockedResponse(null, errorName, AslJson.AsString(throwObject["Cause"]))));
                    }
                    else
                    {
                        list.Add((from, to, new MockedResponse(AslJson.Clone(a["Return"]), null, null)));
                    }
                }

                list.Sort((x, y) => x.Item1.CompareTo(y.Item1));
                responses[name] = list;
            }
        }

        foreach (var (machine, cases) in testCases)
        {
            foreach (var (caseName, states) in cases)
            {
                foreach (var (state, response) in states)
                {
                    if (!responses.ContainsKey(response))
                    {
                        error = $"StateMachines.{machine}.TestCases.{caseName}.{state} names the mocked response \"{response}\", which MockedResponses does not define";
                        return null;
                    }
                }
            }
        }

        error = null;
        return new MockConfigFile(testCases, responses);
    }

    /// <summary>The state → responses map of one test case, or null when the file has no such test case.</summary>
    public IReadOnlyDictionary<string, string>? TestCase(string stateMachine, string testCase) =>
        _testCases.TryGetValue(stateMachine, out var cases) && cases.TryGetValue(testCase, out var states) ? states : null;

    /// <summary>The answer of the mocked response <paramref name="name"/> for attempt <paramref name="attempt"/> (the last one repeats).</summary>
    public MockedResponse Response(string name, int attempt)
    {
        var list = _responses[name];
        foreach (var (from, to, response) in list)
        {
            if (attempt >= from && attempt <= to)
            {
                return response;
            }
        }

        return list[^1].Response;
    }
}

/// <summary>
/// Answers Task states from a mock test case; states the test case does not mock go to <paramref name="fallback"/>
/// (the local Lambda runner) when it can run them, else the execution stops with an error naming the state.
/// </summary>
public sealed class MockTaskHandler(MockConfigFile file, string stateMachine, string testCase, ITaskHandler? fallback, Func<TaskInvocation, bool>? fallbackCanRun = null) : ITaskHandler
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var states = file.TestCase(stateMachine, testCase);
        if (states is not null && states.TryGetValue(invocation.StateName, out var responseName))
        {
            var attempt = _calls.AddOrUpdate(invocation.StateName, 0, (_, n) => n + 1);
            var response = file.Response(responseName, attempt);
            if (response.Throws)
            {
                throw new AslError(response.Error!, response.Cause);
            }

            return Task.FromResult(AslJson.Clone(response.Return));
        }

        if (fallback is not null && (fallbackCanRun?.Invoke(invocation) ?? true))
        {
            return fallback.InvokeAsync(invocation, cancellationToken);
        }

        throw new AslError(ErrorNames.Runtime, $"The state \"{invocation.StateName}\" calls {invocation.Resource}, which samc cannot run locally, and the test case \"{testCase}\" of the state machine \"{stateMachine}\" has no mocked response for it. Add \"{invocation.StateName}\" to the test case in the mock config file.");
    }
}
