using Marten;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Deduplication.Fingerprinting;
using MediaMonitor.ServiceDefaults.EventSchema;
using Npgsql;

namespace MediaMonitor.Deduplication.Index;

/// <summary>
/// Teaches a replica's <see cref="SiteBoilerplate"/> the site templates it would have learned had it been running: the
/// newest indexed pages within the template window (at most <see cref="MaxPages"/>), oldest first, each fingerprinted
/// with what was learned so far and observed under the story (original) it was indexed with. Runs once per process
/// before its first decision, so a restarted or added replica does not meet every site as new, where a short item is
/// judged by the template it shares with the site's previous page. The texts are read by stream id from the events.
/// </summary>
public sealed partial class SiteTemplateWarmup(IDocumentStore store, NpgsqlDataSource dataSource, SiteBoilerplate boilerplate, ILogger<SiteTemplateWarmup> logger)
{
    public const int MaxPages = 20_000;
    private const int Batch = 500;

    /// <summary>Returns the number of pages observed.</summary>
    public async Task<int> WarmAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var indexed = new List<(Guid Article, Guid Original, DateTimeOffset At)>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var newest = new NpgsqlCommand(
            $"select article_id, original_id, published_at from {DedupTables.Qualified(store, DedupTables.Articles)} " +
            "where published_at >= (select max(published_at) from " + DedupTables.Qualified(store, DedupTables.Articles) + ") - @window " +
            "order by published_at desc limit @max", connection))
        {
            newest.Parameters.AddWithValue("window", boilerplate.Window);
            newest.Parameters.AddWithValue("max", MaxPages);
            await using var reader = await newest.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                indexed.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2)));
            }
        }

        indexed.Reverse();
        var serializer = store.Options.Serializer();
        var fingerprinter = new Fingerprinter();
        var observed = 0;
        foreach (var chunk in indexed.Chunk(Batch))
        {
            var texts = new Dictionary<Guid, ArticleFetched>();
            await using (var read = new NpgsqlCommand(
                $"select stream_id, data::text from {store.Options.Events.DatabaseSchemaName}.mt_events where stream_id = any(@ids) and type = @type order by seq_id",
                connection))
            {
                read.Parameters.AddWithValue("ids", chunk.Select(c => c.Article).ToArray());
                read.Parameters.AddWithValue("type", StoredEventNames.Of<ArticleFetched>());
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    // The latest fetch of an article wins (ordered by sequence).
                    using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(reader.GetString(1)));
                    texts[reader.GetGuid(0)] = serializer.FromJson<ArticleFetched>(json);
                }
            }

            foreach (var (article, original, at) in chunk)
            {
                if (!texts.TryGetValue(article, out var fetched))
                {
                    continue;
                }

                boilerplate.Learn(fingerprinter, fetched, original, at);
                observed++;
            }
        }

        LogWarmed(logger, observed, boilerplate.SiteCount, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        return observed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Learned site templates from {Pages} indexed pages ({Sites} sites) in {Seconds:0.0} s")]
    private static partial void LogWarmed(ILogger logger, int pages, int sites, double seconds);
}
