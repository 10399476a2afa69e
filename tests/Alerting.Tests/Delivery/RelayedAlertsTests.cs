using MediaMonitor.ServiceDefaults.EventSchema;
using Weasel.Core;

namespace MediaMonitor.Alerting.Tests.Delivery;

/// <summary>Which raised alerts Alerting's relay publishes to delivery: those that may be pushed, and those that do not say.</summary>
public sealed class RelayedAlertsTests
{
    private static AlertRaised Raised(bool backfilled = false, bool? hasPushChannel = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "t", Guid.NewGuid(), Guid.NewGuid(), "https://a.example/1", "T", "A", DateTimeOffset.UnixEpoch, "test",
            backfilled, hasPushChannel);

    [Fact]
    public void An_alert_raised_without_a_push_channel_or_backfilled_is_not_relayed()
    {
        Assert.True(AlertingRelay.Publishes(Raised(hasPushChannel: true)));
        Assert.False(AlertingRelay.Publishes(Raised(hasPushChannel: false)));
        Assert.False(AlertingRelay.Publishes(Raised(backfilled: true, hasPushChannel: true)));
        Assert.False(AlertingRelay.Publishes(Raised(backfilled: true)));
    }

    [Fact]
    public void An_alert_stored_before_its_push_channel_was_recorded_is_relayed()
    {
        var options = new StoreOptions();
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
        options.AddContractEvents([]);
        // The body Marten stored for an AlertRaised before HasPushChannel (629e8bd).
        var stored = options.Serializer().FromJson<AlertRaised>(new MemoryStream(
            """{"AlertId":"0a000000-0000-4000-8000-000000000001","SubscriptionId":"0a000000-0000-4000-8000-000000000002","TenantId":"tenant-a","StoryId":"0a000000-0000-4000-8000-000000000003","FirstArticleId":"0a000000-0000-4000-8000-000000000004","Url":"https://a.example/1","Title":"T","Outlet":"A","RaisedAt":"2026-12-07T08:00:00+00:00","MatcherVersion":"query-v3","Backfilled":false}"""u8.ToArray()));

        Assert.Null(stored.HasPushChannel);
        Assert.True(AlertingRelay.Publishes(stored));
    }
}
