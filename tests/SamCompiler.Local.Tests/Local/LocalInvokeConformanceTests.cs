using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SamCompiler.Cli.Commands;

namespace SamCompiler.Local.Tests.Local;

/// <summary>
/// Every CLI case of the local-invoke conformance corpus (cases.json), checked as its README defines `expect`:
/// outcome, result, resultChecks, stderrContains, stdoutNotContains, and for timeouts the wall-time window.
/// </summary>
public sealed class LocalInvokeConformanceTests
{
    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        if (TestPaths.Corpus is { } corpus)
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(corpus, "cases.json")));
            foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
            {
                data.Add(c.GetProperty("id").GetString()!);
            }
        }
        else
        {
            data.Add("corpus-missing");
        }

        return data;
    }

    [CorpusTheory]
    [MemberData(nameof(CaseIds))]
    public async Task CliCase(string id)
    {
        var corpus = TestPaths.Corpus!;
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(corpus, "cases.json")));
        var c = doc.RootElement.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);
        var eventPath = c.GetProperty("event").ValueKind == JsonValueKind.String ? c.GetProperty("event").GetString() : null;
        var fromStdin = c.TryGetProperty("eventSource", out var source) && source.GetString() == "stdin";
        var overrides = c.TryGetProperty("parameterOverrides", out var po)
            ? po.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}").ToArray()
            : [];
        var args = new LocalInvokeArguments(
            c.GetProperty("function").GetString(),
            "template.yaml",
            eventPath is null ? null : fromStdin ? "-" : eventPath,
            c.TryGetProperty("envVars", out var ev) ? ev.GetString() : null,
            overrides,
            c.TryGetProperty("region", out var region) ? region.GetString() : null);
        var stdin = fromStdin ? File.ReadAllBytes(Path.Combine(corpus, eventPath!)) : null;

        var run = await CliRunner.InvokeAsync(corpus, args, stdin);

        var expect = c.GetProperty("expect");
        var outcome = expect.GetProperty("outcome").GetString();
        var where = $"case {id}: exit {run.ExitCode}\n--- stdout\n{Shorten(run.Stdout)}\n--- stderr\n{Shorten(run.Stderr)}";
        if (outcome == "not-found")
        {
            var cli = expect.GetProperty("localInvoke");
            Assert.True(run.ExitCode != 0, where);
            Assert.Matches(new Regex(cli.GetProperty("stderrRegex").GetString()!), run.Stderr);
            return;
        }

        Assert.True(run.ExitCode == 0, where);
        using var resultDoc = JsonDocument.Parse(run.Stdout);
        var result = resultDoc.RootElement;
        switch (outcome)
        {
            case "success":
                Assert.False(IsErrorObject(result), where);
                break;
            case "error":
                Assert.True(IsErrorObject(result), where);
                Assert.Equal(expect.GetProperty("errorType").GetString(), result.GetProperty("errorType").GetString());
                var message = result.GetProperty("errorMessage").GetString()!;
                if (expect.TryGetProperty("errorMessage", out var em))
                {
                    Assert.Equal(em.GetString(), message);
                }

                if (expect.TryGetProperty("errorMessageRegex", out var emr))
                {
                    Assert.Matches(new Regex(emr.GetString()!), message);
                }

                break;
            case "timeout":
                var wall = run.Wall.TotalSeconds;
                Assert.InRange(wall, expect.GetProperty("minWallSeconds").GetDouble(), expect.GetProperty("maxWallSeconds").GetDouble());
                var pattern = new Regex(expect.GetProperty("messageRegex").GetString()!);
                var resultMessage = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("errorMessage", out var rm) ? rm.GetString() ?? string.Empty : string.Empty;
                Assert.True(pattern.IsMatch(run.Stderr) || pattern.IsMatch(resultMessage), where);
                Assert.False(JsonEquals(result, expect.GetProperty("mustNotContainResult")), where);
                break;
            default:
                Assert.Fail($"case {id}: unknown outcome \"{outcome}\"");
                break;
        }

        if (expect.TryGetProperty("result", out var expected))
        {
            Assert.True(JsonEquals(expected, result), $"result differs from {expected.GetRawText()}\n{where}");
        }

        if (expect.TryGetProperty("resultChecks", out var checks))
        {
            foreach (var check in checks.EnumerateArray())
            {
                CheckPath(result, check, where);
            }
        }

        foreach (var s in Strings(expect, "stderrContains"))
        {
            Assert.Contains(s, run.Stderr, StringComparison.Ordinal);
        }

        foreach (var s in Strings(expect, "stdoutNotContains"))
        {
            Assert.DoesNotContain(s, run.Stdout, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<string> Strings(JsonElement expect, string name) =>
        expect.TryGetProperty(name, out var list) ? list.EnumerateArray().Select(e => e.GetString()!) : [];

    private static bool IsErrorObject(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("errorType", out _) && e.TryGetProperty("errorMessage", out _);

    private static void CheckPath(JsonElement result, JsonElement check, string where)
    {
        var path = check.GetProperty("path").GetString()!;
        JsonElement? value = result;
        foreach (var part in path.Split('.'))
        {
            value = value is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(part, out var child) ? child
                : value is { ValueKind: JsonValueKind.Array } a && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.GetArrayLength() ? a[i]
                : null;
        }

        var label = $"resultChecks {path}: {value?.GetRawText() ?? "<unset>"}\n{where}";
        if (check.TryGetProperty("equals", out var equals))
        {
            var ok = equals.ValueKind == JsonValueKind.Null
                ? value is null || value.Value.ValueKind == JsonValueKind.Null
                : value is { } v && JsonEquals(equals, v);
            Assert.True(ok, $"expected {equals.GetRawText()}; {label}");
        }

        if (check.TryGetProperty("regex", out var regex))
        {
            Assert.True(value is { ValueKind: JsonValueKind.String } s && Regex.IsMatch(s.GetString()!, regex.GetString()!), label);
        }

        if (check.TryGetProperty("type", out var type))
        {
            Assert.True(value is { } v && TypeOf(v).Contains(type.GetString()!), $"expected type {type.GetString()}; {label}");
        }

        if (check.TryGetProperty("min", out var min))
        {
            Assert.True(value is { ValueKind: JsonValueKind.Number } n && n.GetDouble() >= min.GetDouble(), $"expected >= {min}; {label}");
        }

        if (check.TryGetProperty("max", out var max))
        {
            Assert.True(value is { ValueKind: JsonValueKind.Number } n && n.GetDouble() <= max.GetDouble(), $"expected <= {max}; {label}");
        }

        if (check.TryGetProperty("length", out var length))
        {
            Assert.True(value is { } v && LengthOf(v) == length.GetInt32(), $"expected length {length}; {Shorten(label)}");
        }

        if (check.TryGetProperty("minLength", out var minLength))
        {
            Assert.True(value is { } v && LengthOf(v) >= minLength.GetInt32(), $"expected length >= {minLength}; {label}");
        }
    }

    private static string[] TypeOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => ["string"],
        JsonValueKind.Number => e.TryGetInt64(out _) ? ["integer", "number"] : ["number"],
        JsonValueKind.True or JsonValueKind.False => ["boolean"],
        JsonValueKind.Null => ["null"],
        JsonValueKind.Object => ["object"],
        JsonValueKind.Array => ["array"],
        _ => [],
    };

    private static int LengthOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => new StringInfoLength(e.GetString()!).Length,
        JsonValueKind.Array => e.GetArrayLength(),
        _ => -1,
    };

    /// <summary>Deep equality of parsed JSON (numbers by value, object key order ignored).</summary>
    internal static bool JsonEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind && !(a.ValueKind is JsonValueKind.True or JsonValueKind.False && b.ValueKind is JsonValueKind.True or JsonValueKind.False))
        {
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var aProps = a.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                var bProps = b.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                return aProps.Count == bProps.Count && aProps.All(p => bProps.TryGetValue(p.Key, out var v) && JsonEquals(p.Value, v));
            case JsonValueKind.Array:
                return a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray()).All(p => JsonEquals(p.First, p.Second));
            case JsonValueKind.Number:
                return a.GetDouble() == b.GetDouble();
            case JsonValueKind.String:
                return a.GetString() == b.GetString();
            default:
                return a.ValueKind == b.ValueKind;
        }
    }

    private static string Shorten(string text) => text.Length <= 4000 ? text : text[..2000] + "\n...\n" + text[^2000..];

    /// <summary>Length in code points (Python's len of a str).</summary>
    private readonly record struct StringInfoLength(string Text)
    {
        public int Length => Text.EnumerateRunes().Count();
    }
}
