namespace MediaMonitor.Alerting.Tests;

public sealed partial class AlertingPipelineTests
{
    [Fact]
    public async Task After_a_webhook_secret_rotation_deliveries_verify_with_the_new_secret_and_not_the_old()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync("alerting_secret_rotation");
        var id = await pipeline.SubscribeAsync("NATO Kazakhstan", receiver.Url, secret: "whsec_old");
        await pipeline.RotateSecretAsync(id, 2, "whsec_new");
        await pipeline.WaitForSecretVersionAsync(id, 2);

        var storyId = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/rotated", "Outlet One", "NATO center opens in Kazakhstan", storyId);
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(id, storyId), e => e.OfType<AlertDelivered>().Any());

        var post = Assert.Single(receiver.Posts);
        Assert.True(SignatureRecipe.Verify("whsec_new", post), "the delivery does not verify with the rotated secret");
        Assert.False(SignatureRecipe.Verify("whsec_old", post), "the delivery still verifies with the old secret");
    }

    [Fact]
    public async Task A_Slack_alert_goes_to_the_URL_sealed_in_the_subscriptions_secrets_which_its_events_name_by_host_only()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync("alerting_slack_sealed");
        var id = Guid.NewGuid();
        var created = new SubscriptionCreated(id, "tenant-a", "Slack watch", "NATO Kazakhstan", null, DateTimeOffset.UtcNow,
            new SubscriptionDelivery(SlackHost: receiver.Url.Host), SecretVersion: 1);
        await pipeline.SubscribeAsync(created, slackUrl: receiver.Url.ToString());

        var storyId = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/slack", "Outlet One", "NATO center opens in Kazakhstan", storyId);
        var events = await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(id, storyId), e => e.OfType<AlertDelivered>().Any());

        Assert.Equal("slack", Assert.Single(events.OfType<AlertDelivered>()).Channel);
        Assert.Contains("NATO center opens in Kazakhstan", Assert.Single(receiver.Posts).Body, StringComparison.Ordinal);
    }

    internal sealed partial class Pipeline
    {
        /// <summary>A rotation as the Api records it: the new secret sealed under the next version, the event naming that version only.</summary>
        public async Task RotateSecretAsync(Guid subscriptionId, int version, string secret)
        {
            await using var session = Store.LightweightSession();
            TestDeliverySecrets.Store(session, subscriptionId, version, secret);
            session.Events.Append(subscriptionId, new WebhookSecretRotated(subscriptionId, "tenant-a", DateTimeOffset.UtcNow, version));
            await session.SaveChangesAsync();
        }

        /// <summary>Waits until every replica's catalog knows the subscription's credentials version (the rotation was relayed).</summary>
        public async Task WaitForSecretVersionAsync(Guid subscriptionId, int version) =>
            await Eventually.Until(
                () => Task.FromResult(_replicas.All(r => r.Services.GetRequiredService<SubscriptionCatalog>().Find(subscriptionId)?.SecretVersion == version)),
                done => done, TimeSpan.FromSeconds(30), "the rotated secret's version in every replica's catalog");
    }
}
