namespace MediaMonitor.Crawler.Tests;

/// <summary>Pages whose layout hid the article from the container-based extractor (found on real pages with human gold).</summary>
public sealed class ExtractionFallbackTests
{
    private static readonly Uri PageUri = new("https://harbour.example/news/2026/11/24/flood-barrier-opens");

    private static readonly string[] Paragraphs =
        [FixturePages.ArticleParagraph1, FixturePages.ArticleParagraph2, FixturePages.ArticleParagraph3];

    [Fact]
    public void A_form_wrapping_the_whole_page_is_the_page_not_furniture()
    {
        var html = $"""
            <html><body><form method="post" action="./article.aspx" id="aspnetForm">
            <div id="menu"><a href="/">Home</a> <a href="/x">World</a></div>
            <div class="story">{string.Concat(Paragraphs.Select(p => $"<p>{p}</p>"))}</div>
            <div class="footer">About us · Careers · Privacy</div>
            </form></body></html>
            """;

        var article = ArticleExtractor.Extract(html, PageUri);

        Assert.All(Paragraphs, p => Assert.Contains(p, article.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_form_holding_most_of_the_pages_text_is_the_page_even_without_paragraphs()
    {
        static string Step(int i) => $"Step {i}: fold the harbour crab meat into the batter, then bake the cakes for {10 + i} minutes until the edges turn golden and crisp.";
        var steps = string.Concat(Enumerable.Range(1, 8).Select(i => $"<div class=\"step\"><span>{i}</span><div class=\"step-text\">{Step(i)}</div></div>"));
        var html = $"""
            <html><body><div class="top">Harbour Gazette</div><form method="post" action="./recipe.aspx" id="mainform">
            <div class="steps">{steps}</div>
            </form></body></html>
            """;

        var article = ArticleExtractor.Extract(html, PageUri);

        Assert.Contains(Step(8), article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_search_form_beside_the_article_is_still_removed()
    {
        var html = $"""
            <html><body><form action="/search"><label>Search the archive for older flood barrier reports</label><input name="q"></form>
            <article>{string.Concat(Paragraphs.Select(p => $"<p>{p}</p>"))}</article></body></html>
            """;

        var article = ArticleExtractor.Extract(html, PageUri);

        Assert.DoesNotContain("Search the archive", article.Text, StringComparison.Ordinal);
        Assert.Contains(FixturePages.ArticleParagraph1, article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_element_inside_noscript_does_not_swallow_the_article()
    {
        var html = $"""
            <html><body><noscript><div class="js-warning">Please enable JavaScript</noscript>
            <article>{string.Concat(Paragraphs.Select(p => $"<p>{p}</p>"))}</article></body></html>
            """;

        var article = ArticleExtractor.Extract(html, PageUri);

        Assert.All(Paragraphs, p => Assert.Contains(p, article.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void The_block_reading_keeps_prose_split_over_several_containers_and_drops_link_lists()
    {
        var html = $"""
            <html><body>
            <div class="part-one"><p>{FixturePages.ArticleParagraph1}</p></div>
            <ul class="related"><li><a href="/a">Related: harbour dues rise again this winter</a></li><li><a href="/b">Related: ferry timetable changes</a></li></ul>
            <div class="part-two"><p>{FixturePages.ArticleParagraph2}</p></div>
            <div class="part-three"><p>{FixturePages.ArticleParagraph3}</p></div>
            </body></html>
            """;
        using var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

        var (text, good) = ProseBlocks.Extract(document.Body!);

        Assert.Equal(string.Join("\n\n", Paragraphs), text);
        Assert.Equal(Paragraphs.Sum(p => p.Length), good);
    }
}
