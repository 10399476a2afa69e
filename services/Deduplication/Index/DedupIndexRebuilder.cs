using Marten;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.ServiceDefaults.Articles;
using MediaMonitor.Deduplication.Decisions;
using MediaMonitor.Deduplication.Fingerprinting;
using MediaMonitor.Deduplication.Stories;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaMonitor.Deduplication.Index;

/// <summary>
/// Rebuilds the index from the event store: every recorded verdict within the window, with the text of its ArticleFetched,
/// is fingerprinted again and indexed under the original and story it was given (originals in the story window also get
/// their story terms back). Two passes over the window: the first teaches the replica's <see cref="SiteBoilerplate"/> the
/// site templates, the second fingerprints each page without its template, as a live decision does. Verdicts are not re-decided. Runs by itself before the first decision when the index is empty
/// but the store holds verdicts (a new database, a lost table), and on POST /admin/dedup/rebuild.
/// </summary>
public sealed partial class DedupIndexRebuilder(
    IDocumentStore store, NpgsqlDataSource dataSource, IOptions<DeduplicationOptions> options, SiteBoilerplate boilerplate, ILogger<DedupIndexRebuilder> logger)
{
    /// <summary>One rebuild at a time across replicas.</summary>
    private const long RebuildLock = 0x5EB1D;

    /// <summary>Rebuilds when the index holds no article but the event store holds verdicts; returns the articles rebuilt, or 0.</summary>
    public async Task<int> RebuildIfEmptyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var command = new NpgsqlCommand($"select exists (select 1 from {DedupTables.Qualified(store, DedupTables.Articles)})", connection))
        {
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return 0;
            }
        }

        await using var session = store.QuerySession();
        if (!await session.Events.QueryRawEventDataOnly<ArticleDeduplicated>().AnyAsync(cancellationToken))
        {
            return 0;
        }

        return await RebuildAsync(now, onlyIfEmpty: true, cancellationToken);
    }

    public async Task<int> RebuildAsync(DateTimeOffset now, CancellationToken cancellationToken) => await RebuildAsync(now, onlyIfEmpty: false, cancellationToken);

    private async Task<int> RebuildAsync(DateTimeOffset now, bool onlyIfEmpty, CancellationToken cancellationToken)
    {
        var schema = store.Options.DatabaseSchemaName;
        var index = new PostgresDedupIndex(schema);
        var stories = new PostgresStoryIndex(schema);
        var fingerprinter = new Fingerprinter();
        var since = now - options.Value.Window;
        var storiesSince = now - options.Value.StoryWindow;
        // The index is written on a connection of its own, in one transaction; the events are read through Marten.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var session = store.QuerySession();
        // Waits as long as another replica's rebuild takes (Npgsql's default 30 s would fail this one instead).
        await using (var take = new NpgsqlCommand($"select pg_advisory_xact_lock({RebuildLock})", connection) { CommandTimeout = 0 })
        {
            await take.ExecuteScalarAsync(cancellationToken);
        }


        var articles = DedupTables.Qualified(store, DedupTables.Articles);
        await using (var check = new NpgsqlCommand($"select exists (select 1 from {articles})", connection))
        {
            // Another replica rebuilt it while this one waited for the lock.
            if (onlyIfEmpty && await check.ExecuteScalarAsync(cancellationToken) is true)
            {
                return 0;
            }
        }

        await using (var clear = new NpgsqlCommand(
            $"delete from {schema}.{DedupTables.StoryTerms}; delete from {schema}.{DedupTables.Keys}; delete from {articles}", connection))
        {
            // Rows of a year's window take longer than the default 30 s to delete.
            clear.CommandTimeout = 0;
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        var verdicts = await session.Events.QueryRawEventDataOnly<ArticleDeduplicated>().ToListAsync(cancellationToken);
        var articleIds = verdicts.Select(v => v.ArticleId).Distinct().ToList();

        // First pass: the window's pages teach the site templates (as deciding them did), so the second pass fingerprints
        // each page without its site's template, as the live decision does once the template is known.
        await foreach (var page in PagesAsync(session, articleIds, since, cancellationToken))
        {
            boilerplate.Learn(fingerprinter, page.Fetched, page.Record.DuplicateOf ?? page.ArticleId, page.PublishedAt);
        }

        var rebuilt = 0;
        await foreach (var (articleId, stream, fetched, record, publishedAt) in PagesAsync(session, articleIds, since, cancellationToken))
        {
            var fingerprint = boilerplate.Fingerprint(fingerprinter, fetched, publishedAt).Fingerprint;
            var dedupVersion = stream.OfType<ArticleDeduplicated>().Last(d => d.DecidedAt == record.DecidedAt).DedupVersion;
            var article = new IndexedArticle(articleId, record.DuplicateOf ?? articleId, record.StoryId!.Value, publishedAt, fingerprint);
            await index.AddAsync(connection, article, IndexKeys.For(fingerprint), dedupVersion, cancellationToken);
            if (record.Verdict == DedupVerdict.Original && publishedAt >= storiesSince)
            {
                await stories.AddAsync(connection, articleId, StoryClusterer.TermsOf(fingerprint), publishedAt, cancellationToken);
            }

            rebuilt++;
        }

        await transaction.CommitAsync(cancellationToken);
        LogRebuilt(logger, rebuilt);
        return rebuilt;
    }

    /// <summary>Each decided article of the window with its stream, its latest fetch and its folded record (verdict and story known).</summary>
    private static async IAsyncEnumerable<DecidedPage> PagesAsync(
        IQuerySession session, List<Guid> articleIds, DateTimeOffset since, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var articleId in articleIds)
        {
            // The stream folded by the shared ArticleRecord rule: the latest verdict by DecidedAt, the latest fetch by FetchedAt.
            var stream = (await session.Events.FetchStreamAsync(articleId, token: cancellationToken)).Select(e => e.Data).ToList();
            if (ArticleRecord.LatestFetch(stream) is not { } fetched || ArticleRecord.Fold(articleId, stream) is not { StoryId: not null, Verdict: not null } record)
            {
                continue;
            }

            var publishedAt = fetched.PublishedAt ?? fetched.FetchedAt;
            if (publishedAt >= since)
            {
                yield return new DecidedPage(articleId, stream, fetched, record, publishedAt);
            }
        }
    }

    private sealed record DecidedPage(Guid ArticleId, List<object> Stream, ArticleFetched Fetched, ArticleRecord Record, DateTimeOffset PublishedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt the deduplication index from the event store: {Articles} articles")]
    private static partial void LogRebuilt(ILogger logger, int articles);
}
