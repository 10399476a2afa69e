using System.Numerics;
using MediaMonitor.Deduplication.Fingerprinting;

namespace MediaMonitor.Measurements.Dedup;

/// <summary>
/// The SimHash alternative, measured on the same set so the choice of MinHash plus names, numbers and sentences is measured,
/// not asserted: a 64-bit SimHash (Charikar) of the word 3-shingles of the same boilerplate-free text, copies when the
/// Hamming distance is at most k (3 is Manku et al.'s setting for 64 bits), found through k + 1 bands of 64 / (k + 1) bits
/// (two fingerprints within k bits agree on at least one band), within the same window. Evaluation only.
/// </summary>
public sealed class SimHashVariant(TimeSpan window, int maxDistance)
{
    private readonly int _bands = maxDistance + 1;
    private readonly int _bandBits = 64 / (maxDistance + 1);

    private readonly Dictionary<(int Band, ulong Value), List<int>> _byBand = [];
    private readonly List<(ulong Hash, DateTimeOffset At, int Root)> _indexed = [];
    private readonly List<ScannedTerm> _scanned = [];
    private readonly List<ScannedTerm> _title = [];
    private readonly List<ScannedTerm> _terms = [];

    /// <summary>Feeds the articles in order; returns each one's predicted original (its own id when original).</summary>
    public static Predicted Run(IReadOnlyList<BenchmarkArticle> articles, TimeSpan window, int maxDistance)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var variant = new SimHashVariant(window, maxDistance);
        var roots = new List<string>(articles.Count);
        foreach (var a in articles)
        {
            var root = variant.Add(a.Title, a.Text, a.Published);
            roots.Add(root < 0 ? a.Id : articles[root].Id);
        }

        return new Predicted(roots);
    }

    /// <summary>Adds the article; returns the index of the original it copies, or -1.</summary>
    public int Add(string title, string text, DateTimeOffset at)
    {
        var hash = Fingerprint(title, text);
        var best = -1;
        var bestDistance = maxDistance + 1;
        for (var band = 0; band < _bands; band++)
        {
            if (!_byBand.TryGetValue((band, Band(hash, band)), out var list))
            {
                continue;
            }

            foreach (var i in list)
            {
                var d = BitOperations.PopCount(hash ^ _indexed[i].Hash);
                if (d < bestDistance && (_indexed[i].At - at).Duration() <= window)
                {
                    best = i;
                    bestDistance = d;
                }
            }
        }

        var root = best < 0 ? -1 : _indexed[best].Root;
        _indexed.Add((hash, at, root < 0 ? _indexed.Count : root));
        for (var band = 0; band < _bands; band++)
        {
            var key = (band, Band(hash, band));
            if (!_byBand.TryGetValue(key, out var list))
            {
                _byBand[key] = list = [];
            }

            list.Add(_indexed.Count - 1);
        }

        return root;
    }

    private ulong Fingerprint(string title, string text)
    {
        TermScanner.Scan(text, _scanned);
        TermScanner.Scan(title, _title);
        BoilerplateFilter.Apply(_scanned, _title, _terms);
        Span<int> votes = stackalloc int[64];
        for (var i = 0; i + 3 <= _terms.Count; i++)
        {
            var h = Hashing.Combine(Hashing.Combine(_terms[i].Hash, _terms[i + 1].Hash), _terms[i + 2].Hash);
            for (var bit = 0; bit < 64; bit++)
            {
                votes[bit] += ((h >> bit) & 1) == 1 ? 1 : -1;
            }
        }

        var simhash = 0UL;
        for (var bit = 0; bit < 64; bit++)
        {
            if (votes[bit] > 0)
            {
                simhash |= 1UL << bit;
            }
        }

        return simhash;
    }

    private ulong Band(ulong hash, int band) => (hash >> (_bandBits * band)) & ((1UL << _bandBits) - 1);

    /// <summary>The predicted originals, scored like ours.</summary>
    public sealed record Predicted(List<string> Roots)
    {
        public PairScores Compute(IReadOnlyList<string> truthGroup, IReadOnlyList<bool> truthOriginal, IReadOnlyList<string> ids) =>
            PairScores.Compute(Roots, truthGroup, truthOriginal, ids);
    }
}
