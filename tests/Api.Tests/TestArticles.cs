namespace MediaMonitor.Api.Tests;

/// <summary>What the article and coverage tests set up through the Api: a tenant's source, and entities to tag articles with.</summary>
internal static class TestArticles
{
    /// <summary>Adds a source through POST /api/sources (a fresh feed URL unless one is given) and returns its id.</summary>
    public static async Task<Guid> AddSourceAsync(HttpClient client, string? url = null)
    {
        var response = await client.PostAsJsonAsync("/api/sources", new { url = url ?? "https://feeds.example/rss-" + Guid.NewGuid().ToString("N")[..8] });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SourceRecord>())!.Id;
    }

    public static TaggedEntity Org(string id, string name, string[] aliases) => new(id, name, EntityType.Organization, 1, 0.5, [name], null, aliases);

    public static TaggedEntity Person(string id, string name, string[] aliases) => new(id, name, EntityType.Person, 1, 0.5, [name], null, aliases);

    public static TaggedEntity Place(string id, string name) => new(id, name, EntityType.Location, 1, 0.5, [name]);
}
