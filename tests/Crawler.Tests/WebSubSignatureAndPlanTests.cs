using MediaMonitor.Crawler.WebSub.Events;

namespace MediaMonitor.Crawler.Tests;

public sealed class HubSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("<rss><channel><item><link>https://herald.example/one</link></item></channel></rss>");

    [Theory]
    [InlineData("sha1")]
    [InlineData("sha256")]
    [InlineData("sha384")]
    [InlineData("sha512")]
    public void A_body_signed_with_the_secret_passes_with_every_method_the_spec_names(string method)
    {
        Assert.Null(HubSignature.Problem(HubSignature.Sign(method, Body, "s3cret"), Body, "s3cret"));
        Assert.Null(HubSignature.Problem(HubSignature.Sign(method, Body, "s3cret").ToUpperInvariant(), Body, "s3cret"));
    }

    [Fact]
    public void The_known_sha256_hmac_of_a_body_matches()
    {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), the worked example of the HMAC article on Wikipedia.
        var body = Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog");
        Assert.Null(HubSignature.Problem("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", body, "key"));
    }

    [Fact]
    public void A_wrong_secret_a_changed_body_a_missing_header_and_an_unknown_method_all_fail_with_a_reason()
    {
        var signature = HubSignature.Sign("sha256", Body, "s3cret");
        var changed = Body.Concat("x"u8.ToArray()).ToArray();

        Assert.Contains("wrong", HubSignature.Problem(signature, Body, "other"), StringComparison.Ordinal);
        Assert.Contains("wrong", HubSignature.Problem(signature, changed, "s3cret"), StringComparison.Ordinal);
        Assert.Contains("no X-Hub-Signature", HubSignature.Problem(null, Body, "s3cret"), StringComparison.Ordinal);
        Assert.Contains("md5", HubSignature.Problem("md5=00ff", Body, "s3cret"), StringComparison.Ordinal);
        Assert.Contains("hexadecimal", HubSignature.Problem("sha256=zz", Body, "s3cret"), StringComparison.Ordinal);
        Assert.Contains("method=signature", HubSignature.Problem("deadbeef", Body, "s3cret"), StringComparison.Ordinal);
    }
}

