using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaMonitor.EndToEnd.Tests;

/// <summary>
/// Serves the real seed article (read at run time from ../shared/data/seed, never copied into the repository) as the
/// republishing site did: one page with its boilerplate, and an RSS feed listing it.
/// </summary>
public sealed class SeedArticleSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SeedArticleSite(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Uri FeedUrl => new(BaseAddress, "/feed.xml");

    public static async Task<SeedArticleSite> StartAsync(string seedText)
    {
        var lines = seedText.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var title = lines[1];
        var page = new StringBuilder()
            .Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title))
            .Append("</title><meta property=\"og:site_name\" content=\"World Today News\"></head><body>")
            .Append("<nav><a href=\"/\">Home</a> » <a href=\"/news\">News</a></nav><article><h1>")
            .Append(WebUtility.HtmlEncode(title)).Append("</h1>");
        foreach (var line in lines.Skip(2))
        {
            page.Append("<p>").Append(WebUtility.HtmlEncode(line)).Append("</p>");
        }

        page.Append("</article><footer>World Today News</footer></body></html>");
        var html = page.ToString();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        Uri? baseAddress = null;
        app.MapGet("/news/kazakhstan-delicate-balance", () => Results.Content(html, "text/html; charset=utf-8"));
        app.MapGet("/feed.xml", () => Results.Content(
            $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>World Today News</title><link>{baseAddress}</link>
            <item><title>{WebUtility.HtmlEncode(title)}</title><link>{new Uri(baseAddress!, "/news/kazakhstan-delicate-balance")}</link>
            <pubDate>{DateTimeOffset.UtcNow.AddMinutes(-5):R}</pubDate></item></channel></rss>
            """, "application/rss+xml; charset=utf-8"));
        await app.StartAsync();
        baseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new SeedArticleSite(app, baseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
