using System.IO.Compression;

namespace MediaMonitor.Crawler.Tests;

public sealed class SourcesAndSitemapsTests
{
    private const string NewsSitemap = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
          <url><loc>https://news.example/a</loc><news:news><news:publication_date>2026-11-24T08:00:00Z</news:publication_date><news:title>Story A</news:title></news:news></url>
          <url><loc>/b</loc><lastmod>2026-11-23</lastmod></url>
        </urlset>
        """;

    [Fact]
    public void News_sitemap_urls_become_items_with_titles_and_dates()
    {
        var sitemap = SitemapReader.Read(Encoding.UTF8.GetBytes(NewsSitemap), new Uri("https://news.example/sitemap.xml"), 1_000_000);
        Assert.Equal(["https://news.example/a", "https://news.example/b"], sitemap.Items.Select(i => i.Link));
        Assert.Equal("Story A", sitemap.Items[0].Title);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), sitemap.Items[1].PublishedAt);
    }

    [Fact]
    public void Gzipped_sitemap_index_lists_its_children()
    {
        var index = """<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://news.example/s1.xml.gz</loc></sitemap></sitemapindex>""";
        var gz = Gzip(Encoding.UTF8.GetBytes(index));
        Assert.True(SitemapReader.LooksLikeSitemap(gz));
        Assert.Equal(["https://news.example/s1.xml.gz"], SitemapReader.Read(gz, new Uri("https://news.example/index.xml.gz"), 1_000_000).ChildSitemaps);
    }

    [Fact]
    public void Gzipped_sitemap_bomb_is_refused()
    {
        var bomb = Gzip(new byte[5_000_000]);
        var ex = Assert.Throws<FeedRejectedException>(() => SitemapReader.Read(bomb, new Uri("https://news.example/s.xml.gz"), 1_000_000));
        Assert.Contains("decompression bomb", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_page_source_yields_its_article_links_only()
    {
        var html = """
            <html><body><nav><a href="/">Home</a><a href="/world">World</a></nav>
            <a href="/world/2026/11/24/flood-barrier-opens">Flood barrier opens on the estuary after three years</a>
            <a href="https://elsewhere.example/world/x/y">Another site's story about something else entirely</a>
            <a href="/about">About us and our newsroom team</a></body></html>
            """;
        var items = PageLinks.Find(html, new Uri("https://www.news.example/world"), 50);
        Assert.Equal(["https://www.news.example/world/2026/11/24/flood-barrier-opens"], items.Select(i => i.Link));
    }

    [Theory]
    [InlineData("https://news.example/a?utm_source=x", "https://news.example/a-canonical", "https://news.example/a-canonical")]
    [InlineData("https://news.example/a", "https://www.news.example/a-canonical", "https://www.news.example/a-canonical")]
    [InlineData("https://copy.example/a", "https://original.example/a", "https://copy.example/a")]
    [InlineData("https://news.example/a", null, "https://news.example/a")]
    public void Article_id_follows_a_same_site_canonical_only(string page, string? declared, string expected)
    {
        var linkCanonical = Urls.CanonicalUrl.Canonicalize(page);
        Assert.Equal(expected, ArticleOutcome.ChooseCanonical(linkCanonical, new Uri(page), declared));
    }

    [Fact]
    public void Source_state_folds_validators_failures_and_disabling()
    {
        var options = new CrawlerOptions();
        var id = Guid.NewGuid();
        var added = new SourceAdded(id, "t", "https://news.example/feed", DateTimeOffset.UtcNow);
        var now = DateTimeOffset.UtcNow;
        var state = SourceDirectory.Fold(added, new Uri(added.Url),
            [new SourcePolled(id, 3, "\"v1\"", "Tue, 24 Nov 2026 08:00:00 GMT", false, now), new SourceFailed(id, "HTTP 500", now), new SourceFailed(id, "HTTP 500", now)], 4, options);
        Assert.Equal("\"v1\"", state.ETag);
        Assert.Equal(2, state.ConsecutiveFailures);
        Assert.False(state.Disabled);

        var disabled = SourceDirectory.Fold(added, new Uri(added.Url), [new SourceDisabled(id, "failed", 10, now)], 1, options);
        Assert.True(disabled.Disabled);
        var resumed = SourceDirectory.Fold(added, new Uri(added.Url), [new SourceDisabled(id, "failed", 10, now), new SourceResumed(id, now)], 2, options);
        Assert.False(resumed.Disabled);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
