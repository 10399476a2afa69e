using MediaMonitor.Alerting.Alerts;
using MediaMonitor.Alerting.Subscriptions;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>The JSON body of a webhook delivery.</summary>
public sealed record WebhookPayload(
    Guid AlertId,
    Guid SubscriptionId,
    string SubscriptionName,
    Guid StoryId,
    Guid ArticleId,
    string Title,
    string Url,
    string? Outlet,
    int Copies,
    int Outlets,
    DateTimeOffset RaisedAt)
{
    public static WebhookPayload For(AlertState alert, Subscription subscription)
    {
        var raised = alert.Raised ?? throw new InvalidOperationException("An alert that was never raised has nothing to deliver.");
        return new WebhookPayload(raised.AlertId, subscription.Id, subscription.Name, raised.StoryId, raised.FirstArticleId, raised.Title,
            raised.Url, raised.Outlet, alert.Copies, alert.Outlets.Count, raised.RaisedAt);
    }
}
