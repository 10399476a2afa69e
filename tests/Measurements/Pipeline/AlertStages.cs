using MediaMonitor.Contracts;
using MediaMonitor.Contracts.Alerting;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.Measurements.Chaos;
using MediaMonitor.ServiceDefaults.EventSchema;
using Npgsql;

namespace MediaMonitor.Measurements.PipelineRun;

/// <summary>
/// Where publish -> webhook goes, stage by stage, for the probe's alerts: the release (the bench's clock), then the
/// commit times in the store of the article's first ArticleFetched, ArticleDeduplicated and EntitiesTagged and of the
/// AlertRaised in the probe's alert stream of that story, then the webhook's arrival at the receiver. Each stage's time
/// includes the relay hop and the queue in front of the service that ends it.
/// </summary>
internal static class AlertStages
{
    public static readonly string[] Names =
    [
        "release -> ArticleFetched (discovery, page fetch, extraction)",
        "-> ArticleDeduplicated",
        "-> EntitiesTagged",
        "-> AlertRaised (matching)",
        "-> webhook received (delivery)",
    ];

    /// <summary>Each stage's durations (ms) over the alerts whose article has every step stored; in <see cref="Names"/> order.</summary>
    public static async Task<List<double>[]> MeasureAsync(
        NpgsqlDataSource database, Guid probe, IReadOnlyDictionary<Guid, DateTimeOffset> releasedAt, IEnumerable<AcceptedWebhook> probeAlerts)
    {
        var first = probeAlerts.Where(a => a.SubscriptionId == probe && releasedAt.ContainsKey(a.ArticleId))
            .GroupBy(a => a.ArticleId).Select(g => g.MinBy(a => a.At)!).ToList();
        var articleSteps = await FirstTimesAsync(database, [.. first.Select(a => a.ArticleId)],
            [StoredEventNames.Of<ArticleFetched>(), StoredEventNames.Of<ArticleDeduplicated>(), StoredEventNames.Of<EntitiesTagged>()]);
        var raised = await FirstTimesAsync(database, [.. first.Select(a => StreamIdentity.ForAlert(probe, a.StoryId))], [StoredEventNames.Of<AlertRaised>()]);
        var stages = Names.Select(_ => new List<double>()).ToArray();
        foreach (var alert in first)
        {
            if (!articleSteps.TryGetValue(alert.ArticleId, out var steps) || steps.Count < 3
                || !raised.TryGetValue(StreamIdentity.ForAlert(probe, alert.StoryId), out var alertSteps))
            {
                continue;
            }

            DateTimeOffset[] times =
            [
                releasedAt[alert.ArticleId], steps[StoredEventNames.Of<ArticleFetched>()], steps[StoredEventNames.Of<ArticleDeduplicated>()],
                steps[StoredEventNames.Of<EntitiesTagged>()], alertSteps[StoredEventNames.Of<AlertRaised>()], alert.At,
            ];
            for (var i = 0; i < stages.Length; i++)
            {
                stages[i].Add((times[i + 1] - times[i]).TotalMilliseconds);
            }
        }

        return stages;
    }

    private static async Task<Dictionary<Guid, Dictionary<string, DateTimeOffset>>> FirstTimesAsync(NpgsqlDataSource database, Guid[] streams, string[] types)
    {
        await using var command = database.CreateCommand(
            "select stream_id, type, min(timestamp) from mt_events where stream_id = any(@streams) and type = any(@types) group by stream_id, type");
        command.Parameters.AddWithValue("streams", streams);
        command.Parameters.AddWithValue("types", types);
        await using var reader = await command.ExecuteReaderAsync();
        var times = new Dictionary<Guid, Dictionary<string, DateTimeOffset>>();
        while (await reader.ReadAsync())
        {
            var stream = reader.GetGuid(0);
            if (!times.TryGetValue(stream, out var byType))
            {
                times[stream] = byType = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            }

            byType[reader.GetString(1)] = reader.GetFieldValue<DateTimeOffset>(2);
        }

        return times;
    }
}
