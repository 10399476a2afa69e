namespace MediaMonitor.Alerting.Tests;

/// <summary>Query changes and pauses reaching the Alerting service over the real PostgreSQL and RabbitMQ.</summary>
public sealed class SubscriptionChangePipelineTests
{
    [Fact]
    public async Task After_a_query_change_new_articles_match_the_new_query_and_no_longer_the_old_one()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await AlertingPipelineTests.Pipeline.StartAsync("alerting_edit");
        var id = await pipeline.SubscribeAsync("Kazakhstan", receiver.Url);
        await pipeline.AppendAsync(id, new SubscriptionQueryChanged(id, "tenant-a", "Almaty", "Kazakhstan", DateTimeOffset.UtcNow));
        await pipeline.WaitForCatalogsAsync(c => c.Find(id)?.QueryText == "Almaty", "the new query in the catalog");

        var oldStory = Guid.NewGuid();
        var newStory = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/kz", "Outlet One", "Kazakhstan opens a training centre", oldStory);
        await pipeline.PublishArticleAsync("https://one.example/almaty", "Outlet One", "Almaty hosts a training centre", newStory);

        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(id, newStory), e => e.OfType<AlertRaised>().Any());
        await pipeline.WaitUntilConsumedAsync<EntitiesTagged>(2); // both articles matched (or not) by now
        Assert.Empty(await pipeline.AlertEventsAsync(StreamIdentity.ForAlert(id, oldStory)));
    }

    [Fact]
    public async Task After_a_delivery_change_the_next_alert_goes_to_the_new_webhook_signed_with_the_new_secret_and_not_to_the_old()
    {
        await using var oldReceiver = await WebhookReceiver.StartAsync();
        await using var newReceiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await AlertingPipelineTests.Pipeline.StartAsync("alerting_redeliver");
        var id = await pipeline.SubscribeAsync("Kazakhstan", oldReceiver.Url);
        var before = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/before", "Outlet One", "Kazakhstan opens a training centre", before);
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(id, before), e => e.OfType<AlertDelivered>().Any());

        await pipeline.AppendAsync(id, new SubscriptionDeliveryChanged(id, "tenant-a", newReceiver.Url.ToString(), null, DateTimeOffset.UtcNow, SecretVersion: 1),
            secret: "whsec_rotated");
        await pipeline.WaitForCatalogsAsync(c => c.Find(id)?.WebhookUrl == newReceiver.Url.ToString(), "the new webhook in the catalog");
        var after = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/after", "Outlet One", "Kazakhstan hosts a summit", after);
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(id, after), e => e.OfType<AlertDelivered>().Any());

        Assert.Equal([StreamIdentity.ForAlert(id, before).ToString()], oldReceiver.Posts.Select(p => p.Headers["Idempotency-Key"]));
        var post = Assert.Single(newReceiver.Posts);
        Assert.Equal(StreamIdentity.ForAlert(id, after).ToString(), post.Headers["Idempotency-Key"]);
        Assert.True(SignatureRecipe.Verify("whsec_rotated", post), "the post is not signed with the new secret");
    }

    [Fact]
    public async Task A_paused_subscription_raises_nothing_and_matches_again_once_resumed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await AlertingPipelineTests.Pipeline.StartAsync("alerting_pause");
        var witness = await pipeline.SubscribeAsync("Kazakhstan", receiver.Url);
        var paused = await pipeline.SubscribeAsync("Kazakhstan", receiver.Url);
        await pipeline.AppendAsync(paused, new SubscriptionPaused(paused, "tenant-a", null, "holiday", DateTimeOffset.UtcNow, StopsMatching: true));
        await pipeline.WaitForCatalogsAsync(c => c.IsPausedAt(paused, DateTimeOffset.UtcNow), "the pause in the catalog");

        var during = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/during", "Outlet One", "Kazakhstan opens a training centre", during);
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(witness, during), e => e.OfType<AlertRaised>().Any());
        Assert.Empty(await pipeline.AlertEventsAsync(StreamIdentity.ForAlert(paused, during)));

        await pipeline.AppendAsync(paused, new SubscriptionResumed(paused, "tenant-a", DateTimeOffset.UtcNow));
        await pipeline.WaitForCatalogsAsync(c => !c.IsPausedAt(paused, DateTimeOffset.UtcNow), "the resumption in the catalog");
        var after = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/after", "Outlet One", "Kazakhstan hosts a summit", after);
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(paused, after), e => e.OfType<AlertRaised>().Any());
    }

    [Fact]
    public async Task Backfill_after_a_query_change_finds_what_live_matching_with_the_new_query_found_marked_backfilled_and_not_pushed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await AlertingPipelineTests.Pipeline.StartAsync("alerting_edit_backfill");
        var live = await pipeline.SubscribeAsync("Almaty", receiver.Url);
        var edited = await pipeline.SubscribeAsync("Kazakhstan", receiver.Url);
        var almaty = Guid.NewGuid();
        var kazakhstan = Guid.NewGuid();
        var both = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/a1", "Outlet One", "Almaty hosts a summit", almaty);
        await pipeline.PublishArticleAsync("https://two.example/a1", "Outlet One", "Summit in Almaty opens", almaty);
        await pipeline.PublishArticleAsync("https://one.example/k1", "Outlet One", "Kazakhstan passes a budget", kazakhstan);
        await pipeline.PublishArticleAsync("https://one.example/b1", "Outlet One", "Almaty, Kazakhstan: a new centre", both);
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(live, almaty), e => e.OfType<AlertUpdated>().Any(u => u.Copies == 2));
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(live, both), e => e.OfType<AlertRaised>().Any());
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(edited, both), e => e.OfType<AlertRaised>().Any());
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(edited, kazakhstan), e => e.OfType<AlertRaised>().Any());

        await pipeline.AppendAsync(edited, new SubscriptionQueryChanged(edited, "tenant-a", "Almaty", "Kazakhstan", DateTimeOffset.UtcNow));
        var backfilled = await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(edited, almaty), e => e.OfType<AlertUpdated>().Any(u => u.Copies == 2));
        // Quiet: the four live alerts have reached the delivery consumer (the relay does not publish the backfilled one).
        await pipeline.WaitUntilConsumedAsync<AlertRaised>(4);

        var liveAlerts = await pipeline.AlertsOfAsync(live);
        var editedAlerts = (await pipeline.AlertsOfAsync(edited)).Where(a => a.Story != kazakhstan).ToList();
        Assert.Equal(liveAlerts.Select(a => (a.Story, a.Copies)).Order(), editedAlerts.Select(a => (a.Story, a.Copies)).Order());
        Assert.True(Assert.Single(backfilled.OfType<AlertRaised>()).Backfilled);
        Assert.DoesNotContain(receiver.Posts, p => p.Headers["Idempotency-Key"] == StreamIdentity.ForAlert(edited, almaty).ToString());
    }

    [Fact]
    public async Task A_catalog_loaded_from_the_store_has_every_subscription_with_its_latest_query_and_pause()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await AlertingPipelineTests.Pipeline.StartAsync("alerting_catalog_load");
        var changed = await pipeline.SubscribeAsync("Kazakhstan", receiver.Url);
        var paused = await pipeline.SubscribeAsync("NATO", receiver.Url);
        await pipeline.AppendAsync(changed, new SubscriptionQueryChanged(changed, "tenant-a", "Almaty", "Kazakhstan", DateTimeOffset.UtcNow));
        await pipeline.AppendAsync(paused, new SubscriptionPaused(paused, "tenant-a", null, null, DateTimeOffset.UtcNow, StopsMatching: true));

        var catalog = await pipeline.LoadFreshCatalogAsync();

        Assert.Equal(2, catalog.Count);
        Assert.Equal("Almaty", catalog.Find(changed)!.QueryText);
        Assert.True(catalog.IsPausedAt(paused, DateTimeOffset.UtcNow));
        Assert.False(catalog.IsPausedAt(changed, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task An_article_queued_while_Alerting_was_down_matches_the_stored_subscriptions_on_restart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await AlertingPipelineTests.Pipeline.StartAsync("alerting_queued");
        // A catalog of a realistic size (the demo has 16; a newsroom hundreds), so building its index takes a moment.
        await pipeline.SubscribeManyAsync(Enumerable.Range(0, 500).Select(i => $"\"desk {i}\" AND (budget OR summit)"));
        var id = await pipeline.SubscribeAsync("Kazakhstan", receiver.Url);
        var stories = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToList();

        // The bus starts before the catalog loader, so queued messages are consumed first, several at once, while the
        // loader may be loading too: every one of them must still see the subscription.
        await pipeline.RestartAsync(async () =>
        {
            for (var i = 0; i < stories.Count; i++)
            {
                await pipeline.PublishArticleAsync($"https://one.example/queued-{i}", "Outlet One", $"Kazakhstan opens training centre {i}", stories[i]);
            }

            await pipeline.WaitUntilRelayedAsync();
        }, daemonMode: "HotCold"); // as deployed: the daemon elects a leader first, which holds back the hosted services after it

        foreach (var story in stories)
        {
            var alert = await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(id, story), e => e.OfType<AlertRaised>().Any());
            Assert.Single(alert.OfType<AlertRaised>());
        }
    }
}
