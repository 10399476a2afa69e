namespace MediaMonitor.Api.Coverage;

/// <summary>
/// Coverage counted one matching article at a time (articles stream in from the read model), so memory grows with the
/// matches' distinct stories, outlets and entities, never with the articles scanned.
/// </summary>
public sealed class CoverageTally
{
    /// <summary>How many outlets and entities the report lists.</summary>
    public const int TopCount = 10;

    private readonly DateTimeOffset _from;
    private readonly DateTimeOffset _to;
    private readonly CoverageInterval _interval;
    private readonly DateTimeOffset _firstStart;
    private readonly int[] _articles;
    private readonly HashSet<Guid>[] _stories;
    private readonly HashSet<Guid> _seen = [];
    private readonly HashSet<Guid> _allStories = [];
    private readonly Dictionary<string, int> _outlets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Name, Contracts.EntityTagging.EntityType Type, int Articles)> _entities = new(StringComparer.Ordinal);
    private CoverageMoment? _first;
    private CoverageMoment? _latest;

    public CoverageTally(DateTimeOffset from, DateTimeOffset to, CoverageInterval interval)
    {
        (_from, _to, _interval) = (from, to, interval);
        _firstStart = CoverageCalculator.AlignDown(from, interval);
        var count = CoverageCalculator.CountBuckets(from, to, interval);
        _articles = new int[count];
        _stories = new HashSet<Guid>[count];
    }

    public void Add(CoverageArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        if (article.At < _from || article.At >= _to || !_seen.Add(article.ArticleId))
        {
            return;
        }

        var story = article.StoryId ?? article.ArticleId;
        var bucket = (int)((article.At - _firstStart).Ticks / CoverageCalculator.Width(_interval).Ticks);
        _articles[bucket]++;
        (_stories[bucket] ??= []).Add(story);
        _allStories.Add(story);
        if (!string.IsNullOrEmpty(article.Outlet))
        {
            _outlets[article.Outlet] = _outlets.GetValueOrDefault(article.Outlet) + 1;
        }

        foreach (var entity in (article.Entities ?? []).DistinctBy(e => e.EntityId))
        {
            var known = _entities.GetValueOrDefault(entity.EntityId, (Name: entity.Name, Type: entity.Type, Articles: 0));
            _entities[entity.EntityId] = (known.Name, known.Type, known.Articles + 1);
        }

        var moment = new CoverageMoment(article.ArticleId, article.At, article.Title, article.Outlet);
        if (_first is null || article.At < _first.At)
        {
            _first = moment;
        }

        if (_latest is null || article.At > _latest.At)
        {
            _latest = moment;
        }
    }

    public CoverageReport Report(string query, DateTimeOffset? asOf = null)
    {
        var buckets = CoverageCalculator.Buckets(_from, _to, _interval)
            .Select((b, i) => new CoverageBucket(b.Start, b.End, _articles[i], _stories[i]?.Count ?? 0)).ToList();
        var outlets = _outlets.OrderByDescending(o => o.Value).ThenBy(o => o.Key, StringComparer.Ordinal).Take(TopCount)
            .Select(o => new CoverageOutlet(o.Key, o.Value)).ToList();
        var entities = _entities.OrderByDescending(e => e.Value.Articles).ThenBy(e => e.Key, StringComparer.Ordinal).Take(TopCount)
            .Select(e => new CoverageEntity(e.Key, e.Value.Name, e.Value.Type, e.Value.Articles)).ToList();
        return new CoverageReport(query, _from, _to, _interval, _seen.Count, _allStories.Count, buckets, _first, _latest, outlets, entities, asOf);
    }
}
