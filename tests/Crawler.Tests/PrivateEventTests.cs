using System.Text.Json.Nodes;
using Marten.Events;
using MediaMonitor.Crawler.WebSub.Events;
using MediaMonitor.ServiceDefaults.EventSchema;
using Weasel.Core;

namespace MediaMonitor.Crawler.Tests;

/// <summary>
/// The Crawler's WebSub events were contracts (shared/Contracts/Crawler) when they were first stored; now private to the
/// Crawler, they keep those stored names and read the bodies stored then.
/// </summary>
public sealed class PrivateEventTests
{
    private const string Source = "0a000000-0000-4000-8000-000000000001";
    private const string At = "2026-11-29T08:14:45+00:00";
    private const string Later = "2026-11-29T09:00:00+00:00";

    /// <summary>Each event as Marten stored it when it landed in shared/Contracts (the websub branch).</summary>
    public static TheoryData<string, Type, string> FirstStoredShapes { get; } = new()
    {
        { "websub_hub_discovered", typeof(WebSubHubDiscovered), $$"""{"SourceId":"{{Source}}","Hub":"https://hub.example/","Topic":"https://herald.example/feed.xml","DiscoveredAt":"{{At}}"}""" },
        { "websub_subscribed", typeof(WebSubSubscribed), $$"""{"SourceId":"{{Source}}","Hub":"https://hub.example/","Topic":"https://herald.example/feed.xml","LeaseSeconds":86400,"LeaseExpiresAt":"{{Later}}","VerifiedAt":"{{At}}"}""" },
        { "websub_subscription_failed", typeof(WebSubSubscriptionFailed), $$"""{"SourceId":"{{Source}}","Hub":"https://hub.example/","Topic":"https://herald.example/feed.xml","Reason":"HTTP 500","Denied":false,"FailedAt":"{{At}}"}""" },
        { "websub_content_rejected", typeof(WebSubContentRejected), $$"""{"SourceId":"{{Source}}","Topic":"https://herald.example/feed.xml","Reason":"wrong X-Hub-Signature","RejectedAt":"{{At}}"}""" },
        { "websub_unsubscribed", typeof(WebSubUnsubscribed), $$"""{"SourceId":"{{Source}}","Hub":"https://hub.example/","Topic":"https://herald.example/feed.xml","UnsubscribedAt":"{{At}}"}""" },
    };

    [Theory]
    [MemberData(nameof(FirstStoredShapes))]
    public void A_WebSub_event_keeps_the_stored_name_it_had_as_a_contract_and_reads_its_first_stored_body(string storedName, Type type, string body)
    {
        var options = new StoreOptions();
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
        options.AddContractEvents([]);
        options.AddServiceEvents(CrawlerEvents.StoredNames);

        Assert.Equal(storedName, ((EventGraph)options.Events).EventMappingFor(type).EventTypeName);
        var serializer = options.Serializer();
        var read = serializer.FromJson(type, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)));
        Assert.IsType(type, read);
        var stored = JsonNode.Parse(body)!.AsObject();
        var readBack = JsonNode.Parse(serializer.ToJson(read))!.AsObject();
        Assert.Equal(stored.Select(p => p.Key).Order(StringComparer.Ordinal), readBack.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var (field, value) in stored)
        {
            Assert.True(JsonNode.DeepEquals(Normalised(value), Normalised(readBack[field])), $"{storedName}.{field}: stored {value}, read back {readBack[field]}");
        }
    }

    [Fact]
    public void Every_private_event_of_the_Crawler_has_its_first_stored_body_checked()
    {
        Assert.Equal(
            CrawlerEvents.StoredNames.Values.Order(StringComparer.Ordinal),
            FirstStoredShapes.Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_WebSub_event_is_a_contract_any_more_so_nothing_outside_the_Crawler_depends_on_it()
    {
        Assert.DoesNotContain(StoredEventNames.ByType, p => p.Value.StartsWith("websub_", StringComparison.Ordinal));
        Assert.All(CrawlerEvents.StoredNames.Keys, t => Assert.StartsWith("MediaMonitor.Crawler.", t.FullName, StringComparison.Ordinal));
    }

    /// <summary>Timestamps compare as instants (the serializer may write another offset form).</summary>
    private static JsonNode? Normalised(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var instant) && s.Contains('T', StringComparison.Ordinal)
            ? JsonValue.Create(instant.ToUniversalTime())
            : value?.DeepClone();
}
