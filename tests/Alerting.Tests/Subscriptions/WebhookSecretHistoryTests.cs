namespace MediaMonitor.Alerting.Tests.Subscriptions;

public sealed class WebhookSecretHistoryTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly SubscriptionCreated Created = new(Id, "t", "S", "NATO", "https://hooks.example/in", Now.AddDays(-1), SecretVersion: 1);

    [Fact]
    public void The_latest_rotated_secret_version_signs_even_after_a_later_query_change()
    {
        var history = SubscriptionHistory.Fold([
            Created,
            new WebhookSecretRotated(Id, "t", Now, SecretVersion: 2),
            new WebhookSecretRotated(Id, "t", Now.AddMinutes(1), SecretVersion: 3),
            new SubscriptionQueryChanged(Id, "t", "CSTO", "NATO", Now.AddMinutes(2)),
        ]);

        Assert.Equal(3, history.Subscription!.SecretVersion);
        Assert.Equal("CSTO", history.Subscription.QueryText);
    }

    [Fact]
    public void Without_a_rotation_the_creation_secret_version_signs_and_the_catalog_holds_no_secret()
    {
        var subscription = SubscriptionHistory.Fold([Created]).Subscription!;

        Assert.Equal((1, null), (subscription.SecretVersion, subscription.WebhookSecret));
    }
}
