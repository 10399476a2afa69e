namespace MediaMonitor.EndToEnd.Tests;

/// <summary>The real seed article, served by a fixture site, goes through crawl, deduplication and tagging.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SeedArticleTests
{
    [SkippableFact]
    public async Task SharedData_seed_article_is_crawled_and_tagged_with_its_people_places_and_organisations()
    {
        var seed = await File.ReadAllTextAsync(SharedData.PathTo("seed", "nato-center-kazakhstan.txt"));
        await using var site = await SeedArticleSite.StartAsync(seed);
        await using var pipeline = await Pipeline.StartAsync("Api", "Deduplication", "EntityTagging", "Crawler");
        var api = await pipeline.CreateTenantAsync();
        (await api.PostAsJsonAsync("/api/sources", new { url = SeedArticleSite.FeedUrl(site).ToString() })).EnsureSuccessStatusCode();

        var tagged = await Eventually.Until(
            async () =>
            {
                await using var session = pipeline.Store.QuerySession();
                return await Marten.QueryableExtensions.ToListAsync(session.Events.QueryRawEventDataOnly<EntitiesTagged>());
            },
            t => t.Count >= 1, TimeSpan.FromSeconds(120), "the seed article tagged");

        var entities = Assert.Single(tagged).Entities;
        string[] places = ["Kazakhstan", "Russia", "China", "Armenia", "Belarus", "Astana", "Almaty", "Moscow", "Beijing", "Yerevan", "Minsk", "Washington"];
        string[] organisations = ["NATO", "CSTO", "SCO"];
        string[] people = ["Dmitry Peskov", "Nikita Mendkovich", "Dmitry Suslov", "Ivan Timofeev"];
        var missing = places.Where(p => !Has(entities, p, EntityType.Location))
            .Concat(organisations.Where(o => !Has(entities, o, EntityType.Organization)))
            .Concat(people.Where(p => !Has(entities, p, EntityType.Person)))
            .ToList();
        Assert.True(missing.Count == 0, "not tagged: " + string.Join(", ", missing)
            + "; tagged: " + string.Join(", ", entities.Select(e => $"{e.Name} ({e.Type})")));
    }

    private static bool Has(IReadOnlyList<TaggedEntity> entities, string name, EntityType type) =>
        entities.Any(e => e.Type == type && (e.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
            || e.SurfaceForms.Any(f => f.Equals(name, StringComparison.OrdinalIgnoreCase))));
}
