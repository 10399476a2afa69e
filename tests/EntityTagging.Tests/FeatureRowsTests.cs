using MediaMonitor.EntityTagging.Model;

namespace MediaMonitor.EntityTagging.Tests;

/// <summary>The decoder's feature table must answer exactly as the dictionary it was built from does.</summary>
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

    [Fact]
    public void Rows_built_from_the_file_order_of_hashes_answer_as_the_dictionary_and_list_every_pair_once()
    {
        var random = new Random(7);
        var hashes = Enumerable.Range(0, 20_000).Select(_ => (ulong)random.NextInt64()).Append(0UL).Append(ulong.MaxValue).Distinct().ToArray();
        var index = hashes.Select((hash, row) => (hash, row)).ToDictionary(p => p.hash, p => p.row);

        var rows = new FeatureRows(hashes);

        Assert.Equal(index.Count, rows.Count);
        Assert.All(index, pair => Assert.Equal(pair.Value, rows.Find(pair.Key)));
        Assert.Equal(index.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)), rows.Entries().OrderBy(e => e.Hash));
        Assert.Equal(-1, rows.Find(12345));
    }

    [Fact]
    public void A_table_of_two_stages_answers_each_stage_as_its_own_dictionary_and_lists_each_stage_apart()
    {
        var random = new Random(11);
        var shared = Enumerable.Range(0, 5_000).Select(_ => (ulong)random.NextInt64()).ToArray();
        var first = shared.Concat(Enumerable.Range(0, 3_000).Select(_ => (ulong)random.NextInt64())).Append(0UL).Distinct().ToArray();
        var second = Enumerable.Range(0, 2_000).Select(_ => (ulong)random.NextInt64()).Concat(shared.Reverse()).Append(ulong.MaxValue).Distinct().ToArray();
        var firstIndex = first.Select((hash, row) => (hash, row)).ToDictionary(p => p.hash, p => p.row);
        var secondIndex = second.Select((hash, row) => (hash, row)).ToDictionary(p => p.hash, p => p.row);

        var rows = new FeatureRows(first, second);

        Assert.Equal(first.Length, rows.CountOf(0));
        Assert.Equal(second.Length, rows.CountOf(1));
        foreach (var hash in first.Concat(second).Append(12345UL).Append(1UL))
        {
            var expected = (firstIndex.GetValueOrDefault(hash, -1), secondIndex.GetValueOrDefault(hash, -1));
            Assert.Equal(expected, rows.FindBoth(hash));
            Assert.Equal(expected.Item1, rows.Find(hash, 0));
            Assert.Equal(expected.Item2, rows.Find(hash, 1));
        }

        Assert.Equal(firstIndex.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)), rows.Entries(0).OrderBy(e => e.Hash));
        Assert.Equal(secondIndex.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)), rows.Entries(1).OrderBy(e => e.Hash));
    }

    [Fact]
    public void The_shipped_model_written_again_is_the_file_it_was_read_from()
    {
        // Write walks the decoder's table (the model keeps no other copy of the feature map): every feature, row and weight
        // of the shipped model must come out as it went in.
        var path = Path.Combine(GazetteerFiles.DefaultDirectory, GazetteerFiles.NerModel);
        var copy = Path.Combine(Path.GetTempPath(), $"ner-{Guid.NewGuid():N}.bin.gz");
        try
        {
            NerModel.Load(path).Save(copy);
            Assert.True(Unzipped(path).SequenceEqual(Unzipped(copy)), "the rewritten model differs from the shipped one");
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static byte[] Unzipped(string path)
    {
        using var input = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        input.CopyTo(bytes);
        return bytes.ToArray();
    }
}
