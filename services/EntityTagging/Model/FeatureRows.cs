using MediaMonitor.Text;

namespace MediaMonitor.EntityTagging.Model;

/// <summary>
/// The model's feature hash -> weight row map as one open-addressing table (linear probing, at most half full): a
/// lookup reads one 16-byte slot, mostly one cache line, where a Dictionary reads a bucket and then an entry. Decoding
/// looks up every feature of every token, and most features are not in the model. It is the model's only copy of the
/// map (a Dictionary beside it held another 3.3 MB per stage for the life of the process). A slot has room for the rows
/// of both stages of a stacked model (the hash takes 8 bytes, each row 4), so one table serves the two: the second
/// stage sees every first-stage feature again, and one probe then finds both rows (<see cref="NerModel"/>).
/// </summary>
internal sealed class FeatureRows
{
    private readonly Slot[] _slots;
    private readonly int _shift;
    private readonly int[] _counts = new int[2];

    public FeatureRows(IReadOnlyDictionary<ulong, int> index)
        : this(index.Count)
    {
        foreach (var (hash, row) in index)
        {
            Add(hash, row, 0);
        }
    }

    /// <summary>Row r for hashes[r] (the model file's order); the hashes are distinct.</summary>
    public FeatureRows(ReadOnlySpan<ulong> hashes)
        : this(hashes.Length)
    {
        for (var row = 0; row < hashes.Length; row++)
        {
            Add(hashes[row], row, 0);
        }
    }

    /// <summary>One table for two stages: column 0 holds row r for first[r], column 1 row r for second[r].</summary>
    public FeatureRows(ReadOnlySpan<ulong> first, ReadOnlySpan<ulong> second)
        : this(Distinct(first, second))
    {
        for (var row = 0; row < first.Length; row++)
        {
            Add(first[row], row, 0);
        }

        for (var row = 0; row < second.Length; row++)
        {
            Add(second[row], row, 1);
        }
    }

    private FeatureRows(int capacity)
    {
        var bits = 4;
        while ((1L << bits) < (long)capacity * 2)
        {
            bits++;
        }

        _slots = new Slot[1 << bits];
        _shift = 64 - bits;
    }

    /// <summary>Entries of column 0.</summary>
    public int Count => _counts[0];

    /// <summary>Entries of <paramref name="column"/>.</summary>
    public int CountOf(int column) => _counts[column];

    /// <summary>Every (hash, row) pair of <paramref name="column"/>, in no particular order.</summary>
    public IEnumerable<(ulong Hash, int Row)> Entries(int column = 0)
    {
        foreach (var slot in _slots)
        {
            var rowPlusOne = column == 0 ? slot.FirstPlusOne : slot.SecondPlusOne;
            if (rowPlusOne != 0)
            {
                yield return (slot.Hash, rowPlusOne - 1);
            }
        }
    }

    private void Add(ulong hash, int row, int column)
    {
        var mask = _slots.Length - 1;
        var i = Home(hash);
        while ((_slots[i].FirstPlusOne != 0 || _slots[i].SecondPlusOne != 0) && _slots[i].Hash != hash)
        {
            i = (i + 1) & mask;
        }

        _counts[column]++;
        _slots[i] = column == 0 ? _slots[i] with { Hash = hash, FirstPlusOne = row + 1 } : _slots[i] with { Hash = hash, SecondPlusOne = row + 1 };
    }

    /// <summary>The row of <paramref name="hash"/> in column 0, or -1 when the model has no weights for it.</summary>
    public int Find(ulong hash) => Find(hash, 0);

    /// <summary>The row of <paramref name="hash"/> in <paramref name="column"/>, or -1 when that stage has no weights for it.</summary>
    public int Find(ulong hash, int column)
    {
        var (first, second) = FindBoth(hash);
        return column == 0 ? first : second;
    }

    /// <summary>The rows of <paramref name="hash"/> in both columns, -1 where a stage has no weights for it.</summary>
    public (int First, int Second) FindBoth(ulong hash)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var i = Home(hash); ; i = (i + 1) & mask)
        {
            var slot = slots[i];
            if (slot.Hash == hash && (slot.FirstPlusOne | slot.SecondPlusOne) != 0)
            {
                return (slot.FirstPlusOne - 1, slot.SecondPlusOne - 1);
            }

            if ((slot.FirstPlusOne | slot.SecondPlusOne) == 0)
            {
                return (-1, -1);
            }
        }
    }

    private static int Distinct(ReadOnlySpan<ulong> first, ReadOnlySpan<ulong> second)
    {
        var union = new HashSet<ulong>(first.Length + second.Length);
        foreach (var hash in first)
        {
            union.Add(hash);
        }

        foreach (var hash in second)
        {
            union.Add(hash);
        }

        return union.Count;
    }

    /// <summary>Asks for the cache line of <paramref name="hash"/>'s home slot without waiting for it.</summary>
    public void Prefetch(ulong hash) => CachePrefetch.Line(ref _slots[Home(hash)]);

    // Fibonacci hashing: the top bits of the product spread any hashes, even ones that differ only in their low bits.
    private int Home(ulong hash) => (int)((hash * 0x9E3779B97F4A7C15UL) >> _shift);

    private readonly record struct Slot(ulong Hash, int FirstPlusOne, int SecondPlusOne);
}
