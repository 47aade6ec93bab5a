using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SamCompiler.StepFunctions;
using SamTools.Tests.Shared;
using Xunit.Abstractions;

namespace SamCompiler.Tests.StepFunctions;

/// <summary>
/// The differential test: every state machine under <c>StepFunctions/Differential/</c> runs through samc's
/// interpreter and through moto's Step Functions interpreter (moto_server 5.2.1), and the two must agree on the
/// status, the output, the error (and the cause, where the text is not the interpreter's own wording) and the
/// execution history. A case can record that moto differs (its "moto" field: the spec text that shows moto is
/// wrong, and the hand-checked expectation samc must meet) or cannot run it ("unsupported", likewise with an
/// expectation from the specification); such a case still runs on moto and fails if moto starts to agree, so the
/// note is kept true.
/// </summary>
public sealed partial class DifferentialTests(MotoServer moto, ITestOutputHelper output) : IClassFixture<MotoServer>
{
    /// <summary>Every case file, by name.</summary>
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CaseDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    private static string CaseDirectory => Path.Combine(AppContext.BaseDirectory, "StepFunctions", "Differential");

    [Fact]
    public void There_are_at_least_60_cases() => Assert.True(Cases().Count >= 60, $"{Cases().Count} cases");

    [MotoTheory]
    [MemberData(nameof(Cases))]
    [Trait("Category", "Differential")]
    public async Task Samc_and_moto_agree(string name)
    {
        var testCase = (JsonObject)AslJson.Parse(await File.ReadAllTextAsync(Path.Combine(CaseDirectory, name + ".json")))!;
        var definition = AslJson.Write(testCase["definition"]);
        var input = testCase.ContainsKey("input") ? AslJson.Write(testCase["input"]) : "{}";
        var ours = await RunSamcAsync(definition, input, testCase["mockConfig"] as JsonObject);
        var theirs = await new MotoStepFunctions(moto).RunAsync(definition, input, TimeSpan.FromSeconds(90));
        output.WriteLine($"samc: {ours.Status} {ours.Output} {ours.Error} {ours.Cause} {ours.Rejected}");
        output.WriteLine($"moto: {theirs.Status} {theirs.Output} {theirs.Error} {theirs.Cause} {theirs.Rejected}");
        var unordered = AslJson.AsString(testCase["history"]) == "unordered";
        var historyCompared = AslJson.AsString(testCase["history"]) != "none";

        if (testCase["expected"] is JsonObject expected)
        {
            AssertExpected(expected, ours, "samc");
        }

        if (testCase["moto"] is JsonObject note)
        {
            // moto is known to differ (or cannot run this): samc must meet the hand-checked expectation, and moto must
            // still differ from it, so the note stays true.
            var spec = (JsonObject)(note["expected"] ?? throw new InvalidOperationException(name + ": a moto note needs an expected outcome"));
            Assert.False(string.IsNullOrWhiteSpace(AslJson.AsString(note["reason"])), name + ": a moto note needs a reason");
            AssertExpected(spec, ours, "samc");
            Assert.False(Agrees(spec, theirs) && (!historyCompared || SameHistory(ours, theirs, unordered)), $"{name}: moto now agrees with the expectation; remove the note.");
            return;
        }

        Assert.Equal(theirs.Status, ours.Status);
        if (ours.Status == "REJECTED")
        {
            return;
        }

        AssertJsonEqual(theirs.Output, ours.Output, "output");
        Assert.Equal(theirs.Error, ours.Error);
        if (ours.Error is not null && !ours.Error.StartsWith("States.", StringComparison.Ordinal))
        {
            Assert.Equal(NormalizeCause(theirs.Cause), NormalizeCause(ours.Cause));
        }

        if (historyCompared)
        {
            var a = theirs.Events.Select(Key).ToList();
            var b = ours.Events.Select(Key).ToList();
            if (unordered)
            {
                a.Sort(StringComparer.Ordinal);
                b.Sort(StringComparer.Ordinal);
            }

            Assert.Equal(string.Join("\n", a), string.Join("\n", b));
        }
    }

