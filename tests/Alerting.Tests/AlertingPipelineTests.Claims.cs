using Marten.Services;
using Microsoft.Extensions.DependencyInjection;

namespace MediaMonitor.Alerting.Tests;

public sealed partial class AlertingPipelineTests
{
    [Fact]
    public async Task A_claim_committed_without_an_answer_is_found_in_the_stream_and_sent_at_once_not_when_the_claim_runs_out()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // The first commit that appends a DeliveryClaimed lands, and then its caller gets an error, as when the connection
        // breaks between PostgreSQL's commit and its answer (a database restart). The claim holds others off for 10 minutes.
        var lostAnswer = new AnswerLostAfterCommit<DeliveryClaimed>();
        var wiring = AlertingHost.Wiring with
        {
            Add = builder =>
            {
                AlertingHost.Wiring.Add(builder);
                builder.Services.ConfigureMarten(opts => opts.Listeners.Add(lostAnswer));
            },
        };
        await using var pipeline = await Pipeline.StartAsync("alerting_lost_answer",
            alertingSettings: new Dictionary<string, string?> { ["Alerting:Delivery:ClaimSeconds"] = "600" }, alertingWiring: wiring);
        var subscriptionId = await pipeline.SubscribeAsync("NATO Kazakhstan", receiver.Url);
        var storyId = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/nato-claim", "Outlet One", "NATO center opens in Kazakhstan", storyId);

        var alertId = StreamIdentity.ForAlert(subscriptionId, storyId);
        var events = await pipeline.WaitForAlertAsync(alertId, e => e.OfType<AlertDelivered>().Any());
        await pipeline.WaitUntilNothingPendingAsync();

        Assert.Equal(1, lostAnswer.Failed);
        Assert.Single(events.OfType<DeliveryClaimed>());
        Assert.Equal(1, Assert.Single(events.OfType<AlertDelivered>()).Attempt);
        Assert.Single(receiver.Posts);
    }

    /// <summary>Throws once, after the commit, from the first session whose commit appended a <typeparamref name="TEvent"/>.</summary>
    private sealed class AnswerLostAfterCommit<TEvent> : DocumentSessionListenerBase
    {
        private int _failed;

        public int Failed => _failed;

        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) =>
            commit.GetEvents().Any(e => e.Data is TEvent) && Interlocked.CompareExchange(ref _failed, 1, 0) == 0
                ? throw new IOException("the connection broke after the commit (a test's stand-in for a database restart)")
                : Task.CompletedTask;
    }
}
