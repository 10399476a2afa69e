using MediaMonitor.Deduplication.Fingerprinting;

namespace MediaMonitor.Deduplication.Stories;

/// <summary>An original already in the story index: its story and its key terms (sorted hashes of its names and numbers).</summary>
public sealed record StoryCandidate(Guid ArticleId, Guid StoryId, DateTimeOffset PublishedAt, uint[] Terms);

/// <summary>How common each key term is among the originals in the story window (document frequency, learned as they arrive).</summary>
/// <param name="Articles">the originals in the window</param>
/// <param name="DocumentFrequency">how many of them hold a term</param>
public sealed record TermStatistics(int Articles, Func<uint, int> DocumentFrequency);

/// <summary>The story an original joins: an earlier article's story, or its own.</summary>
public sealed record StoryDecision(Guid StoryId, Guid? JoinedArticle, double Similarity);

/// <summary>
/// Story clusters: different articles about the same event within the story window share their salient key terms (names
/// and numbers). Each term weighs its inverse document frequency in the window, so a name every article carries (the
/// outlet, the weekday, "UK") weighs nothing and a rare one (a person, a place, a figure) a lot. An original joins the
/// story of the candidate whose terms cover the larger share of the smaller weighted term set, when that share reaches
/// <see cref="Threshold"/> over at least <see cref="MinSharedTerms"/> informative terms; otherwise it starts its own story.
/// A story's id is that of its earliest article: every member carries the id it joined. Pure and deterministic.
/// </summary>
public static class StoryClusterer
{
    public const double Threshold = 0.6;
    public const int MinSharedTerms = 4;

    /// <summary>A term in more than this share of the window's originals says nothing about the story.</summary>
    public const double MaxDocumentShare = 0.05;

    /// <summary>A term held by at most this many originals of the window always counts (a quiet window says little about commonness).</summary>
    public const int MinDocumentFrequencyCap = 4;

    /// <summary>The terms that tell stories apart in the window now (weight above 0): the ones whose locks a decision takes.</summary>
    public static IEnumerable<uint> Informative(uint[] terms, TermStatistics statistics) => terms.Where(t => Weight(t, statistics) > 0);

    /// <summary>The story key terms of a fingerprint: its names and numbers, as one sorted set.</summary>
    public static uint[] TermsOf(ArticleFingerprint fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        if (fingerprint.IsShort)
        {
            return [];
        }

        var terms = new uint[fingerprint.Names.Length + fingerprint.Numbers.Length];
        fingerprint.Names.CopyTo(terms, 0);
        fingerprint.Numbers.CopyTo(terms, fingerprint.Names.Length);
        Array.Sort(terms);
        return terms;
    }

    public static StoryDecision Decide(Guid articleId, uint[] terms, IEnumerable<StoryCandidate> candidates, TermStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(statistics);
        var own = TotalWeight(terms, statistics);
        StoryCandidate? best = null;
        var bestScore = 0.0;
        if (own > 0)
        {
            foreach (var candidate in candidates)
            {
                if (candidate.ArticleId == articleId)
                {
                    continue;
                }

                var score = Similarity(terms, own, candidate.Terms, statistics);
                if (score >= Threshold && (best is null || score > bestScore || (score == bestScore && candidate.PublishedAt < best.PublishedAt)))
                {
                    best = candidate;
                    bestScore = score;
                }
            }
        }

        return best is null ? new StoryDecision(articleId, null, 0) : new StoryDecision(best.StoryId, best.ArticleId, Math.Round(bestScore, 3));
    }

    /// <summary>The weight of a term: ln(N / df), 0 for terms too common in the window to tell stories apart.</summary>
    public static double Weight(uint term, TermStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var n = statistics.Articles + 1;
        var df = statistics.DocumentFrequency(term) + 1;
        // In a quiet window every share is noise: a term held by a handful of originals always counts.
        var maxDf = Math.Max(MaxDocumentShare * n, MinDocumentFrequencyCap);
        return df > maxDf ? 0 : Math.Max(0, Math.Log((double)n / df)) + 1;
    }

    /// <summary>The weighted share of the smaller term set found in the other; 0 below <see cref="MinSharedTerms"/> shared informative terms.</summary>
    public static double Similarity(uint[] terms, double ownWeight, uint[] other, TermStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(other);
        var shared = 0.0;
        var sharedCount = 0;
        int i = 0, j = 0;
        while (i < terms.Length && j < other.Length)
        {
            if (terms[i] == other[j])
            {
                var w = Weight(terms[i], statistics);
                if (w > 0)
                {
                    shared += w;
                    sharedCount++;
                }

                i++;
                j++;
            }
            else if (terms[i] < other[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        if (sharedCount < MinSharedTerms)
        {
            return 0;
        }

        var smaller = Math.Min(ownWeight, TotalWeight(other, statistics));
        return smaller <= 0 ? 0 : Math.Min(1, shared / smaller);
    }

    private static double TotalWeight(uint[] terms, TermStatistics statistics)
    {
        var total = 0.0;
        foreach (var t in terms)
        {
            total += Weight(t, statistics);
        }

        return total;
    }
}
