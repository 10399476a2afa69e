using MediaMonitor.Contracts;
using MediaMonitor.Text.Languages;
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
    /// <summary>The facts of an article stream, or the reason they are incomplete.</summary>
    public static (ArticleFacts? Facts, string? Missing) From(Guid articleId, IEnumerable<object> events)
    {
        ArticleFetched? fetched = null;
        ArticleDeduplicated? deduplicated = null;
        EntitiesTagged? tagged = null;
        foreach (var e in events)
        {
            switch (e)
            {
                case ArticleFetched f:
                    fetched = f;
                    break;
                case ArticleDeduplicated d:
                    deduplicated = d;
                    break;
                case EntitiesTagged t:
                    tagged = t;
                    break;
            }
        }

        if (fetched is null)
        {
            return (null, "the article stream has no ArticleFetched");
        }

        if (deduplicated is null)
        {
            return (null, "the article stream has no ArticleDeduplicated (no story yet)");
        }

        return (new ArticleFacts(articleId, fetched.Title, fetched.Text, fetched.Url, OutletOf(fetched), deduplicated.StoryId,
            fetched.Language ?? LanguageDetector.Detect(fetched.Title + "\n" + fetched.Text), tagged?.Entities ?? [], fetched.SourceId), null);
    }

    /// <summary>The outlet: the site name, else the host without www.</summary>
    public static string OutletOf(ArticleFetched fetched) => ArticleDocument.OutletOf(fetched.SiteName, fetched.Url);

    /// <summary>The document the query language evaluates (the same builder coverage uses).</summary>
    public MatchDocument ToDocument() => ArticleDocument.Create(Title, Text, Outlet, Url, Language, Entities);
}
