using System.Text.Json.Serialization;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.Text.Languages;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.ServiceDefaults.Articles;

/// <summary>
/// The one read model of an article stream, folded by <see cref="Step"/> and nowhere else: the latest fetch (by its
/// FetchedAt), the latest dedup verdict (by DecidedAt) and the latest tagging (by TaggedAt): each kind by its own time,
/// a tie going to the later event. The text itself stays in its ArticleFetched event (<see cref="TextSequence"/>);
/// <see cref="TextTerms"/> and <see cref="EntityTerms"/> feed the full-text index that preselects candidates.
/// </summary>
public sealed record ArticleRecord
{
    public Guid Id { get; init; }

    public string Status { get; init; } = "unknown";

    public string? FailureReason { get; init; }

    public string? Url { get; init; }

    public string? CanonicalUrl { get; init; }

    public string? Title { get; init; }

    public string? SiteName { get; init; }

    /// <summary>The site name, else the host without www (<see cref="ArticleDocument.OutletOf"/>).</summary>
    public string? Outlet { get; init; }

    /// <summary>The fetched page's language, else the detected one (what live matching uses).</summary>
    public string? Language { get; init; }

    /// <summary>The page's publication time, else the feed's.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    public DateTimeOffset? FetchedAt { get; init; }

    /// <summary>When the article counts in coverage: published, else fetched. Null until fetched.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>The event sequence (mt_events.seq_id) of the ArticleFetched holding the text; 0 when unknown.</summary>
    public long TextSequence { get; init; }

    /// <summary>The source of the latest fetch (whose watchers live matching alerts).</summary>
    public Guid? SourceId { get; init; }

    /// <summary>Every source that discovered or fetched the article.</summary>
    public IReadOnlyList<Guid> SourceIds { get; init; } = [];

    public DedupVerdict? Verdict { get; init; }

    public Guid? DuplicateOf { get; init; }

