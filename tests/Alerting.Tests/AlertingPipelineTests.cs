using MassTransit;
using MediaMonitor.ServiceDefaults.Jobs;
using Microsoft.Extensions.Hosting;

namespace MediaMonitor.Alerting.Tests;

/// <summary>The Alerting service on the real PostgreSQL and RabbitMQ, fed by an upstream relay standing in for the Api and EntityTagging.</summary>
public sealed partial class AlertingPipelineTests
{
    [Fact]
    public async Task Three_copies_of_one_story_raise_one_alert_with_three_copies_and_one_webhook_post()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync("alerting_story");
        var subscriptionId = await pipeline.SubscribeAsync("NATO center Kazakhstan", receiver.Url, secret: "s3cret-of-this-subscription");

        var storyId = Guid.NewGuid();
        var articles = new[]
        {
            await pipeline.PublishArticleAsync("https://one.example/nato-centre", "Outlet One", "NATO peacekeeping center opens in Kazakhstan", storyId),
            await pipeline.PublishArticleAsync("https://two.example/kz-nato", "Outlet Two", "Kazakhstan opens a NATO-backed center", storyId),
            await pipeline.PublishArticleAsync("https://three.example/story", "Outlet Three", "A new NATO center in Kazakhstan", storyId),
        };
        await pipeline.PublishArticleAsync("https://one.example/football", "Outlet One", "Football results from Almaty", Guid.NewGuid());

        var alertId = StreamIdentity.ForAlert(subscriptionId, storyId);
        var events = await pipeline.WaitForAlertAsync(alertId, e => e.OfType<AlertUpdated>().Any(u => u.Copies == 3) && e.OfType<AlertDelivered>().Any());

        // A relayed duplicate of an already counted article must not count it twice, nor a duplicate alert be posted again.
        await pipeline.RepublishTaggedAsync(articles[1]);
        await pipeline.RepublishAsync(events.OfType<AlertRaised>().Single());
        // Quiet: the four relayed articles and the copy matched, the relayed alert and its copy handed to delivery.
        await pipeline.WaitUntilConsumedAsync<EntitiesTagged>(5);
        await pipeline.WaitUntilConsumedAsync<AlertRaised>(2);
        events = await pipeline.AlertEventsAsync(alertId);

