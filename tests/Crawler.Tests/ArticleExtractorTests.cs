namespace MediaMonitor.Crawler.Tests;

public sealed class ArticleExtractorTests
{
    private static readonly Uri PageUri = new("https://harbour.example/news/2026/11/24/flood-barrier-opens");

    [Fact]
    public void Main_text_holds_the_article_paragraphs_and_no_furniture()
    {
        var article = ArticleExtractor.Extract(FixturePages.Article(), PageUri);
        Assert.Equal(
            string.Join("\n\n", FixturePages.ArticleParagraph1, FixturePages.ArticleParagraph2, FixturePages.ArticleParagraph3),
            article.Text);
    }

    [Fact]
    public void Metadata_comes_from_meta_tags_and_json_ld()
    {
        var article = ArticleExtractor.Extract(FixturePages.Article(), PageUri);
        Assert.Equal("Flood barrier opens on the estuary", article.Title);
        Assert.Equal("Harbour Gazette", article.SiteName);
        Assert.Equal("Jane Marsh", article.Byline);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 30, 0, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal("en", article.Language);
        Assert.Equal("https://harbour.example/news/flood-barrier-opens?utm_source=feed", article.CanonicalUrl);
    }

    [Fact]
    public void Published_time_falls_back_to_the_date_in_the_url()
    {
        var article = ArticleExtractor.Extract("<html><body><p>" + FixturePages.ArticleParagraph1 + "</p></body></html>", PageUri);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), article.PublishedAt);
    }

    [Fact]
    public void Div_based_layout_without_paragraph_tags_still_yields_the_text()
    {
        var html = $"""
            <html><body><div id="menu"><a href="/">Home</a> <a href="/x">World</a></div>
            <div class="content"><div>{FixturePages.ArticleParagraph1}</div><div>{FixturePages.ArticleParagraph2}</div></div>
            <div class="footer">About us · Careers · Privacy</div></body></html>
            """;
        var article = ArticleExtractor.Extract(html, PageUri);
        Assert.Equal(FixturePages.ArticleParagraph1 + "\n\n" + FixturePages.ArticleParagraph2, article.Text);
    }

    [Fact]
    public void Page_of_a_hundred_thousand_nested_elements_is_refused_with_the_reason()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 100_000)) + "deep text" + "</body></html>";
        var ex = Assert.Throws<PageRefusedException>(() => ArticleExtractor.Extract(html, PageUri));
        Assert.Contains("levels deep", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_page_is_far_below_the_nesting_limit()
    {
        Assert.InRange(MarkupDepth.Estimate(FixturePages.Article()), 1, 20);
    }
}
