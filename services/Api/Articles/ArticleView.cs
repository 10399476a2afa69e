using MediaMonitor.Contracts;

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
    /// <summary>Folds an article stream's events (in version order) into the view; later events of a kind win.</summary>
    public static ArticleView From(Guid id, IReadOnlyList<StoredEvent> events)
    {
        var view = new ArticleView(id, null, null, null, null, null, null, "unknown", null, null, null, null, [], [], events);
        var sources = new List<Guid>();
        foreach (var e in events.OrderBy(e => e.Version))
        {
            view = e.Data switch
            {
                ArticleDiscovered d => view with
                {
                    Url = d.Url, CanonicalUrl = d.CanonicalUrl, Title = view.Title ?? d.FeedTitle,
                    PublishedAt = view.PublishedAt ?? d.FeedPublishedAt, Status = view.Status == "unknown" ? "discovered" : view.Status,
                },
                ArticleFetched f => view with
                {
                    Url = f.Url, CanonicalUrl = f.CanonicalUrl, Title = f.Title, Text = f.Text, SiteName = f.SiteName,
                    PublishedAt = f.PublishedAt ?? view.PublishedAt, Status = "fetched", FailureReason = null,
                },
                ArticleFetchFailed x => view with { Url = view.Url ?? x.Url, Status = "failed", FailureReason = x.Reason },
                ArticleDeduplicated d => view with { Verdict = d.Verdict, DuplicateOf = d.DuplicateOf, StoryId = d.StoryId },
                EntitiesTagged t => view with { Entities = t.Entities },
                _ => view,
            };
            if (e.Data is ArticleDiscovered { SourceId: var s1 } && !sources.Contains(s1))
            {
                sources.Add(s1);
            }
            else if (e.Data is ArticleFetched { SourceId: var s2 } && !sources.Contains(s2))
            {
                sources.Add(s2);
            }
        }

        return view with { SourceIds = sources };
    }
}
