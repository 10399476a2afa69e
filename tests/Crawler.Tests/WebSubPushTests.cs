using System.Text.Json;
using Marten;
using MediaMonitor.Contracts;
using MediaMonitor.Crawler.Tests.Fixtures;
using MediaMonitor.Crawler.WebSub;
using MediaMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;

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

        var subscribed = await Eventually.Until(() => StreamAsync(store, sourceId), e => e.OfType<WebSubSubscribed>().Any(), TimeSpan.FromSeconds(30), "the verified subscription");
        var discovered = subscribed.OfType<WebSubHubDiscovered>().Single();
        Assert.Equal((hub.HubUrl, hub.FeedUrl), (discovered.Hub, discovered.Topic));
        var request = Assert.Single(hub.Requests);
        var callback = $"{crawler.BaseAddress.AbsoluteUri.TrimEnd('/')}/websub/{sourceId:N}";
        Assert.Equal(("subscribe", hub.FeedUrl, callback, "86400"), (request.Mode, request.Topic, request.Callback, request.LeaseSeconds));
        Assert.Equal(64, request.Secret.Length);
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

        await Task.Delay(1000);
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

    private static async Task<(ServiceHost Crawler, IDocumentStore Store, Guid SourceId)> StartAsync(TestHub hub, Dictionary<string, string?> settings)
    {
        var db = await TestServers.CreateDatabaseAsync("websub");
        var vhost = await TestServers.CreateVirtualHostAsync("websub");
        // The callback's address is known only once the Crawler listens (a free port); it is set before any source exists.
        settings["Crawler:WebSub:CallbackBaseUrl"] = "http://127.0.0.1:1";
        var crawler = await CrawlerHost.StartAsync(db, vhost, settings);
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
