using Npgsql;

namespace MediaMonitor.Deduplication.Tests;

/// <summary>The index against the real PostgreSQL: bounded by the window, and rebuilt from the event store when lost.</summary>
public sealed class DedupIndexLifetimeTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_copy_weeks_later_matches_within_the_configured_window_not_beyond_it_and_pruning_keeps_only_the_window()
    {
        await using var pipeline = await DedupPipeline.StartAsync("dedup_window");
        pipeline.Settings["Deduplication:WindowDays"] = "14";
        var dedup = await pipeline.StartDeduplicationAsync();

        var original = DedupPipeline.Fetched("https://norrvik.example/bridge", "Saltbay bridge opens", Stories.Bridge, Noon, "Norrvik Daily");
        await pipeline.AppendAsync(original);
        await pipeline.AwaitVerdictsAsync([original]);
        var weeksLater = DedupPipeline.Fetched("https://wire.example/late", "Bridge", Stories.BridgeSyndicated(), Noon.AddDays(12), "Wire");
        await pipeline.AppendAsync(weeksLater);
        await pipeline.AwaitVerdictsAsync([weeksLater]);
        var beyond = DedupPipeline.Fetched("https://other.example/later", "Bridge", Stories.BridgeReordered(), Noon.AddDays(27), "Other");
        await pipeline.AppendAsync(beyond);
        var verdicts = await pipeline.AwaitVerdictsAsync([weeksLater, beyond]);

        Assert.Equal(original.ArticleId, verdicts[weeksLater.ArticleId].DuplicateOf);
        Assert.Equal(DedupVerdict.Original, verdicts[beyond.ArticleId].Verdict);

        // Pruning at day 27 drops what was published before day 13: the original and the early copy leave, rows stay bounded.
        var removed = await dedup.Services.GetRequiredService<DedupIndexPruner>().PruneOnceAsync(Noon.AddDays(27), CancellationToken.None);
        Assert.Equal(2, removed);
        Assert.Equal([beyond.ArticleId], await IndexedArticlesAsync(pipeline));
        Assert.Equal(0, await CountAsync(pipeline, $"select count(*) from {{0}} where published_at < '{Noon.AddDays(13):O}'", DedupTables.Keys));
        Assert.Equal(0, await CountAsync(pipeline, $"select count(*) from {{0}} where published_at < '{Noon.AddDays(27).AddHours(-36):O}'", DedupTables.StoryTerms));
    }

    [Fact]
    public async Task A_service_starting_on_a_lost_index_rebuilds_it_from_the_event_store_before_it_decides()
    {
        var now = DateTimeOffset.UtcNow;
        await using var pipeline = await DedupPipeline.StartAsync("dedup_lost");
        var first = await pipeline.StartDeduplicationAsync();
        var original = DedupPipeline.Fetched("https://norrvik.example/bridge", "Saltbay bridge opens", Stories.Bridge, now.AddHours(-3), "Norrvik Daily");
        var flood = DedupPipeline.Fetched("https://flood.example/ekdal", "Floods in Ekdal", Stories.Flood, now.AddHours(-2), "Ekdal Post");
        await pipeline.AppendAsync(original, flood);
        await pipeline.AwaitVerdictsAsync([original, flood]);
        await first.StopAsync();

        // The index is lost (a restored database, a dropped table); the events are not.
        await DeleteAllAsync(pipeline, DedupTables.StoryTerms);
        await DeleteAllAsync(pipeline, DedupTables.Keys);
        await DeleteAllAsync(pipeline, DedupTables.Articles);

        await pipeline.StartDeduplicationAsync();
        var copy = DedupPipeline.Fetched("https://wire.example/bridge", "Bridge", Stories.BridgeSyndicated(), now.AddHours(-1), "Wire");
        var report = DedupPipeline.Fetched("https://radio.example/saltbay", "Norrvik drivers cross at last", Stories.BridgeReport, now.AddMinutes(-30), "Radio North");
        await pipeline.AppendAsync(copy);
        await pipeline.AwaitVerdictsAsync([copy]);
        await pipeline.AppendAsync(report);
        var verdicts = await pipeline.AwaitVerdictsAsync([copy, report]);

        Assert.Equal(original.ArticleId, verdicts[copy.ArticleId].DuplicateOf);
        Assert.Equal(DedupVerdict.Original, verdicts[report.ArticleId].Verdict);
        Assert.Equal(original.ArticleId, verdicts[report.ArticleId].StoryId);
        Assert.Equal(4, (await IndexedArticlesAsync(pipeline)).Count);
    }

    private static async Task<List<Guid>> IndexedArticlesAsync(DedupPipeline pipeline)
    {
        await using var connection = await DataSource(pipeline).OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"select article_id from {DedupTables.Qualified(pipeline.Store, DedupTables.Articles)}", connection);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>Runs a statement on one of the index tables ({0}); returns what it selects.</summary>
    private static async Task<long> CountAsync(DedupPipeline pipeline, string sql, string table)
    {
        await using var connection = await DataSource(pipeline).OpenConnectionAsync();
        await using var command = new NpgsqlCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, DedupTables.Qualified(pipeline.Store, table)), connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task DeleteAllAsync(DedupPipeline pipeline, string table)
    {
        await using var connection = await DataSource(pipeline).OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"delete from {DedupTables.Qualified(pipeline.Store, table)}", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlDataSource DataSource(DedupPipeline pipeline) => pipeline.Relay.Services.GetRequiredService<NpgsqlDataSource>();
}
