using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using MediaMonitor.Alerting.Delivery;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts.Alerting;

namespace MediaMonitor.Alerting.Digests;

/// <summary>A digest as a message: the period in the subscriber's time zone and each story with its copy count and outlets.</summary>
public static class DigestMessage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The message, or null for a period without stories (empty digests are recorded, not sent).</summary>
    public static OutgoingMessage? Compose(DigestCompiled digest, Subscription subscription)
    {
        if (digest.Items.Count == 0)
        {
            return null;
        }

        DigestCalendar.TryZone(subscription.Delivery?.Digest?.TimeZone, out var zone);
        var period = $"{Local(digest.PeriodStart, zone)} - {Local(digest.PeriodEnd, zone)} ({zone.Id})";
        var count = digest.Items.Count == 1 ? "1 story" : string.Create(CultureInfo.InvariantCulture, $"{digest.Items.Count} stories");
        var subject = $"{subscription.Name}: {digest.Frequency.ToString().ToLowerInvariant()} digest, {count}";
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{subscription.Name}: {count}, {period}")
            .AppendLine(CultureInfo.InvariantCulture, $"Query: {subscription.QueryText}")
            .AppendLine();
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<html><body><h2>{WebUtility.HtmlEncode(subscription.Name)}: {count}</h2>")
            .Append(CultureInfo.InvariantCulture, $"<p>{WebUtility.HtmlEncode(period)}<br>Query: <code>{WebUtility.HtmlEncode(subscription.QueryText)}</code></p><ol>");
        var slack = new StringBuilder().Append(CultureInfo.InvariantCulture, $"*{WebhookBody.Escape(subscription.Name)}*: {count}, {WebhookBody.Escape(period)}");
        for (var i = 0; i < digest.Items.Count; i++)
        {
            var item = digest.Items[i];
            var coverage = Coverage(item);
            text.AppendLine(CultureInfo.InvariantCulture, $"{i + 1}. {item.Title}")
                .AppendLine(CultureInfo.InvariantCulture, $"   {item.Url}")
                .AppendLine(CultureInfo.InvariantCulture, $"   {coverage}");
            html.Append(CultureInfo.InvariantCulture,
                $"<li><a href=\"{WebUtility.HtmlEncode(item.Url)}\">{WebUtility.HtmlEncode(item.Title)}</a><br>{WebUtility.HtmlEncode(coverage)}</li>");
            slack.Append(CultureInfo.InvariantCulture, $"\n{i + 1}. <{item.Url}|{WebhookBody.Escape(item.Title)}> ({WebhookBody.Escape(coverage)})");
        }

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"MediaMonitor digest {digest.DigestId}");
        html.Append(CultureInfo.InvariantCulture, $"</ol><p style=\"color:#777\">MediaMonitor digest {digest.DigestId}</p></body></html>");
        var json = JsonSerializer.Serialize(new
        {
            type = "digest",
            digestId = digest.DigestId,
            subscriptionId = digest.SubscriptionId,
            subscriptionName = subscription.Name,
            frequency = digest.Frequency.ToString().ToLowerInvariant(),
            periodStart = digest.PeriodStart,
            periodEnd = digest.PeriodEnd,
            stories = digest.Items,
        }, Json);
        return new OutgoingMessage(digest.DigestId.ToString(), subject, text.ToString(), html.ToString(), json,
            WebhookBody.Slack(slack.ToString(), $"MediaMonitor digest {digest.DigestId}"));
    }

    /// <summary>"3 copies in 2 outlets: A, B".</summary>
    public static string Coverage(DigestItem item) =>
        string.Create(CultureInfo.InvariantCulture, $"{item.Copies} {(item.Copies == 1 ? "copy" : "copies")} in {item.Outlets.Count} {(item.Outlets.Count == 1 ? "outlet" : "outlets")}")
        + (item.Outlets.Count > 0 ? ": " + string.Join(", ", item.Outlets) : "");

    private static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
