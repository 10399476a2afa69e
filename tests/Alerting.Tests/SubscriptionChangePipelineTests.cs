namespace MediaMonitor.Alerting.Tests;

/// <summary>Query changes and pauses reaching the Alerting service over the real PostgreSQL and RabbitMQ.</summary>
public sealed class SubscriptionChangePipelineTests
{
    [Fact]
    public async Task After_a_query_change_new_articles_match_the_new_query_and_no_longer_the_old_one()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await ChangePipeline.StartAsync("alerting_edit");
        var id = await pipeline.SubscribeAsync("Kazakhstan", receiver.Url);
        await pipeline.AppendAsync(id, new SubscriptionQueryChanged(id, "tenant-a", "Almaty", "Kazakhstan", DateTimeOffset.UtcNow));
        await pipeline.WaitForCatalogAsync(c => c.Find(id)?.QueryText == "Almaty", "the new query in the catalog");

        var oldStory = Guid.NewGuid();
        var newStory = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/kz", "Kazakhstan opens a training centre", oldStory);
        await pipeline.PublishArticleAsync("https://one.example/almaty", "Almaty hosts a training centre", newStory);

        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(id, newStory), e => e.OfType<AlertRaised>().Any());
        await pipeline.WaitUntilConsumedAsync<EntitiesTagged>(2); // both articles matched (or not) by now
        Assert.Empty(await pipeline.AlertEventsAsync(StreamIdentity.ForAlert(id, oldStory)));
    }

    [Fact]
    public async Task After_a_delivery_change_the_next_alert_goes_to_the_new_webhook_signed_with_the_new_secret_and_not_to_the_old()
    {
        await using var oldReceiver = await WebhookReceiver.StartAsync();
        await using var newReceiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await ChangePipeline.StartAsync("alerting_redeliver");
        var id = await pipeline.SubscribeAsync("Kazakhstan", oldReceiver.Url);
        var before = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/before", "Kazakhstan opens a training centre", before);
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(id, before), e => e.OfType<AlertDelivered>().Any());

        await pipeline.AppendAsync(id, new SubscriptionDeliveryChanged(id, "tenant-a", newReceiver.Url.ToString(), null, DateTimeOffset.UtcNow, SecretVersion: 1),
            secret: "whsec_rotated");
        await pipeline.WaitForCatalogAsync(c => c.Find(id)?.WebhookUrl == newReceiver.Url.ToString(), "the new webhook in the catalog");
        var after = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/after", "Kazakhstan hosts a summit", after);
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
        await using var pipeline = await ChangePipeline.StartAsync("alerting_pause");
        var witness = await pipeline.SubscribeAsync("Kazakhstan", receiver.Url);
        var paused = await pipeline.SubscribeAsync("Kazakhstan", receiver.Url);
        await pipeline.AppendAsync(paused, new SubscriptionPaused(paused, "tenant-a", null, "holiday", DateTimeOffset.UtcNow, StopsMatching: true));
        await pipeline.WaitForCatalogAsync(c => c.IsPausedAt(paused, DateTimeOffset.UtcNow), "the pause in the catalog");

        var during = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/during", "Kazakhstan opens a training centre", during);
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(witness, during), e => e.OfType<AlertRaised>().Any());
        Assert.Empty(await pipeline.AlertEventsAsync(StreamIdentity.ForAlert(paused, during)));

        await pipeline.AppendAsync(paused, new SubscriptionResumed(paused, "tenant-a", DateTimeOffset.UtcNow));
        await pipeline.WaitForCatalogAsync(c => !c.IsPausedAt(paused, DateTimeOffset.UtcNow), "the resumption in the catalog");
        var after = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/after", "Kazakhstan hosts a summit", after);
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(paused, after), e => e.OfType<AlertRaised>().Any());
    }

    [Fact]
    public async Task Backfill_after_a_query_change_finds_what_live_matching_with_the_new_query_found_marked_backfilled_and_not_pushed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await ChangePipeline.StartAsync("alerting_edit_backfill");
        var live = await pipeline.SubscribeAsync("Almaty", receiver.Url);
        var edited = await pipeline.SubscribeAsync("Kazakhstan", receiver.Url);
        var almaty = Guid.NewGuid();
        var kazakhstan = Guid.NewGuid();
        var both = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/a1", "Almaty hosts a summit", almaty);
        await pipeline.PublishArticleAsync("https://two.example/a1", "Summit in Almaty opens", almaty);
        await pipeline.PublishArticleAsync("https://one.example/k1", "Kazakhstan passes a budget", kazakhstan);
        await pipeline.PublishArticleAsync("https://one.example/b1", "Almaty, Kazakhstan: a new centre", both);
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(live, almaty), e => e.OfType<AlertUpdated>().Any(u => u.Copies == 2));
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(live, both), e => e.OfType<AlertRaised>().Any());
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(edited, both), e => e.OfType<AlertRaised>().Any());
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(edited, kazakhstan), e => e.OfType<AlertRaised>().Any());

        await pipeline.AppendAsync(edited, new SubscriptionQueryChanged(edited, "tenant-a", "Almaty", "Kazakhstan", DateTimeOffset.UtcNow));
        var backfilled = await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(edited, almaty), e => e.OfType<AlertUpdated>().Any(u => u.Copies == 2));
        // Quiet: the four live alerts and the backfilled one have reached the delivery consumer (which must not push the last).
        await pipeline.WaitUntilConsumedAsync<AlertRaised>(5);

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
        await using var pipeline = await ChangePipeline.StartAsync("alerting_catalog_load");
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
        await using var pipeline = await ChangePipeline.StartAsync("alerting_queued");
        // A catalog of a realistic size (the demo has 16; a newsroom hundreds), so building its index takes a moment.
        await pipeline.SubscribeManyAsync(Enumerable.Range(0, 500).Select(i => $"\"desk {i}\" AND (budget OR summit)"));
        var id = await pipeline.SubscribeAsync("Kazakhstan", receiver.Url);
        var stories = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToList();

        // The bus starts before the catalog loader, so queued messages are consumed first, several at once, while the
        // loader may be loading too: every one of them must still see the subscription.
        await pipeline.RestartAlertingAsync(async () =>
        {
            for (var i = 0; i < stories.Count; i++)
            {
                await pipeline.PublishArticleAsync($"https://one.example/queued-{i}", $"Kazakhstan opens training centre {i}", stories[i]);
            }

            await pipeline.WaitUntilRelayedAsync();
        });

        foreach (var story in stories)
        {
            var alert = await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(id, story), e => e.OfType<AlertRaised>().Any());
            Assert.Single(alert.OfType<AlertRaised>());
        }
    }

    /// <summary>An upstream host appending and relaying what the Api and EntityTagging would, and one Alerting replica.</summary>
    private sealed class ChangePipeline : IAsyncDisposable
    {
        private readonly ServiceHost _upstream;
        private readonly Dictionary<string, string?> _settings;
        private ServiceHost _alerting;
        private ConsumedMessages _consumed;

        private ChangePipeline(ServiceHost upstream, ServiceHost alerting, Dictionary<string, string?> settings)
        {
            _upstream = upstream;
            _alerting = alerting;
            _consumed = ConsumedMessages.Observe(alerting);
            _settings = settings;
        }

        /// <summary>Waits until the running Alerting replica has consumed at least <paramref name="count"/> <typeparamref name="T"/>.</summary>
        public Task WaitUntilConsumedAsync<T>(int count) => _consumed.WaitForAsync<T>(count, TimeSpan.FromSeconds(30));

        private const string WatchedFeed = "https://feeds.example/all.xml";

        private static readonly Guid WatchedSource = StreamIdentity.ForSource("tenant-a", WatchedFeed);

        private IDocumentStore Store => _upstream.Services.GetRequiredService<IDocumentStore>();

        private SubscriptionCatalog Catalog => _alerting.Services.GetRequiredService<SubscriptionCatalog>();

        public static async Task<ChangePipeline> StartAsync(string name)
        {
            var settings = (await TestEnvironment.CreateAsync(name)).Settings;
            settings["EventStore:DaemonMode"] = "Solo";
            settings["Alerting:AllowedNetworks:0"] = "127.0.0.1/32";
            var upstream = await ServiceHost.StartAsync(AlertingHost.Upstream, settings);

            // tenant-a watches the feed the articles come from (a tenant is alerted only about its sources).
            await using (var session = upstream.Services.GetRequiredService<IDocumentStore>().LightweightSession())
            {
                session.Events.StartStream(WatchedSource, new SourceAdded(WatchedSource, "tenant-a", WatchedFeed, DateTimeOffset.UtcNow));
                await session.SaveChangesAsync();
            }

            return new ChangePipeline(upstream, await StartAlertingAsync(settings), settings);
        }

        private static Task<ServiceHost> StartAlertingAsync(Dictionary<string, string?> settings) =>
            ServiceHost.StartAsync(AlertingHost.Wiring, settings);

        /// <summary>Stops the Alerting replica, runs <paramref name="whileDown"/>, and starts a new one on the same store and vhost.</summary>
        public async Task RestartAlertingAsync(Func<Task> whileDown)
        {
            await _alerting.DisposeAsync();
            await whileDown();
            // As deployed: the daemon elects a leader first (HotCold), which holds back the hosted services after it.
            _alerting = await StartAlertingAsync(new Dictionary<string, string?>(_settings) { ["EventStore:DaemonMode"] = "HotCold" });
            _consumed = ConsumedMessages.Observe(_alerting);
        }

        /// <summary>Waits until the upstream relay has published every event stored so far (queued for an Alerting that is down).</summary>
        public async Task WaitUntilRelayedAsync()
        {
            long last;
            await using (var session = Store.QuerySession())
            {
                last = await session.Events.QueryAllRawEvents().MaxAsync(e => e.Sequence);
            }

            await Eventually.Until(
                async () => (await Store.Advanced.AllProjectionProgress()).Where(s => s.ShardName.StartsWith("relay-upstream", StringComparison.Ordinal))
                    .Select(s => s.Sequence).DefaultIfEmpty(0).Max(),
                relayed => relayed >= last, TimeSpan.FromSeconds(30), "the upstream relay to publish every stored event");
        }

                public async Task<Guid> SubscribeAsync(string query, Uri webhook)
        {
            var id = Guid.NewGuid();
            await using (var session = Store.LightweightSession())
            {
                session.Events.StartStream(id, new SubscriptionCreated(id, "tenant-a", "Test subscription", query, webhook.ToString(), DateTimeOffset.UtcNow));
                await session.SaveChangesAsync();
            }

            await WaitForCatalogAsync(c => c.Find(id) is not null, "the subscription in the catalog");
            return id;
        }

        /// <summary>Stores many subscriptions in one transaction (none of them alerts in these tests).</summary>
        public async Task SubscribeManyAsync(IEnumerable<string> queries)
        {
            var before = Catalog.Count;
            var count = 0;
            await using (var session = Store.LightweightSession())
            {
                foreach (var query in queries)
                {
                    var id = Guid.NewGuid();
                    session.Events.StartStream(id, new SubscriptionCreated(id, "tenant-a", "Desk " + count++, query, "https://hook.example/", DateTimeOffset.UtcNow));
                }

                await session.SaveChangesAsync();
            }

            await Eventually.Until(() => Task.FromResult(Catalog.Count == before + count), d => d, TimeSpan.FromSeconds(120), $"{count} more subscriptions in the catalog");
        }

        public async Task<SubscriptionCatalog> LoadFreshCatalogAsync()
        {
            var catalog = new SubscriptionCatalog(TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<SubscriptionCatalog>.Instance);
            await using var session = Store.QuerySession();
            await catalog.LoadAsync(session, CancellationToken.None);
            return catalog;
        }

        /// <summary>Appends a change; <paramref name="secret"/> is stored sealed under <paramref name="secretVersion"/> in the same transaction, as the Api does.</summary>
        public async Task AppendAsync(Guid subscriptionId, object change, string? secret = null, int secretVersion = 1)
        {
            await using var session = Store.LightweightSession();
            session.Events.Append(subscriptionId, change);
            if (secret is not null)
            {
                TestDeliverySecrets.Store(session, subscriptionId, secretVersion, secret);
            }

            await session.SaveChangesAsync();
        }

        public async Task WaitForCatalogAsync(Func<SubscriptionCatalog, bool> done, string what) =>
            await Eventually.Until(() => Task.FromResult(done(Catalog)), d => d, TimeSpan.FromSeconds(30), what);

        public async Task PublishArticleAsync(string url, string title, Guid storyId)
        {
            var articleId = StreamIdentity.ForArticle(url);
            var now = DateTimeOffset.UtcNow;
            await using var session = Store.LightweightSession();
            session.Events.StartStream(articleId,
                new ArticleFetched(articleId, url, url, title, title + ". Officers from the region will train there.", now, "Outlet One", WatchedSource, now, "test"),
                new ArticleDeduplicated(articleId, DedupVerdict.Original, null, 0, storyId, now, "test"),
                new EntitiesTagged(articleId, [], now, "test"));
            await session.SaveChangesAsync();
        }

        public async Task<IReadOnlyList<object>> AlertEventsAsync(Guid alertId)
        {
            await using var session = Store.QuerySession();
            return [.. (await session.Events.FetchStreamAsync(alertId)).Select(e => e.Data)];
        }

        public async Task<IReadOnlyList<object>> WaitForAlertAsync(Guid alertId, Func<IReadOnlyList<object>, bool> done) =>
            await Eventually.Until(() => AlertEventsAsync(alertId), done, TimeSpan.FromSeconds(40), "the alert stream " + alertId);

        public async Task<IReadOnlyList<(Guid Story, int Copies, bool Backfilled)>> AlertsOfAsync(Guid subscriptionId)
        {
            await using var session = Store.QuerySession();
            var raised = await session.Events.QueryRawEventDataOnly<AlertRaised>().Where(r => r.SubscriptionId == subscriptionId).ToListAsync();
            var alerts = new List<(Guid, int, bool)>();
            foreach (var r in raised)
            {
                alerts.Add((r.StoryId, 1 + (await AlertEventsAsync(r.AlertId)).OfType<AlertUpdated>().Count(), r.Backfilled));
            }

            return alerts;
        }

        public async ValueTask DisposeAsync()
        {
            await _alerting.DisposeAsync();
            await _upstream.DisposeAsync();
        }
    }
}