    public Guid? StoryId { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public IReadOnlyList<TaggedEntity> Entities { get; init; } = [];

    public DateTimeOffset? TaggedAt { get; init; }

    public string? TaggerVersion { get; init; }

    /// <summary>
    /// Search tokens of title, text and outlet, the title's and text's with their word positions, in tsvector's text form
    /// (<see cref="SearchTokens.ForText"/>), as the fold made them from the latest fetch; null when not known: not stored
    /// in the JSON (the largest part of it, and every event of the stream rewrites the row), so a record read back from
    /// its table has none. Its vector row holds them (<see cref="ArticleSearchVectors"/>).
    /// </summary>
    [JsonIgnore]
    public string? TextTerms { get; init; }

    /// <summary>Search tokens of the latest tagging's entities (<see cref="SearchTokens.ForEntities"/>).</summary>
    public string EntityTerms { get; init; } = "";

    /// <summary>
    /// <see cref="TextTerms"/> and <see cref="EntityTerms"/> in tsvector's text form (each token a lexeme as it is, no
    /// parser; the text's with their positions, the entities' without): stored in its own GIN-indexed column (<see cref="ArticleSearch.SearchVector"/>), not in the JSON, so
    /// neither an index build nor a query turns text into lexemes.
    /// </summary>
    [JsonIgnore]
    public string SearchVector => string.IsNullOrEmpty(TextTerms) ? EntityTerms : EntityTerms.Length == 0 ? TextTerms : TextTerms + " " + EntityTerms;

    /// <summary>What coverage reads besides the indexed columns, stored in a narrow column of its own (<see cref="ArticleCoverageRow"/>).</summary>
    [JsonIgnore]
    public string CoverageRow => ArticleCoverageRow.Write(this);

    /// <summary>The store timestamps of the stream's first and last events (time travel: later ones are unknown at an earlier instant).</summary>
    public DateTimeOffset FirstEventAt { get; init; }

    public DateTimeOffset LastEventAt { get; init; }

    /// <summary>Whether live matching has seen it: fetched, deduplicated and tagged (backfill runs over these only).</summary>
    [JsonIgnore]
    public bool Matchable => FetchedAt is not null && StoryId is not null && TaggedAt is not null;

    /// <summary>The story the article counts in: its own id until deduplicated.</summary>
    [JsonIgnore]
    public Guid CoverageStory => StoryId ?? Id;

    /// <summary>
    /// Folds one event (with its store sequence and timestamp) into the record; null starts a new one. Which of the
    /// full-text index's terms it makes: <paramref name="terms"/> (a reader that matches the text itself, not the index,
    /// spares tokenizing it twice; a rebuild that keeps the vectors needs the entities' only).
    /// </summary>
    public static ArticleRecord Step(ArticleRecord? record, Guid id, object data, long sequence, DateTimeOffset timestamp, FoldedTerms terms = FoldedTerms.All)
    {
        // A new stream's record knows its text terms: none until a fetch.
        var r = record ?? new ArticleRecord { Id = id, FirstEventAt = timestamp, TextTerms = "" };
        r = r with
        {
            FirstEventAt = timestamp < r.FirstEventAt ? timestamp : r.FirstEventAt,
            LastEventAt = timestamp > r.LastEventAt ? timestamp : r.LastEventAt,
        };
        return data switch
        {
            ArticleDiscovered d => Discovered(r, d),
            ArticleFetched f => IsLater(f.FetchedAt, r.FetchedAt) ? Fetched(r, f, sequence, terms) : WithSource(r, f.SourceId),
            ArticleFetchFailed x => r with { Url = r.Url ?? x.Url, Status = "failed", FailureReason = x.Reason },
            ArticleDeduplicated d when IsLater(d.DecidedAt, r.DecidedAt) =>
                r with { Verdict = d.Verdict, DuplicateOf = d.DuplicateOf, StoryId = d.StoryId, DecidedAt = d.DecidedAt },
            EntitiesTagged t when IsLater(t.TaggedAt, r.TaggedAt) =>
                r with { Entities = t.Entities, TaggedAt = t.TaggedAt, TaggerVersion = t.TaggerVersion, EntityTerms = terms == FoldedTerms.None ? "" : SearchTokens.ForEntities(t.Entities) },
            _ => r,
        };
    }

    /// <summary>
    /// The record of a stream's event data in stream order (sequence unknown, each event's own time as its timestamp);
    /// <paramref name="terms"/> as in <see cref="Step"/>.
    /// </summary>
    public static ArticleRecord? Fold(Guid id, IEnumerable<object> events, FoldedTerms terms = FoldedTerms.All)
    {
        ArticleRecord? record = null;
        foreach (var e in events)
        {
            record = Step(record, id, e, 0, OwnTime(e) ?? record?.LastEventAt ?? DateTimeOffset.MinValue, terms);
        }

        return record;
    }

    /// <summary>The one rule for "latest": an event of a kind replaces the current one unless its own time is earlier.</summary>
    public static bool IsLater(DateTimeOffset candidate, DateTimeOffset? current) => current is null || candidate >= current;

    /// <summary>The latest fetch of a stream under <see cref="IsLater"/> (its text is what matching reads).</summary>
    public static ArticleFetched? LatestFetch(IEnumerable<object> events)
    {
        ArticleFetched? latest = null;
        foreach (var f in events.OfType<ArticleFetched>())
        {
            if (IsLater(f.FetchedAt, latest?.FetchedAt))
            {
                latest = f;
            }
        }

        return latest;
    }

    private static ArticleRecord Discovered(ArticleRecord r, ArticleDiscovered d) => WithSource(r with
    {
        Url = r.Url ?? d.Url,
        CanonicalUrl = r.CanonicalUrl ?? d.CanonicalUrl,
        Title = r.Title ?? d.FeedTitle,
        PublishedAt = r.PublishedAt ?? d.FeedPublishedAt,
        Status = r.Status == "unknown" ? "discovered" : r.Status,
    }, d.SourceId);

    private static ArticleRecord Fetched(ArticleRecord r, ArticleFetched f, long sequence, FoldedTerms terms)
    {
        var outlet = ArticleDocument.OutletOf(f.SiteName, f.Url);
        var published = f.PublishedAt ?? r.PublishedAt;
        return WithSource(r with
        {
            Url = f.Url,
            CanonicalUrl = f.CanonicalUrl,
            Title = f.Title,
            SiteName = f.SiteName,
            Outlet = outlet,
            Language = f.Language ?? LanguageDetector.Detect(f.Title + "\n" + f.Text),
            PublishedAt = published,
            FetchedAt = f.FetchedAt,
            At = published ?? f.FetchedAt,
            TextSequence = sequence,
            SourceId = f.SourceId,
            Status = "fetched",
            FailureReason = null,
            // Not made: not known (a rebuild that keeps the vectors), or not wanted (empty).
            TextTerms = terms switch { FoldedTerms.All => TextTermsOf(f), FoldedTerms.Entities => null, _ => "" },
        }, f.SourceId);
    }

    /// <summary>The text terms of a fetch (<see cref="TextTerms"/>), as the fold makes them when the fetch is the latest.</summary>
    public static string TextTermsOf(ArticleFetched fetch)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        return SearchTokens.ForText(fetch.Title, fetch.Text, ArticleDocument.OutletOf(fetch.SiteName, fetch.Url), fetch.Url);
    }

    private static ArticleRecord WithSource(ArticleRecord r, Guid sourceId) =>
        r.SourceIds.Contains(sourceId) ? r : r with { SourceIds = [.. r.SourceIds, sourceId] };

    private static DateTimeOffset? OwnTime(object e) => e switch
    {
        ArticleDiscovered d => d.DiscoveredAt,
        ArticleFetched f => f.FetchedAt,
        ArticleFetchFailed x => x.FailedAt,
        ArticleDeduplicated d => d.DecidedAt,
        EntitiesTagged t => t.TaggedAt,
        _ => null,
    };
}

/// <summary>Which of the full-text index's terms a fold of article events makes (<see cref="ArticleRecord.Step"/>).</summary>
public enum FoldedTerms
{
    /// <summary>None: <see cref="ArticleRecord.TextTerms"/> and <see cref="ArticleRecord.EntityTerms"/> stay empty.</summary>
    None,

    /// <summary>The entities' (stored in the record) only: <see cref="ArticleRecord.TextTerms"/> of a fetch left unknown (null).</summary>
    Entities,

    /// <summary>Both.</summary>
    All,
}
