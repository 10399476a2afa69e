using System.Collections.Concurrent;
using JasperFx.Events.Daemon;
using Marten;
using MediaMonitor.Api.Alerts;
using MediaMonitor.Api.Sources;
using MediaMonitor.ServiceDefaults.Articles;
using Npgsql;

namespace MediaMonitor.Api.Rebuilds;

/// <summary>One read model the Api's daemon projects and an operator can rebuild from the events.</summary>
public sealed record RebuildableReadModel(string Name, string ProjectionName, string Description);

/// <summary>Where one rebuild is: events done of the events to read, and how it ended.</summary>
public sealed record ReadModelRebuild(
    string Name, string State, long Done, long Total, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Error)
{
    public double EventsPerSecond(DateTimeOffset now) =>
        Done / Math.Max(0.001, ((FinishedAt ?? now) - StartedAt).TotalSeconds);
}

/// <summary>
/// Rebuilds the Api's asynchronous read models in its running daemon while the Api keeps serving: the article read model
/// with <see cref="ArticleRebuild"/> (one ordered pass, a parallel fold, COPY into a staging table swapped in at the end,
/// so readers keep the old rows until then) with its shard stopped meanwhile, the others with Marten's
/// RebuildProjectionAsync, after which the shard is stopped and started again (Marten's restart left it projecting
/// nothing). One rebuild per read model at a time: asking
/// again while one runs answers the running one. The rebuild runs where the projections run: under HotCold only the
/// daemon leader's replica can rebuild (the others say so), so with several replicas the call is retried until it
/// reaches the leader. Progress is kept in memory: a restart of the Api ends a rebuild, and asking again starts it over
/// (a rebuild replaces the whole read model, so running it again is safe).
/// </summary>
public sealed partial class ReadModelRebuilds(
    IDocumentStore store, NpgsqlDataSource dataSource, IProjectionCoordinator coordinator, TimeProvider clock, ILogger<ReadModelRebuilds> logger)
{
    public static readonly IReadOnlyList<RebuildableReadModel> ReadModels =
    [
        new("articles", ArticleRecordProjection.ProjectionName, "one row per article: latest fetch, dedup verdict and story, latest tagging (coverage, stories, backfill)"),
        new("source-health", new ApiSourceHealthProjection().Name, "each source's last poll, success, error and failures in a row"),
        new("alert-summaries", new ApiAlertSummaryProjection().Name, "one row per subscription and story: copies, outlets, deliveries"),
        new("notices", new ApiNoticeProjection().Name, "notices shown to tenants (disabled sources, failing deliveries)"),
    ];

    private readonly ConcurrentDictionary<string, ReadModelRebuild> _rebuilds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    public ReadModelRebuild? Current(string name) => _rebuilds.TryGetValue(name, out var rebuild) ? rebuild : null;

    /// <summary>Starts a rebuild of <paramref name="readModel"/> unless one runs; returns it and whether it was started now.</summary>
    public async Task<(ReadModelRebuild Rebuild, bool Started)> StartAsync(RebuildableReadModel readModel, CancellationToken cancellationToken)
    {
        if (_rebuilds.TryGetValue(readModel.Name, out var current) && current.State == "running")
        {
            return (current, false);
        }

        var daemon = coordinator.DaemonForMainDatabase();
        if (!daemon.CurrentAgents().Any(a => a.Name.Name == readModel.ProjectionName))
        {
            throw new ReplicaNotProjectingException(readModel);
        }

        var total = await CountEventsAsync(cancellationToken);
        var started = new ReadModelRebuild(readModel.Name, "running", 0, total, clock.GetUtcNow(), null, null);
        if (!_rebuilds.TryAdd(readModel.Name, started) && !_rebuilds.TryUpdate(readModel.Name, started, _rebuilds[readModel.Name]))
        {
            return (_rebuilds[readModel.Name], false);
        }

        _running[readModel.Name] = Task.Run(() => RunAsync(readModel, daemon), CancellationToken.None);
        return (started, true);
    }

    private async Task RunAsync(RebuildableReadModel readModel, IProjectionDaemon daemon)
    {
        LogStarted(logger, readModel.Name);
        using var watching = new CancellationTokenSource();
        var watcher = readModel.Name == "articles" ? Task.CompletedTask : WatchProgressAsync(readModel, watching.Token);
        try
        {
            if (readModel.Name == "articles")
            {
                _ = await ArticleRebuild.InRunningDaemonAsync(store, dataSource, coordinator, (done, total) => Update(readModel.Name, done, total), CancellationToken.None)
                    ?? throw new ReplicaNotProjectingException(readModel);
            }
            else
            {
                await daemon.RebuildProjectionAsync(readModel.ProjectionName, TimeSpan.FromHours(6), CancellationToken.None);
                // Marten's rebuild leaves the live shard projecting nothing after it (a failure recorded after a rebuild of
                // source-health never reached its row): stopped and started here, the shard resumes from the rebuilt
                // progress, as ArticleRebuild does for its own.
                var shard = readModel.ProjectionName + ":All";
                await daemon.StopAgentAsync(shard);
                await daemon.StartAgentAsync(shard, CancellationToken.None);
            }

            await watching.CancelAsync();
            await watcher;
            var done = _rebuilds[readModel.Name];
            _rebuilds[readModel.Name] = done with { State = "completed", Done = Math.Max(done.Done, done.Total), FinishedAt = clock.GetUtcNow() };
            LogFinished(logger, readModel.Name, _rebuilds[readModel.Name].Done);
        }
        catch (Exception e)
        {
            await watching.CancelAsync();
            _rebuilds[readModel.Name] = _rebuilds[readModel.Name] with { State = "failed", FinishedAt = clock.GetUtcNow(), Error = e.Message };
            LogFailed(logger, e, readModel.Name);
        }
    }

    private void Update(string name, long done, long total) =>
        _rebuilds.AddOrUpdate(name, _ => throw new InvalidOperationException("no rebuild"), (_, r) => r with { Done = done, Total = total });

    /// <summary>Marten's rebuild reports no progress: read the shard's progression (its last sequence) against the events' count.</summary>
    private async Task WatchProgressAsync(RebuildableReadModel readModel, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                await using var command = dataSource.CreateCommand(
                    $"select coalesce((select last_seq_id from {store.Options.Events.DatabaseSchemaName}.mt_event_progression where name = @name), 0), " +
                    $"(select count(*) from {store.Options.Events.DatabaseSchemaName}.mt_events where seq_id <= coalesce((select last_seq_id from {store.Options.Events.DatabaseSchemaName}.mt_event_progression where name = @name), 0))");
                command.Parameters.AddWithValue("name", readModel.ProjectionName + ":All");
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken))
                {
                    var current = _rebuilds[readModel.Name];
                    Update(readModel.Name, Math.Min(reader.GetInt64(1), current.Total), current.Total);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<long> CountEventsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select count(*) from {store.Options.Events.DatabaseSchemaName}.mt_events");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilding the read model {Name} from the events")]
    private static partial void LogStarted(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt the read model {Name} ({Events} events)")]
    private static partial void LogFinished(ILogger logger, string name, long events);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rebuilding the read model {Name} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string name);
}

/// <summary>This replica's daemon does not run the read model's projection (under HotCold another process holds the shard).</summary>
public sealed class ReplicaNotProjectingException(RebuildableReadModel readModel)
    : Exception(readModel.Name == "articles"
        ? "this Api replica does not hold the article projection's shard (another Api replica or an Alerting replica does): "
          + "call again to reach another replica, or rebuild it in Alerting (POST /admin/articles/rebuild; deploy/local/replay.sh does both)"
        : $"this Api replica does not run the projection of {readModel.Name} (another replica holds it under HotCold); call again to reach it");
