namespace MediaMonitor.Alerting.Tests.Delivery;

/// <summary>The retry rule as given alert events / when it is time T / then the next step.</summary>
public sealed class DeliveryPolicyTests
{
    private static readonly DateTimeOffset Raised = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid AlertId = Guid.NewGuid();
    private static readonly DeliveryOptions Options = new() { InitialBackoffMilliseconds = 1000, MaxBackoffSeconds = 3600, RetryWindow = TimeSpan.FromHours(24) };
    private const string Hook = "https://hooks.example/alerts";

    private static AlertRaised Alert(bool backfilled = false) =>
        new(AlertId, Guid.NewGuid(), "t", Guid.NewGuid(), Guid.NewGuid(), "https://a.example/1", "T", "A", Raised, "test", backfilled);

    private static AlertDeliveryFailed Failed(int attempt, DateTimeOffset at) => new(AlertId, "webhook", attempt, "503", at);

    private static DeliveryStep When(IEnumerable<object> given, DateTimeOffset now, string? hook = Hook) =>
        DeliveryPolicy.Next(ChannelDelivery.From("webhook", given), hook is null ? null : new DeliveryTarget("webhook", hook), now, Options);

    private static DeliveryClaimed Claim(int attempt, DateTimeOffset until) => new(AlertId, "webhook", attempt, "replica-b", until.AddMinutes(-1), until);

    [Fact]
    public void A_fresh_alert_is_attempted_at_once() =>
        Assert.Equal(new DeliveryStep.Attempt(1), When([Alert()], Raised));

    [Fact]
    public void After_failures_the_wait_doubles_from_the_last_failure()
    {
        var failedAt = Raised.AddSeconds(10);

        Assert.Equal(new DeliveryStep.WaitUntil(failedAt.AddSeconds(4)), When([Alert(), Failed(1, Raised), Failed(2, Raised.AddSeconds(1)), Failed(3, failedAt)], failedAt));
        Assert.Equal(new DeliveryStep.Attempt(4), When([Alert(), Failed(1, Raised), Failed(2, Raised.AddSeconds(1)), Failed(3, failedAt)], failedAt.AddSeconds(4)));
    }

    [Fact]
    public void The_wait_is_capped()
    {
        var given = new List<object> { Alert() };
        given.AddRange(Enumerable.Range(1, 20).Select(i => Failed(i, Raised.AddMinutes(i))));

        Assert.Equal(new DeliveryStep.WaitUntil(Raised.AddMinutes(20).AddHours(1)), When(given, Raised.AddMinutes(20)));
    }

    [Fact]
    public void Once_the_next_attempt_would_fall_outside_the_window_the_alert_is_dead_lettered()
    {
        var given = new List<object> { Alert() };
        given.AddRange(Enumerable.Range(1, 30).Select(i => Failed(i, Raised.AddHours(23.5))));

        var step = Assert.IsType<DeliveryStep.DeadLetter>(When(given, Raised.AddHours(23.5)));
        Assert.Contains("30 attempts", step.Reason, StringComparison.Ordinal);
        Assert.Contains("503", step.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_webhook_URL_that_can_never_work_is_dead_lettered_without_an_attempt() =>
        Assert.IsType<DeliveryStep.DeadLetter>(When([Alert()], Raised, "ftp://files.example/x"));

    [Theory]
    [InlineData("delivered")]
    [InlineData("dead")]
    [InlineData("backfilled")]
    [InlineData("no webhook")]
    public void Nothing_more_is_done_for_an_alert_that_is_settled_or_not_pushed(string why)
    {
        IEnumerable<object> given = why switch
        {
            "delivered" => [Alert(), new AlertDelivered(AlertId, "webhook", 1, Raised)],
            "dead" => [Alert(), new AlertDeadLettered(AlertId, "webhook", 3, "gone", Raised)],
            "backfilled" => [Alert(backfilled: true)],
            _ => [Alert()],
        };

        Assert.IsType<DeliveryStep.Done>(When(given, Raised.AddMinutes(1), why == "no webhook" ? null : Hook));
    }

    [Fact]
    public void An_attempt_another_replica_has_claimed_waits_until_its_claim_lapses()
    {
        var until = Raised.AddSeconds(60);

        Assert.Equal(new DeliveryStep.WaitUntil(until), When([Alert(), Claim(1, until)], Raised.AddSeconds(1)));
        Assert.Equal(new DeliveryStep.Attempt(1), When([Alert(), Claim(1, until)], until));
    }

    [Fact]
    public void A_claim_of_an_earlier_attempt_does_not_hold_the_next_one()
    {
        var failedAt = Raised.AddSeconds(5);

        Assert.Equal(new DeliveryStep.Attempt(2), When([Alert(), Claim(1, Raised.AddMinutes(1)), Failed(1, failedAt)], failedAt.AddSeconds(1)));
    }

    [Fact]
    public void Each_channel_keeps_its_own_attempts()
    {
        var given = new object[] { Alert(), new AlertDelivered(AlertId, "email", 1, Raised), Failed(1, Raised) };

        Assert.IsType<DeliveryStep.Done>(DeliveryPolicy.Next(ChannelDelivery.From("email", given), new DeliveryTarget("email", "a@b.example"), Raised, Options));
        Assert.Equal(new DeliveryStep.WaitUntil(Raised.AddSeconds(1)), When(given, Raised));
    }

    [Fact]
    public void An_email_address_that_can_never_work_is_dead_lettered_without_an_attempt()
    {
        var step = DeliveryPolicy.Next(ChannelDelivery.From("email", [Alert()]), new DeliveryTarget("email", "not an address"), Raised, Options);

        Assert.Contains("not an address", Assert.IsType<DeliveryStep.DeadLetter>(step).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_digest_is_retried_from_its_failures_and_settled_by_DigestSent_on_that_channel_only()
    {
        var digestId = Guid.NewGuid();
        var compiled = new DigestCompiled(digestId, Guid.NewGuid(), "t", DigestFrequency.Daily, Raised.AddDays(-1), Raised, [], Raised);
        var failed = new NotificationDeliveryFailed(digestId, "email", 1, "451", Raised.AddSeconds(1));
        var sent = new DigestSent(digestId, compiled.SubscriptionId, "webhook", compiled.PeriodStart, compiled.PeriodEnd, 0, 1, Raised.AddSeconds(1));
        var email = new DeliveryTarget("email", "a@b.example");

        Assert.Equal(new DeliveryStep.WaitUntil(Raised.AddSeconds(2)),
            DeliveryPolicy.Next(ChannelDelivery.From("email", [compiled, failed, sent]), email, Raised.AddSeconds(1), Options));
        Assert.Equal(new DeliveryStep.Attempt(2), DeliveryPolicy.Next(ChannelDelivery.From("email", [compiled, failed, sent]), email, Raised.AddSeconds(2), Options));
        Assert.IsType<DeliveryStep.Done>(DeliveryPolicy.Next(ChannelDelivery.From("webhook", [compiled, failed, sent]), new DeliveryTarget("webhook", Hook), Raised, Options));
    }
}
