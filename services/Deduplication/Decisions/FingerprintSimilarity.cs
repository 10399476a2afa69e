using MediaMonitor.Deduplication.Fingerprinting;

namespace MediaMonitor.Deduplication.Decisions;

/// <summary>How alike two fingerprints are, by each measure the decision uses.</summary>
/// <param name="Jaccard">estimated Jaccard similarity of the word-shingle sets</param>
/// <param name="Containment">estimated share of the smaller shingle set inside the larger</param>
/// <param name="NameContainment">share of the smaller name set inside the larger</param>
/// <param name="NumberContainment">share of the smaller number set inside the larger</param>
/// <param name="SharedSentences">sentences the two texts have in common</param>
/// <param name="SentenceContainment">shared sentences over the smaller text's sentences</param>
/// <param name="LeadCoverage">share of the longer text's leading sentences (as many as the shorter has) found in the shorter</param>
/// <param name="FewerNames">the size of the smaller name set: containment of a few names says little</param>
/// <param name="FewerNumbers">the size of the smaller number set</param>
/// <param name="ShortText">the shorter text is short (<see cref="ArticleFingerprint.IsShort"/>): only the other's lead as its text makes a copy</param>
/// <param name="LeadRun">how many of the longer text's sentences, from its first, are found in the shorter</param>
/// <param name="LaterTermRatio">the later text's terms over the earlier's (the first given to <see cref="Between"/> is the
/// later: the article being decided)</param>
/// <param name="LaterOwnSentences">sentences of the later text the earlier does not have</param>
public readonly record struct FingerprintSimilarity(
    bool Exact,
    double Jaccard,
    double Containment,
    double NameContainment,
    double NumberContainment,
    int SharedSentences,
    double SentenceContainment,
    double LeadCoverage,
    int FewerNames,
    int FewerNumbers,
    bool ShortText = false,
    int LeadRun = 0,
    double LaterTermRatio = 1,
    int LaterOwnSentences = 0)
{
    /// <param name="a">the later text: the article being decided</param>
    /// <param name="b">the earlier text: a candidate already in the index</param>
    public static FingerprintSimilarity Between(ArticleFingerprint a, ArticleFingerprint b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.ExactHash == b.ExactHash)
        {
            return new FingerprintSimilarity(true, 1, 1, 1, 1, a.Sentences.Length, 1, 1, a.Names.Length, a.Numbers.Length);
        }

        if (a.IsExactOnly || b.IsExactOnly)
        {
            return default;
        }

        var jaccard = OnePermutationMinHash.Similarity(a.Shingles, b.Shingles);
        Span<uint> sorted = stackalloc uint[b.Sentences.Length];
        b.Sentences.CopyTo(sorted);
        sorted.Sort();
        var shared = 0;
        foreach (var s in a.Sentences)
        {
            if (sorted.BinarySearch(s) >= 0)
            {
                shared++;
            }
        }

        var fewer = Math.Min(a.Sentences.Length, b.Sentences.Length);
        var (shorter, longer) = a.TermCount <= b.TermCount ? (a, b) : (b, a);
        return new FingerprintSimilarity(
            false,
            jaccard,
            EstimateContainment(jaccard, a.ShingleCount, b.ShingleCount),
            // Both name lists full means both texts have more names than kept: their first names (a reordered copy's
            // differ) overlap less than the whole sets do, so half the overlap counts as all of it.
            a.Names.Length == Fingerprinter.MaxNames && b.Names.Length == Fingerprinter.MaxNames
                ? Math.Min(1, 2 * SetContainment(a.Names, b.Names))
                : SetContainment(a.Names, b.Names),
            // The same for figures (dedup-minhash-17): a long table or results item reordered, or with a template's dates
            // and times before it, keeps other first figures, and the figures check vetoed copies sharing whole sentences.
            a.Numbers.Length == Fingerprinter.MaxNumbers && b.Numbers.Length == Fingerprinter.MaxNumbers
                ? Math.Min(1, 2 * SetContainment(a.Numbers, b.Numbers))
                : SetContainment(a.Numbers, b.Numbers),
            shared,
            fewer == 0 ? 0 : (double)shared / fewer,
            LeadCoverageOf(shorter, longer),
            Math.Min(a.Names.Length, b.Names.Length),
            Math.Min(a.Numbers.Length, b.Numbers.Length),
            a.IsShort || b.IsShort,
            LeadRunOf(shorter, longer),
            b.TermCount == 0 ? 1 : (double)a.TermCount / b.TermCount,
            a.Sentences.Length - shared);
    }

    /// <summary>|A ∩ B| / min(|A|, |B|) from the Jaccard estimate and the set sizes: |A ∩ B| = J (|A| + |B|) / (1 + J).</summary>
    public static double EstimateContainment(double jaccard, int sizeA, int sizeB)
    {
        var smaller = Math.Min(sizeA, sizeB);
        if (smaller <= 0)
        {
            return 0;
        }

        var intersection = jaccard * (sizeA + sizeB) / (1 + jaccard);
        return Math.Min(1, intersection / smaller);
    }

    /// <summary>|A ∩ B| / min(|A|, |B|) of two sorted sets; 1 when the smaller is empty (nothing contradicts).</summary>
    public static double SetContainment(uint[] a, uint[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var smaller = Math.Min(a.Length, b.Length);
        if (smaller == 0)
        {
            return 1;
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

        return (double)shared / smaller;
    }

    private static int LeadRunOf(ArticleFingerprint shorter, ArticleFingerprint longer)
    {
        var run = 0;
        while (run < longer.Sentences.Length && Array.IndexOf(shorter.Sentences, longer.Sentences[run]) >= 0)
        {
            run++;
        }

        return run;
    }

    private static double LeadCoverageOf(ArticleFingerprint shorter, ArticleFingerprint longer)
    {
        var m = Math.Min(shorter.Sentences.Length, longer.Sentences.Length);
        if (m == 0)
        {
            return 0;
        }

        var found = 0;
        for (var i = 0; i < m; i++)
        {
            if (Array.IndexOf(shorter.Sentences, longer.Sentences[i]) >= 0)
            {
                found++;
            }
        }

        return (double)found / m;
    }
}
