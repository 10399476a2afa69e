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
/// Decides one fetched article and records the verdict: in one transaction it locks the article's index keys and its
/// informative story terms, checks that the article was not decided already (redelivery), finds candidates, decides (an
/// original then joins an earlier article's story or starts one), adds the article to the index and appends
/// ArticleDeduplicated to the article stream. Before the first decision it rebuilds an empty index from the event store
/// and learns the site templates of the newest indexed pages (<see cref="SiteTemplateWarmup"/>).
/// </summary>
public sealed partial class ArticleDeduplicator : IDisposable
{
    private readonly IDocumentStore _store;
    private readonly PostgresDedupIndex _index;
    private readonly PostgresStoryIndex _stories;
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
        IOptions<DeduplicationOptions> options,
        DedupIndexRebuilder rebuilder,
        SiteTemplateWarmup warmup,
        SiteBoilerplate boilerplate,
        ServiceTelemetry telemetry,
        ILogger<ArticleDeduplicator> logger,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rebuilder);
        ArgumentNullException.ThrowIfNull(warmup);
        ArgumentNullException.ThrowIfNull(boilerplate);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(telemetry);
        _store = store;
        _index = new PostgresDedupIndex(store.Options.DatabaseSchemaName);
        _stories = new PostgresStoryIndex(store.Options.DatabaseSchemaName);
        _rebuilder = rebuilder;
        _warmup = warmup;
        _boilerplate = boilerplate;
        _options = options.Value;
        _telemetry = telemetry;
        _logger = logger;
        _time = time ?? TimeProvider.System;
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
        var fingerprint = page.Fingerprint;
        var keys = IndexKeys.For(fingerprint);
        var terms = StoryClusterer.TermsOf(fingerprint);

        await using var session = _store.LightweightSession();
        await session.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)session.Connection!;

        // The article's own id is locked too, so two deliveries of one message never decide twice. Two articles of one event
        // share informative story terms, so they decide in turn; terms every article has (the weekday) are not locked.
        var before = await _stories.StatisticsAsync(connection, terms, publishedAt, _options.StoryWindow, cancellationToken);
        uint[] informative = [.. StoryClusterer.Informative(terms, before)];
        await PostgresDedupIndex.LockAsync(connection, [.. keys, ArticleLock(article.ArticleId), .. informative.Select(PostgresStoryIndex.LockOf)], cancellationToken);
        if (await _index.ContainsAsync(connection, article.ArticleId, cancellationToken) || await AlreadyDecidedAsync(session, article.ArticleId, cancellationToken))
        {
            LogAlreadyDecided(_logger, article.ArticleId);
            return null;
        }

        var candidates = await _index.CandidatesAsync(connection, keys, publishedAt, _options.Window, cancellationToken);
        var decision = DedupDecider.Decide(article.ArticleId, fingerprint, candidates);
        if (decision.Verdict == DedupVerdict.Original)
        {
            var story = await DecideStoryAsync(connection, article.ArticleId, terms, informative, publishedAt, cancellationToken);
            decision = decision with { StoryId = story.StoryId };
            activity?.SetTag("mediamonitor.dedup.story_joined", story.JoinedArticle is not null);
        }

        var originalId = decision.DuplicateOf ?? article.ArticleId;
        await _index.AddAsync(
            connection, new IndexedArticle(article.ArticleId, originalId, decision.StoryId, publishedAt, fingerprint), keys, DedupDecider.Version, cancellationToken);

        var verdict = new ArticleDeduplicated(
            article.ArticleId, decision.Verdict, decision.DuplicateOf, decision.Similarity, decision.StoryId, _time.GetUtcNow(), DedupDecider.Version);
        session.Events.Append(article.ArticleId, verdict);
        await session.SaveChangesAsync(cancellationToken);

        // Learned after the commit: the site's pages of other stories teach its template (per replica, in memory).
        _boilerplate.Observe(page, originalId, publishedAt);
        _verdicts.Add(1, new KeyValuePair<string, object?>("verdict", decision.Verdict.ToString()));
        activity?.SetTag("mediamonitor.dedup.verdict", decision.Verdict.ToString());
        activity?.SetTag("mediamonitor.dedup.candidates", candidates.Count);
        LogDecided(_logger, article.ArticleId, decision.Verdict, decision.DuplicateOf, decision.Similarity, candidates.Count);
        return verdict;
    }

    /// <summary>
    /// The story an original joins (or starts), recorded in the story index. Candidates share informative terms (terms
    /// every article has would make every article a candidate); candidates and statistics are read under the locks.
    /// </summary>
    private async Task<StoryDecision> DecideStoryAsync(
        NpgsqlConnection connection, Guid articleId, uint[] terms, uint[] informative, DateTimeOffset publishedAt, CancellationToken cancellationToken)
    {
        if (terms.Length == 0)
        {
            return new StoryDecision(articleId, null, 0);
        }

        var window = _options.StoryWindow;
        var candidates = await _stories.CandidatesAsync(connection, informative, publishedAt, window, cancellationToken);
        var statistics = await _stories.StatisticsAsync(connection, terms.Concat(candidates.SelectMany(c => c.Terms)), publishedAt, window, cancellationToken);
        var story = StoryClusterer.Decide(articleId, terms, candidates, statistics);
        await _stories.AddAsync(connection, articleId, terms, publishedAt, cancellationToken);
        return story;
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

    private static async Task<bool> AlreadyDecidedAsync(IDocumentSession session, Guid articleId, CancellationToken cancellationToken)
    {
        var events = await session.Events.FetchStreamAsync(articleId, token: cancellationToken);
        return events.Any(e => e.Data is ArticleDeduplicated);
    }

    public void Dispose() => _startup.Dispose();

    private static long ArticleLock(Guid articleId) => (long)Hashing.Combine(0xA471C1E5UL, (ulong)articleId.GetHashCode());

    [LoggerMessage(Level = LogLevel.Debug, Message = "Article {ArticleId} was decided already; redelivery ignored")]
    private static partial void LogAlreadyDecided(ILogger logger, Guid articleId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Article {ArticleId}: {Verdict} {DuplicateOf} (similarity {Similarity}, {Candidates} candidates)")]
    private static partial void LogDecided(ILogger logger, Guid articleId, DedupVerdict verdict, Guid? duplicateOf, double similarity, int candidates);
}
