using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MediaMonitor.TestSupport;

/// <summary>
/// An outlet a test publishes to while the pipeline runs: an RSS feed of the articles added so far, one page each. With
/// a hub, the feed advertises a WebSub hub on the same site (rel="hub", rel="self"); the hub verifies a subscriber's
/// intent as a real hub does (202, then a GET with a challenge on the callback) and, from then on, distributes each
/// published article at once: a feed of that one item, signed with the subscriber's secret (X-Hub-Signature, sha256).
/// </summary>
public sealed class ArticleFeedSite : IAsyncDisposable
{
    private readonly LoopbackSite _site;
    private readonly ConcurrentDictionary<string, (string Title, string Text, DateTimeOffset PublishedAt)> _articles;
    private readonly OutletHub? _hub;
    private readonly HttpClient _http;

    private ArticleFeedSite(LoopbackSite site, ConcurrentDictionary<string, (string, string, DateTimeOffset)> articles, OutletHub? hub, HttpClient http)
    {
        _site = site;
        _articles = articles;
        _hub = hub;
        _http = http;
    }

    public Uri FeedUrl => new(_site.BaseAddress, "/feed.xml");

    /// <summary>Verified WebSub subscribers (callback -> secret); empty without a hub.</summary>
    public IReadOnlyDictionary<string, string> Subscribers => _hub?.Subscribers ?? new Dictionary<string, string>();

    /// <summary>Pushes and verifications that failed (the callback's status or the exception), in order; empty without a hub.</summary>
    public IReadOnlyCollection<string> FailedPushes => _hub?.FailedPushes ?? [];

    public static async Task<ArticleFeedSite> StartAsync(bool withHub = false)
    {
        var articles = new ConcurrentDictionary<string, (string Title, string Text, DateTimeOffset PublishedAt)>();
        var http = new HttpClient();
        var hub = withHub ? new OutletHub(http) : null;
        var site = await LoopbackSite.StartAsync((app, baseAddress) =>
        {
            app.MapGet("/news/{slug}", (string slug) => articles.TryGetValue(slug, out var a)
                ? Results.Content(Page(new Uri(baseAddress(), "/news/" + slug), a.Title, a.Text), "text/html; charset=utf-8")
                : Results.NotFound());
            app.MapGet("/feed.xml", () => Results.Content(Feed(baseAddress(), withHub, articles), "application/rss+xml; charset=utf-8"));
            if (hub is not null)
            {
                app.MapPost("/hub", async (HttpContext c) => await hub.AcceptAsync(c));
            }
        });
        return new ArticleFeedSite(site, articles, hub, http);
    }

    /// <summary>Publishes an article; returns its canonical URL (the article stream id is derived from it). With a hub, pushes it to every subscriber.</summary>
    public string Publish(string slug, string title, string text)
    {
        var published = (title, text, DateTimeOffset.UtcNow.AddMinutes(-1));
        _articles[slug] = published;
        _hub?.Distribute(Feed(_site.BaseAddress, true, new Dictionary<string, (string, string, DateTimeOffset)> { [slug] = published }));
        return new Uri(_site.BaseAddress, "/news/" + slug).ToString();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _site.DisposeAsync();
    }

    private static string Feed(Uri baseAddress, bool withHub, IEnumerable<KeyValuePair<string, (string Title, string Text, DateTimeOffset PublishedAt)>> articles)
    {
        var feed = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>Steppe Business Daily</title>")
            .Append("<link>").Append(baseAddress).Append("</link>");
        if (withHub)
        {
            feed.Append(OutletHub.FeedLinks(new Uri(baseAddress, "/hub"), new Uri(baseAddress, "/feed.xml")));
        }

        foreach (var (slug, a) in articles.OrderBy(a => a.Value.PublishedAt))
        {
            feed.Append("<item><title>").Append(WebUtility.HtmlEncode(a.Title)).Append("</title><link>").Append(new Uri(baseAddress, "/news/" + slug))
                .Append("</link><pubDate>").Append(a.PublishedAt.ToString("R")).Append("</pubDate></item>");
        }

        return feed.Append("</channel></rss>").ToString();
    }

    private static string Page(Uri url, string title, string text)
    {
        var page = new StringBuilder()
            .Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title))
            .Append("</title><link rel=\"canonical\" href=\"").Append(url).Append("\"><meta property=\"og:site_name\" content=\"Steppe Business Daily\">")
            .Append("</head><body><article><h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>");
        foreach (var paragraph in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            page.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>");
        }

        return page.Append("</article></body></html>").ToString();
    }
}
