namespace MediaMonitor.Text.Querying;

/// <summary>
/// One field of a <see cref="MatchDocument"/>: its distinct terms, each with the ascending positions it occurs at, kept
/// in one flat array (slot i's positions are Positions[Offsets[i]..Offsets[i + 1]]).
/// </summary>
public sealed class DocumentField
{
    private readonly Dictionary<string, int> _slots;
    private readonly string[] _terms;
    private readonly int[] _offsets;
    private readonly int[] _positions;
    private string[]? _sorted;

    private DocumentField(Dictionary<string, int> slots, string[] terms, int[] offsets, int[] positions)
    {
        _slots = slots;
        _terms = terms;
        _offsets = offsets;
        _positions = positions;
    }

    /// <summary>How many distinct terms the field has.</summary>
    public int Count => _terms.Length;

    public string TermAt(int slot) => _terms[slot];

    public ReadOnlySpan<int> PositionsAt(int slot) => _positions.AsSpan(_offsets[slot], _offsets[slot + 1] - _offsets[slot]);

    /// <summary>The slot of a term, or -1.</summary>
    public int SlotOf(string term) => _slots.TryGetValue(term, out var slot) ? slot : -1;

    /// <summary>The positions of a term (empty when the field lacks it).</summary>
    public ReadOnlySpan<int> Positions(string term) => _slots.TryGetValue(term, out var slot) ? PositionsAt(slot) : default;

    /// <summary>The slots of the terms starting with the prefix.</summary>
    public IEnumerable<int> SlotsWithPrefix(string prefix)
    {
        var sorted = _sorted ??= SortedTerms();
        for (var i = LowerBound(sorted, prefix); i < sorted.Length && sorted[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            yield return _slots[sorted[i]];
        }
    }

    public bool HasPrefix(string prefix)
    {
        var sorted = _sorted ??= SortedTerms();
        var i = LowerBound(sorted, prefix);
        return i < sorted.Length && sorted[i].StartsWith(prefix, StringComparison.Ordinal);
    }

    private string[] SortedTerms()
    {
        var sorted = (string[])_terms.Clone();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    private static int LowerBound(string[] sorted, string value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(sorted[mid], value) < 0)
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

    /// <summary>Collects (term, position) pairs in position order, then lays them out per term.</summary>
    internal sealed class Builder
    {
        private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private readonly List<string> _terms = [];
        private readonly List<int> _counts = [];
        private int[] _tokenSlots;
        private int[] _tokenPositions;
        private int _tokens;

        public Builder(int expectedTokens)
        {
            _lookup = _slots.GetAlternateLookup<ReadOnlySpan<char>>();
            _tokenSlots = new int[Math.Max(8, expectedTokens)];
            _tokenPositions = new int[_tokenSlots.Length];
        }

        /// <summary>Records one occurrence; returns the term's string (allocated once per distinct term).</summary>
        public string Add(ReadOnlySpan<char> term, int position)
        {
            if (!_lookup.TryGetValue(term, out var slot))
            {
                slot = _terms.Count;
                var text = new string(term);
                _slots[text] = slot;
                _terms.Add(text);
                _counts.Add(0);
            }

            _counts[slot]++;
            if (_tokens == _tokenSlots.Length)
            {
                Array.Resize(ref _tokenSlots, _tokens * 2);
                Array.Resize(ref _tokenPositions, _tokens * 2);
            }

            _tokenSlots[_tokens] = slot;
            _tokenPositions[_tokens++] = position;
            return _terms[slot];
        }

        public DocumentField Build()
        {
            var offsets = new int[_terms.Count + 1];
            for (var i = 0; i < _terms.Count; i++)
            {
                offsets[i + 1] = offsets[i] + _counts[i];
            }

            var fill = offsets[..^1];
            var positions = new int[_tokens];
            for (var t = 0; t < _tokens; t++)
            {
                positions[fill[_tokenSlots[t]]++] = _tokenPositions[t];
            }

            return new DocumentField(_slots, [.. _terms], offsets, positions);
        }
    }
}
