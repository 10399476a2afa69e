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
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.PruneIntervalMinutes)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PruneOnceAsync(DateTimeOffset.UtcNow, stoppingToken);
            }
            catch (NpgsqlException ex)
            {
                LogPruneFailed(logger, ex);
            }
        }
    }

    /// <summary>Deletes what was published before the windows that end at <paramref name="now"/>; returns how many articles left.</summary>
    public async Task<int> PruneOnceAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var index = new PostgresDedupIndex(store.Options.DatabaseSchemaName);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var removed = await index.PruneAsync(connection, now - options.Value.Window, now - options.Value.StoryWindow, cancellationToken);
        LogPruned(logger, removed);
        return removed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Removed} articles older than the deduplication window")]
    private static partial void LogPruned(ILogger logger, int removed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning the deduplication index failed; will retry")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
