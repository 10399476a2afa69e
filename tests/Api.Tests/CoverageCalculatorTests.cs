using MediaMonitor.Api.Coverage;

namespace MediaMonitor.Api.Tests;

public sealed class CoverageCalculatorTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Articles_are_counted_per_day_and_copies_of_one_story_count_as_one_story()
    {
        var story = Guid.NewGuid();
        var articles = new[]
        {
            new CoverageArticle(Guid.NewGuid(), Day.AddHours(8), story),
            new CoverageArticle(Guid.NewGuid(), Day.AddHours(9), story),
            new CoverageArticle(Guid.NewGuid(), Day.AddHours(23.9), Guid.NewGuid()),
            new CoverageArticle(Guid.NewGuid(), Day.AddDays(1).AddHours(1), story),
        };

        var report = Compute(articles, Day, Day.AddDays(2), CoverageInterval.Day);

        Assert.Equal((4, 2), (report.Articles, report.Stories));
        Assert.Equal([(3, 2), (1, 1)], report.Buckets.Select(b => (b.Articles, b.Stories)));
    }

    [Fact]
    public void Articles_outside_the_range_are_left_out_and_empty_buckets_are_kept()
    {
        var articles = new[]
        {
            new CoverageArticle(Guid.NewGuid(), Day.AddHours(-1), null),
            new CoverageArticle(Guid.NewGuid(), Day.AddHours(3), null),
        };

        var report = Compute(articles, Day, Day.AddHours(4), CoverageInterval.Hour);

        Assert.Equal([0, 0, 0, 1], report.Buckets.Select(b => b.Articles));
        Assert.Equal(1, report.Stories);
    }

    [Fact]
    public void An_article_not_yet_deduplicated_counts_as_its_own_story()
    {
        var report = Compute(
            [new CoverageArticle(Guid.NewGuid(), Day, null), new CoverageArticle(Guid.NewGuid(), Day, null)], Day, Day.AddDays(1), CoverageInterval.Day);
        Assert.Equal(2, report.Stories);
    }

    [Fact]
    public void Weeks_start_on_Monday_midnight_UTC()
    {
        var friday = new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.FromHours(3));
        Assert.Equal(new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero), CoverageCalculator.AlignDown(friday, CoverageInterval.Week));
    }

    [Fact]
    public void A_date_as_to_includes_that_whole_day()
    {
        Assert.True(CoverageRange.TryParse("2026-11-20", "2026-11-20", null, Day, 100, out var range, out var error), error);
        Assert.Equal((Day, Day.AddDays(1), CoverageInterval.Day), (range.From, range.To, range.Interval));
    }

    [Fact]
    public void Defaults_are_the_last_thirty_days_by_day()
    {
        Assert.True(CoverageRange.TryParse(null, null, null, Day, 100, out var range, out _));
        Assert.Equal((Day.AddDays(-30), Day), (range.From, range.To));
    }

    /// <summary>What the coverage endpoint does with the matching articles as they stream past.</summary>
    private static CoverageReport Compute(IEnumerable<CoverageArticle> matching, DateTimeOffset from, DateTimeOffset to, CoverageInterval interval)
    {
        var tally = new CoverageTally(from, to, interval);
        foreach (var article in matching)
        {
            tally.Add(article);
        }

        return tally.Report("q");
    }

    [Theory]
    [InlineData("9999-12-20", "9999-12-31", "day")]
    [InlineData("0001-01-01", "0001-01-05", "day")]
    [InlineData("0001-01-01T00:00:00+14:00", null, "day")]
    [InlineData(null, "0001-01-05", "week")]
    [InlineData("9999-12-30T23:00:00Z", "9999-12-31T23:59:59Z", "hour")]
    public void Dates_at_the_ends_of_the_calendar_are_refused_with_a_reason_not_an_exception(string? from, string? to, string interval)
    {
        Assert.False(CoverageRange.TryParse(from, to, interval, Day, 100_000, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
