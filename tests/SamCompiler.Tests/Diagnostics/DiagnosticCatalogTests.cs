using System.Reflection;
using System.Text.RegularExpressions;
using SamCompiler.Diagnostics;

namespace SamCompiler.Tests.Diagnostics;

/// <summary>STYLE.md 3.2: one catalog owns every id; ids are unique, well formed and sit in their category's block.</summary>
public sealed partial class DiagnosticCatalogTests
{
    [GeneratedRegex(@"^SAM\d{4}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var d in DiagnosticCatalog.All)
        {
            data.Add(d.Id);
        }

        return data;
    }

    [Fact]
    public void Ids_AreUnique()
    {
        var duplicates = DiagnosticCatalog.All.GroupBy(d => d.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Names_AreUnique()
    {
        var duplicates = DiagnosticCatalog.All.GroupBy(d => d.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void All_IsInIdOrder()
    {
        var ids = DiagnosticCatalog.All.Select(d => d.Id).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public void All_ListsEveryPublicDescriptorProperty()
    {
        var declared = typeof(DiagnosticCatalog)
            .GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(DiagnosticDescriptor))
            .Select(p => (DiagnosticDescriptor)p.GetValue(null)!)
            .ToList();
        Assert.NotEmpty(declared);
        var listed = DiagnosticCatalog.All.ToHashSet();
        Assert.All(declared, d => Assert.True(listed.Contains(d), $"{d.Id} is a property of DiagnosticCatalog but is missing from DiagnosticCatalog.All."));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_IsWellFormed(string id)
    {
        var d = DiagnosticCatalog.All.First(x => x.Id == id);
        Assert.Matches(IdPattern(), d.Id);
        Assert.Equal((int)d.Category, d.Id[3] - '0');
        Assert.True(Enum.IsDefined(d.Category), $"{d.Id} has an undefined category.");
        Assert.Matches(KebabCase(), d.Name);
        Assert.False(string.IsNullOrWhiteSpace(d.Title));
        Assert.EndsWith(".", d.Title, StringComparison.Ordinal);
        Assert.True(char.IsUpper(d.Title[0]), $"{d.Id}: the title should be in sentence case.");
        Assert.EndsWith("#" + d.Id.ToLowerInvariant(), d.HelpUri, StringComparison.Ordinal);
    }

    [Fact]
    public void InternalError_IsSam0001()
    {
        Assert.Equal("SAM0001", DiagnosticCatalog.InternalError.Id);
        Assert.Equal(DiagnosticSeverity.Error, DiagnosticCatalog.InternalError.DefaultSeverity);
    }
}
