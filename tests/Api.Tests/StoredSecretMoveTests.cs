using System.Text.Json.Nodes;
using MediaMonitor.ServiceDefaults.Secrets;
using MediaMonitor.ServiceDefaults.Subscriptions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace MediaMonitor.Api.Tests;

/// <summary>
/// The move of secrets out of subscription events stored before documents held them: old-shape bodies (written here
/// as the previous contracts stored them) lose their secrets to the sealed document, and a second run finds nothing.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class StoredSecretMoveTests(ApiFixture api)
{
    private const string SlackUrl = "https://hooks.slack.com/services/T07/B07/oldslacktoken0123456789";

    [Fact]
    public async Task Secrets_in_old_stored_events_move_into_the_sealed_document_and_out_of_every_event_body_once()
    {
        var id = Guid.NewGuid();
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..10];
        var at = DateTimeOffset.UtcNow;
        await using (var session = api.Store.LightweightSession())
        {
            session.Events.StartStream(id,
                new SubscriptionCreated(id, tenant, "Old", "NATO", "https://hooks.example/old", at),
                new SubscriptionQueryChanged(id, tenant, "CSTO", "NATO", at),
                new WebhookSecretRotated(id, tenant, at));
            await session.SaveChangesAsync();
        }

        // The bodies as the contracts before SecretVersion stored them.
        await OverwriteAsync(id, 1, $$"""{"SubscriptionId":"{{id}}","TenantId":"{{tenant}}","Name":"Old","Query":"NATO","WebhookUrl":"https://hooks.example/old","CreatedAt":"{{at:O}}","WebhookSecret":"whsec_oldfirst","Delivery":{"Email":null,"SlackUrl":"{{SlackUrl}}","Immediate":true,"Digest":null,"Spike":null} }""");
        await OverwriteAsync(id, 3, $$"""{"SubscriptionId":"{{id}}","TenantId":"{{tenant}}","Secret":"whsec_oldrotated","RotatedAt":"{{at:O}}"}""");

        var move = api.Host.Services.GetServices<IHostedService>().OfType<StoredSecretMove>().Single();
        var (streams, events) = await move.MoveAsync(CancellationToken.None);
        var again = await move.MoveAsync(CancellationToken.None);

        Assert.True(streams >= 1 && events >= 2, $"moved {streams} streams, {events} events");
        Assert.Equal((0, 0), again);
        var bodies = await BodiesAsync(id);
        Assert.Equal(3, bodies.Count);
        Assert.All(bodies, b => Assert.DoesNotContain("whsec_old", b, StringComparison.Ordinal));
        Assert.All(bodies, b => Assert.DoesNotContain("oldslacktoken", b, StringComparison.Ordinal));
        await using var read = api.Store.QuerySession();
        var stream = (await read.Events.FetchStreamAsync(id)).Select(e => e.Data).ToList();
        var created = Assert.IsType<SubscriptionCreated>(stream[0]);
        Assert.Equal((1, "hooks.slack.com"), (created.SecretVersion, created.Delivery?.SlackHost));
        Assert.Equal(2, Assert.IsType<WebhookSecretRotated>(stream[2]).SecretVersion);
        // The subscription's read model follows the rewrite (its inline projection sees appends only).
        var record = await read.LoadAsync<SubscriptionRecord>(id);
        Assert.Equal((3L, 2, "hooks.slack.com"), (record!.StreamVersion, record.State!.SecretVersion, record.State.Delivery?.SlackHost));
        var stored = await api.StoredSecretsAsync(id);
        Assert.Equal((2, "whsec_oldrotated", SlackUrl), stored is { } s ? (s.Version, s.Secrets.WebhookSecret, s.Secrets.SlackUrl) : default);
    }

    [Fact]
    public void Each_change_of_credentials_in_a_stream_is_a_new_version_and_the_last_one_is_kept()
    {
        var id = Guid.NewGuid();
        JsonObject Body(string json) => JsonNode.Parse(json)!.AsObject();
        var rewrite = StoredSecretRewrite.Of([
            new StoredEventBody(1, "subscription_created", Body($$"""{"SubscriptionId":"{{id}}","TenantId":"t","WebhookSecret":"w1","Delivery":null}""")),
            new StoredEventBody(2, "subscription_delivery_changed", Body("""{"TenantId":"t","WebhookSecret":"w1","Delivery":{"SlackUrl":null,"Email":"a@b.example"}}""")),
            new StoredEventBody(3, "subscription_delivery_changed", Body("""{"TenantId":"t","WebhookSecret":"w1","Delivery":{"SlackUrl":"https://hooks.slack.com/services/A/B/c"}}""")),
            new StoredEventBody(4, "webhook_secret_rotated", Body("""{"TenantId":"t","Secret":"w2"}""")),
        ]);

        Assert.Equal([1, 1, 2, 3], rewrite.Rewritten.Select(b => b.Data["SecretVersion"]!.GetValue<int>()));
        Assert.Equal((new DeliverySecrets("w2", "https://hooks.slack.com/services/A/B/c"), 3, "t"), (rewrite.Secrets, rewrite.Version, rewrite.TenantId));
        Assert.All(rewrite.Rewritten, b => Assert.False(b.Data.ContainsKey("WebhookSecret") || b.Data.ContainsKey("Secret")));
        Assert.Equal("hooks.slack.com", rewrite.Rewritten[2].Data["Delivery"]!["SlackHost"]!.GetValue<string>());
        Assert.Null(rewrite.Rewritten[1].Data["Delivery"]!["SlackHost"]);
        Assert.False(rewrite.Rewritten[1].Data["Delivery"]!.AsObject().ContainsKey("SlackUrl"));
    }

    private async Task OverwriteAsync(Guid stream, int version, string json)
    {
        await using var connection = await api.Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            $"update {api.Store.Options.Events.DatabaseSchemaName}.mt_events set data = @data::jsonb where stream_id = @id and version = @version", connection);
        command.Parameters.AddWithValue("data", json);
        command.Parameters.AddWithValue("id", stream);
        command.Parameters.AddWithValue("version", (long)version);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task<List<string>> BodiesAsync(Guid stream)
    {
        await using var connection = await api.Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            $"select data::text from {api.Store.Options.Events.DatabaseSchemaName}.mt_events where stream_id = @id order by version", connection);
        command.Parameters.AddWithValue("id", stream);
        var bodies = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            bodies.Add(reader.GetString(0));
        }

        return bodies;
    }
}
