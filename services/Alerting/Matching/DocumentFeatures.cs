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
    private int _presentWords;
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

    /// <summary>Where staged reads put what they read, so the reads are not optimized away.</summary>
    public int Sink { get; set; }

    /// <summary>A scratch array of at least the given length (entry points of candidates, postings' starts).</summary>
    public int[] CandidateEntries(int length)
    {
        if (_scratch.Length < length)
        {
            _scratch = new int[Math.Max(length, _scratch.Length * 2)];
        }

        return _scratch;
    }

    /// <summary>The article's features that anchor queries.</summary>
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
        ref var word = ref _present[feature >> 6];
        var bit = 1UL << feature;
        if ((word & bit) != 0)
        {
            return false;
        }

        word |= bit;
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

    private void Reset(int features, int queries)
    {
        _presentWords = (features >> 6) + 1;
        if (_present.Length < _presentWords)
        {
            _present = new ulong[_presentWords];
            _value = new int[features];
        }
        else
        {
            Array.Clear(_present, 0, _presentWords);
        }

        _links = 0;
        Anchored.Clear();
        var words = (queries >> 6) + 1;
        if (Candidates.Length < words)
        {
            Candidates = new ulong[words];
        }
        else
        {
            Array.Clear(Candidates, 0, words);
        }
    }
}
