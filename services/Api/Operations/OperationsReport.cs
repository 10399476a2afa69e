namespace MediaMonitor.Api.Operations;

/// <summary>The answer of GET /api/admin/operations: what the operations page shows, read when asked.</summary>
public sealed record OperationsReport(
    DateTimeOffset GeneratedAt,
    PipelineThroughput Throughput,
    EventStoreLag EventStore,
    BrokerReport Broker,
    JobsReport Jobs);

/// <summary>Pipeline events per minute over the last hour (oldest minute first; the last one is the current, partial minute).</summary>
public sealed record PipelineThroughput(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> Steps, IReadOnlyList<ThroughputMinute> Minutes,
    IReadOnlyDictionary<string, long> Totals);

/// <summary>Events of each pipeline step (discovered, fetched, deduplicated, tagged, alerted) stored in one minute.</summary>
public sealed record ThroughputMinute(DateTimeOffset Minute, IReadOnlyDictionary<string, long> Counts);

/// <summary>The event store's head and how far each relay and projection is behind it.</summary>
public sealed record EventStoreLag(long HighestSequence, DateTimeOffset? LastEventAt, IReadOnlyList<ProgressionLag> Progressions);

/// <summary>
/// One row of mt_event_progression: kind "relay" (a service's outbox to RabbitMQ), "projection" (a read model) or
/// "high-water-mark" (the daemon's); behind = events stored after the last one it processed; the oldest of those and its age.
/// </summary>
public sealed record ProgressionLag(string Name, string Kind, long LastSequence, long Behind, DateTimeOffset? LastUpdated,
    DateTimeOffset? OldestUnprocessedAt, double? OldestUnprocessedAgeSeconds);

/// <summary>
/// Queues of the services' virtual host from the RabbitMQ management API. Configured false: no RabbitMq:ManagementUrl;
/// Error: the management API could not be read (the rest of the report still answers).
/// </summary>
public sealed record BrokerReport(bool Configured, string? ManagementUrl, string VirtualHost, string? Error, IReadOnlyList<QueueDepth> Queues,
    IReadOnlyList<DeadLetterQueue> DeadLetters);

public sealed record QueueDepth(string Name, long Messages, long Ready, long Unacknowledged, int Consumers);

/// <summary>A MassTransit *_error (faulted) or *_skipped (no consumer for the type) queue and its first messages.</summary>
public sealed record DeadLetterQueue(string Queue, string Kind, long Messages, IReadOnlyList<DeadLetterMessage> Sample);

/// <summary>A dead letter as its MassTransit envelope and fault headers describe it; read with requeue, so it stays queued.</summary>
public sealed record DeadLetterMessage(string? MessageId, string? MessageType, DateTimeOffset? Time, string? ExceptionType, string? ExceptionMessage,
    string? Reason);

/// <summary>Long-running work (rebuilds, backfills, reprocessing) with progress, from the endpoints this Api has.</summary>
public sealed record JobsReport(bool Available, string? Note, IReadOnlyList<JobProgress> Items);

/// <summary>
/// One job: a rebuild (Name = read model; no Id) or a backfill/reprocessing job (Id for GET /api/jobs/{id}; Name = its subscription
/// or its id; rate in items per second over its current run and seconds left at that rate).
/// </summary>
public sealed record JobProgress(string Kind, string Name, string State, long? Done, long? Total, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    string? Error)
{
    public Guid? Id { get; init; }
    public string? TenantId { get; init; }
    public double? RatePerSecond { get; init; }
    public double? SecondsLeft { get; init; }
}
