using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.ServiceDefaults.Articles;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.Alerting.Matching;

/// <summary>What matching and alerting need to know about one article, read from its stream. SourceId: the source that fetched it (whose watchers may be alerted).</summary>
public sealed record ArticleFacts(
    Guid ArticleId,
    string Title,
    string Text,
    string Url,
    string Outlet,
    Guid StoryId,
    string? Language,
    IReadOnlyList<TaggedEntity> Entities,
    Guid SourceId = default)
{
    /// <summary>The facts of an article stream (folded by the shared <see cref="ArticleRecord.Fold"/>), or the reason they are incomplete.</summary>
    public static (ArticleFacts? Facts, string? Missing) From(Guid articleId, IEnumerable<object> events)
    {
        var list = events as IReadOnlyList<object> ?? [.. events];
        // The matcher reads the text itself (ToDocument), not the full-text index's terms.
        var record = ArticleRecord.Fold(articleId, list, FoldedTerms.None);
        var fetched = ArticleRecord.LatestFetch(list);
        if (record is null || fetched is null)
        {
            return (null, "the article stream has no ArticleFetched");
        }

        return record.StoryId is null
            ? (null, "the article stream has no ArticleDeduplicated (no story yet)")
            : (From(record, fetched.Text), null);
    }

    /// <summary>The facts of a fetched and deduplicated article record with its text.</summary>
    public static ArticleFacts From(ArticleRecord record, string text)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ArticleFacts(record.Id, record.Title ?? "", text, record.Url ?? "", record.Outlet ?? "",
            record.StoryId ?? throw new ArgumentException("the article has no story yet", nameof(record)), record.Language, record.Entities, record.SourceId ?? default);
    }

    /// <summary>The outlet: the site name, else the host without www.</summary>
    public static string OutletOf(ArticleFetched fetched) => ArticleDocument.OutletOf(fetched.SiteName, fetched.Url);

    /// <summary>The document the query language evaluates (the same builder coverage uses).</summary>
    public MatchDocument ToDocument() => ArticleDocument.Create(Title, Text, Outlet, Url, Language, Entities);
}
