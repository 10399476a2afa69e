using Marten;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Deduplication.Decisions;
using MediaMonitor.Deduplication.Fingerprinting;
using MediaMonitor.Deduplication.Index;
using MediaMonitor.Deduplication.Stories;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.ServiceDefaults.EventSchema;
using Npgsql;

namespace MediaMonitor.Deduplication;

/// <summary>A fingerprinted article waiting for its turn in a <see cref="DecisionBatch"/>; its outcome is set when the batch commits.</summary>
internal sealed class PendingDecision(ArticleFetched article, SitePage page, DateTimeOffset publishedAt, long[] keys, uint[] terms, uint[] informative)
{
    private volatile bool _abandoned;

    public ArticleFetched Article => article;

    public SitePage Page => page;

    public DateTimeOffset PublishedAt => publishedAt;

    public long[] Keys => keys;

    public uint[] Terms => terms;

    /// <summary>The story terms that tell stories apart in the window now (their locks are taken; story candidates share them).</summary>
    public uint[] Informative => informative;

    public TaskCompletionSource<RecordedVerdict?> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Its message was cancelled while it waited: no batch takes it (a redelivery decides it).</summary>
    public bool Abandoned => _abandoned;

    public void Abandon() => _abandoned = true;

    /// <summary>The advisory locks its decision needs: its lookup keys, its own id (redelivery) and its informative story terms.</summary>
    public IEnumerable<long> Locks() => [.. keys, ArticleLock(article.ArticleId), .. informative.Select(PostgresStoryIndex.LockOf)];

    private static long ArticleLock(Guid articleId) => (long)Hashing.Combine(0xA471C1E5UL, (ulong)articleId.GetHashCode());
}

/// <summary>A verdict recorded by a batch, with what the trace and the log say about it.</summary>
internal sealed record RecordedVerdict(ArticleDeduplicated Verdict, int Candidates, bool StoryJoined, int BatchSize);

/// <summary>
/// Decides a batch of fingerprinted articles in one transaction: takes the advisory locks of all of them at once (sorted,
/// so batches of two replicas never deadlock), finds which were decided already (redeliveries), then decides each in
/// arrival order exactly as a lone decision would (candidates, decider, story step, index rows), each seeing the rows of
/// those before it in the same transaction, appends the verdicts and commits once. Two copies of one story therefore
/// either meet in one batch, one after the other, or in two batches that share their copy's lookup keys, and so their
/// locks: the second decides after the first has committed, and never both are judged originals.
/// </summary>
internal sealed class DecisionBatch(IDocumentStore store, DeduplicationOptions options, TimeProvider time)
{
    private readonly PostgresDedupIndex _index = new(store.Options.DatabaseSchemaName);
    private readonly PostgresStoryIndex _stories = new(store.Options.DatabaseSchemaName);
    private readonly string _articles = DedupTables.Qualified(store, DedupTables.Articles);
    private readonly string _events = store.Options.Events.DatabaseSchemaName + ".mt_events";

    /// <summary>The verdicts recorded, in the batch's order; null where the article had been decided already.</summary>
    public async Task<RecordedVerdict?[]> DecideAsync(IReadOnlyList<PendingDecision> batch, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        await session.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)session.Connection!;
        await TransactionLocks.TakeAsync(connection, batch.SelectMany(p => p.Locks()), cancellationToken);

        var decided = await DecidedAlreadyAsync(connection, [.. batch.Select(p => p.Article.ArticleId)], cancellationToken);
        var recorded = new RecordedVerdict?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            // Decided before, or earlier in this batch (a redelivery that arrived beside its first delivery).
            if (decided.Add(batch[i].Article.ArticleId))
            {
                recorded[i] = await DecideOneAsync(connection, batch[i], batch.Count, cancellationToken);
                session.Events.Append(batch[i].Article.ArticleId, recorded[i]!.Verdict);
            }
        }

        await session.SaveChangesAsync(cancellationToken);
        return recorded;
    }

    private async Task<RecordedVerdict> DecideOneAsync(NpgsqlConnection connection, PendingDecision pending, int batchSize, CancellationToken cancellationToken)
    {
        var (article, fingerprint, publishedAt) = (pending.Article, pending.Page.Fingerprint, pending.PublishedAt);
        var candidates = await _index.CandidatesAsync(connection, pending.Keys, publishedAt, options.Window, cancellationToken);
        var decision = DedupDecider.Decide(article.ArticleId, fingerprint, candidates);
        var joined = false;
        await using var rows = new NpgsqlBatch(connection);
        if (decision.Verdict == DedupVerdict.Original && pending.Terms.Length > 0)
        {
            var story = await DecideStoryAsync(connection, pending, cancellationToken);
            decision = decision with { StoryId = story.StoryId };
            joined = story.JoinedArticle is not null;
            rows.BatchCommands.Add(_stories.AddCommand(article.ArticleId, pending.Terms, publishedAt));
        }

        // The index rows and the story terms in one round trip; the next article of the batch sees them (same transaction).
        var originalId = decision.DuplicateOf ?? article.ArticleId;
        foreach (var command in _index.AddCommands(new IndexedArticle(article.ArticleId, originalId, decision.StoryId, publishedAt, fingerprint), pending.Keys, DedupDecider.Version))
        {
            rows.BatchCommands.Add(command);
        }

        await rows.ExecuteNonQueryAsync(cancellationToken);
        var verdict = new ArticleDeduplicated(
            article.ArticleId, decision.Verdict, decision.DuplicateOf, decision.Similarity, decision.StoryId, time.GetUtcNow(), DedupDecider.Version);
        return new RecordedVerdict(verdict, candidates.Count, joined, batchSize);
    }

    /// <summary>
    /// The story an original with story terms joins (or starts); the caller records its terms. Candidates share
    /// informative terms (terms every article has would make every article a candidate); candidates and statistics are
    /// read under the locks.
    /// </summary>
    private async Task<StoryDecision> DecideStoryAsync(NpgsqlConnection connection, PendingDecision pending, CancellationToken cancellationToken)
    {
        var (articleId, terms, publishedAt) = (pending.Article.ArticleId, pending.Terms, pending.PublishedAt);
        var window = options.StoryWindow;
        var candidates = pending.Informative.Length == 0 ? [] : await _stories.CandidatesAsync(connection, pending.Informative, publishedAt, window, cancellationToken);
        if (candidates.Count == 0)
        {
            // Nothing to join, whatever the statistics say: the round trip that reads them is saved.
            return new StoryDecision(articleId, null, 0);
        }

        var statistics = await _stories.StatisticsAsync(connection, terms.Concat(candidates.SelectMany(c => c.Terms)), publishedAt, window, cancellationToken);
        return StoryClusterer.Decide(articleId, terms, candidates, statistics);
    }

    /// <summary>The articles of the batch already in the index or with a verdict in their stream, in one round trip.</summary>
    private async Task<HashSet<Guid>> DecidedAlreadyAsync(NpgsqlConnection connection, Guid[] ids, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        var indexed = new NpgsqlBatchCommand($"select article_id from {_articles} where article_id = any($1)");
        indexed.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        var verdicts = new NpgsqlBatchCommand($"select distinct stream_id from {_events} where stream_id = any($1) and type = $2");
        verdicts.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        verdicts.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StoredEventNames.Of<ArticleDeduplicated>() });
        batch.BatchCommands.Add(indexed);
        batch.BatchCommands.Add(verdicts);
        var decided = new HashSet<Guid>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        do
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                decided.Add(reader.GetGuid(0));
            }
        }
        while (await reader.NextResultAsync(cancellationToken));

        return decided;
    }
}
