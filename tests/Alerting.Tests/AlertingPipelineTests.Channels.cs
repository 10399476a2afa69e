using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace MediaMonitor.Alerting.Tests;

/// <summary>E-mail over the real local SMTP server, and the claim that keeps two replicas from sending one attempt twice.</summary>
public sealed partial class AlertingPipelineTests
{
    private static readonly Dictionary<string, string?> Smtp = new() { ["Alerting:Smtp:From"] = "MediaMonitor <alerts@mediamonitor.test>" };

    [Fact]
    public async Task An_alert_is_emailed_through_the_real_SMTP_server_as_text_and_HTML_with_a_Message_ID_made_of_its_idempotency_key()
    {
        await using var pipeline = await Pipeline.StartAsync("alerting_email", Smtp);
        var id = Guid.NewGuid();
        var recipient = $"analyst-{id:N}@client.example";
        await pipeline.SubscribeAsync(new SubscriptionCreated(id, "tenant-a", "Kazakhstan watch", "NATO Kazakhstan", null, DateTimeOffset.UtcNow,
            new SubscriptionDelivery(Email: recipient)));
        var storyId = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/mail", "Outlet One", "NATO center opens in Kazakhstan", storyId);

        var alertId = StreamIdentity.ForAlert(id, storyId);
        var events = await pipeline.WaitForAlertAsync(alertId, e => e.OfType<AlertDelivered>().Any());
        var mail = Assert.Single(await SmtpSinkMailbox.WaitForAsync(recipient));

        Assert.Equal("email", Assert.Single(events.OfType<AlertDelivered>()).Channel);
        Assert.Equal($"{alertId}@mediamonitor.test", mail.MessageId);
        Assert.Equal(alertId.ToString(), mail.Headers["X-MediaMonitor-Idempotency-Key"]);
        Assert.Equal("alerts@mediamonitor.test", mail.From.Mailboxes.Single().Address);
        Assert.Equal("Kazakhstan watch: NATO center opens in Kazakhstan", mail.Subject);
        Assert.Contains("https://one.example/mail", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Coverage: 1 copy in 1 outlet (Outlet One)", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Matched query: NATO Kazakhstan", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://one.example/mail\">NATO center opens in Kazakhstan</a>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_SMTP_server_is_retried_then_dead_lettered_while_the_webhook_channel_delivers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync("alerting_email_down", new Dictionary<string, string?>(Smtp)
        {
            ["Alerting:Smtp:Port"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Alerting:Delivery:ImmediateAttempts"] = "2",
            ["Alerting:Delivery:RetryWindow"] = "00:00:02",
        });
        var id = Guid.NewGuid();
        await pipeline.SubscribeAsync(new SubscriptionCreated(id, "tenant-a", "S", "Kazakhstan", receiver.Url.ToString(), DateTimeOffset.UtcNow,
            new SubscriptionDelivery(Email: $"nobody-{id:N}@client.example")));
        var storyId = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/smtp-down", "Outlet One", "Kazakhstan centre opens", storyId);

        var events = await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(id, storyId),
            e => e.OfType<AlertDeadLettered>().Any() && e.OfType<AlertDelivered>().Any());

        var dead = Assert.Single(events.OfType<AlertDeadLettered>());
        Assert.Equal("email", dead.Channel);
        Assert.Contains("could not be used", dead.Reason, StringComparison.Ordinal);
        Assert.True(dead.Attempts >= 2, $"only {dead.Attempts} attempts");
        Assert.All(events.OfType<AlertDeliveryFailed>(), f => Assert.Equal("email", f.Channel));
        Assert.Equal("webhook", Assert.Single(events.OfType<AlertDelivered>()).Channel);
        Assert.Single(receiver.Posts);
    }

