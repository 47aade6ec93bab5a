using System.Text;
using SamCompiler.Transform.Policies;

namespace SamCompiler.Tests.Transform.Policies;

// The shipped table (Data/aws_managed_policies.tsv) is searched in place; these check the search against a plain
// reading of the same lines, and the search itself on small tables with awkward neighbours.
public class ManagedPolicyTableTests
{
    [Fact]
    public void EveryLineOfTheShippedTable_IsFoundByItsNameAndEnumeratedInOrder()
    {
        var lines = ShippedLines();
        foreach (var partition in lines.Select(l => l.Partition).Distinct())
        {
            var expected = lines.Where(l => l.Partition == partition).ToList();
            var view = ManagedPolicyMap.GetBundledManagedPolicyMap(partition)!;

            Assert.Equal(expected.Count, view.Count);
            Assert.Equal(expected.Select(l => l.Name), view.Keys);
            foreach (var (_, name, suffix) in expected)
            {
                Assert.True(view.TryGetValue(name, out var arn), name);
                Assert.Equal($"arn:{partition}:iam::aws:policy/{suffix}", arn);
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("AWSLambda")]
    [InlineData("AWSLambdaBasicExecutionRole2")]
    [InlineData("awslambdabasicexecutionrole")]
    [InlineData("AWSLambdaBasicExecutionRole\t")]
    [InlineData("zzz")]
    public void NamesNotInTheTable_AreNotFound(string name)
    {
        Assert.False(ManagedPolicyMap.GetBundledManagedPolicyMap("aws")!.TryGetValue(name, out _));
    }

    [Fact]
    public void PartitionsThatArePrefixesOfOthers_AreKeptApart()
    {
        var table = Table("# comment\n# another\na\tx\tp/x\naa\tx\tq/x\nab\ty\tr/y\nb\tz\tz\n");

        Assert.Equal(["x"], table.Partition("a")!.Keys);
        Assert.Equal("arn:aa:iam::aws:policy/q/x", table.Partition("aa")!["x"]);
        Assert.False(table.Partition("a")!.ContainsKey("y"));
        Assert.Single(table.Partition("b")!);
        Assert.Null(table.Partition("c"));
        Assert.Null(table.Partition(""));
    }

    [Fact]
    public void ATableWithoutAFinalNewline_FindsItsLastLine()
    {
        var table = Table("a\tm\tm\na\tn\tsvc/n");

        Assert.Equal("arn:a:iam::aws:policy/svc/n", table.Partition("a")!["n"]);
        Assert.Equal(2, table.Partition("a")!.Count);
    }

    private static ManagedPolicyTable Table(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return ManagedPolicyTable.FromStream(new MemoryStream(bytes));
    }

    private static List<(string Partition, string Name, string Suffix)> ShippedLines()
    {
        using var stream = typeof(ManagedPolicyMap).Assembly.GetManifestResourceStream("SamCompiler.Data.aws_managed_policies.tsv")!;
        using var reader = new StreamReader(stream);
        var lines = new List<(string, string, string)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var f = line.Split('\t');
            Assert.Equal(3, f.Length);
            lines.Add((f[0], f[1], f[2]));
        }

        Assert.True(lines.Count > 3000, "the table should hold the reference's four partitions");
        return lines;
    }
}
