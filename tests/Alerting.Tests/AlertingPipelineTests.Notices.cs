using System.Text.Json;
using MediaMonitor.Alerting.Digests;
using MediaMonitor.Contracts;
using MediaMonitor.TestSupport;

namespace MediaMonitor.Alerting.Tests;

/// <summary>Digests (once per period with two replicas, by e-mail and webhook) and spike notices on the real servers.</summary>
public sealed partial class AlertingPipelineTests
{
    [Fact]
    public async Task Two_replicas_and_a_restart_send_each_period_s_digest_once_by_email_and_webhook_listing_its_stories_with_copy_counts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync("alerting_digest", new Dictionary<string, string?>(Smtp)
        {
            ["Alerting:Digests:CheckInterval"] = "00:00:00.200",
        }, replicas: 2);

        // Hourly at a minute half an hour from now, so the latest due instant is about 30 minutes ago whatever the clock says.
        var now = DateTimeOffset.UtcNow;
        var schedule = new DigestSchedule(DigestFrequency.Hourly, 0, (now.Minute + 30) % 60, "Europe/Berlin");
        var due = DigestCalendar.LatestDue(schedule, now);
        var (start, _) = DigestCalendar.PeriodEndingAt(schedule, due);
        var id = Guid.NewGuid();
        var recipient = $"digest-{id:N}@client.example";

        var big = new AlertRaised(Guid.NewGuid(), id, "tenant-a", Guid.NewGuid(), Guid.NewGuid(), "https://one.example/big", "NATO center opens", "Outlet One",
            start.AddMinutes(5), "test");
        var small = big with { AlertId = Guid.NewGuid(), StoryId = Guid.NewGuid(), FirstArticleId = Guid.NewGuid(), Url = "https://two.example/s", Title = "CSTO drills", Outlet = "Outlet Two", RaisedAt = start.AddMinutes(9) };
        var earlier = big with { AlertId = Guid.NewGuid(), StoryId = Guid.NewGuid(), Title = "Before the period", RaisedAt = start.AddMinutes(-5) };
        await pipeline.StartStreamAsync(big.AlertId, big, new AlertUpdated(big.AlertId, Guid.NewGuid(), "Outlet Three", 2, 2, start.AddMinutes(6)));
        await pipeline.StartStreamAsync(small.AlertId, small);
        await pipeline.StartStreamAsync(earlier.AlertId, earlier);
        await pipeline.SubscribeAsync(new SubscriptionCreated(id, "tenant-a", "Kazakhstan watch", "NATO OR CSTO", receiver.Url.ToString(), due.AddHours(-3), null,
            new SubscriptionDelivery(Email: recipient, Immediate: false, Digest: schedule)));

        var digestId = StreamIdentity.ForDigest(id, due);
        await pipeline.WaitForAlertAsync(digestId, e => e.OfType<DigestSent>().Count() == 2);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await pipeline.RestartAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var events = await pipeline.AlertEventsAsync(digestId);
        var mail = Assert.Single(SmtpSinkMailbox.For(recipient));

        var compiled = Assert.Single(events.OfType<DigestCompiled>());
        Assert.Equal((start, due), (compiled.PeriodStart, compiled.PeriodEnd));
        Assert.Equal([("NATO center opens", 2), ("CSTO drills", 1)], compiled.Items.Select(i => (i.Title, i.Copies)));
        Assert.Equal(["email", "webhook"], events.OfType<DigestSent>().Select(s => s.Channel).Order());
        Assert.All(events.OfType<DigestSent>(), s => Assert.Equal((start, due, 2), (s.PeriodStart, s.PeriodEnd, s.Stories)));
        Assert.Single(await pipeline.QueryAsync<DigestCompiled>(q => q.Where(d => d.SubscriptionId == id)));

        var post = Assert.Single(receiver.Posts);
        Assert.Equal(digestId.ToString(), post.Headers["Idempotency-Key"]);
        using var body = JsonDocument.Parse(post.Body);
        Assert.Equal("digest", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(2, body.RootElement.GetProperty("stories").GetArrayLength());
        Assert.Equal("Kazakhstan watch: hourly digest, 2 stories", mail.Subject);
        Assert.Equal($"{digestId}@mediamonitor.test", mail.MessageId);
        Assert.Contains("2 copies in 2 outlets: Outlet One, Outlet Three", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Before the period", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coverage_spike_against_a_quiet_baseline_is_detected_and_notified_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync("alerting_spike", new Dictionary<string, string?>
        {
            ["Alerting:Spikes:CheckInterval"] = "00:00:00.300",
        });
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;

        // The baseline: one matching story every twelve hours for fourteen days.
        for (var i = 1; i <= 28; i++)
        {
            var alertId = Guid.NewGuid();
            await pipeline.StartStreamAsync(alertId, new AlertRaised(alertId, id, "tenant-a", Guid.NewGuid(), Guid.NewGuid(), $"https://old.example/{i}", "Old story",
                "Outlet One", now.AddHours(-12 * i).AddMinutes(-30), "test"));
        }

        await pipeline.SubscribeAsync(new SubscriptionCreated(id, "tenant-a", "Kazakhstan watch", "Kazakhstan", receiver.Url.ToString(), now.AddDays(-15), null,
            new SubscriptionDelivery(Immediate: false, Spike: new SpikeWatch(Sigmas: 3, MinimumCount: 5))));
        for (var i = 0; i < 6; i++)
        {
            await pipeline.PublishArticleAsync($"https://now.example/{i}", $"Outlet {i}", $"Kazakhstan story number {i}", Guid.NewGuid());
        }

        var spikes = await Eventually.Until(() => pipeline.QueryAsync<SpikeDetected>(q => q.Where(s => s.SubscriptionId == id)), s => s.Count > 0,
            TimeSpan.FromSeconds(40), "a SpikeDetected");
        var spikeId = spikes[0].SpikeId;
        await pipeline.WaitForAlertAsync(spikeId, e => e.OfType<SpikeNotified>().Any());
        await Task.Delay(TimeSpan.FromSeconds(2));

        var spike = Assert.Single(await pipeline.QueryAsync<SpikeDetected>(q => q.Where(s => s.SubscriptionId == id)));
        Assert.True(spike.Count >= 5, $"counted {spike.Count}");
        Assert.True(spike.BaselineMean < 0.2, $"baseline mean {spike.BaselineMean}");
        Assert.Single((await pipeline.AlertEventsAsync(spikeId)).OfType<SpikeNotified>());
        var post = Assert.Single(receiver.Posts);
        Assert.Equal(spikeId.ToString(), post.Headers["Idempotency-Key"]);
        using var body = JsonDocument.Parse(post.Body);
        Assert.Equal("spike", body.RootElement.GetProperty("type").GetString());
    }
}
