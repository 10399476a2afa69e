using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaMonitor.DemoNewsroom;

/// <summary>
/// Serves <see cref="NewsroomContent"/> over HTTP: /{outlet}/rss.xml, the article pages, an index at / and robots.txt.
/// Tests start it on http://127.0.0.1:0 and read <see cref="BaseAddress"/>; up.sh runs it as a process.
/// </summary>
public sealed class NewsroomServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NewsroomServer(WebApplication app, Uri baseAddress, NewsroomContent content)
    {
        _app = app;
        BaseAddress = baseAddress;
        Content = content;
    }

    public Uri BaseAddress { get; }

    public NewsroomContent Content { get; }

    /// <summary>How many requests each path received (feeds and pages), for tests that check crawler politeness.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, int> Hits { get; } = new();

    public IReadOnlyList<Uri> FeedUrls => [.. Content.Outlets.Select(FeedUrl)];

    public Uri FeedUrl(Outlet outlet) => new(BaseAddress, NewsroomContent.FeedPath(outlet));

    public Uri PageUrl(NewsItem item) => new(BaseAddress, item.Path);

    public static async Task<NewsroomServer> StartAsync(NewsroomContent content, string url = "http://127.0.0.1:0", TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        NewsroomServer? server = null;
        app.Use(async (context, next) =>
        {
            server?.Hits.AddOrUpdate(context.Request.Path.Value ?? "/", 1, (_, n) => n + 1);
            await next(context);
        });
        app.MapNewsroom(content, clock ?? TimeProvider.System);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new NewsroomServer(app, new Uri(address), content);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The newsroom's routes, usable on any endpoint builder.</summary>
public static class NewsroomEndpoints
{
    public static IEndpointRouteBuilder MapNewsroom(this IEndpointRouteBuilder app, NewsroomContent content, TimeProvider clock)
    {
        app.MapGet("/robots.txt", () => Results.Text("User-agent: *\nAllow: /\n", "text/plain"));
        app.MapGet("/", (HttpContext http) => Results.Content(Index(content, BaseOf(http), clock.GetUtcNow()), "text/html; charset=utf-8"));
        app.MapGet("/{outlet}/rss.xml", (string outlet, HttpContext http) =>
            content.FindOutlet(outlet) is { } o
                ? Results.Text(RssFeed.Render(o, content.PublishedBy(o, clock.GetUtcNow()), BaseOf(http)), "application/rss+xml; charset=utf-8")
                : Results.NotFound());
        app.MapGet("/{outlet}/{year}/{month}/{day}/{slug}", (HttpContext http) =>
        {
            var now = clock.GetUtcNow();
            if (content.FindPublished(http.Request.Path.Value ?? "", now) is not { } item)
            {
                return Results.NotFound();
            }

            var related = content.PublishedBy(item.Outlet, now).Where(i => i != item).ToList();
            return Results.Content(ArticlePage.Render(item, BaseOf(http), related), "text/html; charset=utf-8");
        });
        return app;
    }

    private static Uri BaseOf(HttpContext http) => new($"{http.Request.Scheme}://{http.Request.Host}/");

    private static string Index(NewsroomContent content, Uri baseAddress, DateTimeOffset now)
    {
        var html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Demo newsroom</title></head><body><h1>Demo newsroom</h1>");
        foreach (var outlet in content.Outlets)
        {
            html.Append("<h2>").Append(WebUtility.HtmlEncode(outlet.Name)).Append("</h2><p><a href=\"")
                .Append(new Uri(baseAddress, NewsroomContent.FeedPath(outlet)).AbsoluteUri).Append("\">RSS feed</a></p><ul>");
            foreach (var item in content.PublishedBy(outlet, now))
            {
                html.Append("<li><a href=\"").Append(item.Path).Append("\">").Append(WebUtility.HtmlEncode(item.Headline)).Append("</a></li>");
            }

            html.Append("</ul>");
        }

        return html.Append("</body></html>").ToString();
    }
}
