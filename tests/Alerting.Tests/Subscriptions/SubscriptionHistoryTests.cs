namespace MediaMonitor.Alerting.Tests.Subscriptions;

public sealed class SubscriptionHistoryTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly SubscriptionCreated Created = new(Id, "t", "S", "NATO", null, Now.AddDays(-1));

    [Fact]
    public void A_query_change_replaces_the_query()
    {
        var history = SubscriptionHistory.Fold([Created, new SubscriptionQueryChanged(Id, "t", "CSTO Kazakhstan", "NATO", Now)]);

        Assert.Equal("CSTO Kazakhstan", history.Subscription!.QueryText);
        Assert.Equal("(csto AND kazakhstan)", history.Subscription.Query.ToString());
    }

    [Fact]
    public void Alerting_folds_the_events_the_Api_decides_into_the_same_state_as_the_shared_aggregate()
    {
        var created = Created with { WebhookUrl = "https://hooks.example/a", SecretVersion = 1 };
        var events = new List<object> { created };
        foreach (var command in new SubscriptionCommand[]
        {
            new ChangeSubscriptionQuery("CSTO Kazakhstan", Now),
            new ChangeSubscriptionDelivery("https://hooks.example/b", null, SecretsChanged: true, Now.AddMinutes(1)),
            new RotateWebhookSecret(Now.AddMinutes(2)),
            new ChangeSubscriptionQuery("SCO", Now.AddMinutes(3)),
        })
        {
            events.AddRange(SubscriptionDecider.Decide(SubscriptionState.Fold(events)!, command));
        }

        var state = SubscriptionState.Fold(events)!;
        var subscription = SubscriptionHistory.Fold(events).Subscription!;
        Assert.Equal((state.Query, state.WebhookUrl, state.SecretVersion), (subscription.QueryText, subscription.WebhookUrl, subscription.SecretVersion));
        Assert.Equal(("SCO", "https://hooks.example/b", 3), (subscription.QueryText, subscription.WebhookUrl, subscription.SecretVersion));
        Assert.Null(subscription.WebhookSecret);
    }

    [Fact]
    public void A_changed_query_that_does_not_parse_keeps_the_last_one_that_did_and_says_why()
    {
        var history = SubscriptionHistory.Fold([Created, new SubscriptionQueryChanged(Id, "t", "(CSTO", "NATO", Now)]);

        Assert.Equal("NATO", history.Subscription!.QueryText);
        Assert.NotNull(history.Error);
    }

    [Fact]
    public void A_pause_holds_until_resumed_or_until_its_end()
    {
        var paused = SubscriptionHistory.Fold([Created, new SubscriptionPaused(Id, "t", null, "holiday", Now, StopsMatching: true)]);
        var resumed = SubscriptionHistory.Fold([Created, new SubscriptionPaused(Id, "t", null, null, Now, StopsMatching: true), new SubscriptionResumed(Id, "t", Now)]);
        var timed = SubscriptionHistory.Fold([Created, new SubscriptionPaused(Id, "t", Now.AddHours(1), null, Now, StopsMatching: true)]);

        Assert.True(paused.IsPausedAt(Now.AddYears(1)));
        Assert.False(resumed.IsPausedAt(Now));
        Assert.True(timed.IsPausedAt(Now.AddMinutes(59)));
        Assert.False(timed.IsPausedAt(Now.AddHours(1)));
    }

    [Fact]
    public void A_mute_is_no_pause_for_matching()
    {
        var muted = SubscriptionHistory.Fold([Created, new SubscriptionPaused(Id, "t", null, "holiday", Now)]);

        Assert.False(muted.IsPausedAt(Now));
    }

    [Fact]
    public void A_delivery_change_replaces_webhook_secret_version_and_channels_and_survives_a_later_query_change()
    {
        var delivery = new SubscriptionDelivery(Email: "a@b.example", Digest: new DigestSchedule(DigestFrequency.Daily, 8, 0, "UTC"));
        var changed = new SubscriptionDeliveryChanged(Id, "t", "https://hooks.example/new", delivery, Now, SecretVersion: 4);

        var history = SubscriptionHistory.Fold([Created, changed, new SubscriptionQueryChanged(Id, "t", "CSTO", "NATO", Now.AddMinutes(1))]);

        Assert.Equal(("https://hooks.example/new", 4, delivery, "CSTO"),
            (history.Subscription!.WebhookUrl, history.Subscription.SecretVersion, history.Subscription.Delivery, history.Subscription.QueryText));
    }

    [Fact]
    public void Pauses_are_kept_as_spans_so_a_digest_due_during_a_past_pause_is_known_to_have_fallen_in_it()
    {
        var history = SubscriptionHistory.Fold([
            Created,
            new SubscriptionPaused(Id, "t", null, null, Now, StopsMatching: true),
            new SubscriptionResumed(Id, "t", Now.AddHours(2)),
            new SubscriptionPaused(Id, "t", null, "mute only", Now.AddHours(3)),
            new SubscriptionResumed(Id, "t", Now.AddHours(4)),
            new SubscriptionPaused(Id, "t", Now.AddHours(6), null, Now.AddHours(5), StopsMatching: true),
        ]);

        Assert.Equal([new PauseSpan(Now, Now.AddHours(2)), new PauseSpan(Now.AddHours(5), Now.AddHours(6))], history.Pauses);
        Assert.True(history.Pauses[0].Covers(Now.AddHours(1)));
        Assert.DoesNotContain(history.Pauses, p => p.Covers(Now.AddHours(2)) || p.Covers(Now.AddHours(3.5)));
    }
}
