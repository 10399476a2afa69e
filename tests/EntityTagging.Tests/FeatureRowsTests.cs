using MediaMonitor.EntityTagging.Model;

namespace MediaMonitor.EntityTagging.Tests;

/// <summary>The decoder's feature table must answer exactly as the model's Index dictionary does.</summary>
public sealed class FeatureRowsTests
{
    [Fact]
    public void Every_feature_of_the_index_is_found_at_its_row_and_no_other_hash_is_found()
    {
        var random = new Random(20261206);
        var index = new Dictionary<ulong, int>();
        // Hashes at the edges, hashes that differ only in their low or only in their high bits (they meet in one home
        // slot or its neighbours), and random ones.
        foreach (var hash in new ulong[] { 0, 1, ulong.MaxValue, ulong.MaxValue - 1, 1UL << 63 })
        {
            index[hash] = index.Count;
        }

        for (ulong k = 0; k < 300; k++)
        {
            index.TryAdd(0xABCD_0000_0000_0000UL + k, index.Count);
            index.TryAdd(k << 40, index.Count);
        }

        while (index.Count < 50_000)
        {
            index.TryAdd((ulong)random.NextInt64() ^ ((ulong)random.Next() << 63), index.Count);
        }

        var rows = new FeatureRows(index);

        Assert.All(index, pair => Assert.Equal(pair.Value, rows.Find(pair.Key)));
        for (var i = 0; i < 50_000; i++)
        {
            var absent = (ulong)random.NextInt64();
            Assert.Equal(index.TryGetValue(absent, out var row) ? row : -1, rows.Find(absent));
        }

        Assert.Equal(-1, rows.Find(0xABCD_0000_0000_0000UL + 300));
        Assert.Equal(-1, new FeatureRows(new Dictionary<ulong, int>()).Find(0));
    }
}
