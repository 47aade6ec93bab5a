using System.Text.RegularExpressions;
using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;
using SamCompiler.Validation;

namespace SamCompiler.Tests.Validation;

/// <summary>Meta-tests: every rule is registered once, ids are well-formed, every id and quota is documented.</summary>
public class RuleRegistryTests
{
    [Fact]
    public void EveryRuleSubclass_IsRegistered()
    {
        var defined = typeof(RuleBase).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(RuleBase)) && !t.IsAbstract).Select(t => t.FullName).Order(StringComparer.Ordinal).ToList();
        var registered = RuleRegistry.All.Select(r => r.GetType().FullName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(defined, registered);
    }

    [Fact]
    public void EveryRule_IsSealed() =>
        Assert.All(RuleRegistry.All, r => Assert.True(r.GetType().IsSealed, r.GetType().Name));

    [Fact]
    public void RuleIds_AreUniqueAndInIdOrder()
    {
        var ids = RuleRegistry.All.Select(r => r.Descriptor.Id).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        var quota = ids.Where(i => i.StartsWith("SAM3", StringComparison.Ordinal)).ToList();
        Assert.Equal(quota.Order(StringComparer.Ordinal), quota);
    }

    [Fact]
    public void Catalog_IdsAreUniqueWellFormedAndInTheirBlock()
    {
        var all = DiagnosticCatalog.All;
        Assert.DoesNotContain(all, d => d is null);
        Assert.Equal(all.Count, all.Select(d => d.Id).Distinct().Count());
        Assert.Equal(all.Count, all.Select(d => d.Name).Distinct().Count());
        Assert.All(all, d =>
        {
            Assert.Matches("^SAM\\d{4}$", d.Id);
            Assert.Equal((int)d.Category, d.Id[3] - '0');
        });
    }

    [Fact]
    public void LintDescriptors_UseOnlyTheLintRanges()
    {
        var lint = RuleRegistry.All.Select(r => r.Descriptor).Append(DiagnosticCatalog.UnknownRuleReference);
        Assert.All(lint, d => Assert.Matches("^SAM([34]\\d{3}|20[34]\\d)$", d.Id)); // SAM2030-SAM2049: Step Functions definitions
    }

    [Fact]
    public void EveryCatalogId_HasASectionInDiagnosticsMd()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "diagnostics.md"));
        var headings = Regex.Matches(doc, "^## (SAM\\d{4})\\b", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var missing = DiagnosticCatalog.All.Select(d => d.Id).Where(id => !headings.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "docs/diagnostics.md lacks sections for: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryQuota_IsInQuotasMdWithItsUrl()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "quotas.md"));
        Assert.All(Quotas.All, q =>
        {
            Assert.Contains($"`{q.Key}`", doc, StringComparison.Ordinal);
            Assert.Contains(q.DocUrl, doc, StringComparison.Ordinal);
        });
        Assert.Equal(Quotas.All.Count, Quotas.All.Select(q => q.Key).Distinct().Count());
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SamTools.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SamTools.sln not found above the test folder.");
    }
}
