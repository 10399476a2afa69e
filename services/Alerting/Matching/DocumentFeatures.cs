using System.Numerics;

namespace MediaMonitor.Alerting.Matching;

/// <summary>
/// Which features the article being matched has, with a value each (a word's slot in its field, an entity's kind mask,
/// the head of a prefix's chain of matching words), and the candidate bitmap. One per thread, reused: a feature counts
/// present is one bit each (a small array that stays in cache), cleared per article.
/// </summary>
internal sealed class DocumentFeatures
{
    [ThreadStatic]
    private static DocumentFeatures? _current;

    private ulong[] _present = [];
    private int[] _dirty = new int[256];
    private int _dirtyCount;
    private bool _candidatesTaken;
    private int[] _value = [];
    private int[] _linkSlot = new int[256];
    private int[] _linkNext = new int[256];
    private int _links;
    private int[] _scratch = new int[512];

    public ulong[] Candidates { get; private set; } = [];

    /// <summary>The word lookups of the field being marked.</summary>
    public FeatureLookups Lookups { get; } = new();

    /// <summary>The candidates, ascending, once gathered from the bitmap.</summary>
    public List<int> CandidateList { get; } = [];

    /// <summary>A scratch array of at least the given length (entry points of candidates, postings' starts).</summary>
    public int[] CandidateEntries(int length)
    {
        if (_scratch.Length < length)
        {
            _scratch = new int[Math.Max(length, _scratch.Length * 2)];
        }

        return _scratch;
    }

    /// <summary>Where the postings of the article's features that anchor queries start.</summary>
    public List<int> Anchored { get; } = [];

    public List<(int Start, int End)> LeftSpans { get; } = [];

    public List<(int Start, int End)> RightSpans { get; } = [];

    /// <summary>This thread's instance, ready for a new article over the given numbers of features and queries.</summary>
    public static DocumentFeatures Begin(int features, int queries)
    {
        var current = _current ??= new DocumentFeatures();
        current.Reset(features, queries);
        return current;
    }

    public bool Has(int feature) => (_present[feature >> 6] & (1UL << feature)) != 0;

    public int Value(int feature) => _value[feature];

    /// <summary>Marks a feature present with a value; false when it already was.</summary>
    public bool Mark(int feature, int value)
    {
        if (!MarkPresent(feature))
        {
            return false;
        }

        _value[feature] = value;
        return true;
    }

    /// <summary>Marks a feature present (its value is never read); false when it already was.</summary>
    public bool MarkPresent(int feature)
    {
        ref var word = ref _present[feature >> 6];
        var bit = 1UL << feature;
        if ((word & bit) != 0)
        {
            return false;
        }

        if (word == 0)
        {
            NoteSet(feature >> 6);
        }

        word |= bit;
        return true;
    }

    /// <summary>Chains one more matching word (its slot) to a prefix feature; true when it is the prefix's first.</summary>
    public bool AddPrefixWord(int feature, int slot)
    {
        var first = Mark(feature, -1);
        if (_links == _linkSlot.Length)
        {
            Array.Resize(ref _linkSlot, _links * 2);
            Array.Resize(ref _linkNext, _links * 2);
        }

        _linkSlot[_links] = slot;
        _linkNext[_links] = _value[feature];
        _value[feature] = _links++;
        return first;
    }

    public int LinkSlot(int link) => _linkSlot[link];

    public int NextLink(int link) => _linkNext[link];

    /// <summary>
    /// Takes the candidates out of the bitmap, ascending, leaving it clear for the next article (so it need not be
    /// cleared as a whole: most of its words are zero already).
    /// </summary>
    public void TakeCandidates(int queries, List<int> into)
    {
        into.Clear();
        var candidates = Candidates;
        for (int w = 0, words = (queries >> 6) + 1; w < words; w++)
        {
            var bits = candidates[w];
            if (bits == 0)
            {
                continue;
            }

            candidates[w] = 0;
            for (; bits != 0; bits &= bits - 1)
            {
                into.Add((w << 6) + BitOperations.TrailingZeroCount(bits));
            }
        }

        _candidatesTaken = true;
    }

    private void Reset(int features, int queries)
    {
        if (_present.Length < (features >> 6) + 1 || _value.Length < features)
        {
            _present = new ulong[(features >> 6) + 1];
            _value = new int[features];
            _dirtyCount = 0;
        }

        // Clear only the words of the present bitmap the last article set.
        for (var k = 0; k < _dirtyCount; k++)
        {
            _present[_dirty[k]] = 0;
        }

        _dirtyCount = 0;
        _links = 0;
        Anchored.Clear();
        var words = (queries >> 6) + 1;
        if (Candidates.Length < words)
        {
            Candidates = new ulong[words];
        }
        else if (!_candidatesTaken)
        {
            Array.Clear(Candidates, 0, words);
        }

        _candidatesTaken = false;
    }

    private void NoteSet(int word)
    {
        if (_dirtyCount == _dirty.Length)
        {
            Array.Resize(ref _dirty, _dirtyCount * 2);
        }

        _dirty[_dirtyCount++] = word;
    }
}
