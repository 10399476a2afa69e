using System.Reflection;
using Npgsql;
using RabbitMQ.Client;

namespace MediaMonitor.Api.Tests;

/// <summary>
/// Webhook signing secrets and Slack URLs never enter the immutable log or the bus: they are sealed in a DeliverySecret
/// document, and the events (stored and relayed) carry only a secret version.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SecretsOutOfEventsTests(ApiFixture api)
{
    private static readonly Type[] SubscriptionEvents = [typeof(SubscriptionCreated), typeof(SubscriptionDeliveryChanged), typeof(WebhookSecretRotated)];

    [Fact]
    public async Task No_stored_event_and_no_relayed_message_holds_a_webhook_secret_or_a_Slack_token_and_the_document_holds_them_sealed()
    {
        await using var bus = await RelayedMessages.ListenAsync(api.VirtualHost, SubscriptionEvents);
        var (_, client, _) = await api.NewTenantAsync();
        const string firstToken = "xoxfirsttoken0123456789abcdef";
        const string secondToken = "xoxsecondtoken9876543210fedcba";
        var created = await client.PostAsJsonAsync("/api/subscriptions",
            new { name = "S", query = "NATO", webhookUrl = "https://hooks.example/in", slackUrl = $"https://hooks.slack.com/services/T01/B01/{firstToken}" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("id").GetGuid();
        var firstSecret = body.RootElement.GetProperty("webhookSecret").GetString()!;

        var rotated = await client.PostAsync(new Uri($"/api/subscriptions/{id}/webhook-secret", UriKind.Relative), null);
        var secondSecret = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement.GetProperty("webhookSecret").GetString()!;
        var changed = await client.PatchAsJsonAsync($"/api/subscriptions/{id}/delivery",
            new { slackUrl = $"https://hooks.slack.com/services/T01/B02/{secondToken}", rotateWebhookSecret = true });
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (rotated.StatusCode, changed.StatusCode));
        var thirdSecret = JsonDocument.Parse(await changed.Content.ReadAsStringAsync()).RootElement.GetProperty("webhookSecret").GetString()!;
        string[] secrets = [firstSecret, secondSecret, thirdSecret, firstToken, secondToken, "T01/B01", "T01/B02"];

        var stored = await RowsAsync($"select data::text from {api.Store.Options.Events.DatabaseSchemaName}.mt_events where stream_id = @id", id);
        Assert.Equal(3, stored.Count);
        var messages = await Eventually.Until(() => Task.FromResult(bus.Bodies.Where(b => b.Contains(id.ToString(), StringComparison.Ordinal)).ToList()),
            m => m.Count >= 3, TimeSpan.FromSeconds(30), "the three subscription events relayed to RabbitMQ");
        foreach (var text in stored.Concat(messages))
        {
            Assert.DoesNotContain(secrets, s => text.Contains(s, StringComparison.Ordinal));
        }

        Assert.Contains(stored, e => e.Contains("\"SecretVersion\": 3", StringComparison.Ordinal) && e.Contains("hooks.slack.com", StringComparison.Ordinal));
        var documents = await RowsAsync($"select data::text from {api.Store.Options.DatabaseSchemaName}.mt_doc_delivery_secret where id = @id", id);
        var document = Assert.Single(documents);
        Assert.DoesNotContain(secrets, s => document.Contains(s, StringComparison.Ordinal));
        var opened = await api.StoredSecretsAsync(id);
        Assert.Equal((3, thirdSecret, $"https://hooks.slack.com/services/T01/B02/{secondToken}"),
            opened is { } o ? (o.Version, o.Secrets.WebhookSecret, o.Secrets.SlackUrl) : default);
    }

    private async Task<List<string>> RowsAsync(string sql, Guid id)
    {
        await using var connection = await api.Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    /// <summary>A queue of its own bound to the exchanges MassTransit publishes the event types to: every relayed body, as sent.</summary>
    private sealed class RelayedMessages : IAsyncDisposable
    {
        private readonly IConnection _connection;
        private readonly IChannel _channel;
        private readonly List<string> _bodies = [];

        private RelayedMessages(IConnection connection, IChannel channel) => (_connection, _channel) = (connection, channel);

        public IReadOnlyList<string> Bodies
        {
            get
            {
                lock (_bodies)
                {
                    return [.. _bodies];
                }
            }
        }

        public static async Task<RelayedMessages> ListenAsync(string virtualHost, IEnumerable<Type> types)
        {
            var factory = new ConnectionFactory
            {
                HostName = TestServers.RabbitHost, Port = TestServers.RabbitPort, VirtualHost = virtualHost, UserName = "guest", Password = "guest",
            };
            var connection = await factory.CreateConnectionAsync();
            var channel = await connection.CreateChannelAsync();
            var listener = new RelayedMessages(connection, channel);
            var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
            foreach (var type in types)
            {
                // MassTransit's publish topology: one durable fanout exchange per message type, named by the contract's
                // [EntityName] ("MediaMonitor.Contracts:type", the name it had before contracts were grouped by producer).
                var exchange = type.GetCustomAttribute<MassTransit.EntityNameAttribute>()?.EntityName ?? $"{type.Namespace}:{type.Name}";
                await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
                await channel.QueueBindAsync(queue, exchange, "");
            }

            var consumer = new RabbitMQ.Client.Events.AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivered) =>
            {
                lock (listener._bodies)
                {
                    listener._bodies.Add(Encoding.UTF8.GetString(delivered.Body.Span));
                }

                return Task.CompletedTask;
            };
            await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
            return listener;
        }

        public async ValueTask DisposeAsync()
        {
            await _channel.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}
