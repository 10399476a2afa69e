using MediaMonitor.Alerting.Delivery;
using MediaMonitor.Alerting.Matching;
using MediaMonitor.Alerting.Subscriptions;
using MediaMonitor.Contracts.Alerting;

namespace MediaMonitor.Alerting.Alerts;

/// <summary>The throttling rule: one alert per (subscription, story); later articles of the story only update its counts.</summary>
public static class AlertDecisions
{
    /// <summary>The events a matched article adds to the alert stream: AlertRaised, AlertUpdated, or nothing if already counted.</summary>
    public static IReadOnlyList<object> Decide(
        AlertState state, Subscription subscription, ArticleFacts article, DateTimeOffset now, string matcherVersion, bool backfill = false)
    {
        if (!state.Exists)
        {
            return [new AlertRaised(state.AlertId, subscription.Id, subscription.TenantId, article.StoryId, article.ArticleId,
                article.Url, article.Title, article.Outlet, now, matcherVersion, backfill, HasPushChannel: DeliveryTarget.ForAlerts(subscription).Count > 0)];
        }

        if (state.Articles.Contains(article.ArticleId))
        {
            return [];
        }

        var outlets = state.Outlets.Contains(article.Outlet) ? state.Outlets.Count : state.Outlets.Count + 1;
        return [new AlertUpdated(state.AlertId, article.ArticleId, article.Outlet, state.Copies + 1, outlets, now)];
    }
}
