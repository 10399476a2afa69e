using Marten;
using Npgsql;

namespace MediaMonitor.Crawler.Replicas;

/// <summary>
/// Shares the sources among the Crawler replicas through PostgreSQL so each source is polled by exactly one replica at a
/// time. A lease is taken on a lease key (LeaseKey: the source's origin, so one site's sources go together): every round a replica renews its heartbeat and its leases, gives up leases above its fair share and claims free
/// or expired ones below it. A claim is one atomic upsert that only takes a lease that is free, expired or already its own,
/// so two replicas can never hold the same key; a replica that dies loses its leases when they expire
/// (Crawler:LeaseSeconds), one that stops releases them at once.
/// </summary>
public sealed class SourceLeases(NpgsqlDataSource dataSource, IDocumentStore store, CrawlerOptions options, ILogger<SourceLeases> logger)
{
    private readonly string _replicas = LeaseTables.Qualified(store, LeaseTables.Replicas);
    private readonly string _leases = LeaseTables.Qualified(store, LeaseTables.Leases);

    /// <summary>This replica's name in the lease tables (Crawler:ReplicaId, default host name and a random suffix).</summary>
    public string Owner { get; } = string.IsNullOrWhiteSpace(options.ReplicaId) ? $"{Environment.MachineName}-{Guid.NewGuid():N}" : options.ReplicaId;

    private TimeSpan Ttl => TimeSpan.FromSeconds(Math.Max(2, options.LeaseSeconds));

    /// <summary>One round over the lease keys of all known sources (busy: keys with a poll in flight, never released);
    /// returns the keys this replica holds now and until when (its local clock) it may poll their sources.</summary>
    public async Task<(IReadOnlySet<Guid> Held, DateTimeOffset ValidUntil)> BalanceAsync(IReadOnlyCollection<Guid> known, IReadOnlySet<Guid> busy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(busy);
        var validUntil = DateTimeOffset.UtcNow + Ttl - TimeSpan.FromSeconds(Ttl.TotalSeconds / 4);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var heartbeat = Command(connection, $"""
            INSERT INTO {_replicas} (owner, expires_at) VALUES (@owner, now() + @ttl) ON CONFLICT (owner) DO UPDATE SET expires_at = EXCLUDED.expires_at
            """, null))
        {
            await heartbeat.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var count = Command(connection, $"SELECT count(*) FROM {_replicas} WHERE expires_at > now()", null);
        var live = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        var held = await IdsAsync(connection, $"UPDATE {_leases} SET expires_at = now() + @ttl WHERE owner = @owner RETURNING lease_key", null, cancellationToken);
        var others = await IdsAsync(connection, $"SELECT lease_key FROM {_leases} WHERE owner <> @owner AND expires_at > now()", null, cancellationToken);
        var (release, claim) = LeasePlan.Decide(known, held, busy, others.ToHashSet(), (int)live, Random.Shared);
        var mine = held.ToHashSet();
        if (release.Count > 0)
        {
            mine.ExceptWith(await IdsAsync(connection, $"DELETE FROM {_leases} WHERE owner = @owner AND lease_key = ANY(@ids) RETURNING lease_key", release, cancellationToken));
        }

        if (claim.Count > 0)
        {
            var won = await IdsAsync(connection, $"""
                INSERT INTO {_leases} AS l (lease_key, owner, expires_at) SELECT id, @owner, now() + @ttl FROM unnest(@ids) AS id
                  ON CONFLICT (lease_key) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
                  WHERE l.expires_at <= now() OR l.owner = EXCLUDED.owner
                RETURNING lease_key
                """, claim, cancellationToken);
            mine.UnionWith(won);
        }

        return (mine, validUntil);
    }

    /// <summary>Gives every lease and the heartbeat up, so the other replicas take the sources over without waiting for expiry.</summary>
    public async Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"DELETE FROM {_leases} WHERE owner = @owner; DELETE FROM {_replicas} WHERE owner = @owner;", connection);
            command.Parameters.AddWithValue("owner", Owner);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not release the source leases of {Owner}; they expire by themselves", Owner);
        }
    }

    private async Task<List<Guid>> IdsAsync(NpgsqlConnection connection, string sql, IReadOnlyList<Guid>? ids, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, ids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(reader.GetGuid(0));
        }

        return result;
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, string sql, IReadOnlyList<Guid>? ids)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("owner", Owner);
        command.Parameters.AddWithValue("ttl", Ttl);
        if (ids is not null)
        {
            command.Parameters.AddWithValue("ids", ids.ToArray());
        }

        return command;
    }
}
