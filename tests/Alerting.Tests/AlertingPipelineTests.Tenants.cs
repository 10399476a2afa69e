using MediaMonitor.Alerting.Sources;

namespace MediaMonitor.Alerting.Tests;

public sealed partial class AlertingPipelineTests
{
    [Fact]
    public async Task A_tenant_is_alerted_only_about_articles_from_feeds_it_watches_live_and_in_backfill()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync("alerting_tenants");
        const string feedOfB = "https://feeds.example/only-b.xml";
        var sourceOfB = await pipeline.AddSourceAsync("tenant-b", feedOfB);
        var subA = await SubscribeAsync(pipeline, "tenant-a", receiver);
        var subB = await SubscribeAsync(pipeline, "tenant-b", receiver);

        // Only tenant-b watches the feed: tenant-a's matching subscription stays silent.
        var storyOfB = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://b.example/centre", "Outlet B", "NATO center opens in Kazakhstan", storyOfB, sourceOfB);
        // Only tenant-a watches this one: tenant-b stays silent.
        var storyOfA = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://a.example/centre", "Outlet A", "Kazakhstan hosts a NATO center", storyOfA);
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(subB, storyOfB), e => e.OfType<AlertRaised>().Any());
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(subA, storyOfA), e => e.OfType<AlertRaised>().Any());

        // Once tenant-a watches the same feed URL too, an article found through tenant-b's source alerts both.
        await pipeline.AddSourceAsync("tenant-a", feedOfB);
        await pipeline.WaitUntilWatchedAsync(sourceOfB, "tenant-a");
        var sharedStory = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://b.example/second", "Outlet B", "A second NATO center in Kazakhstan", sharedStory, sourceOfB);
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(subA, sharedStory), e => e.OfType<AlertRaised>().Any());
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(subB, sharedStory), e => e.OfType<AlertRaised>().Any());

        // Backfill keeps the same scope: a tenant watching nothing catches nothing; tenant-b's new subscription only its feed's stories.
        var subC = await SubscribeAsync(pipeline, "tenant-c", receiver);
        var subB2 = await SubscribeAsync(pipeline, "tenant-b", receiver);
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(subB2, sharedStory), e => e.OfType<AlertRaised>().Any());
        await pipeline.WaitForBackfillAsync(subC);
        await pipeline.WaitForBackfillAsync(subB2);

        Assert.Equal(new[] { storyOfA, sharedStory }.Order(), (await pipeline.AlertsOfAsync(subA)).Select(a => a.Story).Order());
        Assert.Equal(new[] { storyOfB, sharedStory }.Order(), (await pipeline.AlertsOfAsync(subB)).Select(a => a.Story).Order());
        Assert.Empty(await pipeline.AlertsOfAsync(subC));
        var backfilled = await pipeline.AlertsOfAsync(subB2);
        Assert.Equal(new[] { storyOfB, sharedStory }.Order(), backfilled.Select(a => a.Story).Order());
        Assert.All(backfilled, a => Assert.True(a.Backfilled));
    }

    private static async Task<Guid> SubscribeAsync(Pipeline pipeline, string tenantId, WebhookReceiver receiver)
    {
        var id = Guid.NewGuid();
        await pipeline.SubscribeAsync(new SubscriptionCreated(id, tenantId, "NATO watch", "NATO Kazakhstan", receiver.Url.ToString(), DateTimeOffset.UtcNow));
        return id;
    }

    internal sealed partial class Pipeline
    {
        /// <summary>Waits until every replica knows (from the relayed SourceAdded) that the tenant watches the source's feed.</summary>
        public async Task WaitUntilWatchedAsync(Guid sourceId, string tenantId) =>
            await Eventually.Until(() => Task.FromResult(_replicas.All(r => r.Services.GetRequiredService<SourceWatchers>().Audience.Reaches(sourceId, tenantId))),
                reached => reached, TimeSpan.FromSeconds(30), $"{tenantId} watching source {sourceId} in every replica");
    }
}
