using MediaMonitor.Deduplication.Fingerprinting;
using MediaMonitor.Text;

namespace MediaMonitor.Measurements.Dedup;

/// <summary>
/// The naive baseline the issue fixes: an article copies the earlier article whose word 5-gram set has the highest
/// Jaccard similarity with its own, when that is at least 0.8; compared against every earlier article.
/// </summary>
public sealed class NaiveBaseline
{
    public const double Threshold = 0.8;

    private readonly List<ulong[]> _sets = [];
    private readonly List<int> _roots = [];

    public int Count => _sets.Count;

    /// <summary>Whether pairs too different in size to reach the threshold are skipped (same verdicts, faster).</summary>
    public bool SkipBySize { get; init; } = true;

    /// <summary>Adds the article; returns the index of the root original it copies, or -1.</summary>
    public int Add(string text)
    {
        var set = Shingles(text);
        var best = -1;
        var bestJaccard = Threshold;
        for (var i = 0; i < _sets.Count; i++)
        {
            // Jaccard >= 0.8 needs the smaller set to be at least 0.8 of the larger: skipping the rest changes no verdict.
            var (small, large) = set.Length < _sets[i].Length ? (set.Length, _sets[i].Length) : (_sets[i].Length, set.Length);
            if (SkipBySize && small < Threshold * large)
            {
                continue;
            }

            var j = Jaccard(set, _sets[i]);
            if (j >= bestJaccard && (best < 0 || j > bestJaccard))
            {
                best = i;
                bestJaccard = j;
            }
        }

        var root = best < 0 ? -1 : _roots[best];
        _sets.Add(set);
        _roots.Add(root < 0 ? _sets.Count - 1 : root);
        return root;
    }

    /// <summary>The sorted distinct hashes of the text's word 5-grams.</summary>
    public static ulong[] Shingles(string text)
    {
        var terms = Tokenizer.Terms(text);
        var hashes = new HashSet<ulong>();
        for (var i = 0; i + 5 <= terms.Count; i++)
        {
            var h = 0UL;
            for (var k = i; k < i + 5; k++)
            {
                h = Hashing.Combine(h, TermScanner.HashTerm(terms[k]));
            }

            hashes.Add(h);
        }

        var sorted = hashes.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    public static double Jaccard(ulong[] a, ulong[] b)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 0;
        }

        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (double)shared / (a.Length + b.Length - shared);
    }
}
