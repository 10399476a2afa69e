using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.ServiceDefaults.Articles;

namespace MediaMonitor.Api.Articles;

/// <summary>One stored event of an article stream, as the history endpoint shows it.</summary>
public sealed record StoredEvent(long Sequence, long Version, string Type, DateTimeOffset Timestamp, object Data);

/// <summary>An article as its events say it is now, with the events themselves in stream order.</summary>
public sealed record ArticleView(
    Guid Id,
    string? Url,
    string? CanonicalUrl,
    string? Title,
    string? SiteName,
    DateTimeOffset? PublishedAt,
    string? Text,
    string Status,
    string? FailureReason,
    DedupVerdict? Verdict,
    Guid? DuplicateOf,
    Guid? StoryId,
    IReadOnlyList<TaggedEntity> Entities,
    IReadOnlyList<Guid> SourceIds,
    IReadOnlyList<StoredEvent> Events)
{
    /// <summary>An article stream's events (in version order) folded by the shared <see cref="ArticleRecord.Step"/>, with the events themselves.</summary>
    public static ArticleView From(Guid id, IReadOnlyList<StoredEvent> events)
    {
        ArticleRecord? record = null;
        string? text = null;
        foreach (var e in events.OrderBy(e => e.Version))
        {
            record = ArticleRecord.Step(record, id, e.Data, e.Sequence, e.Timestamp);
            if (e.Data is ArticleFetched f && record.TextSequence == e.Sequence && record.FetchedAt == f.FetchedAt)
            {
                text = f.Text;
            }
        }

        record ??= new ArticleRecord { Id = id };
        return new ArticleView(id, record.Url, record.CanonicalUrl, record.Title, record.SiteName, record.PublishedAt, text, record.Status, record.FailureReason,
            record.Verdict, record.DuplicateOf, record.StoryId, record.Entities, record.SourceIds, events);
    }
}
