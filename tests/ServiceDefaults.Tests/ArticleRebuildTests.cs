using Marten;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.Contracts;
using MediaMonitor.ServiceDefaults.Articles;
using MediaMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MediaMonitor.ServiceDefaults.Tests;

public sealed class ArticleRebuildTests
{
    [Fact]
    public async Task The_rebuild_writes_every_article_as_the_fold_gives_it_and_the_indexed_search_finds_it()
    {
        var env = await TestEnvironment.CreateAsync("rebuild");
        var settings = env.Settings;
        settings["EventStore:DaemonMode"] = "Disabled";
        await using var host = await ServiceHost.StartAsync(typeof(ArticleRebuildTests).Assembly, settings,
            builder => builder.AddEventStore(o => o.AddArticleProjection()), _ => { });
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var at = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var source = Guid.NewGuid();
        var expected = new Dictionary<Guid, List<object>>();
        await using (var session = store.LightweightSession())
        {
            for (var i = 0; i < 30; i++)
            {
                var url = $"https://herald.example/{i}";
                var id = StreamIdentity.ForArticle(url);
                List<object> events =
                [
                    new ArticleFetched(id, url, url, $"Glacier report {i}", "Ice loss in the Alps, Zürich says.", at.AddHours(i), "Herald", source, at.AddHours(i), "c"),
                    new ArticleDeduplicated(id, DedupVerdict.Original, null, 1, id, at.AddHours(i), "d"),
                    new EntitiesTagged(id, [new TaggedEntity("q:new", "Newer", EntityType.Organization, 1, 1, ["Newer"])], at.AddHours(i + 2), "t2"),
                    new EntitiesTagged(id, [new TaggedEntity("q:old", "Older", EntityType.Organization, 1, 1, ["Older"])], at.AddHours(i + 1), "t1"),
                ];
                session.Events.StartStream(id, [.. events]);
                expected[id] = events;
            }

            await session.SaveChangesAsync();
        }

        var folded = await ArticleRebuild.RunAsync(store, host.Services.GetRequiredService<NpgsqlDataSource>(), null, CancellationToken.None);

        Assert.Equal(120, folded);
        await using var query = store.QuerySession();
        var records = (await query.Query<ArticleRecord>().ToListAsync()).ToDictionary(r => r.Id);
        Assert.Equal(expected.Count, records.Count);
        foreach (var (id, events) in expected)
        {
            var fold = ArticleRecord.Fold(id, events)!;
            var stored = records[id];
            Assert.Equal((fold.Title, fold.At, fold.StoryId, fold.TextTerms, fold.EntityTerms), (stored.Title, stored.At, stored.StoryId, stored.TextTerms, stored.EntityTerms));
            Assert.Equal("Newer", Assert.Single(stored.Entities).Name);
        }

        var search = host.Services.GetRequiredService<ArticleSearch>();
        var found = new List<ArticleCandidate>();
        await foreach (var candidate in search.ScanAsync(new ArticleScan { Prefilter = Text.Querying.SearchPrefilter.For(Text.Querying.QueryParser.Parse("Zürich AND entity:newer").Query!) }, CancellationToken.None))
        {
            found.Add(candidate);
        }

        Assert.Equal(30, found.Count);
        Assert.All(found, c => Assert.Equal("Ice loss in the Alps, Zürich says.", c.Text));
    }
}
