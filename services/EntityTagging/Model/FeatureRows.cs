namespace MediaMonitor.EntityTagging.Model;

/// <summary>
/// The model's feature hash -> weight row map as one open-addressing table (linear probing, at most half full): a
/// lookup reads one 16-byte slot, mostly one cache line, where a Dictionary reads a bucket and then an entry. Decoding
/// looks up every feature of every token, and most features are not in the model. It is the model's only copy of the
/// map (a Dictionary beside it held another 3.3 MB per stage for the life of the process).
/// </summary>
internal sealed class FeatureRows
{
    private readonly Slot[] _slots;
    private readonly int _shift;

    public FeatureRows(IReadOnlyDictionary<ulong, int> index)
        : this(index.Count)
    {
        foreach (var (hash, row) in index)
        {
            Add(hash, row);
        }
    }

    /// <summary>Row r for hashes[r] (the model file's order); the hashes are distinct.</summary>
    public FeatureRows(ReadOnlySpan<ulong> hashes)
        : this(hashes.Length)
    {
        for (var row = 0; row < hashes.Length; row++)
        {
            Add(hashes[row], row);
        }
    }

    private FeatureRows(int count)
    {
        var bits = 4;
        while ((1L << bits) < (long)count * 2)
        {
            bits++;
        }

        _slots = new Slot[1 << bits];
        _shift = 64 - bits;
        Count = count;
    }

    public int Count { get; }

    /// <summary>Every (hash, row) pair, in no particular order.</summary>
    public IEnumerable<(ulong Hash, int Row)> Entries()
    {
        foreach (var slot in _slots)
        {
            if (slot.RowPlusOne != 0)
            {
                yield return (slot.Hash, slot.RowPlusOne - 1);
            }
        }
    }

    private void Add(ulong hash, int row)
    {
        var mask = _slots.Length - 1;
        var i = Home(hash);
        while (_slots[i].RowPlusOne != 0)
        {
            i = (i + 1) & mask;
        }

        _slots[i] = new Slot(hash, row + 1);
    }

    /// <summary>The row of <paramref name="hash"/>, or -1 when the model has no weights for it.</summary>
    public int Find(ulong hash)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var i = Home(hash); ; i = (i + 1) & mask)
        {
            var slot = slots[i];
            if (slot.RowPlusOne == 0)
            {
                return -1;
            }

            if (slot.Hash == hash)
            {
                return slot.RowPlusOne - 1;
            }
        }
    }

    // Fibonacci hashing: the top bits of the product spread any hashes, even ones that differ only in their low bits.
    private int Home(ulong hash) => (int)((hash * 0x9E3779B97F4A7C15UL) >> _shift);

    private readonly record struct Slot(ulong Hash, int RowPlusOne);
}
