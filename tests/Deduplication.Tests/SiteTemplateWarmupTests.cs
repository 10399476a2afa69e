using Npgsql;

namespace MediaMonitor.Deduplication.Tests;

/// <summary>A replica learns site templates in memory; a restarted one learns them back from the index and the events.</summary>
public sealed class SiteTemplateWarmupTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_restarted_replica_knows_the_site_templates_its_predecessor_learned_before_its_first_decision()
    {
        await using var pipeline = await DedupPipeline.StartAsync("dedup_warmup");
        var outlet = SharedTemplateTests.Outlets[0];
        var site = SharedTemplateTests.Host(outlet);
        var first = await pipeline.StartDeduplicationAsync();
        // Three long stories of the site: each its own original, so the site's template is learned from them.
        string[] bodies = [Stories.Bridge, Stories.Flood, Stories.NorrvikSchools];
        var pages = bodies
            .Select((body, i) => DedupPipeline.Fetched($"https://{site}/story-{i}", $"Story {i}", SharedTemplateTests.Page(outlet, body), Noon.AddHours(i), outlet))
            .ToList();
        foreach (var page in pages)
        {
            await pipeline.AppendAsync(page);
            await pipeline.AwaitVerdictsAsync([page]);
        }

        var fingerprinter = new Fingerprinter();
        fingerprinter.Create("Headline", SharedTemplateTests.Page(outlet, SharedTemplateTests.Story(3)), null, SiteBoilerplate.NameTerms(site));
        var appPitch = fingerprinter.LineKeys[7];
        Assert.True(first.Services.GetRequiredService<SiteBoilerplate>().KnownLines(site, Noon.AddHours(4))?.Invoke(appPitch));
        await first.StopAsync();

        var second = await pipeline.StartDeduplicationAsync();
        var learner = second.Services.GetRequiredService<SiteBoilerplate>();
        Assert.Null(learner.KnownLines(site, Noon.AddHours(4)));
        var elsewhere = DedupPipeline.Fetched("https://other.example/quake", "Quake", SharedTemplateTests.Story(3), Noon.AddHours(5), "Other");
        await pipeline.AppendAsync(elsewhere);
        await pipeline.AwaitVerdictsAsync([elsewhere]);
        Assert.True(learner.KnownLines(site, Noon.AddHours(6))?.Invoke(appPitch), "the app pitch is the site's template again");
        Assert.False(learner.KnownLines(site, Noon.AddHours(6))?.Invoke(fingerprinter.LineKeys[5]) ?? false, "a story's line is not");
    }

    [Fact]
    public async Task A_rebuilt_index_holds_each_page_fingerprinted_without_its_sites_template_as_the_live_decision_did()
    {
        await using var pipeline = await DedupPipeline.StartAsync("dedup_rebuild_templates");
        var outlet = SharedTemplateTests.Outlets[1];
        var site = SharedTemplateTests.Host(outlet);
        var first = await pipeline.StartDeduplicationAsync();
        string[] bodies = [Stories.Bridge, Stories.Flood, Stories.NorrvikSchools, SharedTemplateTests.Story(3)];
        var pages = bodies
            .Select((body, i) => DedupPipeline.Fetched($"https://{site}/page-{i}", $"Page {i}", SharedTemplateTests.Page(outlet, body), Noon.AddHours(i), outlet))
            .ToList();
        foreach (var page in pages)
        {
            await pipeline.AppendAsync(page);
            await pipeline.AwaitVerdictsAsync([page]);
        }

        // The fourth page was decided after the site's template was learned: indexed without it.
        var live = await IndexedFingerprintAsync(pipeline, pages[3].ArticleId);
        await first.StopAsync();

        var second = await pipeline.StartDeduplicationAsync();
        Assert.Equal(4, await second.Services.GetRequiredService<DedupIndexRebuilder>().RebuildAsync(Noon.AddDays(1), CancellationToken.None));
        Assert.Equal(live, await IndexedFingerprintAsync(pipeline, pages[3].ArticleId));
    }

    private static async Task<byte[]> IndexedFingerprintAsync(DedupPipeline pipeline, Guid articleId)
    {
        await using var connection = await pipeline.Relay.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var read = new NpgsqlCommand($"select fingerprint from {DedupTables.Qualified(pipeline.Store, DedupTables.Articles)} where article_id = @id", connection);
        read.Parameters.AddWithValue("id", articleId);
        return (byte[])(await read.ExecuteScalarAsync())!;
    }
}
