using MassTransit;
using MediaMonitor.Alerting.Sources;
using MediaMonitor.ServiceDefaults.Jobs;

namespace MediaMonitor.Alerting.Tests.Backfill;

/// <summary>
/// A subscription's backfill as a job on the real servers: 10 stories of 3 copies each (fetched interleaved, so a story's
/// copies fall in different batches) and 10 articles the query does not match; no live matching runs (nothing relays
/// the stored EntitiesTagged), so every alert is the backfill's.
/// </summary>
public sealed class BackfillJobTests
{
    private const string Query = "Kazakhstan NATO";
    private const int Stories = 10;
    private const int Copies = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_backfill_over_thirty_matching_articles_in_batches_of_four_completes_with_done_equal_to_total_and_one_alert_per_story()
    {
        var (_, host, stories, created) = await ArrangeAsync("backfill_job", batchSize: 4);
        await using var running = host;
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await host.Services.GetRequiredService<IBus>().Publish(created);

        var job = await Eventually.Until(() => JobAsync(store, created.SubscriptionId), j => j?.State is JobState.Completed or JobState.Failed, Timeout,
            "the backfill job finished");
        Assert.Equal((JobState.Completed, (long)(Stories * Copies), (long)(Stories * Copies)), (job!.State, job.Total, job.Done));
        Assert.Equal("tenant-a", job.TenantId);
        Assert.Equal(Stories * Copies, job.Counters[MediaMonitor.Alerting.Backfill.SubscriptionBackfill.Matched]);
        await AssertOneBackfilledAlertPerStoryAsync(store, created.SubscriptionId, stories);
    }

    [Fact]
    public async Task A_backfill_whose_service_stops_half_way_is_finished_by_the_next_instance_with_no_alert_doubled()
    {
        var (settings, first, stories, created) = await ArrangeAsync("backfill_restart", batchSize: 1);
        // Stopped half-way and disposed only at the end (MassTransit's log context is process-wide: it may still be this host's).
        await using var stoppedHost = first;
        await JobSteps.StopHalfWayAsync(first, created, JobIdOf(created.SubscriptionId), Stories * Copies, Timeout);

        await using var second = await StartAlertingAsync(settings);
        var store = second.Services.GetRequiredService<IDocumentStore>();
        // The event again too, as a redelivery would bring it: it finds the job and only sends its next batch again.
        await second.Services.GetRequiredService<IBus>().Publish(created);
        var job = await Eventually.Until(() => JobAsync(store, created.SubscriptionId), j => j?.State != JobState.Running, Timeout, "the job finished");
        Assert.Equal((JobState.Completed, (long)(Stories * Copies)), (job!.State, job.Done));
        await AssertOneBackfilledAlertPerStoryAsync(store, created.SubscriptionId, stories);
    }

    [Fact]
    public async Task Subscriptions_created_together_complete_the_jobs_of_windows_without_candidates_at_once_and_backfill_the_others_as_before()
    {
        var (_, host, stories, created) = await ArrangeAsync("backfill_bulk", batchSize: 4);
        await using var running = host;
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var consumed = ConsumedMessages.Observe(host);
        var quiet = new List<SubscriptionCreated>();
        foreach (var query in new[] { "Zanzibar", "Reykjavik AND NATO", "\"Kazakhstan summit\"" })
        {
            var subscription = created with { SubscriptionId = Guid.NewGuid(), Name = query, Query = query };
            await StoreSubscriptionAsync(store, subscription);
            quiet.Add(subscription);
        }

        var bus = host.Services.GetRequiredService<IBus>();
        await Task.WhenAll([.. quiet.Append(created).Select(c => bus.Publish(c))]);

        var job = await Eventually.Until(() => JobAsync(store, created.SubscriptionId), j => j?.State is JobState.Completed or JobState.Failed, Timeout,
            "the backfill job with candidates finished");
        Assert.Equal((JobState.Completed, (long)(Stories * Copies), (long)(Stories * Copies)), (job!.State, job.Total, job.Done));
        await AssertOneBackfilledAlertPerStoryAsync(store, created.SubscriptionId, stories);
        foreach (var subscription in quiet)
        {
            var empty = await JobAsync(store, subscription.SubscriptionId);
            // Stored once, already completed (revision 1): no batch saved it again, so none ran.
            Assert.Equal((JobState.Completed, 0L, 0L, 1, 1), (empty!.State, empty.Total, empty.Done, empty.Batch, empty.Version));
            Assert.Equal(0, empty.Counters[MediaMonitor.Alerting.Backfill.SubscriptionBackfill.Matched]);
            Assert.Equal(0, consumed.Finished<RunJobBatch>(m => m.JobId == empty.Id));
        }
    }

