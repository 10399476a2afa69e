using MediaMonitor.Crawler.Politeness;

namespace MediaMonitor.Crawler.Tests;

public sealed class RobotsPolicyTests
{
    private const string Robots = """
        # comment
        User-agent: *
        Disallow: /private/
        Allow: /private/press/
        Disallow: /*.pdf$
        Crawl-delay: 2

        User-agent: OtherBot
        User-agent: MediaMonitorBot
        Disallow: /search
        Allow: /search/about
        Crawl-delay: 7.5

        Sitemap: https://news.example/sitemap.xml
        """;

    [Theory]
    [InlineData("OtherCrawler", "/private/x", false)]
    [InlineData("OtherCrawler", "/private/press/release", true)]
    [InlineData("OtherCrawler", "/report.pdf", false)]
    [InlineData("OtherCrawler", "/report.pdf?download=1", true)]
    [InlineData("OtherCrawler", "/news/a", true)]
    [InlineData("MediaMonitorBot", "/private/x", true)]
    [InlineData("MediaMonitorBot", "/search?q=nato", false)]
    [InlineData("MediaMonitorBot", "/search/about", true)]
    [InlineData("mediamonitorbot", "/search", false)]
    public void Most_specific_group_and_longest_rule_decide(string agent, string path, bool allowed)
    {
        Assert.Equal(allowed, RobotsPolicy.Parse(Robots).IsAllowed(agent, path));
    }

    [Fact]
    public void Crawl_delay_and_sitemaps_are_read()
    {
        var policy = RobotsPolicy.Parse(Robots);
        Assert.Equal(TimeSpan.FromSeconds(7.5), policy.CrawlDelay("MediaMonitorBot"));
        Assert.Equal(TimeSpan.FromSeconds(2), policy.CrawlDelay("Anyone"));
        Assert.Equal(["https://news.example/sitemap.xml"], policy.Sitemaps);
    }

    [Fact]
    public void Unreachable_robots_disallows_everything_but_robots_itself()
    {
        var policy = RobotsPolicy.Unreachable("HTTP 503");
        Assert.False(policy.IsAllowed("MediaMonitorBot", "/news"));
        Assert.True(policy.IsAllowed("MediaMonitorBot", "/robots.txt"));
        Assert.True(RobotsPolicy.AllowAll.IsAllowed("MediaMonitorBot", "/anything"));
    }

    [Fact]
    public void Hostile_wildcard_pattern_is_matched_quickly()
    {
        var policy = RobotsPolicy.Parse("User-agent: *\nDisallow: /" + string.Concat(Enumerable.Repeat("*a", 200)) + "b\n");
        var started = DateTime.UtcNow;
        Assert.True(policy.IsAllowed("x", "/" + new string('a', 5000)));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2));
    }
}