    internal static async Task<ExecutionOutcome> RunSamcAsync(string definitionText, string input, JsonObject? mockConfig)
    {
        var problems = new List<AslProblem>();
        var definition = StateMachineDefinition.Parse(definitionText, problems);
        if (definition is null || problems.Any(p => p.IsError))
        {
            return new ExecutionOutcome("REJECTED", null, null, null, [], string.Join("; ", problems.Select(p => p.Pointer + ": " + p.Message)));
        }

        ITaskHandler handler = new EchoLambdaHandler();
        if (mockConfig is not null)
        {
            var file = MockConfigFile.Parse(AslJson.Write(mockConfig), out var error) ?? throw new InvalidOperationException("mockConfig: " + error);
            handler = new MockTaskHandler(file, "Diff", "Diff", handler);
        }

        var services = new ExecutionServices { Time = new FastForwardTimeProvider(), Tasks = handler, Random = new Random(7) };
        var execution = StateMachineExecution.Start(definition, new ExecutionStart
        {
            StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Diff",
            Name = "run",
            ExecutionArn = "arn:aws:states:us-east-1:123456789012:execution:Diff:run",
            RoleArn = "arn:aws:iam::123456789012:role/samc-diff",
            Input = input,
        }, services);
        await execution.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        var events = execution.History.Select(e =>
        {
            var o = new JsonObject { ["type"] = e.Type, ["id"] = e.Id, ["previousEventId"] = e.PreviousEventId };
            if (e.DetailsMember is not null)
            {
                o[e.DetailsMember] = e.Details!.DeepClone();
            }

            return o;
        }).ToList();
        return new ExecutionOutcome(execution.Status.ToApi(), execution.Output, execution.Error, execution.Cause, events);
    }

    private static void AssertExpected(JsonObject expected, ExecutionOutcome actual, string who)
    {
        Assert.True(AslJson.AsString(expected["status"]) == actual.Status, $"{who}: status {actual.Status}, expected {AslJson.AsString(expected["status"])} ({actual.Error}: {actual.Cause}{actual.Rejected})");
        if (expected.ContainsKey("output"))
        {
            AssertJsonEqual(AslJson.Write(expected["output"]), actual.Output, who + " output");
        }

        if (expected.ContainsKey("error"))
        {
            Assert.Equal(AslJson.AsString(expected["error"]), actual.Error);
        }

        if (expected["states"] is JsonArray states)
        {
            // The order of states entered (hand-derived from the specification).
            var entered = actual.Events.Where(e => e["stateEnteredEventDetails"] is not null).Select(e => AslJson.AsString(e["stateEnteredEventDetails"]!["name"])).ToList();
            Assert.Equal(states.Select(s => AslJson.AsString(s)).ToList(), entered);
        }
    }

    private static bool Agrees(JsonObject expected, ExecutionOutcome actual) =>
        AslJson.AsString(expected["status"]) == actual.Status
        && (!expected.ContainsKey("output") || Canonical(AslJson.Write(expected["output"])) == Canonical(actual.Output))
        && (!expected.ContainsKey("error") || AslJson.AsString(expected["error"]) == actual.Error)
        && (expected["states"] is not JsonArray states || states.Select(s => AslJson.AsString(s)).SequenceEqual(actual.Events.Where(e => e["stateEnteredEventDetails"] is not null).Select(e => AslJson.AsString(e["stateEnteredEventDetails"]!["name"]))));

    private static bool SameHistory(ExecutionOutcome a, ExecutionOutcome b, bool unordered)
    {
        var x = a.Events.Select(Key).ToList();
        var y = b.Events.Select(Key).ToList();
        if (unordered)
        {
            x.Sort(StringComparer.Ordinal);
            y.Sort(StringComparer.Ordinal);
        }

        return x.SequenceEqual(y);
    }