public sealed class WebSubPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly (string, string) Advertised = ("https://hub.example/", "https://herald.example/feed.xml");
    private static readonly WebSubOptions Options = new() { CallbackBaseUrl = "http://crawler:8080", LeaseSeconds = 86400, RetrySeconds = 3600 };

    private static WebSubSubscription Subscription(WebSubState state, DateTimeOffset? leaseEnd = null, DateTimeOffset? retryAt = null) => new()
    {
        Id = Guid.NewGuid(), Hub = "https://hub.example/", Topic = "https://herald.example/feed.xml", Secret = "s", State = state,
        LeaseExpiresAt = leaseEnd, RetryAt = retryAt ?? Now.AddHours(1),
    };

    [Fact]
    public void A_newly_advertised_or_changed_hub_is_subscribed_and_a_feed_without_one_is_left_alone()
    {
        Assert.Equal(WebSubStep.SubscribeNew, WebSubPlan.AfterPoll(null, Advertised, Now));
        Assert.Equal(WebSubStep.SubscribeNew, WebSubPlan.AfterPoll(Subscription(WebSubState.Active, Now.AddHours(1)), ("https://other-hub.example/", Advertised.Item2), Now));
        Assert.Equal(WebSubStep.Nothing, WebSubPlan.AfterPoll(null, null, Now));
    }

    [Fact]
    public void A_held_lease_or_a_pending_request_waits_and_a_lapsed_failed_or_denied_one_is_asked_again_after_its_retry_time()
    {
        Assert.Equal(WebSubStep.Nothing, WebSubPlan.AfterPoll(Subscription(WebSubState.Active, Now.AddMinutes(5)), Advertised, Now));
        Assert.Equal(WebSubStep.Nothing, WebSubPlan.AfterPoll(Subscription(WebSubState.Pending), Advertised, Now));
        Assert.Equal(WebSubStep.Nothing, WebSubPlan.AfterPoll(Subscription(WebSubState.Denied), Advertised, Now));
        Assert.Equal(WebSubStep.Nothing, WebSubPlan.AfterPoll(Subscription(WebSubState.Unsubscribing, retryAt: Now.AddHours(-1)), Advertised, Now));
        Assert.Equal(WebSubStep.SubscribeAgain, WebSubPlan.AfterPoll(Subscription(WebSubState.Active, Now.AddSeconds(-1), Now.AddSeconds(-1)), Advertised, Now));
        Assert.Equal(WebSubStep.SubscribeAgain, WebSubPlan.AfterPoll(Subscription(WebSubState.Failed, retryAt: Now), Advertised, Now));
        Assert.Equal(WebSubStep.SubscribeAgain, WebSubPlan.AfterPoll(Subscription(WebSubState.Pending, retryAt: Now.AddMinutes(-1)), Advertised, Now));
    }

    [Fact]
    public void While_the_lease_holds_the_next_poll_is_the_slow_interval_but_never_after_the_lease_ends()
    {
        var adaptive = Now.AddSeconds(60);
        var slow = TimeSpan.FromSeconds(900);

        Assert.Equal(Now.AddSeconds(900), WebSubPlan.NextPollAt(adaptive, Subscription(WebSubState.Active, Now.AddDays(1)), Now, slow));
        Assert.Equal(Now.AddSeconds(200), WebSubPlan.NextPollAt(adaptive, Subscription(WebSubState.Active, Now.AddSeconds(200)), Now, slow));
        Assert.Equal(adaptive, WebSubPlan.NextPollAt(adaptive, Subscription(WebSubState.Active, Now.AddSeconds(-1)), Now, slow));
        Assert.Equal(adaptive, WebSubPlan.NextPollAt(adaptive, Subscription(WebSubState.Pending), Now, slow));
        Assert.Equal(adaptive, WebSubPlan.NextPollAt(adaptive, null, Now, slow));
    }

    [Fact]
    public void Verifying_a_pending_subscription_echoes_the_challenge_and_records_the_lease_the_hub_granted()
    {
        var pending = Subscription(WebSubState.Pending);

        var outcome = WebSubPlan.Verify(pending, "subscribe", pending.Topic, "ch4llenge", "600", null, Now, Options);

        Assert.Equal((200, "ch4llenge"), (outcome.Status, outcome.Body));
        Assert.Equal(new WebSubSubscribed(pending.Id, pending.Hub, pending.Topic, 600, Now.AddSeconds(600), Now), outcome.Event);
        Assert.Equal((WebSubState.Active, Now.AddSeconds(600), Now.AddSeconds(480)), (outcome.After!.State, outcome.After.LeaseExpiresAt, outcome.After.RenewAt));
    }

    [Fact]
    public void A_verification_for_another_topic_an_unknown_subscription_or_an_unasked_unsubscription_is_404()
    {
        var active = Subscription(WebSubState.Active, Now.AddHours(1));

        Assert.Equal(404, WebSubPlan.Verify(null, "subscribe", active.Topic, "c", "60", null, Now, Options).Status);
        Assert.Equal(404, WebSubPlan.Verify(active, "subscribe", "https://evil.example/feed.xml", "c", "60", null, Now, Options).Status);
        Assert.Equal(404, WebSubPlan.Verify(active, "unsubscribe", active.Topic, "c", null, null, Now, Options).Status);
        Assert.Equal(404, WebSubPlan.Verify(Subscription(WebSubState.Failed), "subscribe", active.Topic, "c", "60", null, Now, Options).Status);
        Assert.Equal(404, WebSubPlan.Verify(active, "subscribe", active.Topic, "", "60", null, Now, Options).Status);
        Assert.Null(WebSubPlan.Verify(active, "subscribe", "https://evil.example/feed.xml", "c", "60", null, Now, Options).Event);
    }

    [Fact]
    public void A_denial_is_recorded_and_retried_later_and_a_verified_unsubscription_removes_the_subscription()
    {
        var denied = WebSubPlan.Verify(Subscription(WebSubState.Pending), "denied", Advertised.Item2, null, null, "topic not found", Now, Options);
        var failed = Assert.IsType<WebSubSubscriptionFailed>(denied.Event);
        Assert.True(failed.Denied);
        Assert.Contains("topic not found", failed.Reason, StringComparison.Ordinal);
        Assert.Equal((WebSubState.Denied, Now.AddSeconds(3600)), (denied.After!.State, denied.After.RetryAt));

        var leaving = Subscription(WebSubState.Unsubscribing);
        var unsubscribed = WebSubPlan.Verify(leaving, "unsubscribe", leaving.Topic, "bye", null, null, Now, Options);
        Assert.Equal((200, "bye", (WebSubSubscription?)null), (unsubscribed.Status, unsubscribed.Body, unsubscribed.After));
        Assert.IsType<WebSubUnsubscribed>(unsubscribed.Event);
    }
}