    [Fact]
    public async Task Two_replicas_sweeping_the_same_retries_post_each_attempt_once()
    {
        // A slow receiver keeps each attempt in flight while the other replica's sweeper looks: without the claim both would post it.
        await using var receiver = await WebhookReceiver.StartAsync(refuseFirst: 3, delay: TimeSpan.FromMilliseconds(400));
        await using var pipeline = await Pipeline.StartAsync("alerting_claim", new Dictionary<string, string?>
        {
            ["Alerting:Delivery:ImmediateAttempts"] = "1",
            ["Alerting:Delivery:SweepInterval"] = "00:00:00.050",
        }, replicas: 2);
        var subscriptionId = await pipeline.SubscribeAsync("Kazakhstan", receiver.Url);
        var storyId = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/claim", "Outlet One", "Kazakhstan centre opens", storyId);

        var alertId = StreamIdentity.ForAlert(subscriptionId, storyId);
        await pipeline.WaitForAlertAsync(alertId, e => e.OfType<AlertDelivered>().Any());
        await pipeline.WaitUntilNothingPendingAsync();
        var events = await pipeline.AlertEventsAsync(alertId);

        Assert.Equal(4, receiver.Posts.Count);
        Assert.Equal([1, 2, 3], events.OfType<AlertDeliveryFailed>().Select(f => f.Attempt));
        Assert.Equal(4, Assert.Single(events.OfType<AlertDelivered>()).Attempt);
        Assert.Equal([1, 2, 3, 4], events.OfType<DeliveryClaimed>().Select(c => c.Attempt));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal sealed partial class Pipeline
    {
        /// <summary>Records a subscription as the Api would (a Slack URL sealed under its SecretVersion) and waits until every replica's catalog has it.</summary>
        public async Task SubscribeAsync(SubscriptionCreated created, string? slackUrl = null)
        {
            await using (var session = Store.LightweightSession())
            {
                session.Events.StartStream(created.SubscriptionId, created);
                if (slackUrl is not null)
                {
                    TestDeliverySecrets.Store(session, created.SubscriptionId, created.SecretVersion, null, slackUrl);
                }

                await session.SaveChangesAsync();
            }

            var catalogs = _replicas.Select(r => r.Services.GetRequiredService<SubscriptionCatalog>()).ToList();
            await Eventually.Until(() => Task.FromResult(catalogs.All(c => c.Find(created.SubscriptionId) is not null)), found => found,
                TimeSpan.FromSeconds(30), "the subscription in every replica's catalog");
        }

        /// <summary>
        /// Stops every replica, runs <paramref name="whileDown"/>, and starts one anew with the same settings (the daemon in
        /// <paramref name="daemonMode"/> if given): a restart of the Alerting service.
        /// </summary>
        public async Task RestartAsync(Func<Task>? whileDown = null, string? daemonMode = null)
        {
            var settings = _replicas[0].App.Configuration.AsEnumerable().Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value);
            if (daemonMode is not null)
            {
                settings["EventStore:DaemonMode"] = daemonMode;
            }

            foreach (var replica in _replicas)
            {
                await replica.DisposeAsync();
            }

            _replicas.Clear();
            if (whileDown is not null)
            {
                await whileDown();
            }

            _replicas.Add(await ServiceHost.StartAsync(AlertingHost.Wiring, settings));
            _consumed.Add(ConsumedMessages.Observe(_replicas[^1]));
        }

        /// <summary>
        /// Appends events to a new stream directly (history a test starts from), through the Alerting replica's store: alert
        /// events are appended by Alerting alone, so its inline read model (AlertActivity) sees them as it sees its own.
        /// </summary>
        public async Task StartStreamAsync(Guid streamId, params object[] events)
        {
            await using var session = _replicas[0].Services.GetRequiredService<IDocumentStore>().LightweightSession();
            session.Events.StartStream(streamId, events);
            await session.SaveChangesAsync();
        }

        /// <summary>Waits until every replica's catalog satisfies <paramref name="done"/>.</summary>
        public async Task WaitForCatalogsAsync(Func<SubscriptionCatalog, bool> done, string what)
        {
            var catalogs = _replicas.Select(r => r.Services.GetRequiredService<SubscriptionCatalog>()).ToList();
            await Eventually.Until(() => Task.FromResult(catalogs.All(done)), d => d, TimeSpan.FromSeconds(30), what);
        }

        public async Task<IReadOnlyList<T>> QueryAsync<T>(Func<IQueryable<T>, IQueryable<T>> filter)
            where T : class
        {
            await using var session = Store.QuerySession();
            return await filter(session.Events.QueryRawEventDataOnly<T>()).ToListAsync();
        }
    }
}
