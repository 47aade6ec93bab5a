using SamCompiler.Syntax;

namespace SamCompiler.Tests.Syntax;

/// <summary>MapNode keeps Python dict semantics; expected orders were printed by the python3 snippets named.</summary>
public sealed class MapNodeTests
{
    [Fact]
    public void RemoveThenSet_KeepsPythonDictOrder()
    {
        // d = {'K%02d' % i: i for i in range(20)}; del every even key; d['K04'] = 99; d['K05'] = 55
        // list(d) -> ['K01', 'K03', 'K05', ..., 'K19', 'K04'], list(d.values()) -> [1, 3, 55, 7, ..., 19, 99]
        var map = Build(20);
        for (var i = 0; i < 20; i += 2)
        {
            Assert.True(map.Remove($"K{i:D2}"));
        }

        map["K04"] = 99L;
        map["K05"] = 55L;

        string[] keys = ["K01", "K03", "K05", "K07", "K09", "K11", "K13", "K15", "K17", "K19", "K04"];
        long[] values = [1, 3, 55, 7, 9, 11, 13, 15, 17, 19, 99];
        Assert.Equal(keys, map.Keys.ToArray());
        Assert.Equal(values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)), map.Values.Select(v => ((ScalarNode)v).Text));
        Assert.Equal(11, map.Count);
        Assert.Equal("K07", map.KeyAt(3));
        Assert.Equal("55", ((ScalarNode)map.ValueAt(2)).Text);
        Assert.False(map.ContainsKey("K02"));
        Assert.Equal("99", ((ScalarNode)map["K04"]!).Text);
        Assert.False(map.Remove("K02"));
    }

    [Fact]
    public void RemovingMostKeys_LeavesTheRestFindable()
    {
        var map = Build(100);
        for (var i = 0; i < 95; i++)
        {
            Assert.True(map.Remove($"K{i:D2}"));
        }

        Assert.Equal(new[] { "K95", "K96", "K97", "K98", "K99" }, map.Keys.ToArray());
        for (var i = 95; i < 100; i++)
        {
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), ((ScalarNode)map[$"K{i:D2}"]!).Text);
        }

        var clone = (MapNode)map.Clone();
        var copy = map.ShallowCopy();
        Assert.Equal(map.Keys.ToArray(), clone.Keys.ToArray());
        Assert.Equal(map.Keys.ToArray(), copy.Keys.ToArray());
        Assert.Same(map["K97"], copy["K97"]);
        Assert.NotSame(map["K97"], clone["K97"]);
    }

    [Fact]
    public void KeyAtDuringEnumeration_DoesNotDisturbIt()
    {
        var map = Build(30);
        for (var i = 0; i < 30; i += 3)
        {
            map.Remove($"K{i:D2}");
        }

        var seen = new List<string>();
        foreach (var (key, _) in map)
        {
            _ = map.KeyAt(0);
            seen.Add(key);
        }

        Assert.Equal(map.Keys.ToArray(), seen.ToArray());
        Assert.Equal(20, seen.Count);
    }

    [Fact]
    public void ChangingTheMapWhileEnumerating_Throws()
    {
        var map = Build(12);
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var (key, _) in map)
            {
                map[key] = "changed";
            }
        });
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var key in map.Keys)
            {
                map.Remove(key);
            }
        });
    }

    private static MapNode Build(int count)
    {
        var map = new MapNode();
        for (var i = 0; i < count; i++)
        {
            map[$"K{i:D2}"] = (long)i;
        }

        return map;
    }
}
