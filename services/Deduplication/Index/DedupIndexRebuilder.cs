using JasperFx.Events;
using Marten;
using MediaMonitor.Contracts;
using MediaMonitor.Deduplication.Decisions;
using MediaMonitor.Deduplication.Fingerprinting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaMonitor.Deduplication.Index;

/// <summary>
/// Rebuilds the index from the event store: every recorded verdict within the window, with the text of its ArticleFetched,
/// is fingerprinted again and indexed under the original and story it was given. Verdicts are not re-decided.
/// </summary>
public sealed partial class DedupIndexRebuilder(IDocumentStore store, IOptions<DeduplicationOptions> options, ILogger<DedupIndexRebuilder> logger)
{
    public async Task<int> RebuildAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var index = new PostgresDedupIndex(store.Options.DatabaseSchemaName);
        var fingerprinter = new Fingerprinter();
        var since = now - options.Value.Window;
        await using var session = store.LightweightSession();
        await session.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)session.Connection!;
        await using (var clear = new NpgsqlCommand(
            $"delete from {store.Options.DatabaseSchemaName}.{DedupTables.Keys}; delete from {store.Options.DatabaseSchemaName}.{DedupTables.Articles}", connection))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        var verdicts = await session.Events.QueryRawEventDataOnly<ArticleDeduplicated>().ToListAsync(cancellationToken);
        var rebuilt = 0;
        foreach (var verdict in verdicts.DistinctBy(v => v.ArticleId))
        {
            var stream = await session.Events.FetchStreamAsync(verdict.ArticleId, token: cancellationToken);
            if (stream.Select(e => e.Data).OfType<ArticleFetched>().LastOrDefault() is not { } fetched)
            {
                continue;
            }

            var publishedAt = fetched.PublishedAt ?? fetched.FetchedAt;
            if (publishedAt < since)
            {
                continue;
            }

            var fingerprint = fingerprinter.Create(fetched.Title, fetched.Text ?? string.Empty);
            var article = new IndexedArticle(verdict.ArticleId, verdict.DuplicateOf ?? verdict.ArticleId, verdict.StoryId, publishedAt, fingerprint);
            await index.AddAsync(connection, article, IndexKeys.For(fingerprint), verdict.DedupVersion, cancellationToken);
            rebuilt++;
        }

        await session.SaveChangesAsync(cancellationToken);
        LogRebuilt(logger, rebuilt);
        return rebuilt;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt the deduplication index from the event store: {Articles} articles")]
    private static partial void LogRebuilt(ILogger logger, int articles);
}
