namespace MediaMonitor.Alerting.Tests.Delivery;

/// <summary>Mute and hourly limit as given subscription events / when an alert is to be pushed / then push or hold.</summary>
public sealed class PushRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly SubscriptionCreated Created = new(Id, "t", "S", "nato", "https://hooks.example/a", Now.AddDays(-1));

    [Fact]
    public void An_unmuted_subscription_under_its_limit_pushes() =>
        Assert.Null(PushRules.Hold([Created], Now, raisedInTrailingHour: 5, maxPerHour: 5));

    [Fact]
    public void A_muted_subscription_holds_its_alerts_with_the_reason()
    {
        var reason = PushRules.Hold([Created, new SubscriptionPaused(Id, "t", null, "holiday", Now.AddHours(-1))], Now, 1, 60);

        Assert.Equal("the subscription is muted until resumed (holiday)", reason);
    }

    [Fact]
    public void A_mute_with_an_end_lapses_by_itself()
    {
        var paused = new SubscriptionPaused(Id, "t", Now.AddMinutes(30), null, Now.AddHours(-1));

        Assert.NotNull(PushRules.Hold([Created, paused], Now, 1, 60));
        Assert.Null(PushRules.Hold([Created, paused], Now.AddMinutes(31), 1, 60));
    }

    [Fact]
    public void Resuming_ends_the_mute() =>
        Assert.Null(PushRules.Hold([Created, new SubscriptionPaused(Id, "t", null, null, Now.AddHours(-2)), new SubscriptionResumed(Id, "t", Now.AddHours(-1))], Now, 1, 60));

    [Fact]
    public void Alerts_beyond_the_hourly_limit_are_held()
    {
        Assert.Contains("limit of 5", PushRules.Hold([Created], Now, raisedInTrailingHour: 6, maxPerHour: 5), StringComparison.Ordinal);
        Assert.Null(PushRules.Hold([Created], Now, raisedInTrailingHour: 600, maxPerHour: 0));
    }

    [Fact]
    public void Digests_and_spike_notices_are_held_by_a_mute_only()
    {
        var muted = new SubscriptionPaused(Id, "t", Now.AddHours(2), "holiday", Now.AddHours(-1));

        Assert.Equal($"the subscription is muted until {Now.AddHours(2):u} (holiday)", PushRules.Muted([Created, muted], Now));
        Assert.Null(PushRules.Muted([Created, muted, new SubscriptionResumed(Id, "t", Now)], Now));
        Assert.Null(PushRules.Muted([Created], Now));
    }
}
