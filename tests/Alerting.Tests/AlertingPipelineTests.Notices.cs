using MediaMonitor.Alerting.Digests;
using MediaMonitor.Alerting.Spikes;

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
        await pipeline.SubscribeAsync(new SubscriptionCreated(id, "tenant-a", "Kazakhstan watch", "NATO OR CSTO", receiver.Url.ToString(), due.AddHours(-3),
            new SubscriptionDelivery(Email: recipient, Immediate: false, Digest: schedule)));

        var digestId = StreamIdentity.ForDigest(id, due);
        await pipeline.WaitForAlertAsync(digestId, e => e.OfType<DigestSent>().Count() == 2);
        await pipeline.WaitForTwoMoreRoundsAsync<DigestScheduler>();
        await pipeline.RestartAsync();
        await pipeline.WaitForTwoMoreRoundsAsync<DigestScheduler>();
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

        await pipeline.SubscribeAsync(new SubscriptionCreated(id, "tenant-a", "Kazakhstan watch", "Kazakhstan", receiver.Url.ToString(), now.AddDays(-15),
            new SubscriptionDelivery(Immediate: false, Spike: new SpikeWatch(Sigmas: 3, MinimumCount: 5))));
        for (var i = 0; i < 6; i++)
        {
            await pipeline.PublishArticleAsync($"https://now.example/{i}", $"Outlet {i}", $"Kazakhstan story number {i}", Guid.NewGuid());
        }

        var spikes = await Eventually.Until(() => pipeline.QueryAsync<SpikeDetected>(q => q.Where(s => s.SubscriptionId == id)), s => s.Count > 0,
            TimeSpan.FromSeconds(40), "a SpikeDetected");
        var spikeId = spikes[0].SpikeId;
        await pipeline.WaitForAlertAsync(spikeId, e => e.OfType<SpikeNotified>().Any());
        await pipeline.WaitUntilConsumedAsync<EntitiesTagged>(6);
        await pipeline.WaitForTwoMoreRoundsAsync<SpikeWatcher>();

        var spike = Assert.Single(await pipeline.QueryAsync<SpikeDetected>(q => q.Where(s => s.SubscriptionId == id)));
        Assert.True(spike.Count >= 5, $"counted {spike.Count}");
        Assert.True(spike.BaselineMean < 0.2, $"baseline mean {spike.BaselineMean}");
        Assert.Single((await pipeline.AlertEventsAsync(spikeId)).OfType<SpikeNotified>());
        var post = Assert.Single(receiver.Posts);
        Assert.Equal(spikeId.ToString(), post.Headers["Idempotency-Key"]);
        using var body = JsonDocument.Parse(post.Body);
        Assert.Equal("spike", body.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_paused_subscription_gets_no_digest_a_muted_one_has_it_recorded_but_not_sent_and_the_hourly_limit_does_not_hold_one_back()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync("alerting_digest_holds", new Dictionary<string, string?>
        {
            ["Alerting:Digests:CheckInterval"] = "00:00:00.200",
            ["Alerting:Delivery:MaxPushesPerHour"] = "1",
        });
        var now = DateTimeOffset.UtcNow;
        var schedule = new DigestSchedule(DigestFrequency.Hourly, 0, (now.Minute + 30) % 60, "UTC");
        var due = DigestCalendar.LatestDue(schedule, now);
        var (start, _) = DigestCalendar.PeriodEndingAt(schedule, due);
        var (paused, muted, busy) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        foreach (var id in new[] { paused, muted, busy })
        {
            // Two stories within one hour of the period: over the hourly push limit of 1, which binds single alerts only.
            for (var i = 0; i < 2; i++)
            {
                var alertId = Guid.NewGuid();
                await pipeline.StartStreamAsync(alertId, new AlertRaised(alertId, id, "tenant-a", Guid.NewGuid(), Guid.NewGuid(), $"https://one.example/{alertId}",
                    $"Story {i}", "Outlet One", start.AddMinutes(5 + i), "test"));
            }

            await pipeline.SubscribeAsync(new SubscriptionCreated(id, "tenant-a", "Watch", "Kazakhstan", receiver.Url.ToString(), due.AddHours(-3),
                new SubscriptionDelivery(Immediate: false)));
        }

        // The pause and the mute come first; the digest is added after (SubscriptionDeliveryChanged), so no round can see it unpaused.
        await pipeline.AppendAsync(paused, new SubscriptionPaused(paused, "tenant-a", null, "holiday", now, StopsMatching: true));
        await pipeline.AppendAsync(muted, new SubscriptionPaused(muted, "tenant-a", null, "holiday", now));
        await pipeline.WaitForCatalogsAsync(c => c.IsPausedAt(paused, DateTimeOffset.UtcNow), "the pause in the catalog");
        foreach (var id in new[] { paused, muted, busy })
        {
            await pipeline.AppendAsync(id, new SubscriptionDeliveryChanged(id, "tenant-a", receiver.Url.ToString(),
                new SubscriptionDelivery(Immediate: false, Digest: schedule), now));
        }

        await pipeline.WaitForAlertAsync(StreamIdentity.ForDigest(busy, due), e => e.OfType<DigestSent>().Any());
        var mutedDigest = await pipeline.WaitForAlertAsync(StreamIdentity.ForDigest(muted, due), e => e.OfType<NotificationDeliverySkipped>().Any());
        await pipeline.WaitForTwoMoreRoundsAsync<DigestScheduler>();

        Assert.Empty(await pipeline.AlertEventsAsync(StreamIdentity.ForDigest(paused, due)));
        Assert.Empty(await pipeline.QueryAsync<DigestCompiled>(q => q.Where(d => d.SubscriptionId == paused)));
        Assert.Equal(2, Assert.Single(mutedDigest.OfType<DigestCompiled>()).Items.Count);
        Assert.Contains("muted until resumed (holiday)", Assert.Single(mutedDigest.OfType<NotificationDeliverySkipped>()).Reason, StringComparison.Ordinal);
        Assert.Empty(mutedDigest.OfType<DigestSent>());
        var post = Assert.Single(receiver.Posts);
        Assert.Equal(StreamIdentity.ForDigest(busy, due).ToString(), post.Headers["Idempotency-Key"]);
    }

    [Fact]
    public async Task A_paused_subscription_is_not_watched_for_spikes_and_a_muted_one_has_its_spike_recorded_but_not_sent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync("alerting_spike_holds", new Dictionary<string, string?>
        {
            ["Alerting:Spikes:CheckInterval"] = "00:00:00.300",
        });
        var now = DateTimeOffset.UtcNow;
        var (paused, muted) = (Guid.NewGuid(), Guid.NewGuid());
        foreach (var id in new[] { paused, muted })
        {
            await pipeline.SubscribeAsync(new SubscriptionCreated(id, "tenant-a", "Watch", "Kazakhstan", receiver.Url.ToString(), now.AddDays(-15),
                new SubscriptionDelivery(Immediate: false)));
        }

        await pipeline.AppendAsync(paused, new SubscriptionPaused(paused, "tenant-a", null, null, now, StopsMatching: true));
        await pipeline.AppendAsync(muted, new SubscriptionPaused(muted, "tenant-a", null, "night shift", now));
        await pipeline.WaitForCatalogsAsync(c => c.IsPausedAt(paused, DateTimeOffset.UtcNow), "the pause in the catalog");
        foreach (var id in new[] { paused, muted })
        {
            await pipeline.AppendAsync(id, new SubscriptionDeliveryChanged(id, "tenant-a", receiver.Url.ToString(),
                new SubscriptionDelivery(Immediate: false, Spike: new SpikeWatch(Sigmas: 3, MinimumCount: 5)), now));
        }

        await pipeline.WaitForCatalogsAsync(c => c.Find(paused)?.Delivery?.Spike is not null && c.Find(muted)?.Delivery?.Spike is not null,
            "the spike watches in the catalog");

        // Six stories in the last hour against an empty baseline: a spike for either, were it watched.
        foreach (var id in new[] { paused, muted })
        {
            for (var i = 0; i < 6; i++)
            {
                var alertId = Guid.NewGuid();
                await pipeline.StartStreamAsync(alertId, new AlertRaised(alertId, id, "tenant-a", Guid.NewGuid(), Guid.NewGuid(), $"https://now.example/{alertId}",
                    $"Story {i}", "Outlet One", now.AddMinutes(-20 + i), "test"));
            }
        }

        var spikes = await Eventually.Until(() => pipeline.QueryAsync<SpikeDetected>(q => q.Where(s => s.SubscriptionId == muted)), s => s.Count > 0,
            TimeSpan.FromSeconds(40), "the muted subscription's SpikeDetected");
        var events = await pipeline.WaitForAlertAsync(spikes[0].SpikeId, e => e.OfType<NotificationDeliverySkipped>().Any());
        await pipeline.WaitForTwoMoreRoundsAsync<SpikeWatcher>();

        Assert.Contains("muted until resumed (night shift)", Assert.Single(events.OfType<NotificationDeliverySkipped>()).Reason, StringComparison.Ordinal);
        Assert.Empty(events.OfType<SpikeNotified>());
        Assert.Empty(await pipeline.QueryAsync<SpikeDetected>(q => q.Where(s => s.SubscriptionId == paused)));
        Assert.Empty(receiver.Posts);
    }
}
