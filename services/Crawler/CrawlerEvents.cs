using MediaMonitor.Crawler.WebSub.Events;

namespace MediaMonitor.Crawler;

/// <summary>
/// The Crawler's private events: its WebSub bookkeeping (hubs found, leases held, pushes refused), kept out of
/// shared/Contracts because no other service reads them and the relay never publishes them. They sit in the source's
/// stream beside the contract events and are registered with the Crawler's event store under the names they were first
/// stored under (when they were contracts), so the streams written then still read.
/// </summary>
public static class CrawlerEvents
{
    public static IReadOnlyDictionary<Type, string> StoredNames { get; } = new Dictionary<Type, string>
    {
        [typeof(WebSubHubDiscovered)] = WebSubHubDiscovered.StoredName,
        [typeof(WebSubSubscribed)] = WebSubSubscribed.StoredName,
        [typeof(WebSubSubscriptionFailed)] = WebSubSubscriptionFailed.StoredName,
        [typeof(WebSubContentRejected)] = WebSubContentRejected.StoredName,
        [typeof(WebSubUnsubscribed)] = WebSubUnsubscribed.StoredName,
    };
}
