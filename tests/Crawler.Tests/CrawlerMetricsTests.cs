namespace MediaMonitor.Crawler.Tests;

public sealed class CrawlerMetricsTests
{
    [Theory]
    [InlineData("HTTP 404 Not Found", "http_404_not")]
    [InlineData("blocked address: 10.0.0.1 is private", "blocked_address")]
    [InlineData("body larger than 10485760 bytes (limit)", "body_larger_than")]
    [InlineData("", "other")]
    public void Failure_reasons_are_counted_under_a_short_low_cardinality_class(string reason, string expected)
    {
        Assert.Equal(expected, CrawlerMetrics.ReasonClass(reason));
    }
}
