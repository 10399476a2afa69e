using System.Text.Json.Nodes;
using Marten;
using MediaMonitor.ServiceDefaults.Secrets;
using MediaMonitor.ServiceDefaults.Subscriptions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaMonitor.Api.Subscriptions;

/// <summary>
/// The one sanctioned rewrite of stored events (docs/OPERATIONS.md): subscription events stored before secrets were kept
/// in documents hold webhook signing secrets and Slack URLs in their bodies. At start-up (Secrets:MoveStoredSecrets,
/// default on) the Api seals them into each subscription's DeliverySecret document and rewrites those bodies without
/// them, one stream per transaction. Idempotent: a body without a secret field is never selected again.
/// </summary>
public sealed class StoredSecretMove(
    IDocumentStore store, NpgsqlDataSource database, SecretSealer sealer, IOptions<SecretsOptions> options, TimeProvider clock, ILogger<StoredSecretMove> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MoveStoredSecrets)
        {
            return;
        }

        var (streams, events) = await MoveAsync(cancellationToken);
        if (streams > 0)
        {
            logger.LogWarning("Moved the delivery secrets of {Streams} subscriptions out of {Events} stored events into sealed documents", streams, events);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Moves every secret still in a stored subscription event; returns how many streams and event bodies it rewrote.</summary>
    public async Task<(int Streams, int Events)> MoveAsync(CancellationToken cancellationToken)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        var found = new List<(Guid Stream, StoredEventBody Body)>();
        await using (var connection = await database.OpenConnectionAsync(cancellationToken))
        await using (var select = new NpgsqlCommand(
            $"select stream_id, seq_id, type, data::text from {schema}.mt_events where type = any(@types) and " +
            $"(data ? '{StoredSecretRewrite.WebhookSecretField}' or data ? '{StoredSecretRewrite.RotatedSecretField}' " +
            $"or jsonb_typeof(data->'Delivery') = 'object' and data->'Delivery' ? '{StoredSecretRewrite.SlackUrlField}') order by seq_id", connection))
        {
            select.Parameters.AddWithValue("types", StoredSecretRewrite.Types);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add((reader.GetGuid(0), new StoredEventBody(reader.GetInt64(1), reader.GetString(2), JsonNode.Parse(reader.GetString(3))!.AsObject())));
            }
        }

        var streams = 0;
        foreach (var stream in found.GroupBy(f => f.Stream))
        {
            var rewrite = StoredSecretRewrite.Of(stream.Select(f => f.Body));
            await using var session = store.LightweightSession();
            foreach (var body in rewrite.Rewritten)
            {
                session.QueueSqlCommand($"update {schema}.mt_events set data = ?::jsonb where seq_id = ?", body.Data.ToJsonString(), body.Sequence);
            }

            // A document already there was written by the Api after these events: it is the newer one.
            if (!rewrite.Secrets.IsEmpty && await session.LoadAsync<DeliverySecret>(stream.Key, cancellationToken) is null)
            {
                session.Store(DeliverySecret.Seal(sealer, stream.Key, rewrite.TenantId, rewrite.Version, rewrite.Secrets, clock.GetUtcNow()));
            }

            await session.SaveChangesAsync(cancellationToken);

            // The subscription's read model was folded from the bodies as they were.
            await using var refold = store.LightweightSession();
            await SubscriptionRecords.RefoldAsync(refold, stream.Key, cancellationToken);
            await refold.SaveChangesAsync(cancellationToken);
            streams++;
        }

        return (streams, found.Count);
    }
}
