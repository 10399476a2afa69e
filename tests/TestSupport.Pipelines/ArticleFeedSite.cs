using System.Collections.Concurrent;
using System.Net;
using System.Text;
using MediaMonitor.Crawler.WebSub;
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
    private readonly ConcurrentDictionary<string, string> _subscribers;
    private readonly HttpClient _http = new();

    private ArticleFeedSite(LoopbackSite site, ConcurrentDictionary<string, (string, string, DateTimeOffset)> articles, ConcurrentDictionary<string, string> subscribers)
    {
        _site = site;
        _articles = articles;
        _subscribers = subscribers;
    }

    public Uri FeedUrl => new(_site.BaseAddress, "/feed.xml");

    /// <summary>Verified WebSub subscribers (callback -> secret); empty without a hub.</summary>
    public IReadOnlyDictionary<string, string> Subscribers => _subscribers;

    /// <summary>Pushes that failed (the callback's status or the exception), in order.</summary>
    public ConcurrentQueue<string> FailedPushes { get; } = new();

    public static async Task<ArticleFeedSite> StartAsync(bool withHub = false)
    {
        var articles = new ConcurrentDictionary<string, (string Title, string Text, DateTimeOffset PublishedAt)>();
        var subscribers = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        ArticleFeedSite? outlet = null;
        var site = await LoopbackSite.StartAsync((app, baseAddress) =>
        {
            app.MapGet("/news/{slug}", (string slug) => articles.TryGetValue(slug, out var a)
                ? Results.Content(Page(new Uri(baseAddress(), "/news/" + slug), a.Title, a.Text), "text/html; charset=utf-8")
                : Results.NotFound());
            app.MapGet("/feed.xml", () => Results.Content(Feed(baseAddress(), withHub, articles), "application/rss+xml; charset=utf-8"));
            if (withHub)
            {
                app.MapPost("/hub", async (HttpContext c) =>
                {
                    var form = await c.Request.ReadFormAsync();
                    _ = Task.Run(() => outlet!.VerifyAsync(form["hub.mode"].ToString(), form["hub.topic"].ToString(), form["hub.callback"].ToString(), form["hub.secret"].ToString()));
                    return Results.StatusCode(StatusCodes.Status202Accepted);
                });
            }
        });
        outlet = new ArticleFeedSite(site, articles, subscribers);
        return outlet;
    }

    /// <summary>Publishes an article; returns its canonical URL (the article stream id is derived from it). With a hub, pushes it to every subscriber.</summary>
    public string Publish(string slug, string title, string text)
    {
        var published = (title, text, DateTimeOffset.UtcNow.AddMinutes(-1));
        _articles[slug] = published;
        foreach (var (callback, secret) in _subscribers)
        {
            var body = Feed(_site.BaseAddress, true, new Dictionary<string, (string, string, DateTimeOffset)> { [slug] = published });
            _ = Task.Run(() => PushAsync(callback, secret, body));
        }

        return new Uri(_site.BaseAddress, "/news/" + slug).ToString();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _site.DisposeAsync();
    }

    private async Task VerifyAsync(string mode, string topic, string callback, string secret)
    {
        var challenge = Guid.NewGuid().ToString("N");
        var separator = callback.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        using var response = await _http.GetAsync($"{callback}{separator}hub.mode={mode}&hub.topic={Uri.EscapeDataString(topic)}&hub.challenge={challenge}&hub.lease_seconds=3600");
        if (response.IsSuccessStatusCode && await response.Content.ReadAsStringAsync() == challenge)
        {
            if (mode == "subscribe")
            {
                _subscribers[callback] = secret;
            }
            else
            {
                _subscribers.TryRemove(callback, out _);
            }
        }
    }

    private async Task PushAsync(string callback, string secret, string body)
    {
        try
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            using var request = new HttpRequestMessage(HttpMethod.Post, callback) { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/rss+xml");
            request.Headers.TryAddWithoutValidation("X-Hub-Signature", HubSignature.Sign("sha256", bytes, secret));
            using var response = await _http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                FailedPushes.Enqueue($"{callback}: HTTP {(int)response.StatusCode}");
            }
        }
        catch (HttpRequestException e)
        {
            FailedPushes.Enqueue($"{callback}: {e.Message}");
        }
    }

    private static string Feed(Uri baseAddress, bool withHub, IEnumerable<KeyValuePair<string, (string Title, string Text, DateTimeOffset PublishedAt)>> articles)
    {
        var feed = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>Steppe Business Daily</title>")
            .Append("<link>").Append(baseAddress).Append("</link>");
        if (withHub)
        {
            feed.Append("<atom:link rel=\"hub\" href=\"").Append(new Uri(baseAddress, "/hub")).Append("\"/><atom:link rel=\"self\" type=\"application/rss+xml\" href=\"")
                .Append(new Uri(baseAddress, "/feed.xml")).Append("\"/>");
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
