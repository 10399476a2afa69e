using System.Collections.Concurrent;
using System.Net;
using System.Text;
using MediaMonitor.Alerting.Workload;
using MediaMonitor.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaMonitor.Measurements.Chaos;

/// <summary>One article as an outlet published it: its canonical URL (the article stream id comes from it).</summary>
public sealed record ReleasedArticle(string Url, int Story, int Outlet, DateTimeOffset ReleasedAt);

/// <summary>
/// A generated newsroom of real text for the chaos run: <see cref="Outlets"/> outlets on 127.0.0.1, one port each (so the
/// crawler's per-host politeness treats them as separate hosts), each with an RSS feed of every article it has released
/// and one page per article inside its own site template. BBC stories are released in a fixed order; about half are
/// also republished by one or two other outlets (syndicated copies, each in its outlet's template); past the end of the
/// corpus the stories come round again, as further copies.
/// </summary>
public sealed class ChaosNewsroom : IAsyncDisposable
{
    private readonly List<Outlet> _outlets;
    private readonly List<IAsyncDisposable> _servers;
    private readonly List<(int Story, int Outlet)> _plan;
    private readonly IReadOnlyList<CorpusArticle> _stories;
    private readonly ConcurrentQueue<ReleasedArticle> _released = new();
    private readonly HttpClient? _hubClient;
    private int _next;

    private ChaosNewsroom(List<Outlet> outlets, List<IAsyncDisposable> servers, IReadOnlyList<CorpusArticle> stories, List<(int, int)> plan, HttpClient? hubClient)
    {
        _outlets = outlets;
        _servers = servers;
        _stories = stories;
        _plan = plan;
        _hubClient = hubClient;
    }

    public int Outlets => _outlets.Count;

    public int Planned => _plan.Count;

    public IEnumerable<Uri> FeedUrls => _outlets.Select(o => new Uri(o.BaseAddress, "/feed.xml"));

    /// <summary>The corpus story an article of the plan tells.</summary>
    public CorpusArticle Story(int story) => _stories[story];

    public IReadOnlyCollection<ReleasedArticle> Released => _released;

    /// <summary>Outlets whose hub has a verified subscriber (0 without hubs).</summary>
    public int OutletsWithSubscribers => _outlets.Count(o => o.Hub is { Subscribers.Count: > 0 });

    /// <summary>Pushes and verifications the outlets' hubs failed, in all.</summary>
    public IEnumerable<string> FailedPushes => _outlets.Where(o => o.Hub is not null).SelectMany(o => o.Hub!.FailedPushes);

    public bool AllReleased => Volatile.Read(ref _next) >= _plan.Count;

    /// <summary>
    /// Plans <paramref name="articles"/> articles over <paramref name="outlets"/> outlets from the corpus stories. Each
    /// outlet has its own port on 127.0.0.1, or with <paramref name="ownAddresses"/> its own loopback address
    /// (127.0.x.y, one port for all: thousands of outlets in one server, each a separate host to the crawler). With
    /// <paramref name="webSub"/> every outlet runs a WebSub hub on its site (<see cref="OutletHub"/>, advertised in its
    /// feed) that pushes each article to the verified subscribers as it is released.
    /// </summary>
    public static async Task<ChaosNewsroom> StartAsync(IReadOnlyList<CorpusArticle> corpus, int articles, int outlets, bool ownAddresses = false, bool webSub = false)
    {
        var plan = new List<(int Story, int Outlet)>();
        // A copy goes a third of the outlets away from its original. At +7 (as before), outlet k carried a copy of story
        // k-7 about half a second before its own story k, so half the originals of a 2,000-outlet run waited out the
        // Crawler's per-host delay behind the copy: a newsroom of 2,000 outlets at 20 articles/s has each outlet publish
        // once in 100 s on average, not twice within a second. With few outlets (the chaos run's 8-40) it stays 7 or more.
        var spread = Math.Max(7, outlets / 3);
        for (var story = 0; plan.Count < articles; story++)
        {
            var s = story % corpus.Count;
            var first = story % outlets;
            plan.Add((s, first));
            var copies = story % 4 == 1 ? 2 : story % 4 == 3 ? 1 : 0;
            for (var c = 1; c <= copies && plan.Count < articles; c++)
            {
                plan.Add((s, (first + c * spread) % outlets));
            }
        }

        var hubClient = webSub ? new HttpClient { Timeout = TimeSpan.FromSeconds(30) } : null;
        var sites = Enumerable.Range(0, outlets)
            .Select(i => new Outlet(i, $"Chaos Outlet {i + 1}", new ConcurrentDictionary<string, (string Title, string Text, DateTimeOffset At)>())
            {
                Hub = hubClient is null ? null : new OutletHub(hubClient),
            })
            .ToList();
        var servers = new List<IAsyncDisposable>();
        if (ownAddresses)
        {
            servers.Add(await OutletAddresses.StartAsync(sites));
        }
        else
        {
            foreach (var outlet in sites)
            {
                var site = await LoopbackSite.StartAsync((app, baseAddress) => outlet.Map(app, baseAddress));
                outlet.BaseAddress = site.BaseAddress;
                servers.Add(site);
            }
        }

        return new ChaosNewsroom(sites, servers, corpus, plan, hubClient);
    }