    private static void AssertJsonEqual(string? expected, string? actual, string what)
    {
        Assert.True(Canonical(expected) == Canonical(actual), $"{what} differs:\n expected {expected}\n actual   {actual}");
    }

    /// <summary>The comparable part of one event: its type and the data in its details (not ids or timestamps).</summary>
    internal static string Key(JsonObject e)
    {
        var type = AslJson.AsString(e["type"])!;
        var sb = new StringBuilder(type);
        foreach (var (member, value) in e)
        {
            if (!member.EndsWith("EventDetails", StringComparison.Ordinal) || value is not JsonObject details)
            {
                continue;
            }

            foreach (var field in new[] { "name", "index", "length", "resourceType", "resource", "error" })
            {
                if (details[field] is { } v)
                {
                    sb.Append(' ').Append(field).Append('=').Append(AslJson.Write(v));
                }
            }

            foreach (var field in new[] { "input", "output", "parameters" })
            {
                if (AslJson.AsString(details[field]) is { } json && !(type == "ExecutionStarted" && field == "input"))
                {
                    sb.Append(' ').Append(field).Append('=').Append(Canonical(json));
                }
            }

            if (type == "ExecutionStarted")
            {
                sb.Append(" input=").Append(Canonical(AslJson.AsString(details["input"])));
            }

            if (details["cause"] is { } cause && AslJson.AsString(details["error"]) is { } error && !error.StartsWith("States.", StringComparison.Ordinal))
            {
                sb.Append(" cause=").Append(NormalizeCause(AslJson.AsString(cause)));
            }
        }

        return sb.ToString();
    }

    /// <summary>JSON text with keys sorted and numbers in one form, so formatting differences do not count.</summary>
    internal static string Canonical(string? json)
    {
        if (json is null)
        {
            return "(none)";
        }

        // Request ids in error causes are random (moto makes one per call): they do not count.
        json = RequestId().Replace(json, "Request ID: *");

        // moto returns a string output as bare text (not JSON): read such text as the JSON string it stands for.
        if (!AslJson.TryParse(json, out var node, out _))
        {
            node = AslJson.String(json);
        }

        var sb = new StringBuilder();
        Write(node, sb);
        return sb.ToString();

        static void Write(JsonNode? n, StringBuilder sb)
        {
            switch (n)
            {
                case JsonObject o:
                    sb.Append('{');
                    var first = true;
                    foreach (var (k, v) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                    {
                        if (!first)
                        {
                            sb.Append(',');
                        }

                        first = false;
                        sb.Append(AslJson.Write(AslJson.String(k))).Append(':');
                        Write(v, sb);
                    }

                    sb.Append('}');
                    break;
                case JsonArray a:
                    sb.Append('[');
                    for (var i = 0; i < a.Count; i++)
                    {
                        if (i > 0)
                        {
                            sb.Append(',');
                        }

                        Write(a[i], sb);
                    }

                    sb.Append(']');
                    break;
                default:
                    if (AslJson.IsNumber(n))
                    {
                        sb.Append(AslJson.ToDouble(n).ToString("R", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(AslJson.Write(n));
                    }

                    break;
            }
        }
    }

    private static string? NormalizeCause(string? cause) =>
        cause is null ? null : WhiteSpace().Replace(RequestId().Replace(cause, "Request ID: *"), string.Empty);

    [GeneratedRegex(@"Request ID: [^;)]+")]
    private static partial Regex RequestId();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}

/// <summary>A theory skipped (with the reason) when no moto_server is available, like <see cref="MotoFactAttribute"/>.</summary>
public sealed class MotoTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when moto is missing.</summary>
    public MotoTheoryAttribute()
    {
        if (MotoServer.FindMotoServer() is null)
        {
            Skip = "moto_server is not installed (moto[server]).";
        }
    }
}
