using Marten.Events.Aggregation;
using MediaMonitor.Contracts.Alerting;

namespace MediaMonitor.Alerting.Activity;

/// <summary>
/// Read model of one alert for counting a subscription's recent matches without scanning the events: when the alert was
/// raised and when each later copy matched (AlertUpdated). Indexed by (SubscriptionId, RaisedAt) for the hourly push
/// limit and by (SubscriptionId, LastMatchAt) for spike checks, both on columns copied out of the document
/// (<see cref="RecentAlerts.Register"/>); times are kept in UTC, as a timestamptz column takes them. Folded inline from the alert stream, so it is written in
/// the same transaction as the events; the event store stays the source of truth and the documents can be rebuilt from it.
/// </summary>
public sealed record AlertActivity
{
    /// <summary>The alert id, which is its stream id.</summary>
    public Guid Id { get; init; }

    public Guid SubscriptionId { get; init; }

    public DateTimeOffset RaisedAt { get; init; }

    /// <summary>Backfilled alerts fill the inbox but count neither against the limit nor towards a spike.</summary>
    public bool Backfilled { get; init; }

    /// <summary>The latest of RaisedAt and the copies' times: an alert with no match since a moment can be skipped by the index.</summary>
    public DateTimeOffset LastMatchAt { get; init; }

    /// <summary>When each later copy of the story matched, in order.</summary>
    public IReadOnlyList<DateTimeOffset> CopiesMatchedAt { get; init; } = [];

    /// <summary>Every match of this alert after <paramref name="since"/>: its raising and its copies.</summary>
    public IEnumerable<DateTimeOffset> MatchesAfter(DateTimeOffset since) => CopiesMatchedAt.Prepend(RaisedAt).Where(t => t > since);
}

/// <summary>Folds AlertRaised and AlertUpdated of each alert stream into <see cref="AlertActivity"/>, inline with the append.</summary>
public sealed partial class AlertActivityProjection : SingleStreamProjection<AlertActivity, Guid>
{
    public static AlertActivity Create(AlertRaised e) => new()
    {
        Id = e.AlertId, SubscriptionId = e.SubscriptionId, RaisedAt = e.RaisedAt.ToUniversalTime(), Backfilled = e.Backfilled,
        LastMatchAt = e.RaisedAt.ToUniversalTime(),
    };

    public static AlertActivity Apply(AlertUpdated e, AlertActivity a) => a with
    {
        CopiesMatchedAt = [.. a.CopiesMatchedAt, e.UpdatedAt.ToUniversalTime()], LastMatchAt = e.UpdatedAt > a.LastMatchAt ? e.UpdatedAt.ToUniversalTime() : a.LastMatchAt,
    };
}
