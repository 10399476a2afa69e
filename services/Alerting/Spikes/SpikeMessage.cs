using System.Globalization;
using System.Net;
using System.Text.Json;
using MediaMonitor.Alerting.Delivery;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts.Alerting;

namespace MediaMonitor.Alerting.Spikes;

/// <summary>A spike notice as a message: the last hour's count against the usual level.</summary>
public static class SpikeMessage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static OutgoingMessage Compose(SpikeDetected spike, Subscription subscription)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{spike.Count} matches in the hour up to {spike.WindowEnd.UtcDateTime:yyyy-MM-dd HH:mm} UTC; usually {spike.BaselineMean:0.##} an hour (deviation {spike.BaselineDeviation:0.##}, threshold {spike.Threshold:0.##})");
        var text = $"Coverage spike for {subscription.Name}\n{line}\nQuery: {subscription.QueryText}\n\nMediaMonitor spike {spike.SpikeId}\n";
        var html = $"<html><body><h2>Coverage spike for {WebUtility.HtmlEncode(subscription.Name)}</h2><p>{WebUtility.HtmlEncode(line)}</p>"
            + $"<p>Query: <code>{WebUtility.HtmlEncode(subscription.QueryText)}</code></p><p style=\"color:#777\">MediaMonitor spike {spike.SpikeId}</p></body></html>";
        var json = JsonSerializer.Serialize(new
        {
            type = "spike",
            spikeId = spike.SpikeId,
            subscriptionId = spike.SubscriptionId,
            subscriptionName = subscription.Name,
            windowEnd = spike.WindowEnd,
            count = spike.Count,
            baselineMean = spike.BaselineMean,
            baselineDeviation = spike.BaselineDeviation,
            threshold = spike.Threshold,
        }, Json);
        var subject = string.Create(CultureInfo.InvariantCulture, $"{subscription.Name}: coverage spike, {spike.Count} matches in the last hour");
        return new OutgoingMessage(spike.SpikeId.ToString(), subject, text, html, json,
            WebhookBody.Slack($"*{WebhookBody.Escape(subscription.Name)}*: coverage spike. {WebhookBody.Escape(line)}", $"MediaMonitor spike {spike.SpikeId}"));
    }
}
