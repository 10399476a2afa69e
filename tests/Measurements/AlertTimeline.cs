using System.Text.Json;
using Marten;
using MediaMonitor.Contracts.Alerting;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.Contracts;
using MediaMonitor.TestSupport;

namespace MediaMonitor.Measurements;

/// <summary>
/// When one published article passed each step on its way to a subscriber: published in the feed (the benchmark's clock),
/// the commit times of its events in the store (ArticleFetched, ArticleDeduplicated, EntitiesTagged, then AlertRaised and
/// AlertDelivered in its alert stream), and the arrival of its webhook POST(s) at the receiver.
/// </summary>
public sealed record AlertTimeline(
    Guid ArticleId,
    string Title,
    DateTimeOffset Published,
    DateTimeOffset? Fetched,
    DateTimeOffset? Deduplicated,
    DateTimeOffset? Tagged,
    DateTimeOffset? Raised,
    DateTimeOffset? Delivered,
    Guid? AlertFirstArticle,
    IReadOnlyList<ReceivedWebhook> Posts,
    (Guid? Fetched, Guid? Deduplicated, Guid? Tagged, Guid? Raised) EventIds)
{
    /// <summary>The one webhook POST of this article's alert, or null when none or more than one arrived.</summary>
    public ReceivedWebhook? SinglePost => Posts.Count == 1 ? Posts[0] : null;

    /// <summary>The stages in pipeline order, each with its start and end; a stage with a missing end is left out.</summary>
    public IEnumerable<(string Hop, double Milliseconds)> Hops()
    {
        (string, DateTimeOffset?, DateTimeOffset?)[] hops =
        [
            ("published -> ArticleFetched (poll wait, feed and page fetch, extraction)", Published, Fetched),
            ("ArticleFetched -> ArticleDeduplicated (relay hop, dedup)", Fetched, Deduplicated),
            ("ArticleDeduplicated -> EntitiesTagged (relay hop, tagging)", Deduplicated, Tagged),
            ("EntitiesTagged -> AlertRaised (relay hop, matching)", Tagged, Raised),
            ("AlertRaised -> webhook received (relay hop, claim, POST)", Raised, SinglePost?.ReceivedAt),
            ("webhook received -> AlertDelivered committed", SinglePost?.ReceivedAt, Delivered),
        ];
        foreach (var (hop, from, to) in hops)
        {
            if (from is { } f && to is { } t)
            {
                yield return (hop, (t - f).TotalMilliseconds);
            }
        }
    }

    /// <summary>
    /// The four relay hops split at the consumer's start: (hop, relay and queue ms, the service's work ms), when the
    /// consumer's span was seen.
    /// </summary>
    public IEnumerable<(string Hop, double Relay, double Work)> Splits(ConsumeStarts starts)
    {
        (string, DateTimeOffset?, DateTimeOffset?, DateTimeOffset?)[] hops =
        [
            ("ArticleFetched -> Deduplication -> ArticleDeduplicated", Fetched, starts.Of(EventIds.Fetched), Deduplicated),
            ("ArticleDeduplicated -> EntityTagging -> EntitiesTagged", Deduplicated, starts.Of(EventIds.Deduplicated), Tagged),
            ("EntitiesTagged -> Alerting -> AlertRaised", Tagged, starts.Of(EventIds.Tagged), Raised),
            ("AlertRaised -> webhook delivery -> webhook received", Raised, starts.Of(EventIds.Raised), SinglePost?.ReceivedAt),
        ];
        foreach (var (hop, committed, consumed, done) in hops)
        {
            if (committed is { } c && consumed is { } s && done is { } d)
            {
                yield return (hop, (s - c).TotalMilliseconds, (d - s).TotalMilliseconds);
            }
        }
    }

    /// <summary>Reads the article's and its alert's streams and matches the webhook POSTs naming the article.</summary>
    public static async Task<AlertTimeline> LoadAsync(
        IQuerySession session, Guid subscriptionId, Guid articleId, string title, DateTimeOffset published, IReadOnlyList<ReceivedWebhook> posts, CancellationToken ct)
    {
        var article = await session.Events.FetchStreamAsync(articleId, token: ct);
        var deduplicated = article.FirstOrDefault(e => e.Data is ArticleDeduplicated);
        DateTimeOffset? raised = null, delivered = null;
        Guid? firstArticle = null, raisedId = null;
        if (deduplicated?.Data is ArticleDeduplicated verdict)
        {
            var alert = await session.Events.FetchStreamAsync(StreamIdentity.ForAlert(subscriptionId, verdict.StoryId), token: ct);
            var raisedEvent = alert.FirstOrDefault(e => e.Data is AlertRaised);
            raised = raisedEvent?.Timestamp;
            raisedId = raisedEvent?.Id;
            firstArticle = (raisedEvent?.Data as AlertRaised)?.FirstArticleId;
            delivered = alert.FirstOrDefault(e => e.Data is AlertDelivered)?.Timestamp;
        }

        var fetched = article.FirstOrDefault(e => e.Data is ArticleFetched);
        var tagged = article.FirstOrDefault(e => e.Data is EntitiesTagged);
        return new AlertTimeline(
            articleId,
            title,
            published,
            fetched?.Timestamp,
            deduplicated?.Timestamp,
            tagged?.Timestamp,
            raised,
            delivered,
            firstArticle,
            [.. posts.Where(p => ArticleIdOf(p) == articleId)],
            (fetched?.Id, deduplicated?.Id, tagged?.Id, raisedId));
    }

    /// <summary>The articleId of a webhook body (MediaMonitor's JSON), or null when it has none.</summary>
    public static Guid? ArticleIdOf(ReceivedWebhook post)
    {
        using var body = JsonDocument.Parse(post.Body);
        return body.RootElement.TryGetProperty("articleId", out var id) && id.TryGetGuid(out var guid) ? guid : null;
    }
}
