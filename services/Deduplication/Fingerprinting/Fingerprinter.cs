namespace MediaMonitor.Deduplication.Fingerprinting;

/// <summary>Turns an article's text into its <see cref="ArticleFingerprint"/>. Pure; one instance per thread (it reuses buffers).</summary>
public sealed class Fingerprinter
{
    public const int ShingleWords = 4;
    public const int ShingleBins = 64;
    public const int MaxNames = 48;
    public const int MaxNumbers = 24;
    public const int MinSentenceTerms = 6;
    public const int MaxSentences = 48;
    public const int LeadSentences = 5;

    private readonly List<ScannedTerm> _scanned = new(1024);
    private readonly List<bool> _closedLines = new(128);
    private readonly List<ulong> _lineKeys = new(128);
    private readonly List<ScannedTerm> _title = new(32);
    private readonly List<ScannedTerm> _terms = new(1024);
    private readonly List<ScannedTerm> _content = new(1024);
    private ulong[] _shingles = new ulong[1024];
    private readonly List<uint> _sentences = new(MaxSentences);
    private readonly HashSet<uint> _seen = new(256);
    private readonly List<uint> _found = new(MaxNames);

    /// <summary>The line keys of the text last fingerprinted (<see cref="BoilerplateFilter.LineKey"/>): what <see cref="SiteBoilerplate"/> learns from.</summary>
    public IReadOnlyList<ulong> LineKeys => _lineKeys;

    public ArticleFingerprint Create(string title, string text) => Create(title, text, null, null);

    public ArticleFingerprint Create(string title, string text, Func<ulong, bool>? knownBoilerplate) => Create(title, text, knownBoilerplate, null);

    /// <param name="title">the headline</param>
    /// <param name="text">the article's text, lines separated by line breaks</param>
    /// <param name="knownBoilerplate">whether a line key is known boilerplate of the article's site (<see cref="SiteBoilerplate.KnownLines"/>)</param>
    /// <param name="siteName">the terms of the site's name, left out of line keys (<see cref="SiteBoilerplate.NameTerms"/>)</param>
    public ArticleFingerprint Create(string title, string text, Func<ulong, bool>? knownBoilerplate, IReadOnlySet<ulong>? siteName)
    {
        ArgumentNullException.ThrowIfNull(text);
        TermScanner.Scan(text, _scanned, _closedLines);
        TermScanner.Scan(title ?? string.Empty, _title);
        BoilerplateFilter.Apply(_scanned, _title, _terms, _closedLines, knownBoilerplate, _lineKeys, siteName);
        if (_terms.Count < ArticleFingerprint.MinTermsForLead)
        {
            // Too little text to judge by its body: key the exact hash on the title as well.
            TermScanner.Scan((title ?? string.Empty) + "\n" + text, _terms);
            return new ArticleFingerprint(ExactHash(), 0, 0, [], [], [], [], 0);
        }

        var exact = ExactHash();

        // Shingles and sentences leave function words out: dropped articles and swapped prepositions do not break them.
        _content.Clear();
        var sentenceStart = false;
        foreach (var t in _terms)
        {
            sentenceStart |= t.StartsSentence;
            if (t.IsStop)
            {
                continue;
            }

            _content.Add(sentenceStart ? t with { Flags = t.Flags | TermFlags.StartsSentence } : t);
            sentenceStart = false;
        }

        var shingleCount = Math.Max(1, _content.Count - ShingleWords + 1);
        if (_shingles.Length < shingleCount)
        {
            _shingles = new ulong[shingleCount * 2];
        }

        for (var i = 0; i < shingleCount; i++)
        {
            // One mix per shingle over rotated word hashes: order-sensitive, and a quarter of the cost of chaining.
            var h = 0UL;
            var end = Math.Min(i + ShingleWords, _content.Count);
            for (var j = i; j < end; j++)
            {
                h = ulong.RotateLeft(h, 17) ^ _content[j].Hash;
            }

            _shingles[i] = Hashing.Mix(h);
        }

        var shingles = _shingles.AsSpan(0, shingleCount);
        var shingleSketch = OnePermutationMinHash.Sketch(shingles, ShingleBins);
        // Repeated shingles are rare in prose: the count of positions stands in for the distinct count, without a sort.
        var distinctShingles = shingleCount;

        var names = FirstDistinct(TermFlags.Salient, TermFlags.Number, MaxNames);
        var numbers = FirstDistinct(TermFlags.Number, TermFlags.None, MaxNumbers);
        var (sentences, lead) = SentenceHashes();
        return new ArticleFingerprint(exact, _terms.Count, distinctShingles, shingleSketch, names, numbers, sentences, lead);
    }

    /// <summary>The first <paramref name="max"/> distinct terms with flag <paramref name="with"/> and without <paramref name="without"/>, as sorted 32-bit hashes.</summary>
    private uint[] FirstDistinct(TermFlags with, TermFlags without, int max)
    {
        _seen.Clear();
        _found.Clear();
        foreach (var t in _terms)
        {
            if ((t.Flags & with) == 0 || (t.Flags & without) != 0)
            {
                continue;
            }

            var h = (uint)(t.Hash >> 32);
            if (_seen.Add(h))
            {
                _found.Add(h);
                if (_found.Count == max)
                {
                    break;
                }
            }
        }

        var found = _found.ToArray();
        Array.Sort(found);
        return found;
    }

    private ulong ExactHash()
    {
        var h = 0x243F6A8885A308D3UL;
        foreach (var t in _terms)
        {
            h = Hashing.Combine(h, t.Hash);
        }

        return h;
    }

    private (uint[] Sentences, int Lead) SentenceHashes()
    {
        _sentences.Clear();
        var start = 0;
        for (var i = 1; i <= _content.Count; i++)
        {
            if (i < _content.Count && !_content[i].StartsSentence)
            {
                continue;
            }

            if (i - start >= MinSentenceTerms)
            {
                var h = 0x13198A2E03707344UL;
                for (var j = start; j < i; j++)
                {
                    h = Hashing.Combine(h, _content[j].Hash);
                }

                var value = (uint)(h >> 32);
                if (!_sentences.Contains(value))
                {
                    _sentences.Add(value);
                }

                if (_sentences.Count == MaxSentences)
                {
                    break;
                }
            }

            start = i;
        }

        return ([.. _sentences], Math.Min(LeadSentences, _sentences.Count));
    }
}
