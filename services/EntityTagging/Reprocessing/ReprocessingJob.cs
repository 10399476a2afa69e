using System.Diagnostics;
using Marten;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.EntityTagging.Gazetteers;
using MediaMonitor.ServiceDefaults.Articles;
using MediaMonitor.ServiceDefaults.Jobs;
using Microsoft.Extensions.Options;

namespace MediaMonitor.EntityTagging.Reprocessing;

/// <summary>
/// Tags the articles whose latest fetch is in the request's range again, a batch at a time in (fetched time, id) order
/// from the article read model: reloads every operator definition (so names defined just before the request apply),
/// appends EntitiesTagged with the new TaggerVersion and the request's id where <see cref="ReprocessingDecision"/> says so,
/// and with the last batch closes the request with ReprocessingCompleted. Articles this request (or the current tagger
/// version) already tagged are left alone, so even a batch run again tags nothing twice.
/// </summary>
public sealed class ReprocessingJob(OperatorEntities operatorEntities, ArticleSearch search, Gazetteer gazetteer, ArticleTagger tagger, TaggingMetrics metrics,
    IOptions<EntityTaggingOptions> options, TimeProvider time, ILogger<ReprocessingJob> logger) : IJobKind
{
    public const string Retagged = "retagged";
    public const string AlreadyCurrent = "alreadyCurrent";
    public const string Skipped = "skipped";

    public string Kind => JobKinds.Reprocessing;

    public async Task<long> CountAsync(JobDocument job, CancellationToken cancellationToken)
    {
        // The read model is projected asynchronously: it must hold every article stored before the job began.
        if (!await search.WaitForProjectionAsync(TimeSpan.FromSeconds(options.Value.ReprocessingProjectionWaitSeconds), cancellationToken))
        {
            throw new InvalidOperationException("the article read model is behind the event store (is a daemon running the articles projection?)");
        }

        return await search.CountAsync(Scan(job), cancellationToken);
    }

    public async Task<JobBatchResult> RunBatchAsync(JobDocument job, IDocumentSession session, int size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(session);
        await operatorEntities.LoadAsync(session, cancellationToken);
        var entityId = ReprocessingJobs.Range(job).EntityId;
        var names = entityId is { Length: > 0 }
            ? ReprocessingDecision.FoldedNames([.. gazetteer.AliasesOf(entityId), .. gazetteer.ById(entityId) is { } e ? [e.Name] : Array.Empty<string>()])
            : [];
        if (entityId is { Length: > 0 } && names.Count == 0 && job.Batch == 0)
        {
            logger.LogWarning("Reprocessing {RequestId}: the tagger knows no entity {EntityId}; nothing is in scope", job.Id, entityId);
        }

        var page = await search.PageAsync(Scan(job), ArticlePosition.Parse(job.Checkpoint), size, cancellationToken);
        var counts = new Dictionary<ReprocessingOutcome, int>();
        foreach (var (candidate, _) in page)
        {
            var outcome = entityId is { Length: > 0 } && !ReprocessingDecision.InScope(candidate.Record.Title, candidate.Text, names)
                ? ReprocessingOutcome.OutOfScope
                : await RetagAsync(session, candidate.Record.Id, job.Id, cancellationToken);
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
        }

        var counters = new Dictionary<string, long>
        {
            [Retagged] = counts.GetValueOrDefault(ReprocessingOutcome.Retag) + counts.GetValueOrDefault(ReprocessingOutcome.DoneByThisRequest),
            [AlreadyCurrent] = counts.GetValueOrDefault(ReprocessingOutcome.AlreadyCurrent),
            [Skipped] = counts.GetValueOrDefault(ReprocessingOutcome.NotReady) + counts.GetValueOrDefault(ReprocessingOutcome.OutOfScope),
        };
        var finished = page.Count < size;
        if (finished)
        {
            await CompleteAsync(session, job, page.Count, counters, cancellationToken);
        }

        return new JobBatchResult(page.Count, page.Count > 0 ? page[^1].Position.ToString() : null, finished, counters);
    }

    private static ArticleScan Scan(JobDocument job)
    {
        var (from, to, _) = ReprocessingJobs.Range(job);
        return new ArticleScan { FetchedFrom = from, FetchedTo = to };
    }

    private async Task<ReprocessingOutcome> RetagAsync(IDocumentSession session, Guid articleId, Guid requestId, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(articleId, token: ct);
        var data = events.Select(e => e.Data).ToList();
        var outcome = ReprocessingDecision.Decide(data, requestId, tagger.Version);
        if (outcome != ReprocessingOutcome.Retag || ArticleRecord.LatestFetch(data) is not { } fetched)
        {
            return outcome == ReprocessingOutcome.Retag ? ReprocessingOutcome.NotReady : outcome;
        }

        var clock = Stopwatch.StartNew();
        var (entities, version) = tagger.TagVersioned(fetched.Title, fetched.Text);
        if (ReprocessingDecision.Decide(data, requestId, version) is var now && now != ReprocessingOutcome.Retag)
        {
            return now;
        }

        metrics.Tagged(clock.Elapsed, entities.Count);
        // At the version read: live tagging appending meanwhile fails the batch, which runs again (and skips what is current).
        session.Events.Append(articleId, events[^1].Version + 1, new EntitiesTagged(articleId, entities, time.GetUtcNow(), version, requestId));
        return ReprocessingOutcome.Retag;
    }

    private async Task CompleteAsync(IDocumentSession session, JobDocument job, int lastPage, Dictionary<string, long> counters, CancellationToken ct)
    {
        long Total(string name) => job.Counters.GetValueOrDefault(name) + counters[name];
        var completed = new ReprocessingCompleted(job.Id, (int)(job.Done + lastPage), (int)Total(Retagged), (int)Total(AlreadyCurrent), (int)Total(Skipped),
            tagger.Version, time.GetUtcNow());
        var stream = await session.Events.FetchStreamStateAsync(job.Id, ct);
        if (stream is null)
        {
            session.Events.StartStream(job.Id, completed);
        }
        else
        {
            session.Events.Append(job.Id, stream.Version + 1, completed);
        }

        logger.LogInformation(
            "Reprocessing {RequestId} done in {Seconds:0.0} s: {Articles} articles, {Retagged} tagged again, {Current} already current, {Skipped} skipped",
            job.Id, (time.GetUtcNow() - job.StartedAt).TotalSeconds, completed.Articles, completed.Retagged, completed.AlreadyCurrent, completed.Skipped);
    }
}
