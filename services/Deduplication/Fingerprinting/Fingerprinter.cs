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
    private readonly List<ScannedTerm> _title = new(32);
    private readonly List<ScannedTerm> _terms = new(1024);
    private ulong[] _shingles = new ulong[1024];
    private readonly List<uint> _sentences = new(MaxSentences);

    public ArticleFingerprint Create(string title, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        TermScanner.Scan(text, _scanned);
        TermScanner.Scan(title ?? string.Empty, _title);
        BoilerplateFilter.Apply(_scanned, _title, _terms);
        if (_terms.Count < ArticleFingerprint.MinTermsForNearDuplicates)
        {
            // Too little text to judge by its body: key the exact hash on the title as well.
            TermScanner.Scan((title ?? string.Empty) + "\n" + text, _terms);
            return new ArticleFingerprint(ExactHash(), 0, 0, [], [], [], [], 0);
        }

        var exact = ExactHash();
        var shingleCount = Math.Max(1, _terms.Count - ShingleWords + 1);
        if (_shingles.Length < shingleCount)
        {
            _shingles = new ulong[shingleCount * 2];
        }

        for (var i = 0; i < shingleCount; i++)
        {
            var h = 0UL;
            for (var j = i; j < Math.Min(i + ShingleWords, _terms.Count); j++)
            {
                h = Hashing.Combine(h, _terms[j].Hash);
            }

            _shingles[i] = h;
        }

        var shingles = _shingles.AsSpan(0, shingleCount);
        var shingleSketch = OnePermutationMinHash.Sketch(shingles, ShingleBins);
        var distinctShingles = CountDistinct(shingles);

        var names = FirstDistinct(t => t.IsSalient && !t.IsNumber, MaxNames);
        var numbers = FirstDistinct(t => t.IsNumber, MaxNumbers);
        var (sentences, lead) = SentenceHashes();
        return new ArticleFingerprint(exact, _terms.Count, distinctShingles, shingleSketch, names, numbers, sentences, lead);
    }

    /// <summary>The first <paramref name="max"/> distinct terms that match, as sorted 32-bit hashes.</summary>
    private uint[] FirstDistinct(Func<ScannedTerm, bool> match, int max)
    {
        var found = new List<uint>(max);
        foreach (var t in _terms)
        {
            var h = (uint)(t.Hash >> 32);
            if (match(t) && !found.Contains(h))
            {
                found.Add(h);
                if (found.Count == max)
                {
                    break;
                }
            }
        }

        found.Sort();
        return [.. found];
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
        for (var i = 1; i <= _terms.Count; i++)
        {
            if (i < _terms.Count && !_terms[i].StartsSentence)
            {
                continue;
            }

            if (i - start >= MinSentenceTerms)
            {
                var h = 0x13198A2E03707344UL;
                for (var j = start; j < i; j++)
                {
                    h = Hashing.Combine(h, _terms[j].Hash);
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

    private static int CountDistinct(Span<ulong> values)
    {
        if (values.IsEmpty)
        {
            return 0;
        }

        values.Sort();
        var distinct = 1;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] != values[i - 1])
            {
                distinct++;
            }
        }

        return distinct;
    }
}
