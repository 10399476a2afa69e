using System.Diagnostics;
using JasperFx.Events;
using Marten;
using MassTransit;
using MediaMonitor.Contracts;
using MediaMonitor.EntityTagging.Gazetteers;
using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.EntityTagging.Reprocessing;

/// <summary>
/// Runs a ReprocessingRequested: reloads every operator definition (so names defined just before the request apply,
/// whichever queue delivered first), then tags every article fetched in the range again with the current model and alias
/// set, appending EntitiesTagged with the new TaggerVersion and the request's id, and closes the request with
/// ReprocessingCompleted. Idempotent: a redelivered request skips articles it (or the same tagger version) already tagged,
/// and a completed request does nothing. One replica runs a request (a shared queue).
/// </summary>
public sealed class ReprocessArticlesConsumer(IDocumentStore store, Gazetteer gazetteer, ArticleTagger tagger, ServiceTelemetry telemetry,
    TaggingMetrics metrics, TimeProvider time, ILogger<ReprocessArticlesConsumer> logger) : IConsumer<ReprocessingRequested>
{
    private const int PageSize = 200;

    public async Task Consume(ConsumeContext<ReprocessingRequested> context)
    {
        var request = context.Message;
        var ct = context.CancellationToken;
        using var activity = telemetry.ActivitySource.StartActivity("reprocess articles");
        activity?.SetTag("mediamonitor.reprocessing_id", request.RequestId);
        IReadOnlyList<IEvent> requestStream;
        await using (var query = store.QuerySession())
        {
            requestStream = await query.Events.FetchStreamAsync(request.RequestId, token: ct);
        }

        if (requestStream.Any(e => e.Data is ReprocessingCompleted))
        {
            return;
        }

        await OperatorEntities.LoadAllAsync(store, gazetteer, ct);
        var names = request.EntityId is { Length: > 0 } entityId
            ? ReprocessingDecision.FoldedNames([.. gazetteer.AliasesOf(entityId), .. gazetteer.ById(entityId) is { } e ? [e.Name] : Array.Empty<string>()])
            : [];
        if (request.EntityId is { Length: > 0 } && names.Count == 0)
        {
            logger.LogWarning("Reprocessing {RequestId}: the tagger knows no entity {EntityId}; nothing is in scope", request.RequestId, request.EntityId);
        }

        var counts = new Dictionary<ReprocessingOutcome, int>();
        var seen = new HashSet<Guid>();
        var clock = Stopwatch.StartNew();
        for (var page = 0; ; page++)
        {
            List<ArticleFetched> fetched;
            await using (var query = store.QuerySession())
            {
                fetched = [.. await query.Events.QueryRawEventDataOnly<ArticleFetched>()
                    .Where(f => f.FetchedAt >= request.From && f.FetchedAt < request.To)
                    .OrderBy(f => f.FetchedAt)
                    .Skip(page * PageSize).Take(PageSize)
                    .ToListAsync(ct)];
            }

            foreach (var article in fetched.Where(f => seen.Add(f.ArticleId)))
            {
                var outcome = request.EntityId is { Length: > 0 } && !ReprocessingDecision.InScope(article, names)
                    ? ReprocessingOutcome.OutOfScope
                    : await ReprocessAsync(article.ArticleId, request.RequestId, ct);
                counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
            }

            if (fetched.Count < PageSize)
            {
                break;
            }
        }

        var completed = new ReprocessingCompleted(request.RequestId, seen.Count,
            counts.GetValueOrDefault(ReprocessingOutcome.Retag) + counts.GetValueOrDefault(ReprocessingOutcome.DoneByThisRequest),
            counts.GetValueOrDefault(ReprocessingOutcome.AlreadyCurrent),
            counts.GetValueOrDefault(ReprocessingOutcome.NotReady) + counts.GetValueOrDefault(ReprocessingOutcome.OutOfScope),
            tagger.Version, time.GetUtcNow());
        await using var session = store.LightweightSession();
        if (requestStream.Count == 0)
        {
            session.Events.StartStream(request.RequestId, request, completed);
        }
        else
        {
            session.Events.Append(request.RequestId, requestStream[^1].Version + 1, completed);
        }

        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (WriteConflict.Is(ex))
        {
            // A redelivered copy finished first; its ReprocessingCompleted stands.
            return;
        }

        logger.LogInformation(
            "Reprocessing {RequestId} done in {Seconds:0.0} s: {Articles} articles, {Retagged} tagged again, {Current} already current, {Skipped} skipped",
            request.RequestId, clock.Elapsed.TotalSeconds, completed.Articles, completed.Retagged, completed.AlreadyCurrent, completed.Skipped);
    }

    private async Task<ReprocessingOutcome> ReprocessAsync(Guid articleId, Guid requestId, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var events = await session.Events.FetchStreamAsync(articleId, token: ct);
            var data = events.Select(e => e.Data).ToList();
            var outcome = ReprocessingDecision.Decide(data, requestId, tagger.Version);
            if (outcome != ReprocessingOutcome.Retag)
            {
                return outcome;
            }

            var fetched = data.OfType<ArticleFetched>().Last();
            var clock = Stopwatch.StartNew();
            var (entities, version) = tagger.TagVersioned(fetched.Title, fetched.Text);
            if (ReprocessingDecision.Decide(data, requestId, version) is var now && now != ReprocessingOutcome.Retag)
            {
                return now;
            }

            metrics.Tagged(clock.Elapsed, entities.Count);
            session.Events.Append(articleId, events[^1].Version + 1, new EntitiesTagged(articleId, entities, time.GetUtcNow(), version, requestId));
            try
            {
                await session.SaveChangesAsync(ct);
                return ReprocessingOutcome.Retag;
            }
            catch (Exception ex) when (WriteConflict.Is(ex) && attempt < 3)
            {
                // Something else appended to the article meanwhile (live tagging, another request): read it again.
            }
        }
    }
}
