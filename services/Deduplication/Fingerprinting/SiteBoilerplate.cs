namespace MediaMonitor.Deduplication.Fingerprinting;

/// <summary>
/// Learns each site's template from what repeats: a line (by <see cref="BoilerplateFilter.LineKey"/>) that the site has
/// carried on the pages of at least <see cref="MinStories"/> different stories (copy groups: a story the site runs three
/// times teaches nothing) within <see cref="Window"/> is boilerplate of that site, however long or sentence-like it is
/// (cookie notices, subscribe pitches, slogans). In memory, one per replica: each replica learns from the articles it
/// decides, and a replica that has seen fewer than three pages of a site relies on the shape rules of
/// <see cref="BoilerplateFilter"/> alone. Bounded: a site keeps at most <see cref="MaxLinesPerSite"/> lines, and at most
/// <see cref="MaxSites"/> sites are remembered (the least recently seen are forgotten first). Thread-safe.
/// </summary>
public sealed class SiteBoilerplate(TimeSpan window)
{
    public const int MinStories = 3;
    public const int MaxLinesPerSite = 20_000;
    public const int MaxSites = 20_000;

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
                return _sites.Count;
            }
        }
    }

    /// <summary>The site of an article: its URL's host without "www.", lower case; empty when the URL has none.</summary>
    public static string SiteOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0
            ? (uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host).ToLowerInvariant()
            : string.Empty;

    /// <summary>Whether a line key is known boilerplate of <paramref name="site"/> at time <paramref name="at"/>; null when the site taught nothing yet.</summary>
    public Func<ulong, bool>? KnownLines(string site, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(site);
        lock (_lock)
        {
            if (site.Length == 0 || !_sites.TryGetValue(site, out var lines) || lines.Learned == 0)
            {
                return null;
            }
        }

        return key =>
        {
            lock (_lock)
            {
                return _sites.TryGetValue(site, out var lines) && lines.Lines.TryGetValue(key, out var seen)
                    && seen.Stories >= MinStories && (at - seen.LastSeen).Duration() <= window;
            }
        };
    }

    /// <summary>Records the lines of a decided article of <paramref name="site"/>, under its story (copy group) <paramref name="story"/>.</summary>
    public void Observe(string site, IEnumerable<ulong> lineKeys, Guid story, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(lineKeys);
        if (site.Length == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (!_sites.TryGetValue(site, out var lines))
            {
                if (_sites.Count >= MaxSites)
                {
                    ForgetLeastRecentSites();
                }

                _sites[site] = lines = new Site();
            }

            lines.LastSeen = at > lines.LastSeen ? at : lines.LastSeen;
            foreach (var key in lineKeys.Distinct())
            {
                if (!lines.Lines.TryGetValue(key, out var seen))
                {
                    lines.Lines[key] = seen = new Line();
                }
                else if ((at - seen.LastSeen).Duration() > window)
                {
                    // Not seen for a window: count afresh.
                    lines.Learned -= seen.Stories >= MinStories ? 1 : 0;
                    seen.Stories = 0;
                    seen.First = seen.Second = Guid.Empty;
                }

                seen.LastSeen = at > seen.LastSeen ? at : seen.LastSeen;
                if (seen.Stories >= MinStories || story == seen.First || story == seen.Second)
                {
                    continue;
                }

                (seen.First, seen.Second) = seen.Stories == 0 ? (story, Guid.Empty) : (seen.First, story);
                seen.Stories++;
                lines.Learned += seen.Stories == MinStories ? 1 : 0;
            }

            if (lines.Lines.Count > MaxLinesPerSite)
            {
                // Lines that never repeated are the site's past stories: forget them, keep what was learned.
                foreach (var key in lines.Lines.Where(kv => kv.Value.Stories < MinStories).Select(kv => kv.Key).ToList())
                {
                    lines.Lines.Remove(key);
                }
            }
        }
    }

    private void ForgetLeastRecentSites()
    {
        foreach (var site in _sites.OrderBy(kv => kv.Value.LastSeen).Take(_sites.Count / 4 + 1).Select(kv => kv.Key).ToList())
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

    private sealed class Line
    {
        public int Stories { get; set; }

        public Guid First { get; set; }

        public Guid Second { get; set; }

        public DateTimeOffset LastSeen { get; set; } = DateTimeOffset.MinValue;
    }
}
