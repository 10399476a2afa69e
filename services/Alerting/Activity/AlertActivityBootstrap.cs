using Marten;
using MediaMonitor.Contracts.Alerting;
using Npgsql;

namespace MediaMonitor.Alerting.Activity;

/// <summary>Marks that <see cref="AlertActivity"/> was built from the events once (Id: the read model's version).</summary>
public sealed record AlertActivityBuilt
{
    public string Id { get; init; } = "";

    public DateTimeOffset BuiltAt { get; init; }
}

/// <summary>
/// Builds <see cref="AlertActivity"/> from the stored events once, on the first start with this read model (a store
/// written before it existed would otherwise count too few alerts against the limit and make every spike baseline look
/// quiet). One replica does it under a PostgreSQL advisory lock and records <see cref="AlertActivityBuilt"/>; later starts
/// find that and do nothing. Operators can rebuild any time the same way (docs/OPERATIONS.md).
/// </summary>
public sealed class AlertActivityBootstrap(IDocumentStore store, NpgsqlDataSource dataSource, ILogger<AlertActivityBootstrap> logger) : BackgroundService
{
    public const string Version = "alert-activity/1";

    // Any fixed number; only this job takes it.
    private const long LockKey = 0x4D_4D_41_41_42_4C;

    private bool _needsBuild;

    /// <summary>
    /// Decides before the service takes traffic (cheap: a marker and one existence check), so a new installation never
    /// rebuilds under live appends; only a real build of an existing store runs in the background.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _needsBuild = await NeedsBuildAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (_needsBuild)
            {
                await BuildAsync(force: false, stoppingToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Building the alert activity read model failed; it is tried again on the next start");
        }
    }

    /// <summary>True when this call built the read model; false when it was built before or another replica is building it.</summary>
    public async Task<bool> BuildOnceAsync(CancellationToken cancellationToken) =>
        await NeedsBuildAsync(cancellationToken) && await BuildAsync(force: false, cancellationToken);

    /// <summary>
    /// Rebuilds the read model from the events now, whether or not it was built before (deploy/local/replay.sh rebuild
    /// alert-activity); false when another replica is rebuilding it at the moment.
    /// </summary>
    public Task<bool> RebuildAsync(CancellationToken cancellationToken) => BuildAsync(force: true, cancellationToken);

    /// <summary>Whether the read model still has to be built; a store without alerts (a new installation) is marked built at once.</summary>
    private async Task<bool> NeedsBuildAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<AlertActivityBuilt>(Version, cancellationToken) is not null)
        {
            return false;
        }

        if (!await session.Events.QueryRawEventDataOnly<AlertRaised>().AnyAsync(cancellationToken))
        {
            await MarkBuiltAsync(session, cancellationToken);
            return false;
        }

        return true;
    }

    private async Task<bool> BuildAsync(bool force, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKey})", connection))
        {
            if (await take.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return false;
            }
        }

        try
        {
            await using (var session = store.QuerySession())
            {
                if (!force && await session.LoadAsync<AlertActivityBuilt>(Version, cancellationToken) is not null)
                {
                    return false;
                }
            }

            logger.LogInformation("Building the alert activity read model from the stored alert events");
            using var daemon = await store.BuildProjectionDaemonAsync();
            await daemon.RebuildProjectionAsync<AlertActivityProjection>(TimeSpan.FromMinutes(30), cancellationToken);
            await using (var session = store.LightweightSession())
            {
                await MarkBuiltAsync(session, cancellationToken);
            }

            logger.LogInformation("Built the alert activity read model");
            return true;
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", connection);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    private static async Task MarkBuiltAsync(IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Store(new AlertActivityBuilt { Id = Version, BuiltAt = DateTimeOffset.UtcNow });
        await session.SaveChangesAsync(cancellationToken);
    }
}
