using MassTransit;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.TestSupport;

namespace MediaMonitor.Deduplication.Tests;

public sealed class DeduplicationServiceTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Relayed_articles_get_verdicts_a_copy_joins_the_original_story_and_a_redelivery_appends_nothing()
    {
        await using var pipeline = await DedupPipeline.StartAsync("dedup");
        var dedup = await pipeline.StartDeduplicationAsync();
        var consumed = ConsumedMessages.Observe(dedup);

        var original = DedupPipeline.Fetched("https://norrvik.example/bridge", "Saltbay bridge opens", Stories.Bridge, Noon, "Norrvik Daily");
        await pipeline.AppendAsync(original);
        var first = await pipeline.AwaitVerdictsAsync([original]);
        Assert.Equal(DedupVerdict.Original, first[original.ArticleId].Verdict);
        Assert.Equal(original.ArticleId, first[original.ArticleId].StoryId);

        var copy = DedupPipeline.Fetched("https://wire.example/news/123", "Norrvik finally gets its bridge", Stories.BridgeSyndicated(), Noon.AddHours(2), "Northern Wire");
        var exact = DedupPipeline.Fetched("https://mirror.example/bridge?id=9", "Bridge", Stories.Bridge, Noon.AddHours(3), "Mirror");
        var other = DedupPipeline.Fetched("https://norrvik.example/flood", "Floods in Ekdal", Stories.Flood, Noon.AddHours(1), "Norrvik Daily");
        await pipeline.AppendAsync(copy, exact, other);
        var verdicts = await pipeline.AwaitVerdictsAsync([copy, exact, other]);

        Assert.Equal(DedupVerdict.DuplicateOf, verdicts[copy.ArticleId].Verdict);
        Assert.Equal(original.ArticleId, verdicts[copy.ArticleId].DuplicateOf);
        Assert.Equal(original.ArticleId, verdicts[copy.ArticleId].StoryId);
        Assert.Equal(original.ArticleId, verdicts[exact.ArticleId].DuplicateOf);
        Assert.Equal(1.0, verdicts[exact.ArticleId].Similarity);
        Assert.Equal(DedupVerdict.Original, verdicts[other.ArticleId].Verdict);
        Assert.Equal(DedupDecider.Version, verdicts[other.ArticleId].DedupVersion);

        // A redelivered message, through the bus and straight to the deduplicator, records nothing new.
        await dedup.Services.GetRequiredService<IBus>().Publish(copy, c => c.MessageId = Guid.NewGuid());
        Assert.Null(await dedup.Services.GetRequiredService<ArticleDeduplicator>().DeduplicateAsync(copy, CancellationToken.None));
        await consumed.WaitForAsync<ArticleFetched>(5, TimeSpan.FromSeconds(30)); // the four relayed and the redelivered copy
        Assert.Single(await pipeline.VerdictsAsync(copy.ArticleId));
    }

    [Fact]
    public async Task Index_survives_a_restart_of_the_service_and_can_be_rebuilt_from_the_event_store()
    {
        await using var pipeline = await DedupPipeline.StartAsync("dedup_restart");
        var first = await pipeline.StartDeduplicationAsync();
        var original = DedupPipeline.Fetched("https://norrvik.example/bridge", "Saltbay bridge opens", Stories.Bridge, Noon, "Norrvik Daily");
        await pipeline.AppendAsync(original);
        await pipeline.AwaitVerdictsAsync([original]);
        await first.StopAsync();

        var second = await pipeline.StartDeduplicationAsync();
        var lead = DedupPipeline.Fetched("https://wire.example/lead", "Bridge opens in Norrvik", Stories.BridgeLead(), Noon.AddDays(3), "Wire");
        await pipeline.AppendAsync(lead);
        var verdict = (await pipeline.AwaitVerdictsAsync([lead]))[lead.ArticleId];
        Assert.Equal(original.ArticleId, verdict.DuplicateOf);

        // The index is lost (a new database schema, a dedup upgrade): rebuilt from the verdicts and texts in the store.
        var rebuilt = await second.Services.GetRequiredService<DedupIndexRebuilder>().RebuildAsync(Noon.AddDays(4), CancellationToken.None);
        Assert.Equal(2, rebuilt);
        var reordered = DedupPipeline.Fetched("https://other.example/bridge", "Bridge", Stories.BridgeReordered(), Noon.AddDays(4), "Other");
        await pipeline.AppendAsync(reordered);
        var after = (await pipeline.AwaitVerdictsAsync([reordered]))[reordered.ArticleId];
        Assert.Equal(original.ArticleId, after.DuplicateOf);
        Assert.Equal(original.ArticleId, after.StoryId);
    }

    [Fact]
    public async Task Copies_arriving_at_two_replicas_at_once_yield_exactly_one_original()
    {
        await using var pipeline = await DedupPipeline.StartAsync("dedup_replicas");
        await pipeline.StartDeduplicationAsync();
        await pipeline.StartDeduplicationAsync();

        var copies = Enumerable.Range(0, 12).Select(i => DedupPipeline.Fetched(
                $"https://outlet{i}.example/story",
                $"Headline {i}",
                i % 3 == 0 ? Stories.Bridge : $"Outlet {i} | Regional desk\n\n{Stories.BridgeSyndicated()}\n\nCopyright outlet {i}.",
                Noon.AddMinutes(i),
                $"Outlet {i}"))
            .ToArray();
        await pipeline.AppendAsync(copies);
        var verdicts = await pipeline.AwaitVerdictsAsync(copies);

        var original = Assert.Single(verdicts.Values, v => v.Verdict == DedupVerdict.Original);
        Assert.All(verdicts.Values.Where(v => v != original), v =>
        {
            Assert.Equal(DedupVerdict.DuplicateOf, v.Verdict);
            Assert.Equal(original.ArticleId, v.DuplicateOf);
            Assert.Equal(original.StoryId, v.StoryId);
        });
    }

    [Fact]
    public async Task Other_outlets_wording_of_one_event_shares_its_story_copies_keep_DuplicateOf_and_a_follow_up_days_later_is_another_story()
    {
        await using var pipeline = await DedupPipeline.StartAsync("dedup_stories");
        await pipeline.StartDeduplicationAsync();

        var original = DedupPipeline.Fetched("https://norrvik.example/bridge", "Saltbay bridge opens", Stories.Bridge, Noon, "Norrvik Daily");
        var other = DedupPipeline.Fetched("https://flood.example/ekdal", "Floods in Ekdal", Stories.Flood, Noon.AddMinutes(30), "Ekdal Post");
        await pipeline.AppendAsync(original, other);
        await pipeline.AwaitVerdictsAsync([original, other]);

        var report = DedupPipeline.Fetched("https://radio.example/saltbay", "Norrvik drivers cross at last", Stories.BridgeReport, Noon.AddHours(5), "Radio North");
        await pipeline.AppendAsync(report);
        await pipeline.AwaitVerdictsAsync([report]);
        var copy = DedupPipeline.Fetched("https://wire.example/news/9", "Bridge opens", Stories.BridgeSyndicated(), Noon.AddHours(6), "Northern Wire");
        var toll = DedupPipeline.Fetched("https://norrvik.example/toll", "Toll for the Saltbay bridge", Stories.BridgeTollFollowUp, Noon.AddDays(6), "Norrvik Daily");
        await pipeline.AppendAsync(copy, toll);
        var verdicts = await pipeline.AwaitVerdictsAsync([report, copy, toll]);

        Assert.Equal(DedupVerdict.Original, verdicts[report.ArticleId].Verdict);
        Assert.Equal(original.ArticleId, verdicts[report.ArticleId].StoryId);
        Assert.Equal(original.ArticleId, verdicts[copy.ArticleId].DuplicateOf);
        Assert.Equal(original.ArticleId, verdicts[copy.ArticleId].StoryId);
        Assert.Equal(DedupVerdict.Original, verdicts[toll.ArticleId].Verdict);
        Assert.Equal(toll.ArticleId, verdicts[toll.ArticleId].StoryId);
    }

    [Fact]
    public async Task Articles_of_one_event_in_other_words_reaching_two_replicas_at_once_share_one_story()
    {
        await using var pipeline = await DedupPipeline.StartAsync("dedup_story_replicas");
        await pipeline.StartDeduplicationAsync();
        await pipeline.StartDeduplicationAsync();

        var bridge = DedupPipeline.Fetched("https://norrvik.example/bridge", "Saltbay bridge opens", Stories.Bridge, Noon, "Norrvik Daily");
        var report = DedupPipeline.Fetched("https://radio.example/saltbay", "Norrvik drivers cross at last", Stories.BridgeReport, Noon.AddMinutes(1), "Radio North");
        var copy = DedupPipeline.Fetched("https://wire.example/news/9", "Bridge opens", Stories.BridgeSyndicated(), Noon.AddMinutes(2), "Northern Wire");
        var flood = DedupPipeline.Fetched("https://flood.example/ekdal", "Floods in Ekdal", Stories.Flood, Noon.AddMinutes(3), "Ekdal Post");
        await pipeline.AppendAsync(bridge, report, copy, flood);
        var verdicts = await pipeline.AwaitVerdictsAsync([bridge, report, copy, flood]);

        var story = verdicts[bridge.ArticleId].StoryId;
        Assert.Equal(story, verdicts[report.ArticleId].StoryId);
        Assert.Equal(story, verdicts[copy.ArticleId].StoryId);
        Assert.Contains(story, new[] { bridge.ArticleId, report.ArticleId, copy.ArticleId });
        Assert.Equal(flood.ArticleId, verdicts[flood.ArticleId].StoryId);
        Assert.Single(new[] { bridge, copy }, a => verdicts[a.ArticleId].Verdict == DedupVerdict.Original);
    }
}
