using MediaMonitor.Crawler.Urls;

namespace MediaMonitor.Crawler.Tests;

public sealed class CanonicalUrlTests
{
    [Theory]
    [InlineData("HTTPS://News.Example.COM/World/Story", "https://news.example.com/World/Story")]
    [InlineData("https://news.example.com:443/a", "https://news.example.com/a")]
    [InlineData("http://news.example.com:80/a", "http://news.example.com/a")]
    [InlineData("http://news.example.com:8080/a", "http://news.example.com:8080/a")]
    [InlineData("https://news.example.com/a#comments", "https://news.example.com/a")]
    [InlineData("https://news.example.com/a?utm_source=rss&utm_medium=feed", "https://news.example.com/a")]
    [InlineData("https://news.example.com/a?id=7&fbclid=xyz&gclid=abc&page=2", "https://news.example.com/a?id=7&page=2")]
    [InlineData("https://news.example.com", "https://news.example.com/")]
    [InlineData("https://news.example.com./a", "https://news.example.com/a")]
    public void Canonical_form_drops_case_default_ports_fragments_and_tracking_parameters(string url, string expected)
    {
        Assert.Equal(expected, CanonicalUrl.Canonicalize(url));
    }

    [Theory]
    [InlineData("ftp://example.com/file")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/path")]
    [InlineData("")]
    public void Non_http_or_relative_urls_have_no_canonical_form(string url)
    {
        Assert.Null(CanonicalUrl.TryCanonicalize(url));
    }

    [Fact]
    public void Two_spellings_of_one_article_share_one_article_id()
    {
        var a = Contracts.StreamIdentity.ForArticle(CanonicalUrl.Canonicalize("https://News.example.com/a?utm_campaign=x#top"));
        var b = Contracts.StreamIdentity.ForArticle(CanonicalUrl.Canonicalize("https://news.example.com:443/a"));
        Assert.Equal(a, b);
    }
}
