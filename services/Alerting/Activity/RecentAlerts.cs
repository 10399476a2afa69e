using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;

namespace MediaMonitor.Alerting.Activity;

/// <summary>A subscription's recent matches (for the hourly limit, spikes and digests) read from <see cref="AlertActivity"/> through its indexes, never by scanning events.</summary>
public static class RecentAlerts
{
    public const string DocumentAlias = "alert_activity";

    /// <summary>Registers the read model, its two indexes and its inline projection on the Alerting store.</summary>
    public static void Register(StoreOptions opts)
    {
        opts.Schema.For<AlertActivity>().DocumentAlias(DocumentAlias);

        // Every alert event upserts this document in the append's transaction (about 24 an article with 10,000
        // subscriptions), so its indexes are kept on real columns written with the row: two indexes over JSON
        // expressions made PostgreSQL parse the document and convert its timestamps for each of them on every upsert.
        // Marten's Duplicate() would add a single-column index per column as well, so the columns are declared here.
        opts.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType != typeof(AlertActivity))
            {
                return;
            }

            var subscription = mapping.DuplicateField(nameof(AlertActivity.SubscriptionId)).ColumnName;
            var raisedAt = mapping.DuplicateField(nameof(AlertActivity.RaisedAt)).ColumnName;
            var lastMatchAt = mapping.DuplicateField(nameof(AlertActivity.LastMatchAt)).ColumnName;
            mapping.AddIndex(subscription, raisedAt);
            mapping.AddIndex(subscription, lastMatchAt);
        });
        opts.Schema.For<AlertActivityBuilt>().DocumentAlias("alert_activity_built");
        opts.Projections.Add<AlertActivityProjection>(ProjectionLifecycle.Inline);
    }

    /// <summary>
    /// Pushable (not backfilled) alerts of the subscription raised in the hour up to and including <paramref name="alertId"/>
    /// raised at <paramref name="raisedAt"/>; alerts raised at the same instant count when their id sorts no later.
    /// </summary>
    public static async Task<int> RaisedInHourUpToAsync(
        IQuerySession session, Guid subscriptionId, Guid alertId, DateTimeOffset raisedAt, CancellationToken cancellationToken)
    {
        var since = raisedAt - TimeSpan.FromHours(1);

        // The database rounds to microseconds, .NET keeps ticks: fetch with a margin and compare exactly here, on whole
        // documents (their JSON keeps the ticks; a Select of the field would come back rounded through timestamptz).
        var margin = TimeSpan.FromSeconds(1);
        var lower = since - margin;
        var upper = raisedAt + margin;
        var nearby = await session.Query<AlertActivity>()
            .Where(a => a.SubscriptionId == subscriptionId && a.RaisedAt > lower && a.RaisedAt < upper && !a.Backfilled)
            .ToListAsync(cancellationToken);
        return nearby.Count(a => a.RaisedAt > since && (a.RaisedAt < raisedAt || (a.RaisedAt == raisedAt && a.Id.CompareTo(alertId) <= 0)));
    }

    /// <summary>
    /// The ids of the subscription's pushable alerts raised in [<paramref name="start"/>, <paramref name="end"/>), with a
    /// margin of a second either side (the database keeps microseconds): the caller checks the exact times on the events.
    /// </summary>
    public static async Task<Guid[]> RaisedBetweenAsync(
        IQuerySession session, Guid subscriptionId, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var margin = TimeSpan.FromSeconds(1);
        var (lower, upper) = (start - margin, end + margin);
        var ids = await session.Query<AlertActivity>()
            .Where(a => a.SubscriptionId == subscriptionId && a.RaisedAt > lower && a.RaisedAt < upper && !a.Backfilled)
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
        return [.. ids];
    }

    /// <summary>The times the subscription matched (alerts raised, copies counted) after <paramref name="since"/>, backfilled alerts left out.</summary>
    public static async Task<IReadOnlyList<DateTimeOffset>> MatchTimesAsync(
        IQuerySession session, Guid subscriptionId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var alerts = await session.Query<AlertActivity>()
            .Where(a => a.SubscriptionId == subscriptionId && a.LastMatchAt > since && !a.Backfilled)
            .ToListAsync(cancellationToken);
        return [.. alerts.SelectMany(a => a.MatchesAfter(since))];
    }
}
