using System.Text.Json.Serialization;
using MediaMonitor.Contracts.EntityTagging;

namespace MediaMonitor.Api.Coverage;

/// <summary>The width of a coverage bucket.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CoverageInterval>))]
public enum CoverageInterval
{
    Hour = 0,
    Day = 1,
    Week = 2,
}

/// <summary>
/// One matching article: when it was published (or fetched, when the page gave no date), its story once deduplicated,
/// and what the report's top lists and first/latest show.
/// </summary>
public sealed record CoverageArticle(
    Guid ArticleId, DateTimeOffset At, Guid? StoryId, string? Outlet = null, string? Title = null, IReadOnlyList<TaggedEntity>? Entities = null);

public sealed record CoverageBucket(DateTimeOffset Start, DateTimeOffset End, int Articles, int Stories);

/// <summary>An outlet and how many matching articles it published.</summary>
public sealed record CoverageOutlet(string Outlet, int Articles);

/// <summary>An entity and how many matching articles name it.</summary>
public sealed record CoverageEntity(string EntityId, string Name, EntityType Type, int Articles);

/// <summary>The first or the latest matching article.</summary>
public sealed record CoverageMoment(Guid ArticleId, DateTimeOffset At, string? Title, string? Outlet);

public sealed record CoverageReport(
    string Query, DateTimeOffset From, DateTimeOffset To, CoverageInterval Interval, int Articles, int Stories, IReadOnlyList<CoverageBucket> Buckets,
    CoverageMoment? First = null, CoverageMoment? Latest = null, IReadOnlyList<CoverageOutlet>? TopOutlets = null,
    IReadOnlyList<CoverageEntity>? TopEntities = null, DateTimeOffset? AsOf = null);

/// <summary>Counts matching articles and distinct stories per interval. An article not yet deduplicated counts as its own story.</summary>
public static class CoverageCalculator
{
    /// <summary>How many buckets the range spans (checked before computing, to refuse absurd ranges).</summary>
    public static int CountBuckets(DateTimeOffset from, DateTimeOffset to, CoverageInterval interval)
    {
        var first = AlignDown(from, interval);
        return (int)Math.Ceiling((to - first).TotalHours / Width(interval).TotalHours);
    }

    public static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Buckets(DateTimeOffset from, DateTimeOffset to, CoverageInterval interval)
    {
        var width = Width(interval);
        for (var start = AlignDown(from, interval); start < to; start += width)
        {
            yield return (start, start + width);
        }
    }

    /// <summary>The bucket boundary at or before the instant, in UTC: the hour, midnight, or Monday midnight.</summary>
    public static DateTimeOffset AlignDown(DateTimeOffset at, CoverageInterval interval)
    {
        var utc = at.ToUniversalTime();
        return interval switch
        {
            CoverageInterval.Hour => new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero),
            CoverageInterval.Day => new DateTimeOffset(utc.Date, TimeSpan.Zero),
            _ => new DateTimeOffset(utc.Date, TimeSpan.Zero).AddDays(-(((int)utc.DayOfWeek + 6) % 7)),
        };
    }

    public static TimeSpan Width(CoverageInterval interval) => interval switch
    {
        CoverageInterval.Hour => TimeSpan.FromHours(1),
        CoverageInterval.Day => TimeSpan.FromDays(1),
        _ => TimeSpan.FromDays(7),
    };
}
