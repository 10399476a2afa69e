using MediaMonitor.Alerting.Alerts;

namespace MediaMonitor.Alerting.Tests;

public sealed partial class AlertingPipelineTests
{
    [Fact]
    public async Task A_copy_matched_while_another_writer_holds_the_alert_stream_waits_its_turn_and_then_updates_the_alert()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync("alerting_turns");
        var subscriptionId = await pipeline.SubscribeAsync("NATO Kazakhstan", receiver.Url);
        var storyId = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/nato", "Outlet One", "NATO center opens in Kazakhstan", storyId);
        var alertId = StreamIdentity.ForAlert(subscriptionId, storyId);
        await pipeline.WaitForAlertAsync(alertId, e => e.OfType<AlertDelivered>().Any());

        // A writer (delivery, in the service) holds the stream's turn: the copy's match must wait for it, not append beside it.
        var held = await pipeline.HoldAlertStreamAsync(alertId);
        await pipeline.PublishArticleAsync("https://two.example/kz", "Outlet Two", "Kazakhstan opens a NATO center", storyId);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var whileHeld = await pipeline.AlertEventsAsync(alertId);
        await held.DisposeAsync();

        Assert.Empty(whileHeld.OfType<AlertUpdated>());
        var events = await pipeline.WaitForAlertAsync(alertId, e => e.OfType<AlertUpdated>().Any());
        Assert.Equal(2, Assert.Single(events.OfType<AlertUpdated>()).Copies);
        Assert.Single(events.OfType<AlertRaised>());
    }

    internal sealed partial class Pipeline
    {
        /// <summary>Takes an alert stream's turn as the service's writers do, in a transaction held until the result is disposed.</summary>
        public async Task<IAsyncDisposable> HoldAlertStreamAsync(Guid alertId)
        {
            var session = Store.LightweightSession();
            await AlertStreamTurns.TakeAsync(session, [alertId], CancellationToken.None);
            return session;
        }
    }
}
