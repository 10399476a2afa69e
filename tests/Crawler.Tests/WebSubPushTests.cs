using System.Text.Json;
using MediaMonitor.Crawler.WebSub.Events;

namespace MediaMonitor.Crawler.Tests;

/// <summary>
/// WebSub against a hub the test runs on 127.0.0.1 (<see cref="TestHub"/>), with the real Crawler on the real PostgreSQL
/// and RabbitMQ: discovery, verification of intent, signed content distribution, lease renewal and slow polling.
/// </summary>
public sealed class WebSubPushTests
{
    [Fact]
    public async Task A_pushed_article_is_stored_without_waiting_for_a_poll_and_a_badly_signed_push_stores_nothing()
    {
        await using var hub = await TestHub.StartAsync();
        hub.Items.Enqueue(("/news/first", "First"));
        var (crawler, store, sourceId) = await StartAsync(hub, new() { ["Crawler:PollIntervalSeconds"] = "300" });
        await using var _ = crawler;
        using var takenIn = new InstrumentRecorder(crawler.Services.GetRequiredService<ServiceTelemetry>().Meter, "mediamonitor.crawler.websub.items_taken_in");

        var subscribed = await Eventually.Until(() => StreamAsync(store, sourceId), e => e.OfType<WebSubSubscribed>().Any(), TimeSpan.FromSeconds(30), "the verified subscription");
        var discovered = subscribed.OfType<WebSubHubDiscovered>().Single();
        Assert.Equal((hub.HubUrl, hub.FeedUrl), (discovered.Hub, discovered.Topic));
        var request = Assert.Single(hub.Requests);
        var callback = $"{crawler.BaseAddress.AbsoluteUri.TrimEnd('/')}/websub/{sourceId:N}";
        Assert.Equal(("subscribe", hub.FeedUrl, callback, "86400"), (request.Mode, request.Topic, request.Callback, request.LeaseSeconds));
        Assert.Equal(64, request.Secret.Length);
        // The Crawler appends WebSubSubscribed while it answers the hub's verification request; the hub records the
        // answer once the response reaches it, which can be just after the event is readable.
        await Eventually.Until(() => Task.FromResult(hub.Verifications.Count), n => n > 0, TimeSpan.FromSeconds(30), "the hub's record of the verification");
        var verification = Assert.Single(hub.Verifications);
        Assert.Equal((200, true), (verification.Status, verification.EchoedChallenge));
        var lease = subscribed.OfType<WebSubSubscribed>().Single();
        Assert.Equal(hub.GrantedLeaseSeconds, lease.LeaseSeconds);
        Assert.Equal(lease.VerifiedAt.AddSeconds(hub.GrantedLeaseSeconds), lease.LeaseExpiresAt);
        Assert.DoesNotContain(request.Secret, JsonSerializer.Serialize(subscribed), StringComparison.Ordinal);

        var firstId = ArticleId(hub, "/news/first");
        await Eventually.Until(() => StreamAsync(store, firstId), e => e.OfType<ArticleFetched>().Any(), TimeSpan.FromSeconds(30), "the polled article");

        // Forged: signed with another secret, then not signed at all. Both are acknowledged (2xx) and ignored.
        var forged = hub.Feed([("/news/forged", "Forged")]);
        using (var wrong = await hub.PushAsync(callback, forged, "not-the-secret"))
        using (var unsigned = await hub.PushAsync(callback, forged, null))
        {
            Assert.True(wrong.IsSuccessStatusCode && unsigned.IsSuccessStatusCode, $"{wrong.StatusCode} / {unsigned.StatusCode}");
        }

        var rejected = (await StreamAsync(store, sourceId)).OfType<WebSubContentRejected>().First();
        Assert.Contains("wrong X-Hub-Signature", rejected.Reason, StringComparison.Ordinal);

        using (var pushed = await hub.PushAsync(callback, hub.Feed([("/news/pushed", "Pushed")]), request.Secret, "sha512"))
        {
            Assert.True(pushed.IsSuccessStatusCode, pushed.StatusCode.ToString());
        }

        var pushedEvents = await Eventually.Until(() => StreamAsync(store, ArticleId(hub, "/news/pushed")), e => e.OfType<ArticleFetched>().Any(),
            TimeSpan.FromSeconds(30), "the pushed article");
        Assert.Equal("Story pushed", pushedEvents.OfType<ArticleFetched>().Single().Title);
        Assert.Equal(sourceId, pushedEvents.OfType<ArticleDiscovered>().Single().SourceId);
        Assert.Empty(await StreamAsync(store, ArticleId(hub, "/news/forged")));
        // Only the first poll ran (the interval is 300 s), so the push alone explains the pushed article.
        Assert.Single((await StreamAsync(store, sourceId)).OfType<SourcePolled>());

        // The same item pushed again, and later polled, stays one article.
        using (var again = await hub.PushAsync(callback, hub.Feed([("/news/pushed", "Pushed"), ("/news/first", "First")]), request.Secret, "sha1"))
        {
            Assert.True(again.IsSuccessStatusCode);
        }

        // Both pushes' items handled (1 + 2): whatever the second push was going to append is in by now.
        await Eventually.Until(() => Task.FromResult(takenIn.Total), n => n >= 3, TimeSpan.FromSeconds(30), "the second push's items handled");
        Assert.Equal(2, (await StreamAsync(store, ArticleId(hub, "/news/pushed"))).Count);
        Assert.Equal(2, (await StreamAsync(store, firstId)).Count);

        Assert.Equal(404, (await hub.VerifyAsync(callback, "subscribe", "http://127.0.0.1:9/other.xml", "c1", 60)).Status);
        Assert.Equal(404, (await hub.VerifyAsync($"{crawler.BaseAddress.AbsoluteUri.TrimEnd('/')}/websub/{Guid.NewGuid():N}", "subscribe", hub.FeedUrl, "c2", 60)).Status);
        Assert.Equal(404, (await hub.VerifyAsync(callback, "unsubscribe", hub.FeedUrl, "c3", 60)).Status);
    }