    /// <summary>Releases the next article of the plan; false when all are out.</summary>
    public bool ReleaseNext()
    {
        var index = Interlocked.Increment(ref _next) - 1;
        if (index >= _plan.Count)
        {
            return false;
        }

        var (story, outlet) = _plan[index];
        var article = _stories[story];
        var site = _outlets[outlet];
        var slug = $"s{story}-{index}";
        var at = DateTimeOffset.UtcNow;
        site.Articles[slug] = (article.Title, article.Text, at);
        _released.Enqueue(new ReleasedArticle(new Uri(site.BaseAddress, "/news/" + slug).ToString(), story, outlet, at));
        site.Hub?.Distribute(site.Feed(site.BaseAddress, [new(slug, (article.Title, article.Text, at))]));
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        _hubClient?.Dispose();
    }

    internal sealed class Outlet(int number, string name, ConcurrentDictionary<string, (string Title, string Text, DateTimeOffset At)> articles)
    {
        public ConcurrentDictionary<string, (string Title, string Text, DateTimeOffset At)> Articles { get; } = articles;

        public int Number => number;

        public Uri BaseAddress { get; set; } = null!;

        /// <summary>The outlet's WebSub hub, or null when it offers none.</summary>
        public OutletHub? Hub { get; init; }

        public void Map(IEndpointRouteBuilder app, Func<Uri> baseAddress)
        {
            app.MapGet("/news/{slug}", (string slug) => Article(baseAddress(), slug));
            app.MapGet("/feed.xml", () => Results.Content(Feed(baseAddress(), Articles), "application/rss+xml; charset=utf-8"));
            if (Hub is not null)
            {
                app.MapPost("/hub", async (HttpContext c) => await Hub.AcceptAsync(c));
            }
        }

        public IResult Article(Uri baseAddress, string slug) => Articles.TryGetValue(slug, out var a)
            ? Results.Content(Page(new Uri(baseAddress, "/news/" + slug), a.Title, a.Text), "text/html; charset=utf-8")
            : Results.NotFound();

        /// <summary>The feed of <paramref name="items"/>, newest first (all articles for /feed.xml, one for a push), with its hub links when it has a hub.</summary>
        public string Feed(Uri baseAddress, IEnumerable<KeyValuePair<string, (string Title, string Text, DateTimeOffset At)>> items)
        {
            var feed = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>")
                .Append(name).Append("</title><link>").Append(baseAddress).Append("</link>");
            if (Hub is not null)
            {
                feed.Append(OutletHub.FeedLinks(new Uri(baseAddress, "/hub"), new Uri(baseAddress, "/feed.xml")));
            }

            foreach (var (slug, a) in items.OrderByDescending(a => a.Value.At))
            {
                feed.Append("<item><title>").Append(WebUtility.HtmlEncode(a.Title)).Append("</title><link>").Append(new Uri(baseAddress, "/news/" + slug))
                    .Append("</link><pubDate>").Append(a.At.ToString("R")).Append("</pubDate></item>");
            }

            return feed.Append("</channel></rss>").ToString();
        }

        /// <summary>The article inside this outlet's template: navigation, a related-stories block and a footer of its own.</summary>
        public string Page(Uri url, string title, string text)
        {
            var page = new StringBuilder()
                .Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title)).Append(" | ").Append(name)
                .Append("</title><link rel=\"canonical\" href=\"").Append(url).Append("\"><meta property=\"og:site_name\" content=\"").Append(name).Append("\">")
                .Append("</head><body><nav><a href=\"/\">").Append(name).Append("</a> <a href=\"/world\">World</a> <a href=\"/business\">Business</a> <a href=\"/sport\">Sport</a></nav>")
                .Append("<main><article><h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>");
            foreach (var paragraph in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                page.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>");
            }

            return page.Append("</article><aside><h2>More from ").Append(name).Append("</h2><ul><li><a href=\"/news/1\">Markets close</a></li><li><a href=\"/news/2\">Weather</a></li></ul></aside></main>")
                .Append("<footer>© ").Append(number + 2000).Append(' ').Append(name).Append(". All rights reserved. <a href=\"/privacy\">Privacy</a></footer></body></html>").ToString();
        }
    }
}
