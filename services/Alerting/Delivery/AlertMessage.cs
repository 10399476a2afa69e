using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using MediaMonitor.Alerting.Alerts;
using MediaMonitor.Alerting.Subscriptions;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>An alert as a message: title, link, copies and outlets, and the query that matched.</summary>
public static class AlertMessage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static OutgoingMessage Compose(AlertState alert, Subscription subscription)
    {
        var payload = WebhookPayload.For(alert, subscription);
        var outlets = alert.Outlets.Order(StringComparer.OrdinalIgnoreCase).ToList();
        var copies = string.Create(CultureInfo.InvariantCulture, $"{payload.Copies} {(payload.Copies == 1 ? "copy" : "copies")} in {payload.Outlets} {(payload.Outlets == 1 ? "outlet" : "outlets")}");
        var text = new StringBuilder()
            .AppendLine(payload.Title)
            .AppendLine(payload.Url)
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Outlet: {payload.Outlet ?? "unknown"}")
            .AppendLine(CultureInfo.InvariantCulture, $"Coverage: {copies}{(outlets.Count > 0 ? " (" + string.Join(", ", outlets) + ")" : "")}")
            .AppendLine(CultureInfo.InvariantCulture, $"Matched query: {subscription.QueryText}")
            .AppendLine(CultureInfo.InvariantCulture, $"Subscription: {subscription.Name}")
            .AppendLine(CultureInfo.InvariantCulture, $"Raised: {payload.RaisedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"MediaMonitor alert {payload.AlertId} (story {payload.StoryId})")
            .ToString();
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<html><body><h2><a href=\"{WebUtility.HtmlEncode(payload.Url)}\">{WebUtility.HtmlEncode(payload.Title)}</a></h2>")
            .Append("<ul>")
            .Append(CultureInfo.InvariantCulture, $"<li>Outlet: {WebUtility.HtmlEncode(payload.Outlet ?? "unknown")}</li>")
            .Append(CultureInfo.InvariantCulture, $"<li>Coverage: {copies}{(outlets.Count > 0 ? " (" + WebUtility.HtmlEncode(string.Join(", ", outlets)) + ")" : "")}</li>")
            .Append(CultureInfo.InvariantCulture, $"<li>Matched query: <code>{WebUtility.HtmlEncode(subscription.QueryText)}</code></li>")
            .Append(CultureInfo.InvariantCulture, $"<li>Subscription: {WebUtility.HtmlEncode(subscription.Name)}</li>")
            .Append("</ul>")
            .Append(CultureInfo.InvariantCulture, $"<p style=\"color:#777\">MediaMonitor alert {payload.AlertId} (story {payload.StoryId})</p></body></html>")
            .ToString();
        return new OutgoingMessage(payload.AlertId.ToString(), $"{subscription.Name}: {payload.Title}", text, html,
            JsonSerializer.Serialize(payload, Json), WebhookBody.Slack(payload));
    }
}
