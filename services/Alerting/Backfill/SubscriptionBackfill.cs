using Marten;
using MediaMonitor.Alerting.Alerts;
using MediaMonitor.Alerting.Sources;
using MediaMonitor.Alerting.Matching;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts.Api;
using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults.Articles;
using MediaMonitor.ServiceDefaults.Jobs;
using MediaMonitor.Text.Querying;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Alerting.Backfill;

/// <summary>
/// The subscription-backfill job: runs a subscription's query over the stored articles of the last Alerting:BackfillDays
/// days with the live matcher (the same <see cref="Matching.SubscriptionIndex{T}"/>), over the sources its tenant
/// watches, with the same throttling, so its inbox shows what it would have caught; those alerts are marked backfilled
/// and not pushed. Only articles fetched before the subscription (or its new query) took effect: later ones are live
/// matching's, so an article never races into a backfilled alert instead of a pushed one. A batch reads a page of the
/// article read model (preselected by the full-text index, in fetched-time order) and appends its alerts in the job's
/// transaction; a batch run again after a collision with live matching only adds what is missing.
/// </summary>
public sealed class SubscriptionBackfill(
    IDocumentStore store,
    ArticleSearch search,
    SourceWatchers sources,
    IOptions<AlertingOptions> options,
    TimeProvider clock,
    ILogger<SubscriptionBackfill> logger) : IJobKind
{
    public const string Matched = "matched";
    public const string AlertEvents = "alertEvents";

    /// <summary>How long <see cref="PlanAsync"/> waits for the article read model before it leaves every job to its first batch.</summary>
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(5);

    public string Kind => JobKinds.SubscriptionBackfill;

    /// <summary>
    /// New backfill jobs as they are to be stored. Once the article read model holds everything stored before now (one
    /// wait for all of them), one round trip asks which windows hold any candidate article: a job whose window holds none
    /// is completed at once, as its one batch over an empty page would have left it, so it sends no message and reads no
    /// page (a bulk import of subscriptions over a quiet history costs one insert each); the others are left to run as
    /// before. If the read model has not caught up within a few seconds, every job is left to run: its first batch waits
    /// (Alerting:BackfillProjectionWaitSeconds) and fails visibly if the read model is still behind.
    /// </summary>
    public async Task<IReadOnlyList<JobDocument>> PlanAsync(IReadOnlyList<(JobDocument Job, Subscription Subscription)> starts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(starts);
        if (starts.Count == 0 || !await search.WaitForProjectionAsync(StartWait, cancellationToken))
        {
            return [.. starts.Select(s => s.Job)];
        }

        var any = await search.AnyAsync([.. starts.Select(s => Scan(s.Job, s.Subscription))], cancellationToken);
        var now = clock.GetUtcNow();
        return [.. starts.Select((s, i) => any[i] ? s.Job : s.Job.WithNothingInScope(Result(0, null, finished: true, 0, 0), now))];
    }

    public async Task<long> CountAsync(JobDocument job, CancellationToken cancellationToken)
    {
        // The article read model is projected asynchronously: wait until it holds everything stored before now.
        if (!await search.WaitForProjectionAsync(TimeSpan.FromSeconds(options.Value.BackfillProjectionWaitSeconds), cancellationToken))
        {
            throw new InvalidOperationException("the article read model is behind the event store (is a daemon running the articles projection?)");
        }

        await using var query = store.QuerySession();
        return await LoadAsync(query, job, cancellationToken) is { } subscription ? await search.CountAsync(Scan(job, subscription), cancellationToken) : 0;
    }

    public async Task<JobBatchResult> RunBatchAsync(JobDocument job, IDocumentSession session, int size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(session);
        if (await LoadAsync(session, job, cancellationToken) is not { } subscription)
        {
            return JobBatchResult.Nothing("the subscription's query does not parse");
        }

        var page = await search.PageAsync(Scan(job, subscription), ArticlePosition.Parse(job.Checkpoint), size, cancellationToken);
        var audience = await AudienceAsync(session, page, subscription.TenantId, cancellationToken);
        var index = new Matching.SubscriptionIndex<Subscription>([subscription], s => s.Query);
        var matched = new List<ArticleFacts>();
        foreach (var ((record, text), _) in page)
        {
            // Only articles from sources the subscription's tenant watches, as live matching, and only what it had seen (tagged).
            if (record.Matchable && Reaches(audience, record, subscription.TenantId)
                && ArticleFacts.From(record, text) is var article && index.Match(article.ToDocument()).Count > 0)
            {
                matched.Add(article);
            }
        }

        var appended = 0;
        foreach (var story in matched.GroupBy(a => a.StoryId))
        {
            appended += await AppendAlertAsync(session, subscription, story, cancellationToken);
        }

        var finished = page.Count < size;
        if (finished)
        {
            logger.LogInformation("Backfill of subscription {SubscriptionId} ({Query}): {Articles} candidate articles, {Matched} matched, {Appended} alert events",
                subscription.Id, subscription.QueryText, job.Done + page.Count, job.Counters.GetValueOrDefault(Matched) + matched.Count,
                job.Counters.GetValueOrDefault(AlertEvents) + appended);
        }

        return Result(page.Count, page.Count > 0 ? page[^1].Position.ToString() : null, finished, matched.Count, appended);
    }

    private static JobBatchResult Result(int processed, string? checkpoint, bool finished, long matched, long alertEvents) =>
        new(processed, checkpoint, finished, new Dictionary<string, long> { [Matched] = matched, [AlertEvents] = alertEvents });

    /// <summary>
    /// Who watches the page's sources: this replica's copy, read from the source read model only when the copy would turn
    /// away one of the page's candidates (a source added since the copy was read), so the answer is the one a read of the
    /// read model before every batch gave, without reading every source for every batch (and for no page at all).
    /// </summary>
    private async Task<SourceAudience> AudienceAsync(IQuerySession session, IReadOnlyList<(ArticleCandidate Candidate, ArticlePosition Position)> page,
        string tenantId, CancellationToken ct)
    {
        if (page.Count == 0)
        {
            return sources.Audience;
        }

        await sources.EnsureLoadedAsync(session, ct);
        if (page.Any(c => c.Candidate.Record is { Matchable: true, SourceId: { } source } && !sources.Audience.Reaches(source, tenantId)))
        {
            await sources.LoadAsync(session, ct);
        }

        return sources.Audience;
    }

    private static bool Reaches(SourceAudience audience, ArticleRecord record, string tenantId) =>
        record.SourceId is { } source && audience.Reaches(source, tenantId);

    private async Task<int> AppendAlertAsync(IDocumentSession session, Subscription subscription, IGrouping<Guid, ArticleFacts> story, CancellationToken ct)
    {
        var alertId = StreamIdentity.ForAlert(subscription.Id, story.Key);
        var state = AlertState.From(alertId, (await session.Events.FetchStreamAsync(alertId, token: ct)).Select(e => e.Data));
        var existed = state.Exists;
        var version = state.Version;
        var events = new List<object>();
        foreach (var article in story)
        {
            var decided = AlertDecisions.Decide(state, subscription, article, clock.GetUtcNow(), options.Value.MatcherVersion, backfill: true);
            events.AddRange(decided);
            state = decided.Aggregate(state, AlertState.Apply);
        }

        if (events.Count == 0)
        {
            return 0;
        }

        // At the version read: live matching appending meanwhile fails the batch, which runs again and adds only what is missing.
        if (existed)
        {
            session.Events.Append(alertId, version + events.Count, [.. events]);
        }
        else
        {
            session.Events.StartStream(alertId, [.. events]);
        }

        return events.Count;
    }

    /// <summary>The subscription as its stream stood at the job's event (a later change backfills its own query), or null if that query does not parse.</summary>
    private static async Task<Subscription?> LoadAsync(IQuerySession session, JobDocument job, CancellationToken ct)
    {
        var (subscriptionId, version, _, _) = SubscriptionBackfillJobs.Parameters(job);
        var stream = await session.Events.FetchStreamAsync(subscriptionId, token: ct);
        var history = SubscriptionHistory.Fold(stream.Where(e => e.Version <= version).Select(e => e.Data));
        return history.Subscription is { } s && stream.FirstOrDefault(e => e.Version == version)?.Data switch
        {
            SubscriptionQueryChanged changed => s.QueryText == changed.Query,
            _ => true,
        } ? s : null;
    }

    private static ArticleScan Scan(JobDocument job, Subscription subscription)
    {
        var (_, _, from, to) = SubscriptionBackfillJobs.Parameters(job);
        return new ArticleScan { Prefilter = SearchPrefilter.For(subscription.Query), FetchedFrom = from, FetchedTo = to };
    }
}
