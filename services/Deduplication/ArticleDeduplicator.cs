using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Marten;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Deduplication.Decisions;
using MediaMonitor.Deduplication.Fingerprinting;
using MediaMonitor.Deduplication.Index;
using MediaMonitor.Deduplication.Stories;
using MediaMonitor.ServiceDefaults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaMonitor.Deduplication;

/// <summary>
/// Decides one fetched article and records the verdict. The article is fingerprinted and the story window's statistics
/// (which of its story terms are informative) are read by the caller, concurrently with other messages; the decision
/// itself waits for a turn: decisions waiting in this replica are taken together as one <see cref="DecisionBatch"/> (one
/// transaction, one set of advisory locks, one commit), so concurrent messages do not queue behind each other's locks
/// and commits one by one. Before the first decision it rebuilds an empty index from the event store and learns the site
/// templates of the newest indexed pages (<see cref="SiteTemplateWarmup"/>).
/// </summary>
public sealed partial class ArticleDeduplicator : IDisposable
{
    /// <summary>
    /// At most this many decisions in one transaction: the service's ConcurrentMessageLimit, so a batch holds no more
    /// advisory locks (PostgreSQL's shared lock table) than that many lone decisions held at once before batches.
    /// </summary>
    public const int MaxBatch = 16;

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresStoryIndex _stories;
    private readonly DecisionBatch _decisions;
    private readonly ConcurrentQueue<PendingDecision> _waiting = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly DedupIndexRebuilder _rebuilder;
    private readonly SiteTemplateWarmup _warmup;
    private readonly SiteBoilerplate _boilerplate;
    private readonly SemaphoreSlim _startup = new(1, 1);
    private bool _ready;
    private readonly DeduplicationOptions _options;
    private readonly ServiceTelemetry _telemetry;
    private readonly Counter<long> _verdicts;
    private readonly TimeProvider _time;
    private readonly ILogger<ArticleDeduplicator> _logger;

    public ArticleDeduplicator(
        IDocumentStore store,
        NpgsqlDataSource dataSource,
        IOptions<DeduplicationOptions> options,
        DedupIndexRebuilder rebuilder,
        SiteTemplateWarmup warmup,
        SiteBoilerplate boilerplate,
        ServiceTelemetry telemetry,
        ILogger<ArticleDeduplicator> logger,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(rebuilder);
        ArgumentNullException.ThrowIfNull(warmup);
        ArgumentNullException.ThrowIfNull(boilerplate);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(telemetry);
        _dataSource = dataSource;
        _stories = new PostgresStoryIndex(store.Options.DatabaseSchemaName);
        _options = options.Value;
        _time = time ?? TimeProvider.System;
        _decisions = new DecisionBatch(store, _options, _time);
        _rebuilder = rebuilder;
        _warmup = warmup;
        _boilerplate = boilerplate;
        _telemetry = telemetry;
        _logger = logger;
        _verdicts = telemetry.Meter.CreateCounter<long>("mediamonitor.dedup.verdicts", "{article}", "Deduplication verdicts by kind");
    }

    /// <summary>Returns the recorded verdict, or null when the article had been decided already.</summary>
    public async Task<ArticleDeduplicated?> DeduplicateAsync(ArticleFetched article, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        await EnsureIndexAsync(cancellationToken);
        using var activity = _telemetry.ActivitySource.StartActivity("dedup " + article.ArticleId, ActivityKind.Internal);
        var publishedAt = article.PublishedAt ?? article.FetchedAt;
        var page = _boilerplate.Fingerprint(new Fingerprinter(), article, publishedAt);
        var terms = StoryClusterer.TermsOf(page.Fingerprint);

        // Terms every article has (the weekday) are not locked: which terms are informative is read before the turn.
        uint[] informative = [];
        if (terms.Length > 0)
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            var before = await _stories.StatisticsAsync(connection, terms, publishedAt, _options.StoryWindow, cancellationToken);
            informative = [.. StoryClusterer.Informative(terms, before)];
        }

