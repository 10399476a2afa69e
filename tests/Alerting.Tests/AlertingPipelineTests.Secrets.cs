using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts;
using MediaMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MediaMonitor.Alerting.Tests;

public sealed partial class AlertingPipelineTests
{
    [Fact]
    public async Task After_a_webhook_secret_rotation_deliveries_verify_with_the_new_secret_and_not_the_old()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync("alerting_secret_rotation");
        var id = await pipeline.SubscribeAsync("NATO Kazakhstan", receiver.Url, secret: "whsec_old");
        await pipeline.AppendToSubscriptionAsync(id, new WebhookSecretRotated(id, "tenant-a", "whsec_new", DateTimeOffset.UtcNow));
        await pipeline.WaitForSecretAsync(id, "whsec_new");

        var storyId = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/rotated", "Outlet One", "NATO center opens in Kazakhstan", storyId);
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(id, storyId), e => e.OfType<AlertDelivered>().Any());

        var post = Assert.Single(receiver.Posts);
        Assert.True(SignatureRecipe.Verify("whsec_new", post), "the delivery does not verify with the rotated secret");
        Assert.False(SignatureRecipe.Verify("whsec_old", post), "the delivery still verifies with the old secret");
    }

    private sealed partial class Pipeline
    {
        /// <summary>Waits until every replica's catalog signs the subscription's webhooks with the secret (the rotation was relayed).</summary>
        public async Task WaitForSecretAsync(Guid subscriptionId, string secret) =>
            await Eventually.Until(
                () => Task.FromResult(_replicas.All(r => r.Services.GetRequiredService<SubscriptionCatalog>().Find(subscriptionId)?.WebhookSecret == secret)),
                done => done, TimeSpan.FromSeconds(30), "the rotated secret in every replica's catalog");
    }
}