    [Fact]
    public async Task A_backfill_whose_candidates_all_come_from_sources_the_replica_knows_does_not_read_the_sources_again()
    {
        var (_, host, stories, created) = await ArrangeAsync("backfill_sources", batchSize: 4);
        await using var running = host;
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var bus = host.Services.GetRequiredService<IBus>();
        // The first backfill finds the source (stored after this replica read the sources) by reading them again.
        await bus.Publish(created);
        await Eventually.Until(() => JobAsync(store, created.SubscriptionId), j => j?.State is JobState.Completed, Timeout, "the first backfill finished");
        var sources = host.Services.GetRequiredService<SourceWatchers>();
        var loadedAt = sources.LoadedAt;

        var second = created with { SubscriptionId = Guid.NewGuid() };
        await StoreSubscriptionAsync(store, second);
        await bus.Publish(second);
        var job = await Eventually.Until(() => JobAsync(store, second.SubscriptionId), j => j?.State is JobState.Completed or JobState.Failed, Timeout,
            "the second backfill finished");

        Assert.Equal((JobState.Completed, (long)(Stories * Copies), 8), (job!.State, job.Done, job.Batch));
        await AssertOneBackfilledAlertPerStoryAsync(store, second.SubscriptionId, stories);
        Assert.Equal(loadedAt, sources.LoadedAt);
    }

    private static async Task StoreSubscriptionAsync(IDocumentStore store, SubscriptionCreated created)
    {
        await using var session = store.LightweightSession();
        session.Events.StartStream(created.SubscriptionId, created);
        session.Store(SubscriptionRecord.Create(created));
        await session.SaveChangesAsync();
    }

    private static async Task AssertOneBackfilledAlertPerStoryAsync(IDocumentStore store, Guid subscriptionId, IReadOnlyList<Guid> stories)
    {
        await using var query = store.QuerySession();
        var raised = await query.Events.QueryRawEventDataOnly<AlertRaised>().Where(r => r.SubscriptionId == subscriptionId).ToListAsync();
        Assert.Equal(stories.Order(), raised.Select(r => r.StoryId).Order());
        Assert.All(raised, r => Assert.True(r.Backfilled));
        foreach (var story in stories)
        {
            var events = (await query.Events.FetchStreamAsync(StreamIdentity.ForAlert(subscriptionId, story))).Select(e => e.Data).ToList();
            Assert.Single(events.OfType<AlertRaised>());
            Assert.Equal(Copies - 1, events.OfType<AlertUpdated>().Count());
            Assert.Equal(Copies, events.OfType<AlertUpdated>().Last().Copies);
        }
    }

    private static async Task<(Dictionary<string, string?> Settings, ServiceHost Host, IReadOnlyList<Guid> Stories, SubscriptionCreated Created)> ArrangeAsync(
        string name, int batchSize)
    {
        var settings = (await TestEnvironment.CreateAsync(name)).Settings;
        settings["Jobs:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // No periodic read of the sources during a test: a read happens only when a backfill or a match asks for one.
        settings["Alerting:CatalogRefreshSeconds"] = "3600";
        var host = await StartAlertingAsync(settings);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var now = DateTimeOffset.UtcNow;
        var source = StreamIdentity.ForSource("tenant-a", "https://feeds.example/all.xml");
        var stories = Enumerable.Range(0, Stories).Select(_ => Guid.NewGuid()).ToList();
        await using (var session = store.LightweightSession())
        {
            // As the Api records it: the event and, inline, its read model (this host is Alerting, which runs no source projection).
            var added = new SourceAdded(source, "tenant-a", "https://feeds.example/all.xml", now.AddDays(-2));
            session.Events.StartStream(source, added);
            session.Store(SourceRecordProjection.Create(added));
            var minute = 0;
            for (var copy = 0; copy < Copies; copy++)
            {
                foreach (var (story, i) in stories.Select((s, i) => (s, i)))
                {
                    Store(session, $"https://outlet{copy}.example/story-{i}", $"NATO centre opens in Kazakhstan, part {i}", story, source, now.AddMinutes(-100 + minute++));
                }
            }

            for (var i = 0; i < 10; i++)
            {
                Store(session, $"https://outlet.example/other-{i}", $"Summit in Brussels, part {i}", Guid.NewGuid(), source, now.AddMinutes(-100 + minute++));
            }

            await session.SaveChangesAsync();
        }

        // As the Api records it: the event and, inline, its read model.
        var created = new SubscriptionCreated(Guid.NewGuid(), "tenant-a", "Backfill job", Query, null, now);
        await StoreSubscriptionAsync(store, created);
        return (settings, host, stories, created);
    }

    private static void Store(IDocumentSession session, string url, string title, Guid story, Guid source, DateTimeOffset at)
    {
        var id = StreamIdentity.ForArticle(url);
        session.Events.StartStream(id,
            new ArticleFetched(id, url, url, title, title + ". Officers from the region will train there.", at, "Outlet", source, at, "test"),
            new ArticleDeduplicated(id, DedupVerdict.Original, null, 0, story, at, "test"),
            new EntitiesTagged(id, [], at, "test"));
    }

    private static Task<ServiceHost> StartAlertingAsync(Dictionary<string, string?> settings) =>
        ServiceHost.StartAsync(AlertingHost.Wiring, settings);

    private static Guid JobIdOf(Guid subscriptionId) => SubscriptionBackfillJobs.IdFor(subscriptionId, 1);

    private static Task<JobDocument?> JobAsync(IDocumentStore store, Guid subscriptionId) => JobSteps.LoadAsync(store, JobIdOf(subscriptionId));
}
