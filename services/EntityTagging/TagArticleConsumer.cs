using System.Diagnostics;
using System.Diagnostics.Metrics;
using JasperFx.Events;
using Marten;
using MassTransit;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.ServiceDefaults.Articles;

namespace MediaMonitor.EntityTagging;

/// <summary>
/// Tags each deduplicated article: loads its ArticleFetched text from the article stream and appends EntitiesTagged.
/// Idempotent: an article already tagged is skipped (tagging it again is reprocessing's job), and the append expects the
/// stream version it read, so two replicas racing on one article yield one EntitiesTagged (the loser retries and skips).
/// </summary>
public sealed class TagArticleConsumer(IDocumentStore store, OperatorEntities operatorEntities, ArticleTagger tagger, ServiceTelemetry telemetry, TaggingMetrics metrics,
    TimeProvider time, ILogger<TagArticleConsumer> logger) : IConsumer<ArticleDeduplicated>
{
    public async Task Consume(ConsumeContext<ArticleDeduplicated> context)
    {
        var articleId = context.Message.ArticleId;
        using var activity = telemetry.ActivitySource.StartActivity("tag article");
        activity?.SetTag("mediamonitor.article_id", articleId);
        await using var session = store.LightweightSession();
        var events = await session.Events.FetchStreamAsync(articleId, token: context.CancellationToken);
        if (events.Any(e => e.Data is EntitiesTagged))
        {
            activity?.SetTag("mediamonitor.duplicate", true);
            return;
        }

        var fetched = ArticleRecord.LatestFetch(events.Select(e => e.Data))
            ?? throw new InvalidOperationException(
                $"Article {articleId} has no ArticleFetched event in its stream ({events.Count} events); nothing to tag.");
        // The operators' names are part of the tagger: never tag (and acknowledge) before this replica has read them.
        await operatorEntities.EnsureLoadedAsync(session, context.CancellationToken);
        var clock = Stopwatch.StartNew();
        var (entities, version) = tagger.TagVersioned(fetched.Title, fetched.Text);
        metrics.Tagged(clock.Elapsed, entities.Count);
        session.Events.Append(articleId, events[^1].Version + 1,
            new EntitiesTagged(articleId, entities, time.GetUtcNow(), version));
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
        }
        catch (Exception ex) when (WriteConflict.Is(ex))
        {
            // Another replica, or a redelivered copy of this message, appended first. If that was our EntitiesTagged we are
            // done; anything else is unexpected in the article stream, so let the bus retry and re-read.
            await using var query = store.QuerySession();
            var now = await query.Events.FetchStreamAsync(articleId, token: context.CancellationToken);
            if (now.Any(e => e.Data is EntitiesTagged))
            {
                return;
            }

            throw;
        }

        logger.LogInformation("Tagged article {ArticleId}: {Count} entities", articleId, entities.Count);
    }
}

/// <summary>Articles tagged, entities found and tagging time, on the service's Meter.</summary>
public sealed class TaggingMetrics
{
    private readonly Counter<long> _articles;
    private readonly Counter<long> _entities;
    private readonly Histogram<double> _duration;

    public TaggingMetrics(ServiceTelemetry telemetry)
    {
        _articles = telemetry.Meter.CreateCounter<long>("mediamonitor.tagging.articles", description: "Articles tagged");
        _entities = telemetry.Meter.CreateCounter<long>("mediamonitor.tagging.entities", description: "Entities found in tagged articles");
        _duration = telemetry.Meter.CreateHistogram<double>("mediamonitor.tagging.duration", "s", "Time to tag one article");
    }

    public void Tagged(TimeSpan took, int entities)
    {
        _articles.Add(1);
        _entities.Add(entities);
        _duration.Record(took.TotalSeconds);
    }
}
