namespace MediaMonitor.Text.Querying;

/// <summary>
/// One field of a <see cref="MatchDocument"/>: its distinct terms, each with its <see cref="TermHash"/> and the ascending
/// positions it occurs at. Everything lives in a few flat arrays (no string or dictionary entry per term): slot i's
/// characters are Chars[TermStarts[i]..TermStarts[i + 1]], its positions Positions[Offsets[i]..Offsets[i + 1]], and an
/// open-addressing table over the hashes finds a term's slot.
/// </summary>
public sealed class DocumentField
{
    private readonly char[] _chars;
    private readonly int[] _termStarts;
    private readonly ulong[] _hashes;
    private readonly int[] _offsets;
    private readonly int[] _positions;
    private readonly int[] _table;
    private readonly int _tableBits;
    private int[]? _sorted;

    private DocumentField(int count, char[] chars, int[] termStarts, ulong[] hashes, int[] offsets, int[] positions, int[] table, int tableBits)
    {
        Count = count;
        _chars = chars;
        _termStarts = termStarts;
        _hashes = hashes;
        _offsets = offsets;
        _positions = positions;
        _table = table;
        _tableBits = tableBits;
    }

    /// <summary>How many distinct terms the field has.</summary>
    public int Count { get; }

    public ReadOnlySpan<char> TermAt(int slot) => _chars.AsSpan(_termStarts[slot], _termStarts[slot + 1] - _termStarts[slot]);

    /// <summary>The <see cref="TermHash"/> of the slot's term.</summary>
    public ulong HashAt(int slot) => _hashes[slot];

    public ReadOnlySpan<int> PositionsAt(int slot) => _positions.AsSpan(_offsets[slot], _offsets[slot + 1] - _offsets[slot]);

    /// <summary>The slot of a term, or -1.</summary>
    public int SlotOf(ReadOnlySpan<char> term) => Find(_table, _tableBits, _hashes, _chars, _termStarts, term, TermHash.Of(term));

    /// <summary>The positions of a term (empty when the field lacks it).</summary>
    public ReadOnlySpan<int> Positions(ReadOnlySpan<char> term) => SlotOf(term) is var slot and >= 0 ? PositionsAt(slot) : default;

    /// <summary>The slots of the terms starting with the prefix.</summary>
    public IEnumerable<int> SlotsWithPrefix(string prefix)
    {
        var sorted = _sorted ??= SortedSlots();
        for (var i = LowerBound(sorted, prefix); i < sorted.Length && TermAt(sorted[i]).StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            yield return sorted[i];
        }
    }

    public bool HasPrefix(string prefix)
    {
        var sorted = _sorted ??= SortedSlots();
        var i = LowerBound(sorted, prefix);
        return i < sorted.Length && TermAt(sorted[i]).StartsWith(prefix, StringComparison.Ordinal);
    }

    private int[] SortedSlots()
    {
        var sorted = new int[Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = i;
        }

        Array.Sort(sorted, (a, b) => TermAt(a).SequenceCompareTo(TermAt(b)));
        return sorted;
    }

    private int LowerBound(int[] sorted, string value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (TermAt(sorted[mid]).SequenceCompareTo(value) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int Find(int[] table, int bits, ulong[] hashes, char[] chars, int[] starts, ReadOnlySpan<char> term, ulong hash)
    {
        var mask = table.Length - 1;
        for (var bucket = TermHash.Slot(hash, bits); ; bucket = (bucket + 1) & mask)
        {
            var slot = table[bucket] - 1;
            if (slot < 0)
            {
                return -1;
            }

            if (hashes[slot] == hash && chars.AsSpan(starts[slot], starts[slot + 1] - starts[slot]).SequenceEqual(term))
            {
                return slot;
            }
        }
    }

    /// <summary>Collects (term, position) pairs in position order, then lays them out per term.</summary>
    internal sealed class Builder
    {
        private char[] _chars;
        private int _charCount;
        private int[] _termStarts;
        private ulong[] _hashes;
        private int[] _counts;
        private int _terms;
        private int[] _table;
        private int _tableBits;
        private int[] _tokenSlots;
        private int[] _tokenPositions;
        private int _tokens;

        public Builder(int expectedTokens)
        {
            var tokens = Math.Max(8, expectedTokens);
            _tokenSlots = new int[tokens];
            _tokenPositions = new int[tokens];
            var terms = Math.Max(8, tokens / 2);
            _termStarts = new int[terms + 1];
            _hashes = new ulong[terms];
            _counts = new int[terms];
            _chars = new char[terms * 8];
            _tableBits = Math.Max(4, 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)terms * 2 - 1));
            _table = new int[1 << _tableBits];
        }

        /// <summary>Records one occurrence of a term; the hash is its <see cref="TermHash"/>.</summary>
        public void Add(ReadOnlySpan<char> term, ulong hash, int position)
        {
            var slot = Find(_table, _tableBits, _hashes, _chars, _termStarts, term, hash);
            if (slot < 0)
            {
                slot = AddTerm(term, hash);
            }

            _counts[slot]++;
            if (_tokens == _tokenSlots.Length)
            {
                Array.Resize(ref _tokenSlots, _tokens * 2);
                Array.Resize(ref _tokenPositions, _tokens * 2);
            }

            _tokenSlots[_tokens] = slot;
            _tokenPositions[_tokens++] = position;
        }

        public DocumentField Build()
        {
            var offsets = new int[_terms + 1];
            for (var i = 0; i < _terms; i++)
            {
                offsets[i + 1] = offsets[i] + _counts[i];
            }

            // Reuse the counts as each term's next free position.
            Array.Copy(offsets, _counts, _terms);
            var positions = new int[_tokens];
            for (var t = 0; t < _tokens; t++)
            {
                positions[_counts[_tokenSlots[t]]++] = _tokenPositions[t];
            }

            return new DocumentField(_terms, _chars, _termStarts, _hashes, offsets, positions, _table, _tableBits);
        }

        private int AddTerm(ReadOnlySpan<char> term, ulong hash)
        {
            if (_terms + 1 == _termStarts.Length)
            {
                Array.Resize(ref _termStarts, _termStarts.Length * 2);
                Array.Resize(ref _hashes, _hashes.Length * 2);
                Array.Resize(ref _counts, _counts.Length * 2);
            }

            if (_charCount + term.Length > _chars.Length)
            {
                Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + term.Length));
            }

            term.CopyTo(_chars.AsSpan(_charCount));
            _charCount += term.Length;
            var slot = _terms++;
            _hashes[slot] = hash;
            _termStarts[slot + 1] = _charCount;
            if (_terms * 2 > _table.Length)
            {
                Grow();
            }
            else
            {
                Place(slot);
            }

            return slot;
        }

        private void Grow()
        {
            _tableBits++;
            _table = new int[1 << _tableBits];
            for (var slot = 0; slot < _terms; slot++)
            {
                Place(slot);
            }
        }

        private void Place(int slot)
        {
            var mask = _table.Length - 1;
            var bucket = TermHash.Slot(_hashes[slot], _tableBits);
            while (_table[bucket] != 0)
            {
                bucket = (bucket + 1) & mask;
            }

            _table[bucket] = slot + 1;
        }
    }
}
