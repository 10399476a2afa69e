using System.Globalization;
using MediaMonitor.Contracts.Api;
using MediaMonitor.Contracts;

namespace MediaMonitor.ServiceDefaults.Jobs;

/// <summary>
/// The backfill job of a subscription's query as of one event of its stream (SubscriptionCreated, version 1, or a
/// SubscriptionQueryChanged): its id is derived from both, so the Api can point at it and a redelivered event finds it.
/// </summary>
public static class SubscriptionBackfillJobs
{
    /// <summary>Namespace of backfill job ids.</summary>
    public static readonly Guid Namespace = new("5b0f7c2e-91d4-4a6b-b3e8-7c1d2a9f4e60");

    public static Guid IdFor(Guid subscriptionId, long version) =>
        StreamIdentity.NameBased(Namespace, subscriptionId.ToString("N") + ":" + version.ToString(CultureInfo.InvariantCulture));

    /// <summary>A backfill over the articles fetched in [asOf - days, asOf) with the query the stream had at <paramref name="version"/>.</summary>
    public static JobDocument For(Guid subscriptionId, string tenantId, long version, DateTimeOffset asOf, int days, DateTimeOffset now) =>
        JobDocument.Start(IdFor(subscriptionId, version), JobKinds.SubscriptionBackfill, tenantId, new Dictionary<string, string>
        {
            ["subscriptionId"] = subscriptionId.ToString("D"),
            ["version"] = version.ToString(CultureInfo.InvariantCulture),
            ["from"] = (asOf - TimeSpan.FromDays(days)).ToString("O", CultureInfo.InvariantCulture),
            ["to"] = asOf.ToString("O", CultureInfo.InvariantCulture),
        }, now);

    /// <summary>What a backfill job's parameters hold.</summary>
    public static (Guid SubscriptionId, long Version, DateTimeOffset From, DateTimeOffset To) Parameters(JobDocument job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return (Guid.Parse(job.Parameters["subscriptionId"]), long.Parse(job.Parameters["version"], CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(job.Parameters["from"], CultureInfo.InvariantCulture), DateTimeOffset.Parse(job.Parameters["to"], CultureInfo.InvariantCulture));
    }
}
