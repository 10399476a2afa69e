using MediaMonitor.ServiceDefaults.Jobs;

namespace MediaMonitor.Api.Subscriptions;

/// <summary>
/// <c>Link: &lt;/api/jobs/{id}&gt;; rel="backfill-job"</c> on a subscription's creation or query change: the job that
/// backfills the query (Alerting starts it when the event arrives; until then the job answers 404).
/// </summary>
public static class BackfillLink
{
    public static void Set(HttpResponse response, Guid subscriptionId, long version)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.Append("Link", $"</api/jobs/{SubscriptionBackfillJobs.IdFor(subscriptionId, version)}>; rel=\"backfill-job\"");
    }
}
