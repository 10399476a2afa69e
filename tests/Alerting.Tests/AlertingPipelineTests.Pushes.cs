namespace MediaMonitor.Alerting.Tests;

public sealed partial class AlertingPipelineTests
{
    [Fact]
    public async Task The_replica_that_raised_an_alert_pushes_it_without_waiting_for_the_relayed_message()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // Alerting's daemon off: it relays nothing, so its webhook-delivery queue is never handed an AlertRaised.
        await using var pipeline = await Pipeline.StartAsync("alerting_raised_push",
            alertingSettings: new Dictionary<string, string?> { ["EventStore:DaemonMode"] = "Disabled" });
        var subscriptionId = await pipeline.SubscribeAsync("NATO Kazakhstan", receiver.Url);
        var storyId = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/nato", "Outlet One", "NATO center opens in Kazakhstan", storyId);
        await pipeline.PublishArticleAsync("https://two.example/kz", "Outlet Two", "Kazakhstan opens a NATO center", storyId);

        var alertId = StreamIdentity.ForAlert(subscriptionId, storyId);
        var events = await pipeline.WaitForAlertAsync(alertId, e => e.OfType<AlertDelivered>().Any() && e.OfType<AlertUpdated>().Any());

        Assert.Single(events.OfType<AlertRaised>());
        Assert.Single(events.OfType<AlertDelivered>());
        Assert.Single(receiver.Accepted);
        Assert.Equal(alertId.ToString(), receiver.Posts.Single().Headers["Idempotency-Key"]);
    }

    [Fact]
    public async Task With_in_process_pushes_off_the_alert_waits_for_its_relayed_message()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync("alerting_raised_relayed",
            alertingSettings: new Dictionary<string, string?> { ["EventStore:DaemonMode"] = "Disabled", ["Alerting:Delivery:RaisedInProcess"] = "0" });
        var subscriptionId = await pipeline.SubscribeAsync("NATO Kazakhstan", receiver.Url);
        var storyId = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/nato", "Outlet One", "NATO center opens in Kazakhstan", storyId);

        var alertId = StreamIdentity.ForAlert(subscriptionId, storyId);
        await pipeline.WaitForAlertAsync(alertId, e => e.OfType<AlertRaised>().Any());
        await pipeline.WaitUntilConsumedAsync<EntitiesTagged>(1);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.DoesNotContain(await pipeline.AlertEventsAsync(alertId), e => e is AlertDelivered);
        Assert.Empty(receiver.Posts);
    }

    [Fact]
    public async Task An_alert_of_a_subscription_without_a_push_channel_is_filed_but_not_relayed_to_delivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync("alerting_unpushed_relay");
        var inboxOnly = await pipeline.SubscribeAsync("Kazakhstan budget", webhook: null);
        var pushed = await pipeline.SubscribeAsync("NATO summit", receiver.Url);
        var budget = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/kz", "Outlet One", "Kazakhstan passes a budget", budget);
        var filed = await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(inboxOnly, budget), e => e.OfType<AlertRaised>().Any());
        var summit = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/nato", "Outlet One", "NATO summit in Brussels", summit);
        var pushedAlert = StreamIdentity.ForAlert(pushed, summit);
        await pipeline.WaitForAlertAsync(pushedAlert, e => e.OfType<AlertDelivered>().Any());
        // Quiet: the relay publishes in the store's order, so the inbox-only alert, raised first, would have been handed
        // to delivery before the pushed one.
        await pipeline.WaitUntilConsumedAsync<AlertRaised>(r => r.AlertId == pushedAlert, "the pushed alert's relayed AlertRaised");

        Assert.False(Assert.Single(filed.OfType<AlertRaised>()).HasPushChannel);
        Assert.Equal(1, pipeline.Consumed<AlertRaised>());
        Assert.Single(receiver.Posts);
    }
}