    [Fact]
    public async Task A_short_lease_is_renewed_before_it_ends_and_polling_resumes_when_the_hub_fails()
    {
        await using var hub = await TestHub.StartAsync();
        hub.GrantedLeaseSeconds = 4;
        var (crawler, store, sourceId) = await StartAsync(hub, new()
        {
            ["Crawler:PollIntervalSeconds"] = "1",
            ["Crawler:MaxPollIntervalSeconds"] = "1",
            ["Crawler:WebSub:PollIntervalWhileSubscribedSeconds"] = "300",
            ["Crawler:WebSub:RetrySeconds"] = "300",
        });
        await using var _ = crawler;

        await Eventually.Until(() => Task.FromResult(hub.Verifications.Count(v => v.EchoedChallenge)), n => n >= 2, TimeSpan.FromSeconds(30), "a renewed lease");
        var verifications = hub.Verifications.ToList();
        var requests = hub.Requests.ToList();
        Assert.True(requests.Count >= 2 && requests.All(r => r.Mode == "subscribe"));
        Assert.True(requests[1].At < verifications[0].At.AddSeconds(hub.GrantedLeaseSeconds),
            $"renewal asked at {requests[1].At:O}, the first lease ended at {verifications[0].At.AddSeconds(hub.GrantedLeaseSeconds):O}");
        Assert.Equal(requests[0].Secret, requests[1].Secret);
        var events = await StreamAsync(store, sourceId);
        Assert.True(events.OfType<WebSubSubscribed>().Count() >= 2);

        // The hub now refuses: the renewal fails, the lease lapses, and the source is polled every second again.
        hub.Refuse = true;
        var failed = await Eventually.Until(() => StreamAsync(store, sourceId), e => e.OfType<WebSubSubscriptionFailed>().Any(), TimeSpan.FromSeconds(30), "the failed renewal");
        var leaseEnd = failed.OfType<WebSubSubscribed>().Max(s => s.LeaseExpiresAt);
        var after = await Eventually.Until(() => StreamAsync(store, sourceId), e => e.OfType<SourcePolled>().Count(p => p.PolledAt > leaseEnd) >= 3,
            TimeSpan.FromSeconds(30), "polling at the normal interval once the lease lapsed");
        Assert.Contains(after.OfType<WebSubSubscriptionFailed>(), f => f.Reason.Contains("HTTP 500", StringComparison.Ordinal) && !f.Denied);
    }

