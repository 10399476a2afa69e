using Marten;
using Npgsql;

namespace MediaMonitor.Api.Operations;

/// <summary>
/// Throughput and lag read straight from the event store's tables with indexed queries (never a fold of event bodies):
/// counts per type and minute over the index on (timestamp, type) (<see cref="ServiceDefaults.EventSchema.EventTimestampIndex"/>),
/// and mt_event_progression against the highest seq_id.
/// </summary>
public sealed class EventStoreFigures(IDocumentStore store, NpgsqlDataSource dataSource)
{
    private string Events => store.Options.Events.DatabaseSchemaName;

    public async Task<PipelineThroughput> ThroughputAsync(DateTimeOffset now, CancellationToken ct)
    {
        var (from, to) = ThroughputSeries.Window(now);
        await using var command = dataSource.CreateCommand(
            $"select type, date_bin('1 minute', \"timestamp\", @from) as minute, count(*) from {Events}.mt_events " +
            "where \"timestamp\" >= @from and \"timestamp\" < @to and type = any(@types) group by 1, 2");
        command.Parameters.AddWithValue("from", from.UtcDateTime);
        command.Parameters.AddWithValue("to", to.UtcDateTime);
        command.Parameters.AddWithValue("types", ThroughputSeries.Steps.Select(s => s.EventType).ToArray());
        var rows = new List<(string, DateTimeOffset, long)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt64(2)));
            }
        }

        return ThroughputSeries.Build(from, to, rows);
    }

    public async Task<EventStoreLag> LagAsync(DateTimeOffset now, CancellationToken ct)
    {
        long highest = 0;
        DateTimeOffset? lastAt = null;
        await using (var head = dataSource.CreateCommand($"select seq_id, \"timestamp\" from {Events}.mt_events order by seq_id desc limit 1"))
        await using (var reader = await head.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                highest = reader.GetInt64(0);
                lastAt = reader.GetFieldValue<DateTimeOffset>(1);
            }
        }

        // The oldest unprocessed event of each is the first one after its position (the primary key, one row each).
        await using var command = dataSource.CreateCommand(
            $"select p.name, p.last_seq_id, p.last_updated, (select e.\"timestamp\" from {Events}.mt_events e where e.seq_id > p.last_seq_id " +
            $"order by e.seq_id limit 1) from {Events}.mt_event_progression p " +
            // The daemon's other HighWater* rows are its own bookkeeping (gaps, fences), not positions in the log.
            "where p.name not like 'HighWater%' or p.name = 'HighWaterMark' order by p.name");
        var rows = new List<ProgressionLag>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var name = reader.GetString(0);
                var last = reader.GetInt64(1);
                DateTimeOffset? updated = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2);
                DateTimeOffset? oldest = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3);
                rows.Add(ProgressionLagOf(name, last, highest, updated, oldest, now));
            }
        }

        return new EventStoreLag(highest, lastAt, rows);
    }

    /// <summary>One progression row as the page shows it; an event after the position that is not yet visible counts as nothing behind.</summary>
    public static ProgressionLag ProgressionLagOf(string name, long lastSequence, long highest, DateTimeOffset? updated, DateTimeOffset? oldest,
        DateTimeOffset now)
    {
        var kind = name.StartsWith("relay-", StringComparison.Ordinal) ? "relay"
            : name.Equals("HighWaterMark", StringComparison.Ordinal) ? "high-water-mark"
            : "projection";
        var behind = Math.Max(0, highest - lastSequence);
        var age = behind > 0 && oldest is { } at ? Math.Max(0, (now - at).TotalSeconds) : (double?)null;
        return new ProgressionLag(name, kind, lastSequence, behind, updated, behind > 0 ? oldest : null, age);
    }
}
