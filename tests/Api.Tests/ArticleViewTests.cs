using MediaMonitor.Api.Articles;
using MediaMonitor.Contracts.Deduplication;

namespace MediaMonitor.Api.Tests;

public sealed class ArticleViewTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_view_follows_the_stream_from_discovery_to_tagging()
    {
        var id = Guid.NewGuid();
        var source = Guid.NewGuid();
        var story = Guid.NewGuid();
        var original = Guid.NewGuid();
        var events = new List<StoredEvent>
        {
            new(10, 1, "article_discovered", At, new ArticleDiscovered(id, "http://a/1?utm=x", "http://a/1", source, "Feed title", At, At, "c1")),
            new(11, 2, "article_fetched", At, new ArticleFetched(id, "http://a/1?utm=x", "http://a/1", "Page title", "Body", null, "Herald", source, At, "c1")),
            new(12, 3, "article_deduplicated", At, new ArticleDeduplicated(id, DedupVerdict.DuplicateOf, original, 0.93, story, At, "d1")),
            new(13, 4, "entities_tagged", At, new EntitiesTagged(id, [new TaggedEntity("x", "NATO", EntityType.Organization, 2, 0.4, ["NATO"])], At, "t1")),
        };

        var view = ArticleView.From(id, events);

        Assert.Equal(("Page title", "Body", "Herald", "fetched"), (view.Title, view.Text, view.SiteName, view.Status));
        Assert.Equal(At, view.PublishedAt);
        Assert.Equal((DedupVerdict.DuplicateOf, original, story), (view.Verdict, view.DuplicateOf, view.StoryId));
        Assert.Equal("NATO", Assert.Single(view.Entities).Name);
        Assert.Equal([source], view.SourceIds);
        Assert.Equal([1L, 2L, 3L, 4L], view.Events.Select(e => e.Version));
    }

    [Fact]
    public void A_failed_fetch_shows_its_reason()
    {
        var id = Guid.NewGuid();
        var view = ArticleView.From(id,
        [
            new(1, 1, "article_discovered", At, new ArticleDiscovered(id, "http://a/2", "http://a/2", Guid.NewGuid(), "T", null, At, "c1")),
            new(2, 2, "article_fetch_failed", At, new ArticleFetchFailed(id, "http://a/2", "HTTP 404 from http://a/2", At, "c1")),
        ]);

        Assert.Equal(("failed", "HTTP 404 from http://a/2", "T"), (view.Status, view.FailureReason, view.Title));
    }
}
