using MediaMonitor.Contracts.Alerting;
using MediaMonitor.Contracts.Api;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Contracts.EntityTagging;

namespace MediaMonitor.ServiceDefaults.EventSchema;

/// <summary>
/// The name each contract event is stored under (mt_events.type), written out rather than derived from the record's
/// name, so a record can be renamed or moved to another namespace without orphaning the streams that hold it. Each is
/// the name Marten derived from the record's name when the event was first stored, so stored streams keep reading.
/// A name always means one shape: an incompatible change stores the new shape under a new name and adds an upcast
/// from the old name (<see cref="StoredEventUpcasts"/>); compatible changes add optional trailing fields only.
/// </summary>
public static class StoredEventNames
{
    public static IReadOnlyDictionary<Type, string> ByType { get; } = new Dictionary<Type, string>
    {
        [typeof(SourceAdded)] = "source_added",
        [typeof(SourcePolled)] = "source_polled",
        [typeof(SourceFailed)] = "source_failed",
        [typeof(SourceDisabled)] = "source_disabled",
        [typeof(SourceResumed)] = "source_resumed",
        [typeof(MalformedFeedRecovered)] = "malformed_feed_recovered",
        [typeof(ArticleDiscovered)] = "article_discovered",
        [typeof(ArticleFetched)] = "article_fetched",
        [typeof(ArticleFetchFailed)] = "article_fetch_failed",
        [typeof(ArticleDeduplicated)] = "article_deduplicated",
        [typeof(EntitiesTagged)] = "entities_tagged",
        [typeof(EntityDefined)] = "entity_defined",
        [typeof(ReprocessingRequested)] = "reprocessing_requested",
        [typeof(ReprocessingCompleted)] = "reprocessing_completed",
        [typeof(SubscriptionCreated)] = "subscription_created",
        [typeof(SubscriptionQueryChanged)] = "subscription_query_changed",
        [typeof(SubscriptionPaused)] = "subscription_paused",
        [typeof(SubscriptionResumed)] = "subscription_resumed",
        [typeof(SubscriptionDeliveryChanged)] = "subscription_delivery_changed",
        [typeof(WebhookSecretRotated)] = "webhook_secret_rotated",
        [typeof(AlertRaised)] = "alert_raised",
        [typeof(AlertUpdated)] = "alert_updated",
        [typeof(AlertDelivered)] = "alert_delivered",
        [typeof(AlertDeliveryFailed)] = "alert_delivery_failed",
        [typeof(AlertDeadLettered)] = "alert_dead_lettered",
        [typeof(AlertDeliverySkipped)] = "alert_delivery_skipped",
        [typeof(DigestCompiled)] = "digest_compiled",
        [typeof(DigestSent)] = "digest_sent",
        [typeof(SpikeDetected)] = "spike_detected",
        [typeof(SpikeNotified)] = "spike_notified",
        [typeof(NotificationDeliveryFailed)] = "notification_delivery_failed",
        [typeof(NotificationDeadLettered)] = "notification_dead_lettered",
        [typeof(NotificationDeliverySkipped)] = "notification_delivery_skipped",
        [typeof(TenantCreated)] = "tenant_created",
        [typeof(ApiKeyIssued)] = "api_key_issued",
        [typeof(ApiKeyRevoked)] = "api_key_revoked",
    };

    /// <summary>The stored name of a contract event type; throws for a type that is not a contract event.</summary>
    public static string Of(Type eventType) =>
        ByType.TryGetValue(eventType, out var name)
            ? name
            : throw new ArgumentException($"{eventType.FullName} is not a contract event; add it to StoredEventNames with the name it is stored under.", nameof(eventType));

    public static string Of<TEvent>() => Of(typeof(TEvent));
}
