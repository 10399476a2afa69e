using MediaMonitor.Contracts.Api;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.ServiceDefaults.Subscriptions;

/// <summary>
/// Read model of one subscription as Alerting's matcher and delivery need it (Id: the subscription's stream id): the shared
/// aggregate (<see cref="SubscriptionState"/>: tenant, query, delivery settings, credentials version, pause or mute), the
/// last query text that parsed, and the spans of the pauses that stopped matching. Projected by
/// <see cref="SubscriptionRecordProjection"/>, folded in memory by <see cref="Fold"/>.
/// </summary>
public sealed record SubscriptionRecord
{
    public Guid Id { get; init; }

    /// <summary>The version of the subscription's stream this was folded to: a replica keeps the newer of two copies.</summary>
    public long StreamVersion { get; init; }

    /// <summary>The shared aggregate; null only in a document written for a stream whose SubscriptionCreated it never saw.</summary>
    public SubscriptionState? State { get; init; }

    /// <summary>The last query text that parsed, what the subscription matches with (null: none has parsed).</summary>
    public string? MatchedQuery { get; init; }

    /// <summary>Why the query text set last does not parse (null: it parses).</summary>
    public QueryParseError? QueryError { get; init; }

    /// <summary>Pauses that stopped matching and have ended, oldest first.</summary>
    public IReadOnlyList<PauseSpan> EndedPauses { get; init; } = [];

    /// <summary>When the pause that stops matching now was recorded (with <see cref="PausedUntil"/>).</summary>
    public DateTimeOffset? PausedFrom { get; init; }

    /// <summary>Until when the pause that stops matching now holds (MaxValue: until resumed; null: not paused; a mute is in <see cref="State"/>).</summary>
    public DateTimeOffset? PausedUntil { get; init; }

    /// <summary>Every pause that stopped matching, from when it was recorded until it ended or will end, oldest first.</summary>
    public IReadOnlyList<PauseSpan> Pauses() => Close(EndedPauses, PausedFrom, PausedUntil, DateTimeOffset.MaxValue);

    public bool IsPausedAt(DateTimeOffset now) => PausedUntil is { } until && until > now;

    public static SubscriptionRecord Create(SubscriptionCreated created)
    {
        ArgumentNullException.ThrowIfNull(created);
        var error = QueryParser.Parse(created.Query).Error;
        // A stream starts with its SubscriptionCreated.
        return new SubscriptionRecord
        {
            Id = created.SubscriptionId, StreamVersion = 1, State = SubscriptionState.Create(created), MatchedQuery = error is null ? created.Query : null, QueryError = error,
        };
    }

    /// <summary>One later event folded in (in stream order); unknown events, and any event before SubscriptionCreated, change nothing.</summary>
    public SubscriptionRecord Apply(object e)
    {
        if (State is not { } state)
        {
            return this;
        }

        switch (e)
        {
            case SubscriptionQueryChanged q:
                // A query that no longer parses (a stricter parser) keeps the last one that did.
                var error = QueryParser.Parse(q.Query).Error;
                return this with { State = state.Apply(q), MatchedQuery = error is null ? q.Query : MatchedQuery, QueryError = error };
            case SubscriptionDeliveryChanged d:
                return this with { State = state.Apply(d) };
            case WebhookSecretRotated r:
                return this with { State = state.Apply(r) };
            case SubscriptionPaused { StopsMatching: true } p:
                return this with
                {
                    State = state.Apply(p), EndedPauses = Close(EndedPauses, PausedFrom, PausedUntil, p.PausedAt), PausedFrom = p.PausedAt,
                    PausedUntil = p.Until ?? DateTimeOffset.MaxValue,
                };
            case SubscriptionPaused p:
                // A mute only holds back pushes: matching goes on, so no pause span.
                return this with { State = state.Apply(p) };
            case SubscriptionResumed r:
                return this with { State = state.Apply(r), EndedPauses = Close(EndedPauses, PausedFrom, PausedUntil, r.ResumedAt), PausedFrom = null, PausedUntil = null };
            default:
                return this;
        }
    }

    /// <summary>What a stream's events leave (null: no SubscriptionCreated among them); StreamVersion counts the events from the creation.</summary>
    public static SubscriptionRecord? Fold(IEnumerable<object> events) => events.Aggregate((SubscriptionRecord?)null, Step);

    /// <summary>One event folded in: a creation starts the record at version 1, any later event adds one to the version.</summary>
    public static SubscriptionRecord? Step(SubscriptionRecord? record, object e) => (record, e) switch
    {
        (_, SubscriptionCreated c) => Create(c),
        (null, _) => null,
        _ => record.Apply(e) with { StreamVersion = record.StreamVersion + 1 },
    };

    private static IReadOnlyList<PauseSpan> Close(IReadOnlyList<PauseSpan> ended, DateTimeOffset? from, DateTimeOffset? until, DateTimeOffset endedAt)
    {
        if (until is not { } end || from is not { } start)
        {
            return ended;
        }

        var closed = end < endedAt ? end : endedAt;
        return closed > start ? [.. ended, new PauseSpan(start, closed)] : ended;
    }
}

/// <summary>A pause from <see cref="From"/> (when it was recorded) until <see cref="Until"/> (exclusive).</summary>
public sealed record PauseSpan(DateTimeOffset From, DateTimeOffset Until)
{
    public bool Covers(DateTimeOffset t) => From <= t && t < Until;
}
