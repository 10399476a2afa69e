using System.Text.Json;
using System.Text.Json.Serialization;
using MediaMonitor.Contracts.EntityTagging;

namespace MediaMonitor.ServiceDefaults.Articles;

/// <summary>
/// What coverage reads of an article record besides its indexed columns, in one narrow text column
/// (<c>coverage_row</c>, JSON): title, outlet, site name, URL, language, text sequence, entity terms, and the entities as
/// the matcher and the report see them (id, name, type, surface forms, aliases). Reading it spares detoasting and
/// parsing the whole record (<c>data</c>, with the text's tokens and every entity's mentions, salience and place) for
/// each of a year's candidates. Rows written before the column existed get it from <see cref="FromDataSql"/> (the same
/// fields, built in SQL from the record) until <see cref="CoverageRowFill"/> stores it.
/// </summary>
public static partial class ArticleCoverageRow
{
    /// <summary>The column.</summary>
    public const string Column = "coverage_row";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter<EntityType>() } };

    /// <summary>The column's value for a record (what the projection, the rebuild and the fill write).</summary>
    public static string Write(ArticleRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return JsonSerializer.Serialize(
            new Row(record.Title, record.Outlet, record.SiteName, record.Url, record.Language, record.TextSequence, record.EntityTerms,
                [.. record.Entities.Select(e => new Entity(e.EntityId, e.Name, e.Type, e.SurfaceForms, e.Aliases))]),
            Json);
    }

    /// <summary>
    /// A record holding the column's fields and the given id, times and story (the rest left at their defaults): what
    /// coverage decides and counts from. Entities carry no mentions, salience or place.
    /// </summary>
    public static ArticleRecord Read(string json, Guid id, DateTimeOffset? at, Guid? storyId, DateTimeOffset lastEventAt)
    {
        var row = JsonSerializer.Deserialize<Row>(json, Json) ?? throw new InvalidOperationException("a coverage row of JSON null");
        return ToRecord(row, [.. (row.Entities ?? []).Select(e => new TaggedEntity(e.EntityId, e.Name, e.Type, 0, 0, e.SurfaceForms ?? [], null, e.Aliases))], id, at, storyId, lastEventAt);
    }

    private static ArticleRecord ToRecord(Row row, List<TaggedEntity> entities, Guid id, DateTimeOffset? at, Guid? storyId, DateTimeOffset lastEventAt) =>
        new()
        {
            Id = id,
            At = at,
            StoryId = storyId,
            LastEventAt = lastEventAt,
            Title = row.Title,
            Outlet = row.Outlet,
            SiteName = row.SiteName,
            Url = row.Url,
            Language = row.Language,
            TextSequence = row.TextSequence ?? 0,
            EntityTerms = row.EntityTerms ?? "",
            Entities = entities,
        };

    /// <summary>
    /// The column's JSON built in SQL from the record's JSON (<paramref name="data"/>: an expression for it), for rows
    /// written before the column: the same fields under the same names, so <see cref="Read"/> reads either.
    /// </summary>
    public static string FromDataSql(string data) => $"""
        jsonb_build_object('Title', {data} -> 'Title', 'Outlet', {data} -> 'Outlet', 'SiteName', {data} -> 'SiteName', 'Url', {data} -> 'Url',
            'Language', {data} -> 'Language', 'TextSequence', {data} -> 'TextSequence', 'EntityTerms', {data} -> 'EntityTerms',
            'Entities', (select coalesce(jsonb_agg(jsonb_build_object('EntityId', e -> 'EntityId', 'Name', e -> 'Name', 'Type', e -> 'Type',
                'SurfaceForms', e -> 'SurfaceForms', 'Aliases', e -> 'Aliases') order by o), '[]'::jsonb)
                from jsonb_array_elements(coalesce({data} -> 'Entities', '[]'::jsonb)) with ordinality as x(e, o)))::text
        """;

    private sealed record Row(
        string? Title, string? Outlet, string? SiteName, string? Url, string? Language, long? TextSequence, string? EntityTerms, IReadOnlyList<Entity>? Entities);

    private sealed record Entity(string EntityId, string Name, EntityType Type, IReadOnlyList<string>? SurfaceForms, IReadOnlyList<string>? Aliases);
}
