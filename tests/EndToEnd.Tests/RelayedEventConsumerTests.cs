using System.Reflection;
using MassTransit;
using MediaMonitor.Alerting;
using MediaMonitor.Api;
using MediaMonitor.Contracts.Alerting;
using MediaMonitor.Contracts.Api;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.Crawler;
using MediaMonitor.Deduplication;
using MediaMonitor.EntityTagging;
using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.EndToEnd.Tests;

/// <summary>
/// Every relayed event costs its service's relay a publish and RabbitMQ a routing, at every article: an event type
/// that no service consumes from the bus is kept in the event store only (readers fold it from there), as SourcePolled,
/// ArticleDiscovered and the alert's updates and delivery records are. The exceptions are rare events relayed for an
/// operator's own integrations: a source's failures and an account's keys.
/// </summary>
public sealed class RelayedEventConsumerTests
{
    private static readonly Assembly[] ConsumerAssemblies =
    [
        typeof(ApiWiring).Assembly, typeof(CrawlerWiring).Assembly, typeof(DeduplicationWiring).Assembly,
        typeof(EntityTaggingWiring).Assembly, typeof(AlertingWiring).Assembly, typeof(EventStoreExtensions).Assembly,
    ];

    private static readonly Type[] RelayedForOperators =
    [
        typeof(MediaMonitor.Contracts.Crawler.SourceFailed), typeof(MediaMonitor.Contracts.Crawler.SourceDisabled),
        typeof(MediaMonitor.Contracts.Crawler.ArticleFetchFailed), typeof(MediaMonitor.Contracts.Crawler.MalformedFeedRecovered),
        typeof(TenantCreated), typeof(ApiKeyIssued), typeof(ApiKeyRevoked),
    ];

    [Fact]
    public void Every_relayed_event_type_has_a_consumer_in_some_service()
    {
        var relayed = new Dictionary<string, Type[]>
        {
            ["Crawler"] = MediaMonitor.Contracts.Crawler.CrawlerRelay.Events,
            ["Deduplication"] = DeduplicationRelay.Events,
            ["EntityTagging"] = EntityTaggingRelay.Events,
            ["Alerting"] = AlertingRelay.Events,
            ["Api"] = ApiRelay.Events,
        };
        var consumed = ConsumerAssemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsInterface: false })
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(i => i.GetGenericArguments()[0])
            .ToHashSet();

        Assert.Contains(typeof(AlertRaised), consumed);
        var unconsumed = relayed
            .SelectMany(r => r.Value.Where(t => !consumed.Contains(t) && !RelayedForOperators.Contains(t)).Select(t => $"{r.Key} relays {t.Name}"))
            .ToList();
        Assert.True(unconsumed.Count == 0, "relayed but consumed by no service: " + string.Join("; ", unconsumed));
    }
}
