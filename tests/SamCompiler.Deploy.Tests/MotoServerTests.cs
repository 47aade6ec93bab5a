using SamTools.Tests.Shared;

namespace SamCompiler.Deploy.Tests;

/// <summary>The shared moto_server fixture answers on loopback.</summary>
public sealed class MotoServerTests(MotoServer moto) : IClassFixture<MotoServer>
{
    [MotoFact]
    public async Task Moto_server_answers_on_loopback()
    {
        Assert.NotNull(moto.Endpoint);
        Assert.StartsWith("http://127.0.0.1:", moto.Endpoint, StringComparison.Ordinal);
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri($"{moto.Endpoint}/moto-api/"));
        Assert.True(response.IsSuccessStatusCode, $"moto-api answered {(int)response.StatusCode}");
    }
}
