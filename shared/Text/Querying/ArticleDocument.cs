using MediaMonitor.Contracts.EntityTagging;

namespace MediaMonitor.Text.Querying;

/// <summary>
/// The one way an article becomes a <see cref="MatchDocument"/>, used by live matching (Alerting), backfill and coverage
/// (Api) alike, so "what would this query have caught" has one answer.
/// </summary>
public static class ArticleDocument
{
    /// <summary>Source is the outlet plus the host; entities by kind; a country also answers to its code.</summary>
    public static MatchDocument Create(string title, string text, string outlet, string url, string? language, IEnumerable<TaggedEntity> entities)
    {
        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : string.Empty;
        return MatchDocument.Create(title, text, outlet + " " + host, language, entities.Select(ToDocumentEntity));
    }

    /// <summary>The outlet: the site name, else the host without www.</summary>
    public static string OutletOf(string? siteName, string url)
    {
        if (!string.IsNullOrWhiteSpace(siteName))
        {
            return siteName.Trim();
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? (uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host)
            : url;
    }

    /// <summary>
    /// An entity answers to its canonical name, the surface forms the article used and the aliases the tagger recorded
    /// (null on events from before it recorded them); a country also answers to its code (tagger id "country:KZ" gives "KZ").
    /// </summary>
    private static DocumentEntity ToDocumentEntity(TaggedEntity entity)
    {
        var kind = KindOf(entity);
        var colon = entity.EntityId.IndexOf(':', StringComparison.Ordinal);
        IReadOnlyList<string> names = entity.Aliases is { Count: > 0 } aliases ? [.. entity.SurfaceForms, .. aliases] : entity.SurfaceForms;
        return kind == DocumentEntityKind.Country && colon > 0 && colon < entity.EntityId.Length - 1
            ? new DocumentEntity(kind, entity.Name, [.. names, entity.EntityId[(colon + 1)..]])
            : new DocumentEntity(kind, entity.Name, names);
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
