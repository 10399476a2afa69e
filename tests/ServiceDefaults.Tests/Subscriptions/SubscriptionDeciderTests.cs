using MediaMonitor.Contracts.Api;
using MediaMonitor.ServiceDefaults.Subscriptions;

namespace MediaMonitor.ServiceDefaults.Tests.Subscriptions;

/// <summary>Given a subscription's events, when a command is decided, then these events (pure functions, no store).</summary>
public sealed class SubscriptionDeciderTests
{
    private static readonly Guid Id = Guid.Parse("0190a1b2-0000-7000-8000-000000000001");
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly SubscriptionCreated Created = new(Id, "tenant-a", "Steppe", "NATO Kazakhstan", "https://hooks.example/a", T0, SecretVersion: 1);

    private static SubscriptionState Given(params object[] events) => SubscriptionState.Fold(events)!;

    [Fact]
    public void A_new_query_records_the_change_with_the_previous_query()
    {
        var events = SubscriptionDecider.Decide(Given(Created), new ChangeSubscriptionQuery("CSTO Kazakhstan", T0.AddHours(1)));

        var changed = Assert.IsType<SubscriptionQueryChanged>(Assert.Single(events));
        Assert.Equal((Id, "tenant-a", "CSTO Kazakhstan", "NATO Kazakhstan", T0.AddHours(1)),
            (changed.SubscriptionId, changed.TenantId, changed.Query, changed.PreviousQuery, changed.ChangedAt));
    }

    [Fact]
    public void The_query_in_force_is_the_last_change_so_setting_it_again_records_nothing()
    {
        var state = Given(Created, new SubscriptionQueryChanged(Id, "tenant-a", "CSTO", "NATO Kazakhstan", T0.AddHours(1)));

        Assert.Empty(SubscriptionDecider.Decide(state, new ChangeSubscriptionQuery("CSTO", T0.AddHours(2))));
        var back = Assert.IsType<SubscriptionQueryChanged>(Assert.Single(SubscriptionDecider.Decide(state, new ChangeSubscriptionQuery("NATO Kazakhstan", T0.AddHours(2)))));
        Assert.Equal("CSTO", back.PreviousQuery);
    }

    [Fact]
    public void Pausing_stops_matching_and_a_mute_keeps_recording()
    {
        var until = T0.AddDays(1);
        var pause = Assert.IsType<SubscriptionPaused>(Assert.Single(SubscriptionDecider.Decide(Given(Created), new PauseSubscription(until, "holiday", false, T0))));
        var mute = Assert.IsType<SubscriptionPaused>(Assert.Single(SubscriptionDecider.Decide(Given(Created), new PauseSubscription(null, null, true, T0))));

        Assert.Equal((true, until, "holiday"), (pause.StopsMatching, pause.Until, pause.Reason));
        Assert.False(mute.StopsMatching);
        Assert.Equal((true, false, until), (Given(Created, pause).Paused, Given(Created, pause).Muted, Given(Created, pause).PausedUntil));
        Assert.Equal((false, true), (Given(Created, mute).Paused, Given(Created, mute).Muted));
    }

    [Fact]
    public void Resuming_ends_a_pause_or_a_mute_and_is_a_no_op_when_neither_is_in_force()
    {
        var paused = new SubscriptionPaused(Id, "tenant-a", null, null, T0, StopsMatching: true);
        var muted = new SubscriptionPaused(Id, "tenant-a", null, null, T0, StopsMatching: false);
        var resumed = new SubscriptionResumed(Id, "tenant-a", T0.AddHours(1));

        Assert.Empty(SubscriptionDecider.Decide(Given(Created), new ResumeSubscription(T0.AddHours(2))));
        Assert.Empty(SubscriptionDecider.Decide(Given(Created, paused, resumed), new ResumeSubscription(T0.AddHours(2))));
        Assert.IsType<SubscriptionResumed>(Assert.Single(SubscriptionDecider.Decide(Given(Created, paused), new ResumeSubscription(T0.AddHours(2)))));
        Assert.IsType<SubscriptionResumed>(Assert.Single(SubscriptionDecider.Decide(Given(Created, muted), new ResumeSubscription(T0.AddHours(2)))));
        var state = Given(Created, paused, resumed);
        Assert.Equal((false, false, (DateTimeOffset?)null), (state.Paused, state.Muted, state.PausedUntil));
    }

    [Fact]
    public void A_delivery_change_to_the_same_settings_records_nothing_and_a_different_one_replaces_them()
    {
        var state = Given(Created);
        Assert.Empty(SubscriptionDecider.Decide(state, new ChangeSubscriptionDelivery("https://hooks.example/a", null, SecretsChanged: false, T0)));

        var changed = Assert.IsType<SubscriptionDeliveryChanged>(Assert.Single(
            SubscriptionDecider.Decide(state, new ChangeSubscriptionDelivery("https://hooks.example/b", null, SecretsChanged: false, T0.AddHours(1)))));
        var after = Given(Created, changed);
        Assert.Equal(("https://hooks.example/b", 1), (after.WebhookUrl, after.SecretVersion));
        Assert.Equal("NATO Kazakhstan", after.Query);
    }

    [Fact]
    public void New_credentials_alone_are_a_change_and_give_them_the_next_version()
    {
        var state = Given(Created);

        var changed = Assert.IsType<SubscriptionDeliveryChanged>(Assert.Single(
            SubscriptionDecider.Decide(state, new ChangeSubscriptionDelivery("https://hooks.example/a", null, SecretsChanged: true, T0.AddHours(1)))));

        Assert.Equal(2, changed.SecretVersion);
        Assert.Equal(2, Given(Created, changed).SecretVersion);
        Assert.Equal(2, SubscriptionDecider.NewSecretVersion([changed]));
    }

    [Fact]
    public void A_secret_is_rotated_only_for_a_subscription_with_a_webhook_and_only_its_version_is_recorded()
    {
        var rotated = Assert.IsType<WebhookSecretRotated>(Assert.Single(SubscriptionDecider.Decide(Given(Created), new RotateWebhookSecret(T0))));
        Assert.Equal(2, rotated.SecretVersion);
        Assert.Equal(2, Given(Created, rotated).SecretVersion);

        var withoutWebhook = Given(Created with { WebhookUrl = null, SecretVersion = 0 });
        var refused = Assert.Throws<SubscriptionRuleBroken>(() => SubscriptionDecider.Decide(withoutWebhook, new RotateWebhookSecret(T0)));
        Assert.Contains("no webhook", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_without_its_creation_folds_to_no_subscription()
    {
        Assert.Null(SubscriptionState.Fold([new SubscriptionResumed(Id, "tenant-a", T0)]));
        Assert.Equal("tenant-a", SubscriptionState.Fold([Created])!.TenantId);
    }
}