    [Fact]
    public async Task While_a_lease_holds_the_source_is_polled_at_the_slow_interval_and_unsubscribing_stops_pushes()
    {
        await using var hub = await TestHub.StartAsync();
        var (crawler, store, sourceId) = await StartAsync(hub, new()
        {
            ["Crawler:PollIntervalSeconds"] = "1",
            ["Crawler:MaxPollIntervalSeconds"] = "1",
            ["Crawler:WebSub:PollIntervalWhileSubscribedSeconds"] = "300",
        });
        await using var _ = crawler;

        var subscribed = await Eventually.Until(() => StreamAsync(store, sourceId), e => e.OfType<WebSubSubscribed>().Any(), TimeSpan.FromSeconds(30), "the verified subscription");
        await Task.Delay(1500);
        var polls = (await StreamAsync(store, sourceId)).OfType<SourcePolled>().Count();
        await Task.Delay(4000);
        Assert.Equal(polls, (await StreamAsync(store, sourceId)).OfType<SourcePolled>().Count());

        var callback = hub.Requests.First().Callback;
        await crawler.Services.GetRequiredService<WebSubSubscriber>().UnsubscribeAsync(sourceId, CancellationToken.None);
        await Eventually.Until(() => StreamAsync(store, sourceId), e => e.OfType<WebSubUnsubscribed>().Any(), TimeSpan.FromSeconds(30), "the verified unsubscription");
        Assert.Contains(hub.Requests, r => r.Mode == "unsubscribe" && r.Topic == hub.FeedUrl);
        using var late = await hub.PushAsync(callback, hub.Feed([("/news/late", "Late")]), hub.Requests.First().Secret);
        Assert.Equal(410, (int)late.StatusCode);
        await using var session = store.QuerySession();
        Assert.Null(await session.LoadAsync<WebSubSubscription>(sourceId));
    }

