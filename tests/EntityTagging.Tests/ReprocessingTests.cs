using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults.Jobs;
using MediaMonitor.ServiceDefaults.Entities;

namespace MediaMonitor.EntityTagging.Tests;

public sealed class ReprocessingTests
{
    private const string Text = "Analysts at the Steppe Fund said on Monday that the talks in Astana would go on.";

    [Fact]
    public async Task A_reprocessing_request_retags_the_range_with_names_defined_since_and_a_redelivered_copy_tags_nothing_twice()
    {
        var env = await TestEnvironment.CreateAsync("reprocess");
        await using var host = await env.StartAsync(EntityTaggingHost.Wiring with
        {
            Add = b =>
            {
                b.AddEntityTagging();
                // This test appends EntityDefined itself, standing in for the Api: with the Api's inline read model.
                b.Services.ConfigureMarten(opts => opts.AddOperatorEntityProjection());
            },
        });
        var consumed = ConsumedMessages.Observe(host);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var now = DateTimeOffset.UtcNow;
        var tagged = await StoreArticleAsync(store, "tagged", now.AddHours(-1), tagged: true);
        var untagged = await StoreArticleAsync(store, "not-yet-tagged", now.AddHours(-1), tagged: false);
        var older = await StoreArticleAsync(store, "older", now.AddDays(-10), tagged: true);

        // Stored, not published: the request must pick up definitions whose message has not reached this replica yet.
        var request = new ReprocessingRequested(Guid.NewGuid(), now.AddDays(-2), now.AddMinutes(1), null, now, "test");
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream(Guid.NewGuid(), new EntityDefined("", "Eurasian Steppe Fund", EntityType.Organization, ["Steppe Fund"], now, "ops"));
            session.Events.StartStream(request.RequestId, request);
            await session.SaveChangesAsync();
        }

        var bus = host.Services.GetRequiredService<IBus>();
        var messageId = Guid.NewGuid();
        await bus.Publish(request, c => c.MessageId = messageId);
        await bus.Publish(request, c => c.MessageId = messageId);
        await bus.Publish(request);

        await Eventually.Until(
            async () =>
            {
                await using var query = store.QuerySession();
                return (await query.Events.FetchStreamAsync(request.RequestId)).Select(e => e.Data).OfType<ReprocessingCompleted>().ToList();
            },
            c => c.Count >= 1, TimeSpan.FromSeconds(60), "ReprocessingCompleted");
        await consumed.WaitForAsync<ReprocessingRequested>(3, TimeSpan.FromSeconds(30)); // every copy consumed; none may tag again or complete twice

        var done = Assert.Single(await CompletedAsync(store, request.RequestId));
        Assert.Equal((2, 1, 0, 1), (done.Articles, done.Retagged, done.AlreadyCurrent, done.Skipped));
        var retagged = await TaggedAsync(store, tagged);
        Assert.Equal(2, retagged.Count);
        var latest = retagged[^1];
        Assert.Equal(request.RequestId, latest.ReprocessingId);
        Assert.Equal(host.Services.GetRequiredService<ArticleTagger>().Version, latest.TaggerVersion);
        Assert.Equal(done.TaggerVersion, latest.TaggerVersion);
        Assert.DoesNotContain(";aliases=0", latest.TaggerVersion, StringComparison.Ordinal);
        var fund = Assert.Single(latest.Entities, e => e.Name == "Eurasian Steppe Fund");
        Assert.Contains("Steppe Fund", fund.SurfaceForms);
        Assert.Empty(await TaggedAsync(store, untagged));
        Assert.Single(await TaggedAsync(store, older));
        await using var jobs = store.QuerySession();
        var job = await jobs.LoadAsync<JobDocument>(request.RequestId);
        Assert.Equal((JobState.Completed, 2L, 2L, 1L), (job!.State, job.Done, job.Total, job.Counters["retagged"]));
    }

    private static async Task<Guid> StoreArticleAsync(IDocumentStore store, string slug, DateTimeOffset fetchedAt, bool tagged)
    {
        var url = $"https://news.example.org/{slug}-{Guid.NewGuid():N}";
        var id = StreamIdentity.ForArticle(url);
        await using var session = store.LightweightSession();
        session.Events.StartStream(id,
            new ArticleDiscovered(id, url, url, Guid.NewGuid(), "Fund", fetchedAt, fetchedAt, "test"),
            new ArticleFetched(id, url, url, "Steppe Fund on the Astana talks", Text, null, "Example", Guid.NewGuid(), fetchedAt, "test"),
            new ArticleDeduplicated(id, DedupVerdict.Original, null, 0, Guid.NewGuid(), fetchedAt, "test"));
        if (tagged)
        {
            session.Events.Append(id, new EntitiesTagged(id, [], fetchedAt, "old-model;aliases=0"));
        }

        await session.SaveChangesAsync();
        return id;
    }

    private static async Task<List<ReprocessingCompleted>> CompletedAsync(IDocumentStore store, Guid requestId)
    {
        await using var query = store.QuerySession();
        return (await query.Events.FetchStreamAsync(requestId)).Select(e => e.Data).OfType<ReprocessingCompleted>().ToList();
    }

    private static async Task<List<EntitiesTagged>> TaggedAsync(IDocumentStore store, Guid articleId)
    {
        await using var query = store.QuerySession();
        return (await query.Events.FetchStreamAsync(articleId)).Select(e => e.Data).OfType<EntitiesTagged>().ToList();
    }
}