        Assert.Single(events.OfType<AlertRaised>());
        Assert.Equal([2, 3], events.OfType<AlertUpdated>().Select(u => u.Copies));
        Assert.Equal(3, events.OfType<AlertUpdated>().Last().Outlets);
        Assert.Single(events.OfType<AlertDelivered>());
        Assert.Equal(1, await pipeline.CountAlertsAsync());
        var post = Assert.Single(receiver.Posts);
        Assert.Equal(alertId.ToString(), post.Headers["Idempotency-Key"]);
        Assert.True(SignatureRecipe.Verify("s3cret-of-this-subscription", post), "the signature does not verify with the documented recipe");
        using var body = JsonDocument.Parse(post.Body);
        Assert.Equal(storyId, body.RootElement.GetProperty("storyId").GetGuid());
        Assert.Equal(subscriptionId, body.RootElement.GetProperty("subscriptionId").GetGuid());
    }

    [Fact]
    public async Task Two_replicas_raise_the_same_single_alert_as_one()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync("alerting_replicas", replicas: 2);
        var subscriptionId = await pipeline.SubscribeAsync("NATO Kazakhstan", receiver.Url);
        var storyId = Guid.NewGuid();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            pipeline.PublishArticleAsync($"https://outlet{i}.example/nato", $"Outlet {i}", "NATO center opens in Kazakhstan", storyId)));

        var alertId = StreamIdentity.ForAlert(subscriptionId, storyId);
        await pipeline.WaitForAlertAsync(alertId, e => e.OfType<AlertUpdated>().Any(u => u.Copies == 6) && e.OfType<AlertDelivered>().Any());
        await pipeline.WaitUntilConsumedAsync<EntitiesTagged>(6);
        await pipeline.WaitUntilConsumedAsync<AlertRaised>(1);
        var events = await pipeline.AlertEventsAsync(alertId);

        Assert.Single(events.OfType<AlertRaised>());
        Assert.Equal([2, 3, 4, 5, 6], events.OfType<AlertUpdated>().Select(u => u.Copies));
        Assert.Single(events.OfType<AlertDelivered>());
        Assert.Single(receiver.Accepted);
    }

    [Fact]
    public async Task A_receiver_that_refuses_the_first_attempts_still_gets_the_alert_exactly_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync(refuseFirst: 2);
        await using var pipeline = await Pipeline.StartAsync("alerting_retry");
        var subscriptionId = await pipeline.SubscribeAsync("\"peacekeeping center\" Kazakhstan", receiver.Url);
        var storyId = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/centre", "Outlet One", "Peacekeeping center opens in Kazakhstan", storyId);

        var alertId = StreamIdentity.ForAlert(subscriptionId, storyId);
        var events = await pipeline.WaitForAlertAsync(alertId, e => e.OfType<AlertDelivered>().Any());
        await pipeline.WaitUntilNothingPendingAsync();

        Assert.Equal(3, receiver.Posts.Count);
        Assert.Single(receiver.Accepted);
        Assert.Equal([1, 2], events.OfType<AlertDeliveryFailed>().Select(f => f.Attempt));
        Assert.Contains("503", events.OfType<AlertDeliveryFailed>().First().Reason, StringComparison.Ordinal);
        Assert.Equal(3, Assert.Single(events.OfType<AlertDelivered>()).Attempt);
        Assert.All(receiver.Posts, p => Assert.Equal(alertId.ToString(), p.Headers["Idempotency-Key"]));
    }

    [Fact]
    public async Task A_receiver_down_longer_than_the_immediate_attempts_gets_the_alert_from_the_retry_sweeper_exactly_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync(refuseFirst: 5);
        await using var pipeline = await Pipeline.StartAsync("alerting_sweep", new Dictionary<string, string?> { ["Alerting:Delivery:ImmediateAttempts"] = "2" });
        var subscriptionId = await pipeline.SubscribeAsync("Kazakhstan", receiver.Url);
        var storyId = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/outage", "Outlet One", "Kazakhstan centre opens", storyId);

        var alertId = StreamIdentity.ForAlert(subscriptionId, storyId);
        var events = await pipeline.WaitForAlertAsync(alertId, e => e.OfType<AlertDelivered>().Any());
        await pipeline.WaitUntilNothingPendingAsync();

        Assert.Equal([1, 2, 3, 4, 5], events.OfType<AlertDeliveryFailed>().Select(f => f.Attempt));
        Assert.Equal(6, Assert.Single(events.OfType<AlertDelivered>()).Attempt);
        Assert.Equal(6, receiver.Posts.Count);
        Assert.Single(receiver.Accepted);
        Assert.Equal(0, await pipeline.CountPendingDeliveriesAsync());
    }

    [Fact]
    public async Task Delivery_is_dead_lettered_with_the_reason_when_the_retry_window_closes()
    {
        await using var receiver = await WebhookReceiver.StartAsync(refuseFirst: int.MaxValue);
        await using var pipeline = await Pipeline.StartAsync("alerting_dead", new Dictionary<string, string?>
        {
            ["Alerting:Delivery:ImmediateAttempts"] = "2",
            ["Alerting:Delivery:RetryWindow"] = "00:00:02",
        });
        var subscriptionId = await pipeline.SubscribeAsync("Kazakhstan", receiver.Url);
        var storyId = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/dead", "Outlet One", "Kazakhstan centre opens", storyId);

        var alertId = StreamIdentity.ForAlert(subscriptionId, storyId);
        var events = await pipeline.WaitForAlertAsync(alertId, e => e.OfType<AlertDeadLettered>().Any());
        await pipeline.WaitUntilNothingPendingAsync();
        events = await pipeline.AlertEventsAsync(alertId);

        var dead = Assert.Single(events.OfType<AlertDeadLettered>());
        Assert.Contains("503", dead.Reason, StringComparison.Ordinal);
        Assert.Equal(events.OfType<AlertDeliveryFailed>().Count(), dead.Attempts);
        Assert.True(dead.Attempts >= 3, $"only {dead.Attempts} attempts in the window");
        Assert.Empty(events.OfType<AlertDelivered>());
        Assert.Equal(0, await pipeline.CountPendingDeliveriesAsync());
    }

    [Fact]
    public async Task Backfill_of_a_new_subscription_finds_what_live_matching_found_marked_backfilled_and_not_pushed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync("alerting_backfill");
        const string query = "Kazakhstan (NATO OR CSTO) NOT football";
        var live = await pipeline.SubscribeAsync(query, receiver.Url);
        var natoStory = Guid.NewGuid();
        var cstoStory = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/b1", "Outlet One", "NATO center opens in Kazakhstan", natoStory);
        await pipeline.PublishArticleAsync("https://two.example/b1", "Outlet Two", "Kazakhstan hosts NATO center", natoStory);
        await pipeline.PublishArticleAsync("https://one.example/b2", "Outlet One", "CSTO drills in Kazakhstan", cstoStory);
        await pipeline.PublishArticleAsync("https://one.example/b3", "Outlet One", "Kazakhstan football and NATO", Guid.NewGuid());
        await pipeline.PublishArticleAsync("https://one.example/b4", "Outlet One", "NATO summit in Brussels", Guid.NewGuid());
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(live, natoStory), e => e.OfType<AlertUpdated>().Any(u => u.Copies == 2));
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(live, cstoStory), e => e.OfType<AlertRaised>().Any());

        var backfilled = await pipeline.SubscribeAsync(query, receiver.Url);
        await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(backfilled, natoStory), e => e.OfType<AlertUpdated>().Any(u => u.Copies == 2));
        // Quiet: the backfill job has finished and the two live alerts reached the delivery consumer (the relay does not
        // publish backfilled alerts: nothing pushes them).
        await pipeline.WaitForBackfillAsync(backfilled);
        await pipeline.WaitUntilConsumedAsync<AlertRaised>(2);

        var liveAlerts = await pipeline.AlertsOfAsync(live);
        var backfilledAlerts = await pipeline.AlertsOfAsync(backfilled);
        Assert.Equal(liveAlerts.Select(a => (a.Story, a.Copies)).Order(), backfilledAlerts.Select(a => (a.Story, a.Copies)).Order());
        Assert.Equal(2, backfilledAlerts.Count);
        Assert.All(backfilledAlerts, a => Assert.True(a.Backfilled));
        Assert.All(liveAlerts, a => Assert.False(a.Backfilled));
        Assert.Equal(2, receiver.Posts.Count);
        Assert.DoesNotContain(receiver.Posts, p => backfilledAlerts.Any(a => p.Headers["Idempotency-Key"] == a.AlertId.ToString()));
    }

    [Fact]
    public async Task A_muted_subscription_records_its_alert_without_pushing_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync("alerting_mute");
        var subscriptionId = await pipeline.SubscribeAsync("Kazakhstan", receiver.Url);
        await pipeline.AppendAsync(subscriptionId, new SubscriptionPaused(subscriptionId, "tenant-a", null, "holiday", DateTimeOffset.UtcNow));
        var storyId = Guid.NewGuid();
        await pipeline.PublishArticleAsync("https://one.example/mute", "Outlet One", "Kazakhstan centre opens", storyId);

        var events = await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(subscriptionId, storyId), e => e.OfType<AlertDeliverySkipped>().Any());

        Assert.Contains("muted", Assert.Single(events.OfType<AlertDeliverySkipped>()).Reason, StringComparison.Ordinal);
        Assert.Empty(receiver.Posts);
    }

    [Fact]
    public async Task Alerts_beyond_the_hourly_limit_are_recorded_but_not_pushed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync("alerting_limit", new Dictionary<string, string?> { ["Alerting:Delivery:MaxPushesPerHour"] = "2" });
        var subscriptionId = await pipeline.SubscribeAsync("Kazakhstan", receiver.Url);
        var stories = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            stories.Add(Guid.NewGuid());
            await pipeline.PublishArticleAsync($"https://one.example/limit{i}", "Outlet One", $"Kazakhstan story {i}", stories[^1]);
            await pipeline.WaitForAlertAsync(StreamIdentity.ForAlert(subscriptionId, stories[^1]),
                e => e.OfType<AlertDelivered>().Any() || e.OfType<AlertDeliverySkipped>().Any());
        }

        var outcomes = new List<IReadOnlyList<object>>();
        foreach (var story in stories)
        {
            outcomes.Add(await pipeline.AlertEventsAsync(StreamIdentity.ForAlert(subscriptionId, story)));
        }

        Assert.Equal(2, outcomes.Count(e => e.OfType<AlertDelivered>().Any()));
        Assert.Contains("limit of 2", Assert.Single(outcomes.SelectMany(e => e.OfType<AlertDeliverySkipped>())).Reason, StringComparison.Ordinal);
        Assert.Equal(2, receiver.Posts.Count);
    }

    private sealed record Observed(IReadOnlyList<object> Events)
    {
        public override string ToString() => "[" + string.Join(", ", Events) + "]";
    }

    /// <summary>
    /// An upstream host that appends and relays what the Api and EntityTagging would, and the Alerting service itself: the
    /// one harness of the Alerting pipeline tests (SubscriptionChangePipelineTests uses it too).
    /// </summary>
    internal sealed partial class Pipeline : IAsyncDisposable
    {
        private readonly ServiceHost _upstream;
        private readonly List<ServiceHost> _replicas;

        /// <summary>What the replicas (including any restarted one) have consumed: the quiet signal the tests wait on.</summary>
        private readonly List<ConsumedMessages> _consumed;

        private Pipeline(ServiceHost upstream, List<ServiceHost> replicas)
        {
            _upstream = upstream;
            _replicas = replicas;
            _consumed = replicas.ConvertAll(ConsumedMessages.Observe);
        }

        /// <summary>The feed tenant-a watches; articles come from its source unless a test says otherwise.</summary>
        public const string WatchedFeed = "https://feeds.example/all.xml";

        public static readonly Guid WatchedSource = StreamIdentity.ForSource("tenant-a", WatchedFeed);

        private IDocumentStore Store => _upstream.Services.GetRequiredService<IDocumentStore>();

        /// <summary>Records that a tenant watches a feed, as the Api would (SourceAdded, relayed); returns the source id.</summary>
        public Task<Guid> AddSourceAsync(string tenantId, string url) => AddSourceAsync(Store, tenantId, url);

        private static async Task<Guid> AddSourceAsync(IDocumentStore store, string tenantId, string url)
        {
            var id = StreamIdentity.ForSource(tenantId, url);
            await using var session = store.LightweightSession();
            session.Events.StartStream(id, new SourceAdded(id, tenantId, url, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
            return id;
        }

        /// <summary>
        /// Starts the upstream host and the Alerting replicas; <paramref name="alertingSettings"/> apply to the replicas only,
        /// <paramref name="alertingWiring"/> replaces their wiring (default <see cref="AlertingHost.Wiring"/>).
        /// </summary>
        public static async Task<Pipeline> StartAsync(
            string name, IDictionary<string, string?>? extraSettings = null, int replicas = 1, IDictionary<string, string?>? alertingSettings = null,
            ServiceWiring? alertingWiring = null)
        {
            var env = await TestEnvironment.CreateAsync(name);
            var settings = env.Settings;
            settings["EventStore:DaemonMode"] = "Solo";
            settings["Alerting:Delivery:InitialBackoffMilliseconds"] = "100";
            settings["Alerting:Delivery:SweepInterval"] = "00:00:00.200";
            settings["Alerting:AllowedNetworks:0"] = "127.0.0.1/32";
            foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
            {
                settings[key] = value;
            }
            var upstream = await ServiceHost.StartAsync(AlertingHost.Upstream, settings);
            // tenant-a watches the feed PublishArticleAsync's articles come from by default (a tenant is alerted only about its sources).
            await AddSourceAsync(upstream.Services.GetRequiredService<IDocumentStore>(), "tenant-a", WatchedFeed);
            var alerting = new List<ServiceHost>();
            for (var i = 0; i < replicas; i++)
            {
                alerting.Add(await env.StartAsync(alertingWiring ?? AlertingHost.Wiring, alertingSettings));
            }

            return new Pipeline(upstream, alerting);
        }


        /// <summary>Creates a subscription of tenant-a; without <paramref name="webhook"/> it has no push channel (its alerts fill the inbox only).</summary>
        public async Task<Guid> SubscribeAsync(string query, Uri? webhook, string? secret = null)
        {
            var id = Guid.NewGuid();
            await using (var session = Store.LightweightSession())
            {
                session.Events.StartStream(id, new SubscriptionCreated(id, "tenant-a", "Test subscription", query, webhook?.ToString(), DateTimeOffset.UtcNow,
                    SecretVersion: secret is null ? 0 : 1));
                if (secret is not null)
                {
                    TestDeliverySecrets.Store(session, id, 1, secret);
                }

                await session.SaveChangesAsync();
            }

            var catalogs = _replicas.Select(r => r.Services.GetRequiredService<SubscriptionCatalog>()).ToList();
            await Eventually.Until(() => Task.FromResult(catalogs.All(c => c.Find(id) is not null)), found => found, TimeSpan.FromSeconds(30),
                "the subscription in every replica's catalog");
            return id;
        }

        public async Task<Guid> PublishArticleAsync(string url, string site, string title, Guid storyId, Guid? sourceId = null)
        {
            var articleId = StreamIdentity.ForArticle(url);
            var now = DateTimeOffset.UtcNow;
            await using var session = Store.LightweightSession();
            session.Events.StartStream(articleId,
                new ArticleFetched(articleId, url, url, title, title + ". The centre will train officers from the region.", now, site, sourceId ?? WatchedSource, now, "test"),
                new ArticleDeduplicated(articleId, DedupVerdict.Original, null, 0, storyId, now, "test"),
                new EntitiesTagged(articleId, [], now, "test"));
            await session.SaveChangesAsync();
            return articleId;
        }

        public async Task RepublishTaggedAsync(Guid articleId)
        {
            await using var session = Store.QuerySession();
            var tagged = (await session.Events.FetchStreamAsync(articleId)).Single(e => e.Data is EntitiesTagged);
            await _upstream.Services.GetRequiredService<IBus>().Publish((EntitiesTagged)tagged.Data, c => c.MessageId = Guid.NewGuid());
        }

        public Task RepublishAsync(AlertRaised raised) =>
            _upstream.Services.GetRequiredService<IBus>().Publish(raised, c => c.MessageId = Guid.NewGuid());

        public async Task<IReadOnlyList<object>> AlertEventsAsync(Guid alertId)
        {
            await using var session = Store.QuerySession();
            return [.. (await session.Events.FetchStreamAsync(alertId)).Select(e => e.Data)];
        }

        public async Task<IReadOnlyList<object>> WaitForAlertAsync(Guid alertId, Func<IReadOnlyList<object>, bool> done)
        {
            var seen = await Eventually.Until(async () => new Observed(await AlertEventsAsync(alertId)), o => done(o.Events), TimeSpan.FromSeconds(40),
                "the alert stream " + alertId);
            return seen.Events;
        }

        public async Task<IReadOnlyList<(Guid AlertId, Guid Story, int Copies, bool Backfilled)>> AlertsOfAsync(Guid subscriptionId)
        {
            await using var session = Store.QuerySession();
            var raised = await session.Events.QueryRawEventDataOnly<AlertRaised>().Where(r => r.SubscriptionId == subscriptionId).ToListAsync();
            var alerts = new List<(Guid, Guid, int, bool)>();
            foreach (var r in raised)
            {
                var events = await AlertEventsAsync(r.AlertId);
                alerts.Add((r.AlertId, r.StoryId, 1 + events.OfType<AlertUpdated>().Count(), r.Backfilled));
            }

            return alerts;
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

        /// <summary>Waits until the replicas together have consumed at least <paramref name="count"/> <typeparamref name="T"/> (each consumed once per replica).</summary>
        public Task<int> WaitUntilConsumedAsync<T>(int count) =>
            Eventually.Until(() => Task.FromResult(Consumed<T>()), n => n >= count, TimeSpan.FromSeconds(30), $"{count} {typeof(T).Name} consumed");

        /// <summary>Waits until a replica has consumed a <typeparamref name="T"/> that matches (a particular message, not just a count).</summary>
        public Task<int> WaitUntilConsumedAsync<T>(Func<T, bool> match, string what) =>
            Eventually.Until(() => Task.FromResult(_consumed.Sum(c => c.Finished(match))), n => n >= 1, TimeSpan.FromSeconds(30), what);

        /// <summary>How many <typeparamref name="T"/> the replicas together have consumed so far.</summary>
        public int Consumed<T>() => _consumed.Sum(c => c.Finished<T>());

        /// <summary>
        /// Waits until every replica's <typeparamref name="TWork"/> has finished two more rounds: the second began after this
        /// call, so anything it would send again has been sent. The quiet signal for periodic work (digests, spikes).
        /// </summary>
        public async Task WaitForTwoMoreRoundsAsync<TWork>() where TWork : PeriodicWork
        {
            var loops = _replicas.ConvertAll(r => r.Services.GetServices<IHostedService>().OfType<TWork>().Single());
            var targets = loops.ConvertAll(l => l.RoundsFinished + 2);
            await Eventually.Until(() => Task.FromResult(loops.Zip(targets).All(l => l.First.RoundsFinished >= l.Second)), done => done,
                TimeSpan.FromSeconds(30), $"two more rounds of {typeof(TWork).Name} on every replica");
        }

        /// <summary>Waits until no delivery is pending: no retry sweep can post anything more.</summary>
        public Task<int> WaitUntilNothingPendingAsync() =>
            Eventually.Until(CountPendingDeliveriesAsync, n => n == 0, TimeSpan.FromSeconds(30), "no pending delivery");

        /// <summary>Waits until the backfill job of a new subscription has finished.</summary>
        public Task<JobDocument?> WaitForBackfillAsync(Guid subscriptionId) =>
            Eventually.Until(async () =>
            {
                await using var session = Store.QuerySession();
                return await session.LoadAsync<JobDocument>(SubscriptionBackfillJobs.IdFor(subscriptionId, 1));
            }, job => job?.State is JobState.Completed, TimeSpan.FromSeconds(40), $"the backfill of subscription {subscriptionId} completed", job => $"{job?.State}");

        public async Task<int> CountPendingDeliveriesAsync()
        {
            await using var session = Store.QuerySession();
            return await session.Query<MediaMonitor.Alerting.Delivery.PendingDelivery>().CountAsync();
        }

        public async Task<int> CountAlertsAsync()
        {
            await using var session = Store.QuerySession();
            return await session.Events.QueryRawEventDataOnly<AlertRaised>().CountAsync();
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var replica in _replicas)
            {
                await replica.DisposeAsync();
            }

            await _upstream.DisposeAsync();
        }
    }
}
