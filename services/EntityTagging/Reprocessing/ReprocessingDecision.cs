using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.Text;

namespace MediaMonitor.EntityTagging.Reprocessing;

/// <summary>What a reprocessing request does with one stored article.</summary>
public enum ReprocessingOutcome
{
    /// <summary>Tag it again and append a new EntitiesTagged.</summary>
    Retag = 0,

    /// <summary>Its latest EntitiesTagged is by the current tagger version.</summary>
    AlreadyCurrent = 1,

    /// <summary>The live pipeline has not tagged it yet (no text, no story, or no EntitiesTagged): live tagging will, and pushes its alerts.</summary>
    NotReady = 2,

    /// <summary>The request names an entity and the article's title and text contain none of its names.</summary>
    OutOfScope = 3,

    /// <summary>This request already tagged it again (a redelivered copy of the request, or a retry).</summary>
    DoneByThisRequest = 4,
}

/// <summary>The pure decisions of reprocessing, from an article's events.</summary>
public static class ReprocessingDecision
{
    public static ReprocessingOutcome Decide(IReadOnlyList<object> articleEvents, Guid requestId, string currentVersion)
    {
        var fetched = false;
        var deduplicated = false;
        EntitiesTagged? latest = null;
        var doneByThisRequest = false;
        foreach (var e in articleEvents)
        {
            switch (e)
            {
                case ArticleFetched:
                    fetched = true;
                    break;
                case ArticleDeduplicated:
                    deduplicated = true;
                    break;
                case EntitiesTagged t:
                    latest = t;
                    doneByThisRequest |= t.ReprocessingId == requestId;
                    break;
            }
        }

        if (!fetched || !deduplicated || latest is null)
        {
            return ReprocessingOutcome.NotReady;
        }

        return doneByThisRequest ? ReprocessingOutcome.DoneByThisRequest
            : latest.TaggerVersion == currentVersion ? ReprocessingOutcome.AlreadyCurrent
            : ReprocessingOutcome.Retag;
    }

    /// <summary>
    /// Whether an article may mention one of <paramref name="foldedNames"/> (case- and diacritic-folded): a cheap filter
    /// before tagging; the tagger decides. No names means no filter.
    /// </summary>
    public static bool InScope(ArticleFetched fetched, IReadOnlyCollection<string> foldedNames) =>
        InScope(fetched?.Title, fetched?.Text ?? throw new ArgumentNullException(nameof(fetched)), foldedNames);

    /// <summary>The same filter over an article's title and text.</summary>
    public static bool InScope(string? title, string text, IReadOnlyCollection<string> foldedNames)
    {
        ArgumentNullException.ThrowIfNull(foldedNames);
        if (foldedNames.Count == 0)
        {
            return true;
        }

        var folded = TextNormalizer.Normalize(title + "\n" + text);
        return foldedNames.Any(n => folded.Contains(n, StringComparison.Ordinal));
    }

    /// <summary>The folded names to look for: the entity's name and aliases as the gazetteer knows them.</summary>
    public static IReadOnlyCollection<string> FoldedNames(IEnumerable<string> names) =>
        names.Select(TextNormalizer.Normalize).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);
}
