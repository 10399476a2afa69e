using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaMonitor.Deduplication.Index;

/// <summary>Keeps the index time-bounded: every PruneIntervalMinutes it deletes rows published before the window.</summary>
public sealed partial class DedupIndexPruner(
    IDocumentStore store, NpgsqlDataSource dataSource, IOptions<DeduplicationOptions> options, ILogger<DedupIndexPruner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var index = new PostgresDedupIndex(store.Options.DatabaseSchemaName);
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.PruneIntervalMinutes)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                var removed = await index.PruneAsync(connection, DateTimeOffset.UtcNow - options.Value.Window, stoppingToken);
                LogPruned(logger, removed);
            }
            catch (NpgsqlException ex)
            {
                LogPruneFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Removed} articles older than the deduplication window")]
    private static partial void LogPruned(ILogger logger, int removed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning the deduplication index failed; will retry")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
