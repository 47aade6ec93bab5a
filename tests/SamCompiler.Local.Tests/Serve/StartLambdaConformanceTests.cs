using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SamCompiler.Local.Tests.Local;

namespace SamCompiler.Local.Tests.Serve;

/// <summary>One start-lambda server over the local-invoke corpus, shared by the corpus cases.</summary>
public sealed class CorpusServer : IAsyncLifetime
{
    internal LambdaHarness? Harness { get; private set; }

    public async Task InitializeAsync()
    {
        if (TestPaths.Corpus is { } corpus)
        {
            Harness = await LambdaHarness.StartAsync(corpus);
        }
    }

    public async Task DisposeAsync()
    {
        if (Harness is not null)
        {
            await Harness.DisposeAsync();
        }
    }
}

/// <summary>
/// The startLambdaApi cases of the local-invoke corpus (cases.json), sent over HTTP to start-lambda and checked as
/// its README defines: status, header, noHeader, bodyJson, bodyText, bodyChecks, headerBase64Contains. Also every
/// CLI case whose expectation does not depend on the CLI (success, error, not-found), invoked through the API.
/// </summary>
public sealed class StartLambdaConformanceTests(CorpusServer server) : IClassFixture<CorpusServer>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static TheoryData<string> ApiCaseIds() => Ids("startLambdaApi");

    public static TheoryData<string> CliCaseIds() => Ids("cases");

    private static TheoryData<string> Ids(string section)
    {
        var data = new TheoryData<string>();
        if (TestPaths.Corpus is { } corpus)
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(corpus, "cases.json")));
            var cases = section == "cases" ? doc.RootElement.GetProperty("cases") : doc.RootElement.GetProperty(section).GetProperty("cases");
            foreach (var c in cases.EnumerateArray())
            {
                var outcome = c.TryGetProperty("expect", out var e) && e.TryGetProperty("outcome", out var o) ? o.GetString() : null;
                var requires = c.TryGetProperty("requires", out var r) && r.GetArrayLength() > 0;
                var cliOnly = c.TryGetProperty("envVars", out _) || c.TryGetProperty("parameterOverrides", out _) || c.TryGetProperty("region", out _);
                if (section == "startLambdaApi" || (outcome is "success" or "error" or "not-found" && !requires && !cliOnly))
                {
                    data.Add(c.GetProperty("id").GetString()!);
                }
            }
        }
        else
        {
            data.Add("corpus-missing");
        }

        return data;
    }

    [CorpusTheory]
    [MemberData(nameof(ApiCaseIds))]
    public async Task ApiCase(string id)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(TestPaths.Corpus!, "cases.json")));
        var c = doc.RootElement.GetProperty("startLambdaApi").GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);
        var request = c.GetProperty("request");
        using var message = new HttpRequestMessage(HttpMethod.Post, $"{server.Harness!.Endpoint}/2015-03-31/functions/{c.GetProperty("function").GetString()}/invocations")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(request.GetProperty("body").GetString()!)),
        };
        if (request.TryGetProperty("headers", out var headers))
        {
            foreach (var h in headers.EnumerateObject())
            {
                message.Headers.TryAddWithoutValidation(h.Name, h.Value.GetString());
            }
        }

        using var response = await Http.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        var expect = c.GetProperty("expect");
        var where = $"case {id}: {(int)response.StatusCode} {body}";
        Assert.True(expect.GetProperty("status").GetInt32() == (int)response.StatusCode, where);
        if (expect.TryGetProperty("header", out var header))
        {
            foreach (var h in header.EnumerateObject())
            {
                Assert.True(Header(response, h.Name) == h.Value.GetString(), $"{where}: header {h.Name} is \"{Header(response, h.Name)}\"");
            }
        }

        if (expect.TryGetProperty("noHeader", out var noHeader))
        {
            foreach (var h in noHeader.EnumerateArray())
            {
                Assert.Null(Header(response, h.GetString()!));
            }
        }

        if (expect.TryGetProperty("bodyJson", out var bodyJson))
        {
            using var actual = JsonDocument.Parse(body);
            Assert.True(JsonElement.DeepEquals(bodyJson, actual.RootElement), where);
        }

        if (expect.TryGetProperty("bodyText", out var bodyText))
        {
            Assert.Equal(bodyText.GetString(), body);
        }

        if (expect.TryGetProperty("bodyChecks", out var checks))
        {
            using var actual = JsonDocument.Parse(body);
            foreach (var check in checks.EnumerateArray())
            {
                var value = Walk(actual.RootElement, check.GetProperty("path").GetString()!);
                if (check.TryGetProperty("equals", out var equals))
                {
                    Assert.True(value is { } v && JsonElement.DeepEquals(equals, v), $"{where}: {check}");
                }

                if (check.TryGetProperty("regex", out var regex))
                {
                    Assert.Matches(new Regex(regex.GetString()!), value?.GetString() ?? string.Empty);
                }
            }
        }

        if (expect.TryGetProperty("headerBase64Contains", out var b64))
        {
            foreach (var h in b64.EnumerateObject())
            {
                var raw = Header(response, h.Name);
                Assert.NotNull(raw);
                Assert.Contains(h.Value.GetString()!, Encoding.UTF8.GetString(Convert.FromBase64String(raw!)), StringComparison.Ordinal);
            }
        }
    }

    [CorpusTheory]
    [MemberData(nameof(CliCaseIds))]
    public async Task CliCaseThroughTheApi(string id)
    {
        var corpus = TestPaths.Corpus!;
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(corpus, "cases.json")));
        var c = doc.RootElement.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);
        var eventPath = c.GetProperty("event").ValueKind == JsonValueKind.String ? c.GetProperty("event").GetString() : null;
        using var content = new ByteArrayContent(eventPath is null ? [] : File.ReadAllBytes(Path.Combine(corpus, eventPath)));
        using var response = await Http.PostAsync($"{server.Harness!.Endpoint}/2015-03-31/functions/{c.GetProperty("function").GetString()}/invocations", content);
        var body = await response.Content.ReadAsStringAsync();
        var expect = c.GetProperty("expect");
        var where = $"case {id}: {(int)response.StatusCode} {body}";
        switch (expect.GetProperty("outcome").GetString())
        {
            case "not-found":
                var api = expect.GetProperty("startLambda");
                Assert.True(api.GetProperty("status").GetInt32() == (int)response.StatusCode, where);
                Assert.Equal(api.GetProperty("errorTypeHeader").GetString(), Header(response, "x-amzn-errortype"));
                return;
            case "success":
                Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK && Header(response, "X-Amz-Function-Error") is null, where);
                break;
            case "error":
                Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK && Header(response, "X-Amz-Function-Error") == "Unhandled", where);
                using (var error = JsonDocument.Parse(body))
                {
                    Assert.Equal(expect.GetProperty("errorType").GetString(), error.RootElement.GetProperty("errorType").GetString());
                }

                break;
        }

        if (expect.TryGetProperty("result", out var result))
        {
            using var actual = JsonDocument.Parse(body);
            Assert.True(JsonElement.DeepEquals(result, actual.RootElement), where);
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var v) ? string.Join(",", v)
        : response.Content.Headers.TryGetValues(name, out var cv) ? string.Join(",", cv)
        : null;

    private static JsonElement? Walk(JsonElement root, string path)
    {
        JsonElement? current = root;
        foreach (var part in path.Split('.'))
        {
            if (current is not { } e)
            {
                return null;
            }

            current = e.ValueKind == JsonValueKind.Object && e.TryGetProperty(part, out var child) ? child
                : e.ValueKind == JsonValueKind.Array && int.TryParse(part, out var i) && i < e.GetArrayLength() ? e[i]
                : null;
        }

        return current;
    }
}
