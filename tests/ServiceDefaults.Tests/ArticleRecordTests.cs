using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.ServiceDefaults.Articles;

namespace MediaMonitor.ServiceDefaults.Tests;

public sealed class ArticleRecordTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly Guid Source = Guid.NewGuid();

    private static ArticleFetched Fetched(string title, DateTimeOffset fetchedAt, DateTimeOffset? publishedAt = null) =>
        new(Id, "https://www.herald.example/a", "https://www.herald.example/a", title, "Body text about the alliance.", publishedAt, null, Source, fetchedAt, "c1");

    private static EntitiesTagged Tagged(string name, DateTimeOffset taggedAt) =>
        new(Id, [new TaggedEntity("x:" + name, name, EntityType.Organization, 1, 0.5, [name])], taggedAt, "t1");

    [Fact]
    public void The_latest_tagging_by_its_own_time_wins_whatever_order_the_stream_holds_them_in()
    {
        var record = ArticleRecord.Fold(Id, [Fetched("T", At), Tagged("Newer", At.AddHours(2)), Tagged("Older", At.AddHours(1))])!;

        Assert.Equal("Newer", Assert.Single(record.Entities).Name);
        Assert.Contains("newer", record.EntityTerms.Split(' '));
        Assert.DoesNotContain("older", record.EntityTerms.Split(' '));
    }

    [Fact]
    public void The_latest_fetch_gives_title_outlet_and_coverage_time_and_a_feed_date_fills_a_missing_page_date()
    {
        var record = ArticleRecord.Fold(Id, [
            new ArticleDiscovered(Id, "https://www.herald.example/a", "https://www.herald.example/a", Source, "Feed title", At.AddDays(-1), At, "c1"),
            Fetched("Second", At.AddHours(3)),
            Fetched("First", At.AddHours(1)),
            new ArticleDeduplicated(Id, DedupVerdict.Original, null, 1, Id, At.AddHours(4), "d1"),
        ])!;

        Assert.Equal(("Second", "herald.example", "fetched"), (record.Title, record.Outlet, record.Status));
        Assert.Equal(At.AddDays(-1), record.At);
        Assert.Equal([Source], record.SourceIds);
        Assert.Equal(Id, record.StoryId);
        Assert.False(record.Matchable);
        Assert.Equal("Second", ArticleRecord.LatestFetch([Fetched("Second", At.AddHours(3)), Fetched("First", At.AddHours(1))])!.Title);
    }
}
