using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace MediaMonitor.Measurements.Chaos;

/// <summary>
/// A one-line picture of where work waits, for the chaos run's log: RabbitMQ queues holding messages (ready/unacked)
/// and each Marten subscription or projection behind the newest event (by sequence). When a fault's recovery is slow
/// this says whether messages sit in a queue or a relay stopped publishing.
/// </summary>
public sealed class PipelineProbe(int portBase, string connectionString) : IDisposable
{
    private readonly HttpClient _management = new()
    {
        BaseAddress = new Uri($"http://127.0.0.1:{portBase + 2}"),
        Timeout = TimeSpan.FromSeconds(5),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray())) },
    };

    public async Task<string> DescribeAsync()
    {
        var (waiting, lagging) = (await WaitingQueuesAsync(), await LaggingSubscriptionsAsync());
        var queues = waiting is null ? "management API unreachable" : waiting.Count == 0 ? "none waiting" : string.Join(" ", waiting);
        var behind = lagging is null ? "PostgreSQL unreachable" : lagging.Count == 0 ? "none" : string.Join(" ", lagging);
        return $"queues (ready/unacked): {queues}; subscriptions behind the newest event: {behind}";
    }

    /// <summary>
    /// True when no queue holds a message (ready or unacknowledged) and no Marten subscription or projection is behind
    /// the newest event: every service has done all the work it was given. False when either cannot be read.
    /// </summary>
    public async Task<bool> IsDrainedAsync() =>
        await WaitingQueuesAsync() is { Count: 0 } && await LaggingSubscriptionsAsync() is { Count: 0 };

    /// <summary>"queue=ready/unacked" for every queue holding messages; null when the management API cannot say.</summary>
    private async Task<List<string>?> WaitingQueuesAsync()
    {
        try
        {
            var all = await _management.GetFromJsonAsync<JsonElement>("/api/queues");
            return all.EnumerateArray()
                .Select(q => (Name: q.GetProperty("name").GetString()!, Ready: Count(q, "messages_ready"), Unacked: Count(q, "messages_unacknowledged")))
                .Where(q => q.Ready + q.Unacked > 0)
                .Select(q => $"{q.Name}={q.Ready}/{q.Unacked}")
                .ToList();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    /// <summary>"name=events behind" for every subscription or projection shard behind the newest event; null when PostgreSQL cannot say.</summary>
    private async Task<List<string>?> LaggingSubscriptionsAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "select name, (select coalesce(max(seq_id), 0) from mt_events) - last_seq_id from mt_event_progression " +
                "where name like '%:%' and (select coalesce(max(seq_id), 0) from mt_events) - last_seq_id > 0 order by name", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var lagging = new List<string>();
            while (await reader.ReadAsync())
            {
                lagging.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(0)}={reader.GetInt64(1)}"));
            }

            return lagging;
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }

    /// <summary>
    /// Alerts raised and not yet settled: no AlertDelivered, AlertDeadLettered or AlertDeliverySkipped in their stream
    /// (a delivery stuck anywhere, in a queue, a relay or a retry, counts); null when PostgreSQL cannot say.
    /// </summary>
    public async Task<long?> UnsettledAlertsAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "select count(distinct r.stream_id) from mt_events r where r.type = 'alert_raised' and not exists " +
                "(select 1 from mt_events d where d.stream_id = r.stream_id and d.type in ('alert_delivered', 'alert_dead_lettered', 'alert_delivery_skipped'))",
                connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }

    public void Dispose() => _management.Dispose();

    private static long Count(JsonElement queue, string name) =>
        queue.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
}
