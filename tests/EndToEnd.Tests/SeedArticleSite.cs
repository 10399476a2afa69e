using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MediaMonitor.EndToEnd.Tests;

/// <summary>
/// Serves the real seed article (read at run time from ../shared/data/seed, never copied into the repository) as the
/// republishing site did: one page with its boilerplate, and an RSS feed listing it.
/// </summary>
public static class SeedArticleSite
{
    private const string ArticlePath = "/news/kazakhstan-delicate-balance";

    public static Uri FeedUrl(LoopbackSite site) => new(site.BaseAddress, "/feed.xml");

    public static Task<LoopbackSite> StartAsync(string seedText)
    {
        var lines = seedText.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var title = lines[1];
        var html = RenderPage(title, lines.Skip(2));
        return LoopbackSite.StartAsync((app, baseAddress) =>
        {
            app.MapGet(ArticlePath, () => Results.Content(html, "text/html; charset=utf-8"));
            app.MapGet("/feed.xml", () => Results.Content(
                $"""
                <?xml version="1.0" encoding="utf-8"?>
                <rss version="2.0"><channel><title>World Today News</title><link>{baseAddress()}</link>
                <item><title>{WebUtility.HtmlEncode(title)}</title><link>{new Uri(baseAddress(), ArticlePath)}</link>
                <pubDate>{DateTimeOffset.UtcNow.AddMinutes(-5):R}</pubDate></item></channel></rss>
                """, "application/rss+xml; charset=utf-8"));
        });
    }

    private static string RenderPage(string title, IEnumerable<string> paragraphs)
    {
        var page = new StringBuilder()
            .Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title))
            .Append("</title><meta property=\"og:site_name\" content=\"World Today News\"></head><body>")
            .Append("<nav><a href=\"/\">Home</a> » <a href=\"/news\">News</a></nav><article><h1>")
            .Append(WebUtility.HtmlEncode(title)).Append("</h1>");
        foreach (var line in paragraphs)
        {
            page.Append("<p>").Append(WebUtility.HtmlEncode(line)).Append("</p>");
        }

        return page.Append("</article><footer>World Today News</footer></body></html>").ToString();
    }
}
