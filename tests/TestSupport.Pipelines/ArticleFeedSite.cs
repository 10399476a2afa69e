using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MediaMonitor.TestSupport;

/// <summary>An outlet a test publishes to while the pipeline runs: an RSS feed of the articles added so far, one page each.</summary>
public sealed class ArticleFeedSite : IAsyncDisposable
{
    private readonly LoopbackSite _site;
    private readonly ConcurrentDictionary<string, (string Title, string Text, DateTimeOffset PublishedAt)> _articles;

    private ArticleFeedSite(LoopbackSite site, ConcurrentDictionary<string, (string, string, DateTimeOffset)> articles)
    {
        _site = site;
        _articles = articles;
    }

    public Uri FeedUrl => new(_site.BaseAddress, "/feed.xml");

    public static async Task<ArticleFeedSite> StartAsync()
    {
        var articles = new ConcurrentDictionary<string, (string Title, string Text, DateTimeOffset PublishedAt)>();
        var site = await LoopbackSite.StartAsync((app, baseAddress) =>
        {
            app.MapGet("/news/{slug}", (string slug) => articles.TryGetValue(slug, out var a)
                ? Results.Content(Page(new Uri(baseAddress(), "/news/" + slug), a.Title, a.Text), "text/html; charset=utf-8")
                : Results.NotFound());
            app.MapGet("/feed.xml", () => Results.Content(Feed(baseAddress(), articles), "application/rss+xml; charset=utf-8"));
        });
        return new ArticleFeedSite(site, articles);
    }

    /// <summary>Publishes an article; returns its canonical URL (the article stream id is derived from it).</summary>
    public string Publish(string slug, string title, string text)
    {
        _articles[slug] = (title, text, DateTimeOffset.UtcNow.AddMinutes(-1));
        return new Uri(_site.BaseAddress, "/news/" + slug).ToString();
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private static string Feed(Uri baseAddress, ConcurrentDictionary<string, (string Title, string Text, DateTimeOffset PublishedAt)> articles)
    {
        var feed = new StringBuilder($"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Steppe Business Daily</title><link>{baseAddress}</link>");
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
