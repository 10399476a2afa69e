using Marten;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.TestSupport;
using Microsoft.AspNetCore.Builder;

namespace MediaMonitor.Deduplication.Tests;

/// <summary>
/// One test's real servers: a fresh database and virtual host, Deduplication hosts wired as Program.cs wires them, and a
/// relay standing in for the Crawler's that publishes the ArticleFetched events the test appends.
/// </summary>
internal sealed class DedupPipeline : IAsyncDisposable
{
    private readonly List<ServiceHost> _hosts = [];

    private readonly TestEnvironment _environment;

    private DedupPipeline(TestEnvironment environment) => _environment = environment;

    public Dictionary<string, string?> Settings => _environment.Settings;

    /// <summary>The Deduplication service wired as its Program.cs wires it.</summary>
    public static readonly ServiceWiring Wiring = new(typeof(DeduplicationWiring).Assembly, builder => builder.AddDeduplication(), app =>
    {
        app.MapDefaultEndpoints();
        app.MapDeduplication();
    });

    public ServiceHost Relay => _hosts[0];

    public IDocumentStore Store => Relay.Services.GetRequiredService<IDocumentStore>();

    public static async Task<DedupPipeline> StartAsync(string name)
    {
        var pipeline = new DedupPipeline(await TestEnvironment.CreateAsync(name));
        pipeline._hosts.Add(await pipeline._environment.StartAsync(new ServiceWiring(
            typeof(DedupPipeline).Assembly,
            builder =>
            {
                builder.AddServiceDefaults(new ServiceTelemetry("CrawlerRelay"));
                builder.AddEventStore().RelayEvents("crawler", CrawlerRelay.Events);
                builder.AddMessageBus();
            },
            app => app.MapDefaultEndpoints())));
        return pipeline;
    }

    public async Task<ServiceHost> StartDeduplicationAsync()
    {
        var host = await _environment.StartAsync(Wiring);
        _hosts.Add(host);
        return host;
    }

    public static ArticleFetched Fetched(string url, string title, string text, DateTimeOffset publishedAt, string site) =>
        new(StreamIdentity.ForArticle(url), url, url, title, text, publishedAt, site, Guid.NewGuid(), publishedAt.AddMinutes(1), "test");

    public async Task AppendAsync(params ArticleFetched[] articles)
    {
        await using var session = Store.LightweightSession();
        foreach (var a in articles)
        {
            session.Events.StartStream(a.ArticleId, a);
        }

        await session.SaveChangesAsync();
    }

    public async Task<List<ArticleDeduplicated>> VerdictsAsync(Guid articleId)
    {
        await using var session = Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(articleId);
        return [.. events.Select(e => e.Data).OfType<ArticleDeduplicated>()];
    }

    public async Task<Dictionary<Guid, ArticleDeduplicated>> AwaitVerdictsAsync(IEnumerable<ArticleFetched> articles)
    {
        var ids = articles.Select(a => a.ArticleId).ToList();
        return await Eventually.Until(
            async () =>
            {
                var found = new Dictionary<Guid, ArticleDeduplicated>();
                foreach (var id in ids)
                {
                    if ((await VerdictsAsync(id)).FirstOrDefault() is { } verdict)
                    {
                        found[id] = verdict;
                    }
                }

                return found;
            },
            found => found.Count == ids.Count,
            TimeSpan.FromSeconds(60),
            $"{ids.Count} verdicts");
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _hosts.Count - 1; i >= 0; i--)
        {
            await _hosts[i].DisposeAsync();
        }
    }
}
