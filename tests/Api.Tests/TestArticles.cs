using Marten.Events;
using MediaMonitor.Api.Queries;
using MediaMonitor.Contracts.Deduplication;

namespace MediaMonitor.Api.Tests;

/// <summary>
/// What the article and coverage tests set up through the Api: a tenant's source, entities to tag articles with, and
/// sample articles stored as the pipeline leaves them.
/// </summary>
internal static class TestArticles
{
    /// <summary>Adds a source through POST /api/sources (a fresh feed URL unless one is given) and returns its id.</summary>
    public static async Task<Guid> AddSourceAsync(HttpClient client, string? url = null)
    {
        var response = await client.PostAsJsonAsync("/api/sources", new { url = url ?? "https://feeds.example/rss-" + Guid.NewGuid().ToString("N")[..8] });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SourceRecord>())!.Id;
    }

    /// <summary>
    /// Stores each sample article from <paramref name="source"/> as fetched (the i-th at <paramref name="day"/> + i hours), an
    /// original starting its own story, and tagged with its entities; waits for the article read model, and returns what the
    /// live matcher reads of each, by article id.
    /// </summary>
    public static async Task<Dictionary<Guid, MatchableArticle>> StoreTaggedAsync(
        ApiFixture api, Guid source, DateTimeOffset day, IReadOnlyList<(string Title, string Text, string Site, TaggedEntity[] Entities)> articles)
    {
        var stored = new Dictionary<Guid, MatchableArticle>();
        await using (var session = api.Store.LightweightSession())
        {
            for (var i = 0; i < articles.Count; i++)
            {
                var (title, text, site, entities) = articles[i];
                var url = $"https://{site.Replace(' ', '-').ToLowerInvariant()}.example/{i}/{Guid.NewGuid():N}";
                var id = StreamIdentity.ForArticle(url);
                var at = day.AddHours(i);
                session.Events.StartStream(id,
                    new ArticleFetched(id, url, url, title, text, at, site, source, at, "test"),
                    new ArticleDeduplicated(id, DedupVerdict.Original, null, 1.0, id, at, "test"),
                    new EntitiesTagged(id, entities, at, "test"));
                stored[id] = new MatchableArticle(title, text, site, url, entities, Text.Languages.LanguageDetector.Detect(title + "\n" + text));
            }

            await session.SaveChangesAsync();
        }

        await api.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        return stored;
    }

    public static TaggedEntity Org(string id, string name, string[] aliases) => new(id, name, EntityType.Organization, 1, 0.5, [name], null, aliases);

    public static TaggedEntity Person(string id, string name, string[] aliases) => new(id, name, EntityType.Person, 1, 0.5, [name], null, aliases);

    public static TaggedEntity Place(string id, string name) => new(id, name, EntityType.Location, 1, 0.5, [name]);
}
