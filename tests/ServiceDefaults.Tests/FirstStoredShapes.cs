namespace MediaMonitor.ServiceDefaults.Tests;

/// <summary>
/// One event of each contract in the JSON shape the contract had when it first landed (the commit is named beside it),
/// as Marten stored it then: the record's constructor parameters at that commit, PascalCase, enums as strings. Fields
/// added later are absent; they must read as their declared defaults.
/// </summary>
internal static class FirstStoredShapes
{
    private const string A = "0a000000-0000-4000-8000-000000000001";
    private const string B = "0b000000-0000-4000-8000-000000000002";
    private const string C = "0c000000-0000-4000-8000-000000000003";
    private const string At = "2026-11-29T08:14:45+00:00";
    private const string Later = "2026-11-29T09:00:00+00:00";

    /// <summary>
    /// Secret fields ("stored name.field") the contracts no longer carry: the secrets live sealed in DeliverySecret
    /// documents, events name a SecretVersion (defaulting to 0 for these old shapes); stored bodies that still hold one are
    /// rewritten by the Api's StoredSecretMove. Reading ignores them.
    /// </summary>
    public static IReadOnlySet<string> DroppedSecretFields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "subscription_delivery_changed.WebhookSecret",
        "webhook_secret_rotated.Secret",
    };

    public static IReadOnlyDictionary<string, string> ByStoredName { get; } = new Dictionary<string, string>
    {
        // 8f9b8c1 (foundation)
        ["source_added"] = $$"""{"SourceId":"{{A}}","TenantId":"demo","Url":"https://herald.example/feed.xml","AddedAt":"{{At}}"}""",
        ["source_polled"] = $$"""{"SourceId":"{{A}}","NewItems":3,"ETag":"\"v1\"","LastModified":"Sun, 29 Nov 2026 08:00:00 GMT","NotModified":false,"PolledAt":"{{At}}"}""",
        ["source_failed"] = $$"""{"SourceId":"{{A}}","Reason":"the feed answered 503","FailedAt":"{{At}}"}""",
        ["article_discovered"] = $$"""{"ArticleId":"{{A}}","Url":"https://herald.example/a?utm=x","CanonicalUrl":"https://herald.example/a","SourceId":"{{B}}","FeedTitle":"NATO center","FeedPublishedAt":"{{At}}","DiscoveredAt":"{{Later}}","CrawlerVersion":"crawler-1"}""",
        ["article_fetched"] = $$"""{"ArticleId":"{{A}}","Url":"https://herald.example/a","CanonicalUrl":"https://herald.example/a","Title":"NATO center in Kazakhstan","Text":"Mendkovich said the center would open.","PublishedAt":"{{At}}","SiteName":"Herald","SourceId":"{{B}}","FetchedAt":"{{Later}}","CrawlerVersion":"crawler-1"}""",
        ["article_fetch_failed"] = $$"""{"ArticleId":"{{A}}","Url":"https://herald.example/a","Reason":"404","FailedAt":"{{At}}","CrawlerVersion":"crawler-1"}""",
        ["article_deduplicated"] = $$"""{"ArticleId":"{{A}}","Verdict":"DuplicateOf","DuplicateOf":"{{B}}","Similarity":0.93,"StoryId":"{{B}}","DecidedAt":"{{At}}","DedupVersion":"dedup-1"}""",
        ["entities_tagged"] = $$"""{"ArticleId":"{{A}}","Entities":[{"EntityId":"q:nato","Name":"NATO","Type":"Organization","Mentions":2,"Salience":0.4,"SurfaceForms":["NATO"]}],"TaggedAt":"{{At}}","TaggerVersion":"tagger-1"}""",
        ["subscription_created"] = $$"""{"SubscriptionId":"{{A}}","TenantId":"demo","Name":"NATO in Kazakhstan","Query":"NATO AND Kazakhstan","WebhookUrl":"https://hooks.example/in","CreatedAt":"{{At}}"}""",
        ["alert_raised"] = $$"""{"AlertId":"{{A}}","SubscriptionId":"{{B}}","TenantId":"demo","StoryId":"{{C}}","FirstArticleId":"{{C}}","Url":"https://herald.example/a","Title":"NATO center","Outlet":"Herald","RaisedAt":"{{At}}","MatcherVersion":"matcher-1"}""",
        ["alert_updated"] = $$"""{"AlertId":"{{A}}","ArticleId":"{{B}}","Outlet":"Gazette","Copies":2,"Outlets":2,"UpdatedAt":"{{At}}"}""",
        ["alert_delivered"] = $$"""{"AlertId":"{{A}}","Channel":"webhook","Attempt":1,"DeliveredAt":"{{At}}"}""",
        ["alert_delivery_failed"] = $$"""{"AlertId":"{{A}}","Channel":"webhook","Attempt":1,"Reason":"503","FailedAt":"{{At}}"}""",
        ["tenant_created"] = $$"""{"TenantStreamId":"{{A}}","TenantId":"demo","Name":"Demo newsroom","CreatedAt":"{{At}}"}""",
        ["api_key_issued"] = $$"""{"TenantStreamId":"{{A}}","TenantId":"demo","KeyId":"k1","KeyHash":"c2hhMjU2","IssuedAt":"{{At}}"}""",

        // d15d924 (crawler politeness)
        ["malformed_feed_recovered"] = $$"""{"SourceId":"{{A}}","Reason":"unescaped ampersand","RecoveredItems":4,"RecoveredAt":"{{At}}"}""",
        ["source_disabled"] = $$"""{"SourceId":"{{A}}","Reason":"10 failures in a row","ConsecutiveFailures":10,"DisabledAt":"{{At}}"}""",
        ["source_resumed"] = $$"""{"SourceId":"{{A}}","ResumedAt":"{{At}}"}""",

        // 8a2611f (delivery retries)
        ["alert_dead_lettered"] = $$"""{"AlertId":"{{A}}","Channel":"webhook","Attempts":4,"Reason":"503","DeadLetteredAt":"{{At}}"}""",

        // 13d0757 (mute and push limit)
        ["alert_delivery_skipped"] = $$"""{"AlertId":"{{A}}","Channel":"webhook","Reason":"muted","SkippedAt":"{{At}}"}""",
        ["subscription_paused"] = $$"""{"SubscriptionId":"{{A}}","TenantId":"demo","Until":null,"Reason":"holiday","PausedAt":"{{At}}"}""",
        ["subscription_resumed"] = $$"""{"SubscriptionId":"{{A}}","TenantId":"demo","ResumedAt":"{{At}}"}""",

        // 04e032c (key revocation, secret rotation)
        ["api_key_revoked"] = $$"""{"TenantStreamId":"{{A}}","TenantId":"demo","KeyId":"k1","KeyHash":"c2hhMjU2","RevokedBy":"admin","RevokedAt":"{{At}}"}""",
        ["webhook_secret_rotated"] = $$"""{"SubscriptionId":"{{A}}","TenantId":"demo","Secret":"s3cr3t","RotatedAt":"{{At}}"}""",

        // 3b7721f (operator entities)
        ["entity_defined"] = $$"""{"EntityId":"op:acme","Name":"Acme Widgets","Type":"Organization","Aliases":["Acme"],"DefinedAt":"{{At}}","DefinedBy":"demo"}""",

        // 7c5cfe2 (reprocessing)
        ["reprocessing_requested"] = $$"""{"RequestId":"{{A}}","From":"{{At}}","To":"{{Later}}","EntityId":null,"RequestedAt":"{{At}}","RequestedBy":"admin"}""",
        ["reprocessing_completed"] = $$"""{"RequestId":"{{A}}","Articles":10,"Retagged":4,"AlreadyCurrent":5,"Skipped":1,"TaggerVersion":"tagger-2","CompletedAt":"{{At}}"}""",

        // 9e671d0 (query changes)
        ["subscription_query_changed"] = $$"""{"SubscriptionId":"{{A}}","TenantId":"demo","Query":"NATO","PreviousQuery":"NATO AND Kazakhstan","ChangedAt":"{{At}}"}""",

        // f2f36d9 (channels, digests, spikes)
        ["digest_compiled"] = $$"""{"DigestId":"{{A}}","SubscriptionId":"{{B}}","TenantId":"demo","Frequency":"Daily","PeriodStart":"{{At}}","PeriodEnd":"{{Later}}","Items":[{"AlertId":"{{C}}","StoryId":"{{C}}","Title":"NATO center","Url":"https://herald.example/a","Copies":3,"Outlets":["Herald","Gazette"],"RaisedAt":"{{At}}"}],"CompiledAt":"{{Later}}"}""",
        ["digest_sent"] = $$"""{"DigestId":"{{A}}","SubscriptionId":"{{B}}","Channel":"email","PeriodStart":"{{At}}","PeriodEnd":"{{Later}}","Stories":1,"Attempt":1,"SentAt":"{{Later}}"}""",
        ["spike_detected"] = $$"""{"SpikeId":"{{A}}","SubscriptionId":"{{B}}","TenantId":"demo","WindowEnd":"{{At}}","Count":12,"BaselineMean":2.5,"BaselineDeviation":1.25,"Threshold":6.25,"DetectedAt":"{{At}}"}""",
        ["spike_notified"] = $$"""{"SpikeId":"{{A}}","SubscriptionId":"{{B}}","Channel":"slack","Count":12,"Attempt":1,"SentAt":"{{At}}"}""",
        ["notification_delivery_failed"] = $$"""{"NotificationId":"{{A}}","Channel":"email","Attempt":1,"Reason":"refused","FailedAt":"{{At}}"}""",
        ["notification_dead_lettered"] = $$"""{"NotificationId":"{{A}}","Channel":"email","Attempts":4,"Reason":"refused","DeadLetteredAt":"{{At}}"}""",

        // 807e779 (delivery changes)
        ["notification_delivery_skipped"] = $$"""{"NotificationId":"{{A}}","Channel":"email","Reason":"muted","SkippedAt":"{{At}}"}""",
        ["subscription_delivery_changed"] = $$"""{"SubscriptionId":"{{A}}","TenantId":"demo","WebhookUrl":null,"WebhookSecret":null,"Delivery":{"Email":"analyst@example.org","SlackUrl":null,"Immediate":false,"Digest":{"Frequency":"Weekly","Hour":8,"Minute":30,"TimeZone":"Europe/Berlin","Day":"Monday"},"Spike":{"Sigmas":2.5,"MinimumCount":4} },"ChangedAt":"{{At}}"}""",
    };
}
