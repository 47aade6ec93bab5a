using SamCompiler.Diagnostics;
using static SamCompiler.Tests.Validation.LintHarness;

namespace SamCompiler.Tests.Validation;

/// <summary>Runtime dates: nodejs20.x deprecated 2026-04-30, blocked for create 2026-06-01, for update 2026-07-01.</summary>
public class RuntimeRuleTests
{
    private static string Yaml(string runtime) => Function(string.Empty).Replace("Runtime: python3.12", $"Runtime: {runtime}", StringComparison.Ordinal);

    [Theory]
    [InlineData(2026, 4, 29, 0, 0)]
    [InlineData(2026, 4, 30, 1, 0)]
    [InlineData(2026, 5, 31, 1, 0)]
    [InlineData(2026, 6, 1, 0, 1)]
    public void Nodejs20_Dates(int y, int m, int d, int deprecated, int blocked)
    {
        var result = Lint(Yaml("nodejs20.x"), Options with { Today = new DateOnly(y, m, d) });
        Assert.Equal(deprecated, result.Of(DiagnosticCatalog.RuntimeDeprecated).Count);
        Assert.Equal(blocked, result.Of(DiagnosticCatalog.RuntimeBlocked).Count);
    }

    [Fact]
    public void CurrentRuntime_IsQuiet()
    {
        var result = Lint(Yaml("python3.13"));
        Assert.Empty(result.Of(DiagnosticCatalog.RuntimeDeprecated));
        Assert.Empty(result.Of(DiagnosticCatalog.RuntimeBlocked));
    }

    [Fact]
    public void BlockedMessage_NamesDatesAndSuccessor()
    {
        var d = Assert.Single(Lint(Yaml("nodejs18.x")).Of(DiagnosticCatalog.RuntimeBlocked));
        Assert.Equal("Runtime \"nodejs18.x\" of \"MyFn\" was deprecated on 2025-09-01; Lambda has blocked new functions on it since 2026-06-01 and updates since 2026-07-01. Move to \"nodejs24.x\".", d.Message);
    }
}
