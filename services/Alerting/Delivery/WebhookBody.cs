using System.Globalization;
using System.Text.Json;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>The body of a webhook POST: MediaMonitor's own JSON, or a Slack incoming-webhook message.</summary>
public static class WebhookBody
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Slack's incoming-webhook format for Slack URLs (host *.slack.com, or a path starting /services/ as Slack's own)
    /// and Slack-compatible receivers (path starting /hooks/, as Mattermost and Rocket.Chat use).
    /// </summary>
    public static bool IsSlack(Uri url) =>
        url.Host.EndsWith("slack.com", StringComparison.OrdinalIgnoreCase)
        || url.AbsolutePath.StartsWith("/services/", StringComparison.Ordinal)
        || url.AbsolutePath.StartsWith("/hooks/", StringComparison.Ordinal);

    public static string For(Uri url, WebhookPayload payload) => IsSlack(url) ? Slack(payload) : JsonSerializer.Serialize(payload, Json);

    /// <summary>The body a channel gets: Slack's format on the slack channel and on Slack-looking webhook URLs, else our JSON.</summary>
    public static string For(DeliveryTarget target, OutgoingMessage message) =>
        target.Channel == DeliveryTarget.Slack || IsSlack(new Uri(target.Address)) ? message.Slack : message.Json;

    /// <summary>A Slack message of one mrkdwn section (already escaped) and a context line.</summary>
    public static string Slack(string mrkdwn, string context) => JsonSerializer.Serialize(new
    {
        text = mrkdwn,
        blocks = new object[]
        {
            new { type = "section", text = new { type = "mrkdwn", text = mrkdwn } },
            new { type = "context", elements = new object[] { new { type = "mrkdwn", text = context } } },
        },
    }, Json);

    public static string Slack(WebhookPayload payload)
    {
        var copies = payload.Copies == 1
            ? "1 copy"
            : string.Create(CultureInfo.InvariantCulture, $"{payload.Copies} copies in {payload.Outlets} outlets");
        var text = $"*{Escape(payload.SubscriptionName)}*: <{payload.Url}|{Escape(payload.Title)}> ({Escape(payload.Outlet ?? "unknown outlet")}, {copies})";
        var message = new
        {
            text,
            blocks = new object[]
            {
                new { type = "section", text = new { type = "mrkdwn", text } },
                new
                {
                    type = "context",
                    elements = new object[] { new { type = "mrkdwn", text = $"MediaMonitor alert {payload.AlertId} · story {payload.StoryId}" } },
                },
            },
        };
        return JsonSerializer.Serialize(message, Json);
    }

    /// <summary>Slack's mrkdwn needs &amp;, &lt; and &gt; escaped.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
