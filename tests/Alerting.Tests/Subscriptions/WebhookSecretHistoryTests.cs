using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts;

namespace MediaMonitor.Alerting.Tests.Subscriptions;

public sealed class WebhookSecretHistoryTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly SubscriptionCreated Created = new(Id, "t", "S", "NATO", "https://hooks.example/in", Now.AddDays(-1), "whsec_first");

    [Fact]
    public void The_latest_rotated_secret_signs_even_after_a_later_query_change()
    {
        var history = SubscriptionHistory.Fold([
            Created,
            new WebhookSecretRotated(Id, "t", "whsec_second", Now),
            new WebhookSecretRotated(Id, "t", "whsec_third", Now.AddMinutes(1)),
            new SubscriptionQueryChanged(Id, "t", "CSTO", "NATO", Now.AddMinutes(2)),
        ]);

        Assert.Equal("whsec_third", history.Subscription!.WebhookSecret);
        Assert.Equal("CSTO", history.Subscription.QueryText);
    }

    [Fact]
    public void Without_a_rotation_the_creation_secret_signs()
    {
        Assert.Equal("whsec_first", SubscriptionHistory.Fold([Created]).Subscription!.WebhookSecret);
    }
}
