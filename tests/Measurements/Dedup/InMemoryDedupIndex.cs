using MediaMonitor.Deduplication;
using MediaMonitor.Deduplication.Decisions;
using MediaMonitor.Deduplication.Fingerprinting;
using MediaMonitor.Deduplication.Index;
using MediaMonitor.Deduplication.Stories;

namespace MediaMonitor.Measurements.Dedup;

/// <summary>
/// The index in memory, with the same candidate rule as <see cref="PostgresDedupIndex"/> (articles sharing a key within the
/// window), for the evaluation command and for replaying a stream of articles in one process. Articles that fall out of
/// the window (by the latest published time seen) are evicted, so memory stays bounded by the window's traffic. Originals
/// also go through the story index (story clusters within <paramref name="storyWindow"/>), as in the service.
/// </summary>
public sealed class InMemoryDedupIndex(TimeSpan window, TimeSpan storyWindow)
{
    private readonly InMemoryStoryIndex _stories = new(storyWindow);
    private readonly Dictionary<long, List<IndexedArticle>> _byKey = [];
    private readonly Queue<(IndexedArticle Article, long[] Keys)> _byArrival = new();
    private readonly Fingerprinter _fingerprinter = new();
    private readonly SiteBoilerplate _boilerplate = new();
    private DateTimeOffset _latest = DateTimeOffset.MinValue;

    public InMemoryDedupIndex(TimeSpan window)
        : this(window, DeduplicationOptions.DefaultStoryWindow)
    {
    }

    public int Count => _byArrival.Count;

    public int StoryCount => _stories.Count;

    /// <summary>The fingerprint and keys of the article last added, as it was indexed (for the evaluation's error report).</summary>
    public (ArticleFingerprint Fingerprint, long[] Keys)? LastIndexed { get; private set; }

    public DedupDecision Add(Guid articleId, string title, string text, DateTimeOffset publishedAt) => Add(articleId, title, text, publishedAt, string.Empty);

    /// <summary>Fingerprints, decides and indexes one article of <paramref name="site"/>, as the service does for one ArticleFetched (and learns the site's boilerplate as it does).</summary>
    public DedupDecision Add(Guid articleId, string title, string text, DateTimeOffset publishedAt, string site)
    {
        var page = _boilerplate.Fingerprint(_fingerprinter, site, title, text, publishedAt);
        var fingerprint = page.Fingerprint;
        var keys = IndexKeys.For(fingerprint);
        var decision = DedupDecider.Decide(articleId, fingerprint, Candidates(keys, publishedAt));
        if (decision.Verdict == Contracts.Deduplication.DedupVerdict.Original)
        {
            var terms = StoryClusterer.TermsOf(fingerprint);
            var story = _stories.Decide(articleId, terms, publishedAt);
            decision = decision with { StoryId = story.StoryId };
            _stories.Insert(new StoryCandidate(articleId, story.StoryId, publishedAt, terms));
        }

        Insert(new IndexedArticle(articleId, decision.DuplicateOf ?? articleId, decision.StoryId, publishedAt, fingerprint), keys);
        LastIndexed = (fingerprint, keys);
        _boilerplate.Observe(page, decision.DuplicateOf ?? articleId, publishedAt);
        return decision;
    }

    public IEnumerable<IndexedArticle> Candidates(long[] keys, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var seen = new HashSet<Guid>();
        foreach (var key in keys)
        {
            if (!_byKey.TryGetValue(key, out var articles))
            {
                continue;
            }

            foreach (var a in articles)
            {
                if ((a.PublishedAt - at).Duration() <= window && seen.Add(a.ArticleId))
                {
                    yield return a;
                }
            }
        }
    }

    public void Insert(IndexedArticle article, long[] keys)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            if (!_byKey.TryGetValue(key, out var list))
            {
                _byKey[key] = list = [];
            }

            list.Add(article);
        }

        _byArrival.Enqueue((article, keys));
        if (article.PublishedAt > _latest)
        {
            _latest = article.PublishedAt;
        }

        Evict();
    }

    private void Evict()
    {
        while (_byArrival.TryPeek(out var oldest) && oldest.Article.PublishedAt < _latest - window)
        {
            _byArrival.Dequeue();
            foreach (var key in oldest.Keys)
            {
                if (_byKey.TryGetValue(key, out var list))
                {
                    list.Remove(oldest.Article);
                    if (list.Count == 0)
                    {
                        _byKey.Remove(key);
                    }
                }
            }
        }
    }
}