        var pending = new PendingDecision(article, page, publishedAt, IndexKeys.For(page.Fingerprint), terms, informative);
        var recorded = await AwaitTurnAsync(pending, cancellationToken);
        if (recorded is null)
        {
            LogAlreadyDecided(_logger, article.ArticleId);
            return null;
        }

        var verdict = recorded.Verdict;
        // Learned after the commit: the site's pages of other stories teach its template (per replica, in memory).
        _boilerplate.Observe(page, verdict.DuplicateOf ?? article.ArticleId, publishedAt);
        _verdicts.Add(1, new KeyValuePair<string, object?>("verdict", verdict.Verdict.ToString()));
        activity?.SetTag("mediamonitor.dedup.verdict", verdict.Verdict.ToString());
        activity?.SetTag("mediamonitor.dedup.candidates", recorded.Candidates);
        activity?.SetTag("mediamonitor.dedup.story_joined", recorded.StoryJoined);
        activity?.SetTag("mediamonitor.dedup.batch_size", recorded.BatchSize);
        LogDecided(_logger, article.ArticleId, verdict.Verdict, verdict.DuplicateOf, verdict.Similarity, recorded.Candidates);
        return verdict;
    }

    /// <summary>
    /// Queues the decision and waits until a batch has recorded it. Whoever holds the turn decides everything waiting (its
    /// own decision, if another batch has not taken it yet, and the others'), so no thread of its own is needed and no
    /// decision waits for a timer.
    /// </summary>
    private async Task<RecordedVerdict?> AwaitTurnAsync(PendingDecision pending, CancellationToken cancellationToken)
    {
        _waiting.Enqueue(pending);
        try
        {
            while (!pending.Outcome.Task.IsCompleted)
            {
                await _turn.WaitAsync(cancellationToken);
                try
                {
                    if (!pending.Outcome.Task.IsCompleted)
                    {
                        await DecideWaitingAsync(cancellationToken);
                    }
                }
                finally
                {
                    _turn.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
            pending.Abandon();
            throw;
        }

        return await pending.Outcome.Task;
    }

    private async Task DecideWaitingAsync(CancellationToken cancellationToken)
    {
        var batch = new List<PendingDecision>();
        while (batch.Count < MaxBatch && _waiting.TryDequeue(out var next))
        {
            if (!next.Abandoned)
            {
                batch.Add(next);
            }
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            Complete(batch, await _decisions.DecideAsync(batch, cancellationToken));
        }
        catch (Exception) when (batch.Count > 1 && !cancellationToken.IsCancellationRequested)
        {
            // An article that cannot be decided (or a batch that lost a race with the database) must not fail the others
            // again and again: each is decided alone, and only the failing one's message is retried.
            LogBatchFailed(_logger, batch.Count);
            foreach (var pending in batch)
            {
                try
                {
                    Complete([pending], await _decisions.DecideAsync([pending], cancellationToken));
                }
                catch (Exception e)
                {
                    pending.Outcome.TrySetException(e);
                }
            }
        }
        catch (Exception e)
        {
            batch.ForEach(p => p.Outcome.TrySetException(e));
        }
    }

    private static void Complete(List<PendingDecision> batch, RecordedVerdict?[] recorded)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Outcome.TrySetResult(recorded[i]);
        }
    }

    private async Task EnsureIndexAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        await _startup.WaitAsync(cancellationToken);
        try
        {
            if (!_ready)
            {
                await _rebuilder.RebuildIfEmptyAsync(_time.GetUtcNow(), cancellationToken);
                await _warmup.WarmAsync(cancellationToken);
                _ready = true;
            }
        }
        finally
        {
            _startup.Release();
        }
    }

    public void Dispose()
    {
        _startup.Dispose();
        _turn.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Article {ArticleId} was decided already; redelivery ignored")]
    private static partial void LogAlreadyDecided(ILogger logger, Guid articleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} decisions failed; each is decided alone")]
    private static partial void LogBatchFailed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Article {ArticleId}: {Verdict} {DuplicateOf} (similarity {Similarity}, {Candidates} candidates)")]
    private static partial void LogDecided(ILogger logger, Guid articleId, DedupVerdict verdict, Guid? duplicateOf, double similarity, int candidates);
}
