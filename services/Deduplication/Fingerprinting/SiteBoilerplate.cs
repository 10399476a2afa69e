using MediaMonitor.Contracts.Crawler;

namespace MediaMonitor.Deduplication.Fingerprinting;

/// <summary>A page as its site's template sees it: the site, the fingerprint without what the site is known to carry, and the keys of its lines (what is learned from it).</summary>
public sealed record SitePage(string Site, ArticleFingerprint Fingerprint, ulong[] LineKeys);

/// <summary>
/// Learns each site's template from what repeats: a line (by <see cref="BoilerplateFilter.LineKey"/>) that the site has
/// carried on the pages of at least <see cref="MinStories"/> different stories (copy groups: a story the site runs three
/// times teaches nothing) within <see cref="Window"/> is boilerplate of that site, however long or sentence-like it is
/// (cookie notices, subscribe pitches, slogans). In memory, one per replica: each replica learns from the articles it
/// decides, and a replica that has seen fewer than three pages of a site relies on the shape rules of
/// <see cref="BoilerplateFilter"/> alone. Bounded: a site keeps at most <see cref="MaxLinesPerSite"/> lines, and at most
/// <see cref="MaxSites"/> sites are remembered (the least recently seen are forgotten first). Across sites: a line (its
/// key leaves the site's own name out, <see cref="NameTerms"/>) carried by pages of at least <see cref="MinSites"/> sites
/// and <see cref="MinStories"/> stories is boilerplate on every site, including one seen for the first time: outlets
/// built on one publishing platform share its cookie notices, app pitches and footers under their own names. A
/// syndicated story on many sites is one story, so its lines never qualify; nor do lines of names or figures
/// (<see cref="BoilerplateFilter.IsOfNames"/>): platforms share words, and such a line on three sites is one story's
/// table whose copies were missed (each counted as another story), which would otherwise become the template hiding that
/// story on every later copy. A site still learns them as its own. Thread-safe.
/// </summary>
public sealed class SiteBoilerplate(TimeSpan window)
{
    public const int MinStories = 3;
    public const int MaxLinesPerSite = 20_000;
    public const int MaxSites = 20_000;
    public const int MinSites = 3;

    /// <summary>The site key of the lines learned across sites (never a host).</summary>
    private const string EverySite = "*";

    private readonly Dictionary<string, Site> _sites = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public SiteBoilerplate()
        : this(TimeSpan.FromDays(7))
    {
    }

    public TimeSpan Window => window;

    public int SiteCount
    {
        get
        {
            lock (_lock)
            {
                return _sites.Count - (_sites.ContainsKey(EverySite) ? 1 : 0);
            }
        }
    }

    /// <summary>The site of an article: its URL's host without "www.", lower case; empty when the URL has none.</summary>
    public static string SiteOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0
            ? (uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host).ToLowerInvariant()
            : string.Empty;

    /// <summary>The site of a fetched article: its canonical URL's, else its URL's.</summary>
    public static string SiteOf(ArticleFetched article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return SiteOf(string.IsNullOrEmpty(article.CanonicalUrl) ? article.Url : article.CanonicalUrl);
    }

    /// <summary>
    /// Fingerprints a page of <paramref name="site"/> published at <paramref name="at"/> without the lines the site is known
    /// to carry then (and without its own name in line keys). The one way every reader of pages does it: the decision, the
    /// warm-up and the index rebuild, so a page's fingerprint is the same whoever computes it.
    /// </summary>
    public SitePage Fingerprint(Fingerprinter fingerprinter, string site, string title, string text, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(fingerprinter);
        ArgumentNullException.ThrowIfNull(site);
        var fingerprint = fingerprinter.Create(title, text ?? string.Empty, KnownLines(site, at), NameTerms(site));
        return new SitePage(site, fingerprint, [.. fingerprinter.LineKeys]);
    }

    /// <inheritdoc cref="Fingerprint(Fingerprinter, string, string, string, DateTimeOffset)"/>
    public SitePage Fingerprint(Fingerprinter fingerprinter, ArticleFetched article, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(article);
        return Fingerprint(fingerprinter, SiteOf(article), article.Title, article.Text ?? string.Empty, at);
    }

    /// <summary>Fingerprints a decided page (<see cref="Fingerprint(Fingerprinter, ArticleFetched, DateTimeOffset)"/>) and learns its lines under its story (copy group) <paramref name="story"/>.</summary>
    public SitePage Learn(Fingerprinter fingerprinter, ArticleFetched article, Guid story, DateTimeOffset at)
    {
        var page = Fingerprint(fingerprinter, article, at);
        Observe(page, story, at);
        return page;
    }

    /// <summary>Records the lines of a decided page under its story (copy group) <paramref name="story"/>.</summary>
    public void Observe(SitePage page, Guid story, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(page);
        Observe(page.Site, page.LineKeys, story, at);
    }

    /// <summary>
    /// The terms of a site's own name as its host spells it ("westmoor-express.test": westmoor, express), left out of
    /// line keys so the same template line under two outlets' names is one line. Empty when the site is unknown.
    /// </summary>
    public static IReadOnlySet<ulong> NameTerms(string site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var labels = site.Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (labels.Length < 2)
        {
            return new HashSet<ulong>();
        }

        var scanned = new List<ScannedTerm>();
        TermScanner.Scan(string.Join(' ', labels[..^1].SelectMany(l => l.Split('-', StringSplitOptions.RemoveEmptyEntries))), scanned);
        return scanned.Where(t => !t.IsNumber).Select(t => t.Hash).ToHashSet();
    }

