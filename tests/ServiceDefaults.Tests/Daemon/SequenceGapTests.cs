namespace MediaMonitor.ServiceDefaults.Tests.Daemon;

public sealed class SequenceGapTests
{
    [Fact]
    public async Task A_dead_gap_in_the_event_sequence_holds_the_relay_for_the_configured_threshold_not_for_marten_s_three_seconds()
    {
        var env = await TestEnvironment.CreateAsync("seqgap");
        var settings = env.Settings;
        settings["EventStore:StaleSequenceThresholdMilliseconds"] = "60000";
        var received = new ConcurrentDictionary<Guid, ArticleFetched>();
        await using var host = await RelayLoop.StartAsync<RecordingConsumer>(settings, "SequenceGapTest", [typeof(ArticleFetched)], s => s.AddSingleton(received));
        var store = host.Services.GetRequiredService<IDocumentStore>();

        var before = await AppendAsync(store, "https://example.org/gap/before");
        await Eventually.Until(() => Task.FromResult(Relayed(received, before)), seen => seen, TimeSpan.FromSeconds(15), "the article before the gap relayed");

        // A number drawn and never used: what an append that rolled back leaves in mt_events.
        await using (var connection = new NpgsqlConnection(env.ConnectionString))
        {
            await connection.OpenAsync();
            await using var draw = new NpgsqlCommand($"select nextval('{store.Options.Events.DatabaseSchemaName}.mt_events_sequence')", connection);
            await draw.ExecuteScalarAsync();
        }

        var after = await AppendAsync(store, "https://example.org/gap/after");
        // Marten's default (3 s) would have skipped the gap by now; the configured minute has not passed.
        await Task.Delay(TimeSpan.FromSeconds(6));

        Assert.False(Relayed(received, after), "the article behind the gap was relayed before the configured threshold");
    }

    private static bool Relayed(ConcurrentDictionary<Guid, ArticleFetched> received, Guid articleId) => received.Values.Any(m => m.ArticleId == articleId);

    private static async Task<Guid> AppendAsync(IDocumentStore store, string url)
    {
        var id = StreamIdentity.ForArticle(url);
        await using var session = store.LightweightSession();
        session.Events.StartStream(id, new ArticleFetched(id, url, url, "T", "Body", null, "Example", Guid.NewGuid(), DateTimeOffset.UtcNow, "test"));
        await session.SaveChangesAsync();
        return id;
    }
}
