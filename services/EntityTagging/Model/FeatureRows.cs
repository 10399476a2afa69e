namespace MediaMonitor.EntityTagging.Model;

/// <summary>
/// The model's feature hash -> weight row map as one open-addressing table (linear probing, at most half full): a
/// lookup reads one 16-byte slot, mostly one cache line, where a Dictionary reads a bucket and then an entry. Decoding
/// looks up every feature of every token, and most features are not in the model.
/// </summary>
internal sealed class FeatureRows
{
    private readonly Slot[] _slots;
    private readonly int _shift;

    public FeatureRows(IReadOnlyDictionary<ulong, int> index)
    {
        var bits = 4;
        while ((1L << bits) < (long)index.Count * 2)
        {
            bits++;
        }

        _slots = new Slot[1 << bits];
        _shift = 64 - bits;
        var mask = _slots.Length - 1;
        foreach (var (hash, row) in index)
        {
            var i = Home(hash);
            while (_slots[i].RowPlusOne != 0)
            {
                i = (i + 1) & mask;
            }

            _slots[i] = new Slot(hash, row + 1);
        }
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