    [Fact]
    public async Task A_push_reaching_another_replica_is_taken_in_from_the_subscription_in_the_database()
    {
        await using var hub = await TestHub.StartAsync();
        var env = await TestEnvironment.CreateAsync("websub");
        var settings = new Dictionary<string, string?>
        {
            ["Crawler:PollIntervalSeconds"] = "300",
            ["Crawler:WebSub:CallbackBaseUrl"] = "http://127.0.0.1:1",
            ["Crawler:LeaseSeconds"] = "4",
        };
        await using var first = await CrawlerHost.StartAsync(env, new Dictionary<string, string?>(settings) { ["Crawler:ReplicaId"] = "first" });
        await using var second = await CrawlerHost.StartAsync(env, new Dictionary<string, string?>(settings) { ["Crawler:ReplicaId"] = "second" });
        // One address for both replicas, as a Kubernetes Service gives them: whichever polls subscribes with it.
        first.Services.GetRequiredService<CrawlerOptions>().WebSub.CallbackBaseUrl = first.BaseAddress.AbsoluteUri;
        second.Services.GetRequiredService<CrawlerOptions>().WebSub.CallbackBaseUrl = first.BaseAddress.AbsoluteUri;
        var store = first.Services.GetRequiredService<IDocumentStore>();
        var sourceId = StreamIdentity.ForSource("tenant-a", hub.FeedUrl);
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream(sourceId, new SourceAdded(sourceId, "tenant-a", hub.FeedUrl, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        await Eventually.Until(() => StreamAsync(store, sourceId), e => e.OfType<WebSubSubscribed>().Any(), TimeSpan.FromSeconds(30), "the verified subscription");
        var request = hub.Requests.First();
        var atSecond = $"{second.BaseAddress.AbsoluteUri.TrimEnd('/')}/websub/{sourceId:N}";
        using (var pushed = await hub.PushAsync(atSecond, hub.Feed([("/news/elsewhere", "Elsewhere")]), request.Secret))
        {
            Assert.Equal(202, (int)pushed.StatusCode);
        }

        await Eventually.Until(() => StreamAsync(store, ArticleId(hub, "/news/elsewhere")), e => e.OfType<ArticleFetched>().Any(),
            TimeSpan.FromSeconds(30), "the article pushed to the other replica");
    }

    [Fact]
    public async Task A_denied_subscription_is_recorded_and_the_source_is_polled_as_before()
    {
        await using var hub = await TestHub.StartAsync();
        hub.Deny = true;
        var (crawler, store, sourceId) = await StartAsync(hub, new() { ["Crawler:MaxPollIntervalSeconds"] = "1" });
        await using var _ = crawler;

        var events = await Eventually.Until(() => StreamAsync(store, sourceId), e => e.OfType<WebSubSubscriptionFailed>().Any() && e.OfType<SourcePolled>().Count() >= 4,
            TimeSpan.FromSeconds(30), "the denial and later polls");
        var denied = events.OfType<WebSubSubscriptionFailed>().Single();
        Assert.True(denied.Denied);
        Assert.Contains("not allowed here", denied.Reason, StringComparison.Ordinal);
        Assert.Empty(events.OfType<WebSubSubscribed>());
        Assert.Single(hub.Requests);
    }

    [Fact]
    public async Task A_hub_on_a_private_address_is_refused_by_the_SSRF_guard_and_the_source_is_polled_as_before()
    {
        await using var site = await LoopbackSite.StartAsync((app, _) => app.MapGet("/feed.xml", (HttpContext c) =>
        {
            c.Response.Headers.Append("Link", "<http://10.0.0.1/hub>; rel=\"hub\"");
            c.Response.ContentType = "application/rss+xml";
            return c.Response.WriteAsync(FixturePages.Rss($"http://{c.Request.Host}"));
        }));
        var env = await TestEnvironment.CreateAsync("websub");
        await using var crawler = await CrawlerHost.StartAsync(env, new Dictionary<string, string?>
        {
            ["Crawler:MaxPollIntervalSeconds"] = "1",
            ["Crawler:WebSub:CallbackBaseUrl"] = "http://127.0.0.1:1",
        });
        var store = crawler.Services.GetRequiredService<IDocumentStore>();
        var feedUrl = site.Url("/feed.xml");
        var sourceId = StreamIdentity.ForSource("tenant-a", feedUrl);
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream(sourceId, new SourceAdded(sourceId, "tenant-a", feedUrl, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        var events = await Eventually.Until(() => StreamAsync(store, sourceId), e => e.OfType<WebSubSubscriptionFailed>().Any() && e.OfType<SourcePolled>().Count() >= 3,
            TimeSpan.FromSeconds(30), "the refused hub and later polls");
        Assert.Equal(("http://10.0.0.1/hub", feedUrl), (events.OfType<WebSubHubDiscovered>().Single().Hub, events.OfType<WebSubHubDiscovered>().Single().Topic));
        Assert.Contains("10.0.0.1 is a private address", events.OfType<WebSubSubscriptionFailed>().Single().Reason, StringComparison.Ordinal);
        Assert.Empty(events.OfType<WebSubSubscribed>());
    }

    [Fact]
    public async Task Pushes_from_many_hubs_at_once_take_in_at_most_the_configured_number_of_items_at_a_time()
    {
        // Three outlets (three hosts, so politeness would let their pages be fetched at once), each page slow to answer.
        var hubs = new List<TestHub>();
        for (var i = 0; i < 3; i++)
        {
            var hub = await TestHub.StartAsync();
            hub.PageDelay = TimeSpan.FromMilliseconds(400);
            hubs.Add(hub);
        }

        try
        {
            var env = await TestEnvironment.CreateAsync("websub");
            await using var crawler = await CrawlerHost.StartAsync(env, new Dictionary<string, string?>
            {
                ["Crawler:PollIntervalSeconds"] = "300",
                ["Crawler:WebSub:CallbackBaseUrl"] = "http://127.0.0.1:1",
                ["Crawler:WebSub:MaxPushedItemsInProgress"] = "1",
            });
            crawler.Services.GetRequiredService<CrawlerOptions>().WebSub.CallbackBaseUrl = crawler.BaseAddress.AbsoluteUri;
            var store = crawler.Services.GetRequiredService<IDocumentStore>();
            await using (var session = store.LightweightSession())
            {
                foreach (var hub in hubs)
                {
                    var id = StreamIdentity.ForSource("tenant-a", hub.FeedUrl);
                    session.Events.StartStream(id, new SourceAdded(id, "tenant-a", hub.FeedUrl, DateTimeOffset.UtcNow));
                }

                await session.SaveChangesAsync();
            }

            foreach (var hub in hubs)
            {
                await Eventually.Until(() => Task.FromResult(hub.Verifications.Count(v => v.EchoedChallenge)), n => n > 0, TimeSpan.FromSeconds(30), "each hub's verified subscription");
            }

            // Every hub pushes two new articles at the same moment.
            var pushes = await Task.WhenAll(hubs.Select((hub, i) =>
            {
                var request = hub.Requests.First();
                return hub.PushAsync(request.Callback, hub.Feed([($"/news/a{i}", "A"), ($"/news/b{i}", "B")]), request.Secret);
            }));
            Assert.All(pushes, p => Assert.True(p.IsSuccessStatusCode, p.StatusCode.ToString()));
            foreach (var push in pushes)
            {
                push.Dispose();
            }

            foreach (var (hub, i) in hubs.Select((h, i) => (h, i)))
            {
                foreach (var slug in new[] { $"a{i}", $"b{i}" })
                {
                    await Eventually.Until(() => StreamAsync(store, ArticleId(hub, "/news/" + slug)), e => e.OfType<ArticleFetched>().Any(), TimeSpan.FromSeconds(30), "pushed article " + slug);
                }
            }

            // One item at a time: no page request of one hub overlaps another's.
            var pages = hubs.SelectMany(h => h.PageRequests).OrderBy(p => p.Started).ToList();
            Assert.Equal(6, pages.Count);
            for (var i = 1; i < pages.Count; i++)
            {
                Assert.True(pages[i].Started >= pages[i - 1].Answered,
                    $"{pages[i].Slug} was requested at {pages[i].Started:HH:mm:ss.fff}, before {pages[i - 1].Slug} was answered at {pages[i - 1].Answered:HH:mm:ss.fff}");
            }
        }
        finally
        {
            foreach (var hub in hubs)
            {
                await hub.DisposeAsync();
            }
        }
    }

    private static async Task<(ServiceHost Crawler, IDocumentStore Store, Guid SourceId)> StartAsync(TestHub hub, Dictionary<string, string?> settings)
    {
        var env = await TestEnvironment.CreateAsync("websub");
        // The callback's address is known only once the Crawler listens (a free port); it is set before any source exists.
        settings["Crawler:WebSub:CallbackBaseUrl"] = "http://127.0.0.1:1";
        var crawler = await CrawlerHost.StartAsync(env, settings);
        crawler.Services.GetRequiredService<CrawlerOptions>().WebSub.CallbackBaseUrl = crawler.BaseAddress.AbsoluteUri;
        var store = crawler.Services.GetRequiredService<IDocumentStore>();
        var sourceId = StreamIdentity.ForSource("tenant-a", hub.FeedUrl);
        await using var session = store.LightweightSession();
        session.Events.StartStream(sourceId, new SourceAdded(sourceId, "tenant-a", hub.FeedUrl, DateTimeOffset.UtcNow));
        await session.SaveChangesAsync();
        return (crawler, store, sourceId);
    }

    private static Guid ArticleId(TestHub hub, string path) => StreamIdentity.ForArticle($"http://127.0.0.1:{hub.BaseAddress.Port}{path}");

    private static async Task<IReadOnlyList<object>> StreamAsync(IDocumentStore store, Guid id)
    {
        await using var session = store.QuerySession();
        return (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).ToList();
    }
}
