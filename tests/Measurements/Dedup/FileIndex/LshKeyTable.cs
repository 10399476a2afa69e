using MediaMonitor.Deduplication;
using MediaMonitor.Deduplication.Decisions;
using MediaMonitor.Deduplication.Fingerprinting;
using MediaMonitor.Deduplication.Index;
using MediaMonitor.Deduplication.Stories;

namespace MediaMonitor.Measurements.Dedup;

/// <summary>
/// The in-memory candidate index for millions of articles: a multimap from lookup key to article slot in one array of
/// 32-bit cells (open addressing, linear probing). A cell packs the slot (+1, so 0 is empty) in its low bits and a tag of
/// the key's other bits in the rest, so a lookup rarely returns a slot of another key; the caller verifies candidates
/// against their stored fingerprints anyway. At 0.8 load and 12 keys per article this is 60 bytes per article.
/// </summary>
public sealed class LshKeyTable
{
    private readonly uint[] _cells;
    private readonly int _slotBits;
    private readonly uint _slotMask;
    private int _count;

    public LshKeyTable(int maxArticles, int keysPerArticle, double loadFactor = 0.8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxArticles, 1);
        _slotBits = Math.Max(1, 64 - (int)ulong.LeadingZeroCount((ulong)maxArticles + 1));
        if (_slotBits > 26)
        {
            throw new ArgumentOutOfRangeException(nameof(maxArticles), "At most 2^26 articles per table: shard by time window beyond that.");
        }

        _slotMask = (1u << _slotBits) - 1;
        _cells = new uint[(int)Math.Ceiling((long)maxArticles * keysPerArticle / loadFactor) + 1];
    }

    public int Count => _count;

    public long Bytes => _cells.LongLength * sizeof(uint);

    public void Add(long key, int slot)
    {
        if (_count + 1 >= _cells.Length)
        {
            throw new InvalidOperationException("The key table is full; size it for the window's traffic.");
        }

        var (home, tag) = Split(key);
        var cell = tag | ((uint)slot + 1);
        for (var i = home; ; i = i + 1 == _cells.Length ? 0 : i + 1)
        {
            if (_cells[i] == 0)
            {
                _cells[i] = cell;
                _count++;
                return;
            }
        }
    }

    /// <summary>Adds to <paramref name="into"/> the slots stored under <paramref name="key"/> (and, rarely, a colliding one).</summary>
    public void Find(long key, List<int> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var (home, tag) = Split(key);
        for (var i = home; ; i = i + 1 == _cells.Length ? 0 : i + 1)
        {
            var cell = _cells[i];
            if (cell == 0)
            {
                return;
            }

            if ((cell & ~_slotMask) == tag)
            {
                var slot = (int)(cell & _slotMask) - 1;
                if (!into.Contains(slot))
                {
                    into.Add(slot);
                }
            }
        }
    }

    private (int Home, uint Tag) Split(long key)
    {
        var k = (ulong)key;
        var home = (int)(((k >> 32) * (ulong)_cells.Length) >> 32);
        var tag = (uint)k & ~_slotMask;
        return (home, tag);
    }
}
