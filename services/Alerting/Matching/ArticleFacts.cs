using MediaMonitor.Contracts;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.Alerting.Matching;

/// <summary>What matching and alerting need to know about one article, read from its stream.</summary>
public sealed record ArticleFacts(
    Guid ArticleId,
    string Title,
    string Text,
    string Url,
    string Outlet,
    Guid StoryId,
    string? Language,
    IReadOnlyList<TaggedEntity> Entities)
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
            LanguageGuess.Guess(fetched.Title, fetched.Text), tagged?.Entities ?? []), null);
    }

    /// <summary>The outlet: the site name, else the host without www.</summary>
    public static string OutletOf(ArticleFetched fetched)
    {
        if (!string.IsNullOrWhiteSpace(fetched.SiteName))
        {
            return fetched.SiteName.Trim();
        }

        return Uri.TryCreate(fetched.Url, UriKind.Absolute, out var uri)
            ? (uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host)
            : fetched.Url;
    }

    /// <summary>The document the query language evaluates: source is the outlet plus the host, entities by kind.</summary>
    public MatchDocument ToDocument()
    {
        var host = Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri.Host : string.Empty;
        return MatchDocument.Create(Title, Text, Outlet + " " + host, Language, Entities.Select(ToDocumentEntity));
    }

    /// <summary>A country also answers to its code (tagger id "country:KZ" gives alias "KZ").</summary>
    private static DocumentEntity ToDocumentEntity(TaggedEntity entity)
    {
        var kind = KindOf(entity);
        var colon = entity.EntityId.IndexOf(':', StringComparison.Ordinal);
        return kind == DocumentEntityKind.Country && colon > 0 && colon < entity.EntityId.Length - 1
            ? new DocumentEntity(kind, entity.Name, [.. entity.SurfaceForms, entity.EntityId[(colon + 1)..]])
            : new DocumentEntity(kind, entity.Name, entity.SurfaceForms);
    }

    /// <summary>Locations the tagger linked to a country (id "country:..." or an ISO code) count as countries.</summary>
    private static DocumentEntityKind KindOf(TaggedEntity entity) => entity.Type switch
    {
        EntityType.Person => DocumentEntityKind.Person,
        EntityType.Organization => DocumentEntityKind.Organization,
        EntityType.Location when entity.EntityId.StartsWith("country", StringComparison.OrdinalIgnoreCase)
            || entity.EntityId.StartsWith("iso", StringComparison.OrdinalIgnoreCase) => DocumentEntityKind.Country,
        EntityType.Location => DocumentEntityKind.Place,
        _ => DocumentEntityKind.Other,
    };
}