    /// <summary>
    /// Whether a line key is known boilerplate of <paramref name="site"/> at time <paramref name="at"/> (learned on the
    /// site, or across sites); null when nothing was learned yet.
    /// </summary>
    public Func<ulong, bool>? KnownLines(string site, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(site);
        lock (_lock)
        {
            var local = site.Length > 0 && _sites.TryGetValue(site, out var lines) && lines.Learned > 0;
            var everywhere = _sites.TryGetValue(EverySite, out var shared) && shared.Learned > 0;
            if (!local && !everywhere)
            {
                return null;
            }
        }

        return key =>
        {
            lock (_lock)
            {
                return (site.Length > 0 && Learned(site, key, at)) || Learned(EverySite, key, at);
            }
        };
    }

    private bool Learned(string site, ulong key, DateTimeOffset at) =>
        _sites.TryGetValue(site, out var lines) && lines.Lines.TryGetValue(key, out var seen)
        && seen.IsLearned(site == EverySite) && (at - seen.LastSeen).Duration() <= window;

    /// <summary>Records the lines of a decided article of <paramref name="site"/>, under its story (copy group) <paramref name="story"/>.</summary>
    public void Observe(string site, IEnumerable<ulong> lineKeys, Guid story, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(lineKeys);
        if (site.Length == 0 || site == EverySite)
        {
            return;
        }

        var keys = lineKeys.Distinct().ToList();
        var siteId = (ulong)StringComparer.Ordinal.GetHashCode(site) | 1UL;
        lock (_lock)
        {
            Record(site, keys, story, 0, at);
            // A line of names or figures on pages of three sites is one story's table or list copied and missed, not a
            // platform's template: learned across sites, it would hide that story's text on every later copy.
            Record(EverySite, keys.Where(k => !BoilerplateFilter.IsOfNames(k)).ToList(), story, siteId, at);
        }
    }

    private void Record(string site, List<ulong> keys, Guid story, ulong siteId, DateTimeOffset at)
    {
        var acrossSites = siteId != 0;
        if (!_sites.TryGetValue(site, out var lines))
        {
            if (_sites.Count >= MaxSites)
            {
                ForgetLeastRecentSites();
            }

            _sites[site] = lines = new Site();
        }

        lines.LastSeen = at > lines.LastSeen ? at : lines.LastSeen;
        foreach (var key in keys)
        {
            if (!lines.Lines.TryGetValue(key, out var seen))
            {
                lines.Lines[key] = seen = new Line();
            }
            else if ((at - seen.LastSeen).Duration() > window)
            {
                // Not seen for a window: count afresh.
                lines.Learned -= seen.IsLearned(acrossSites) ? 1 : 0;
                seen.Forget();
            }

            seen.LastSeen = at > seen.LastSeen ? at : seen.LastSeen;
            var was = seen.IsLearned(acrossSites);
            seen.Count(story, siteId);
            lines.Learned += !was && seen.IsLearned(acrossSites) ? 1 : 0;
        }

        var limit = acrossSites ? MaxLinesPerSite * 4 : MaxLinesPerSite;
        if (lines.Lines.Count > limit)
        {
            // Lines that never repeated are past stories: forget them, keep what was learned.
            foreach (var key in lines.Lines.Where(kv => !kv.Value.IsLearned(acrossSites)).Select(kv => kv.Key).ToList())
            {
                lines.Lines.Remove(key);
            }
        }
    }

    private void ForgetLeastRecentSites()
    {
        foreach (var site in _sites.Where(kv => kv.Key != EverySite).OrderBy(kv => kv.Value.LastSeen).Take(_sites.Count / 4 + 1).Select(kv => kv.Key).ToList())
        {
            _sites.Remove(site);
        }
    }

    private sealed class Site
    {
        public Dictionary<ulong, Line> Lines { get; } = [];

        public int Learned { get; set; }

        public DateTimeOffset LastSeen { get; set; } = DateTimeOffset.MinValue;
    }

    /// <summary>A line's count of distinct stories (and, across sites, of distinct sites), each counted to the threshold only.</summary>
    private sealed class Line
    {
        private Guid _firstStory;
        private Guid _secondStory;
        private ulong _firstSite;
        private ulong _secondSite;

        public int Stories { get; private set; }

        public int Sites { get; private set; }

        public DateTimeOffset LastSeen { get; set; } = DateTimeOffset.MinValue;

        public bool IsLearned(bool acrossSites) => Stories >= MinStories && (!acrossSites || Sites >= MinSites);

        public void Count(Guid story, ulong site)
        {
            if (Stories < MinStories && story != _firstStory && story != _secondStory)
            {
                (_firstStory, _secondStory) = Stories == 0 ? (story, Guid.Empty) : (_firstStory, story);
                Stories++;
            }

            if (site != 0 && Sites < MinSites && site != _firstSite && site != _secondSite)
            {
                (_firstSite, _secondSite) = Sites == 0 ? (site, 0UL) : (_firstSite, site);
                Sites++;
            }
        }

        public void Forget()
        {
            Stories = Sites = 0;
            (_firstStory, _secondStory, _firstSite, _secondSite) = (Guid.Empty, Guid.Empty, 0, 0);
        }
    }
}
