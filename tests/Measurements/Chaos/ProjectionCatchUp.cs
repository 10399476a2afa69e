using System.Diagnostics;
using Npgsql;

namespace MediaMonitor.Measurements.Chaos;

/// <summary>One async projection or subscription shard (a row of mt_event_progression) and how far it is behind.</summary>
public sealed record ShardProgress(string Name, long At, long Behind);

/// <summary>
/// Checks that every async projection and subscription shard of every service (each row of mt_event_progression named
/// projection:shard, e.g. articles:All, not the daemon's own HighWaterMark or HighWaterStuckGap rows) reaches the newest
/// event stored when the check starts, within the window: a shard that stopped advancing after a fault leaves the Api's
/// read models (articles, coverage, stories) or a relay stale for good, although every article has its events and every
/// alert went out.
/// </summary>
public static class ProjectionCatchUp
{
    public static async Task<(long Newest, List<ShardProgress> Shards)> CheckAsync(NpgsqlDataSource database, TimeSpan window, Action<string> log)
    {
        var clock = Stopwatch.StartNew();
        long newest;
        await using (var mark = database.CreateCommand("select coalesce(max(seq_id), 0) from mt_events"))
        {
            newest = (long)(await mark.ExecuteScalarAsync())!;
        }

        List<ShardProgress> shards;
        while (true)
        {
            shards = [];
            await using (var progress = database.CreateCommand("select name, last_seq_id from mt_event_progression where name like '%:%' order by name"))
            await using (var reader = await progress.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var at = reader.GetInt64(1);
                    shards.Add(new ShardProgress(reader.GetString(0), at, Math.Max(0, newest - at)));
                }
            }

            if (shards.All(s => s.Behind == 0) || clock.Elapsed > window)
            {
                return (newest, shards);
            }

            log($"projections behind event {newest}: {string.Join(" ", shards.Where(s => s.Behind > 0).Select(s => $"{s.Name}={s.Behind}"))}");
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
    }
}
