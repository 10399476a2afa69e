using MediaMonitor.Deduplication.Fingerprinting;
using Microsoft.Extensions.DependencyInjection;

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
}
