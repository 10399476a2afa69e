using MediaMonitor.Deduplication.Fingerprinting;

namespace MediaMonitor.Deduplication.Decisions;

/// <summary>How alike two fingerprints are, by each measure the decision uses.</summary>
public readonly record struct FingerprintSimilarity(
    bool Exact,
    double Jaccard,
    double Containment,
    double SalientContainment,
    int SharedSentences,
    double SentenceContainment)
{
    public static FingerprintSimilarity Between(ArticleFingerprint a, ArticleFingerprint b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.ExactHash == b.ExactHash)
        {
            return new FingerprintSimilarity(true, 1, 1, 1, a.Sentences.Length, 1);
        }

        if (a.IsShort || b.IsShort)
        {
            return default;
        }

        var jaccard = OnePermutationMinHash.Similarity(a.Shingles, b.Shingles);
        var containment = EstimateContainment(jaccard, a.ShingleCount, b.ShingleCount);
        var salientJaccard = OnePermutationMinHash.Similarity(a.Salient, b.Salient);
        var salientContainment = a.SalientCount == 0 || b.SalientCount == 0
            ? (a.SalientCount == b.SalientCount ? 1 : 0)
            : EstimateContainment(salientJaccard, a.SalientCount, b.SalientCount);
        var shared = 0;
        foreach (var s in a.Sentences)
        {
            if (Array.IndexOf(b.Sentences, s) >= 0)
            {
                shared++;
            }
        }

        var fewer = Math.Min(a.Sentences.Length, b.Sentences.Length);
        var sentenceContainment = fewer == 0 ? 0 : (double)shared / fewer;
        return new FingerprintSimilarity(false, jaccard, containment, salientContainment, shared, sentenceContainment);
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
}
