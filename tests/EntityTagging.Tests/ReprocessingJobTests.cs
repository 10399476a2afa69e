using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults.Jobs;

namespace MediaMonitor.EntityTagging.Tests;

/// <summary>Reprocessing as a job on the real servers: one article per batch, so there is time to stop or cancel it half-way.</summary>
public sealed class ReprocessingJobTests
{
    private const int Articles = 40;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_job_whose_service_stops_half_way_is_finished_by_the_next_instance_from_its_checkpoint_with_nothing_tagged_twice()
    {
        var (settings, first, articles, request) = await ArrangeAsync("reprocess_restart");
        // Stopped half-way and disposed only at the end (MassTransit's log context is process-wide: it may still be this host's).
        await using var stoppedHost = first;
        await JobSteps.StopHalfWayAsync(first, request, request.RequestId, Articles, Timeout);

        await using var second = await StartAsync(settings);
        var store = second.Services.GetRequiredService<IDocumentStore>();
        var done = await Eventually.Until(() => JobAsync(store, request.RequestId), j => j?.State != JobState.Running, Timeout, "the job finished");
        await AssertEachArticleTaggedOnceMoreAsync(store, articles, request.RequestId, done!);
    }

    [Fact]
    public async Task A_cancelled_job_stops_where_it_was_and_resumes_from_there_to_the_end_with_nothing_tagged_twice()
    {
        var (_, host, articles, request) = await ArrangeAsync("reprocess_cancel");
        await using var running = host;
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var jobs = host.Services.GetRequiredService<JobControl>();
        var consumed = ConsumedMessages.Observe(host);
        await host.Services.GetRequiredService<IBus>().Publish(request);
        await Eventually.Until(() => JobAsync(store, request.RequestId), j => j is { Done: >= 2 }, Timeout, "two batches saved");

        var (cancelled, error) = await jobs.CancelAsync(request.RequestId, CancellationToken.None);
        Assert.Null(error);
        Assert.True(cancelled!.Done < Articles, $"the job finished before the cancel ({cancelled.Done} done)");
        // A batch that was running when the cancel was saved rolls back; nothing after it runs. Quiet once the batch the job
        // was waiting for (running at the cancel, or sent before it) has been consumed.
        await consumed.WaitForAsync<RunJobBatch>(b => b.JobId == request.RequestId && b.Batch == cancelled.Batch, Timeout, "the batch after the cancel consumed");
        var still = (await JobAsync(store, request.RequestId))!;
        Assert.Equal((JobState.Cancelled, cancelled.Done, cancelled.Version), (still.State, still.Done, still.Version));
        Assert.Equal(cancelled.Done, (await RetaggedAsync(store, articles, request.RequestId)).Count);
        Assert.Empty(await CompletedAsync(store, request.RequestId));

        var (resumed, resumeError) = await jobs.ResumeAsync(request.RequestId, CancellationToken.None);
        Assert.Null(resumeError);
        Assert.Equal(cancelled.Checkpoint, resumed!.Checkpoint);
        var done = await Eventually.Until(() => JobAsync(store, request.RequestId), j => j?.State != JobState.Running, Timeout, "the resumed job finished");
        await AssertEachArticleTaggedOnceMoreAsync(store, articles, request.RequestId, done!);
    }

    private static async Task AssertEachArticleTaggedOnceMoreAsync(IDocumentStore store, IReadOnlyList<Guid> articles, Guid requestId, JobDocument job)
    {
        Assert.Equal((JobState.Completed, (long)Articles, (long)Articles, (long)Articles), (job.State, job.Done, job.Total, job.Counters["retagged"]));
        await using var query = store.QuerySession();
        foreach (var id in articles)
        {
            var tags = (await query.Events.FetchStreamAsync(id)).Select(e => e.Data).OfType<EntitiesTagged>().ToList();
            Assert.Equal(2, tags.Count);
            Assert.Equal(requestId, tags[^1].ReprocessingId);
        }

        var completed = Assert.Single(await CompletedAsync(store, requestId));
        Assert.Equal((Articles, Articles), (completed.Articles, completed.Retagged));
    }

    private static async Task<(Dictionary<string, string?> Settings, ServiceHost Host, IReadOnlyList<Guid> Articles, ReprocessingRequested Request)> ArrangeAsync(
        string name)
    {
        var settings = (await TestEnvironment.CreateAsync(name)).Settings;
        settings["Jobs:BatchSize"] = "1";
        var now = DateTimeOffset.UtcNow;
        var request = new ReprocessingRequested(Guid.NewGuid(), now.AddDays(-1), now.AddMinutes(5), null, now, "test");
        var articles = new List<Guid>();
        // Stored before the request is published; the service's article projection catches up before the first batch.
        var host = await StartAsync(settings);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            for (var i = 0; i < Articles; i++)
            {
                var url = $"https://news.example.org/steppe-{i}-{Guid.NewGuid():N}";
                var id = StreamIdentity.ForArticle(url);
                var at = now.AddMinutes(-i);
                session.Events.StartStream(id,
                    new ArticleDiscovered(id, url, url, Guid.NewGuid(), "Fund", at, at, "test"),
                    new ArticleFetched(id, url, url, $"Steppe Fund story {i}", "Analysts at the Steppe Fund spoke in Astana.", null, "Example", Guid.NewGuid(), at, "test"),
                    new ArticleDeduplicated(id, DedupVerdict.Original, null, 0, Guid.NewGuid(), at, "test"),
                    new EntitiesTagged(id, [], at, "old-model;aliases=0"));
                articles.Add(id);
            }

            session.Events.StartStream(request.RequestId, request);
            await session.SaveChangesAsync();
        }

        return (settings, host, articles, request);
    }

    private static Task<ServiceHost> StartAsync(Dictionary<string, string?> settings) =>
        ServiceHost.StartAsync(EntityTaggingHost.Wiring, settings);

    private static Task<JobDocument?> JobAsync(IDocumentStore store, Guid id) => JobSteps.LoadAsync(store, id);

    private static async Task<List<Guid>> RetaggedAsync(IDocumentStore store, IReadOnlyList<Guid> articles, Guid requestId)
    {
        await using var query = store.QuerySession();
        var retagged = new List<Guid>();
        foreach (var id in articles)
        {
            var tags = (await query.Events.FetchStreamAsync(id)).Select(e => e.Data).OfType<EntitiesTagged>().ToList();
            Assert.True(tags.Count <= 2, $"article {id} was tagged {tags.Count} times");
            if (tags.Count == 2 && tags[^1].ReprocessingId == requestId)
            {
                retagged.Add(id);
            }
        }

        return retagged;
    }

    private static async Task<List<ReprocessingCompleted>> CompletedAsync(IDocumentStore store, Guid requestId)
    {
        await using var query = store.QuerySession();
        return (await query.Events.FetchStreamAsync(requestId)).Select(e => e.Data).OfType<ReprocessingCompleted>().ToList();
    }
}
