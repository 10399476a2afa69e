namespace MediaMonitor.Crawler.Tests;

/// <summary>Furniture inside the article's own container: bylines, time stamps, media labels, related-content sections.</summary>
public sealed class ArticleFurnitureTests
{
    private static readonly Uri PageUri = new("https://harbour.example/news/2026/11/24/lock-gates");

    private static string Sentence(int i) =>
        $"Paragraph {i}: the harbour authority reopened lock gate number {i} on Tuesday, after divers had replaced the seals that failed in the spring storms.";

    private static readonly string Teasers = string.Concat(Enumerable.Range(1, 6).Select(i =>
        $"<p>Teaser {i}: a shorter note on the county's other harbours, their dredging plans and the fees they charge.</p>"));

    private static string Paragraphs(int from, int count) => string.Concat(Enumerable.Range(from, count).Select(i => $"<p>{Sentence(i)}</p>"));

    [Fact]
    public void Byline_time_stamp_and_photo_credit_lines_inside_the_article_are_dropped()
    {
        var html = $"""
            <html><body><article>
              <div>By JANE MARSH and Tomás de la Cruz</div>
              <div>Updated Nov. 24, 2026 at 3:45 PM ET</div>
              {Paragraphs(1, 3)}
              <figure><img src="gate.jpg"><div>Photo</div><div>CreditHarbour Authority</div></figure>
              {Paragraphs(4, 3)}
              <p>22 Dec, 2016</p>
            </article></body></html>
            """;

        var text = ArticleExtractor.Extract(html, PageUri).Text;

        Assert.Equal(string.Join("\n\n", Enumerable.Range(1, 6).Select(Sentence)), text);
    }

    [Fact]
    public void Sentences_that_start_like_a_byline_or_hold_a_date_are_kept()
    {
        var html = $"""
            <html><body><article>
              {Paragraphs(1, 3)}
              <p>By the end of 2026, the gates will be automated.</p>
              <h2>Results for 2026</h2>
              <p>By changesets</p>
              <p>Credit card payments are accepted at the lock office.</p>
              {Paragraphs(4, 3)}
            </article></body></html>
            """;

        var text = ArticleExtractor.Extract(html, PageUri).Text;

        Assert.Contains("By the end of 2026, the gates will be automated.", text, StringComparison.Ordinal);
        Assert.Contains("Results for 2026", text, StringComparison.Ordinal);
        Assert.Contains("By changesets", text, StringComparison.Ordinal);
        Assert.Contains("Credit card payments", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Related stories")]
    [InlineData("Most Popular")]
    [InlineData("Mehr zum Thema")]
    [InlineData("Lea también:")]
    [InlineData("You might also like")]
    [InlineData("Am meisten gelesen")]
    [InlineData("Explore further")]
    public void A_related_content_heading_and_the_links_under_it_are_dropped_and_prose_after_them_kept(string heading)
    {
        var html = $"""
            <html><body><article>
              {Paragraphs(1, 4)}
              <div class="box"><h3><span>{heading}</span></h3>
                <ul><li><a href="/a">Harbour dues rise again this winter</a></li><li><a href="/b">Ferry timetable changes from Monday</a></li></ul></div>
              {Paragraphs(5, 2)}
              <h2>{heading}</h2>
              <div><a href="/c"><img src="c.jpg"></a><a href="/c">Divers find a Roman anchor near the pier</a> <span>Nov 20</span></div>
              <div><a href="/d">New lighthouse keeper appointed</a></div>
            </article></body></html>
            """;

        var text = ArticleExtractor.Extract(html, PageUri).Text;

        Assert.Equal(string.Join("\n\n", Enumerable.Range(1, 6).Select(Sentence)), text);
    }

    [Fact]
    public void A_read_more_line_linking_another_story_is_dropped()
    {
        var html = $"""
            <html><body><article>
              {Paragraphs(1, 3)}
              <p><strong>Read more:</strong> <a href="/x">Lock gates across the county are failing</a></p>
              {Paragraphs(4, 3)}
            </article></body></html>
            """;

        var text = ArticleExtractor.Extract(html, PageUri).Text;

        Assert.DoesNotContain("Lock gates across the county", text, StringComparison.Ordinal);
        Assert.Contains(Sentence(6), text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pages_own_byline_alone_on_a_line_is_dropped()
    {
        var html = $"""
            <html><head><meta name="author" content="Jane Marsh"></head><body><article>
              <p>Jane Marsh</p>
              {Paragraphs(1, 4)}
            </article></body></html>
            """;

        var article = ArticleExtractor.Extract(html, PageUri);

        Assert.Equal("Jane Marsh", article.Byline);
        Assert.StartsWith(Sentence(1), article.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("By Jane Marsh", true)]
    [InlineData("Por Steven Lee Myers, Keith Bradsher y Tariq Panja", true)]
    [InlineData("by Lucas Nolan22 Dec 2016651", true)]
    [InlineData("By 2030 the harbour will be full", false)]
    [InlineData("By", false)]
    [InlineData("By @", false)]
    public void Byline_shapes(string line, bool expected) => Assert.Equal(expected, ArticleFurniture.IsByline(line));

    [Theory]
    [InlineData("Updated 3:45 PM ET", true)]
    [InlineData("24. November 2026, 08:30 Uhr", true)]
    [InlineData("05.12.2026", true)]
    [InlineData("22 de diciembre de 2016", true)]
    [InlineData("2016", false)]
    [InlineData("April 2014", false)]
    [InlineData("3 4", false)]
    [InlineData("December 2016 was the wettest month", false)]
    public void Time_stamp_shapes(string line, bool expected) => Assert.Equal(expected, ArticleFurniture.IsTimeStamp(line));

    [Theory]
    [InlineData("Diesen Artikel teilen")]
    [InlineData("Kommentare geschlossen")]
    [InlineData("Über den Autor")]
    [InlineData("Compartir en Facebook")]
    [InlineData("Laisser un commentaire")]
    [InlineData("Print this article")]
    public void A_share_print_comment_or_about_the_author_line_in_any_of_several_languages_is_dropped(string line)
    {
        var html = $"""
            <html><body><article>
              {Paragraphs(1, 4)}
              <p><strong>{line}</strong></p>
              {Paragraphs(5, 2)}
            </article></body></html>
            """;

        var text = ArticleExtractor.Extract(html, PageUri).Text;

        Assert.Equal(string.Join("\n\n", Enumerable.Range(1, 6).Select(Sentence)), text);
    }

    [Fact]
    public void A_banner_left_unclosed_around_the_whole_page_is_not_taken_for_furniture()
    {
        var html = $"""
            <html><body><div class="page">
              <header class="site-header" role="banner"><a href="/">Harbour Gazette</a>
                <main role="main"><article>{Paragraphs(1, 6)}</article></main>
            </div></body></html>
            """;

        var text = ArticleExtractor.Extract(html, PageUri).Text;

        Assert.Contains(Sentence(1), text, StringComparison.Ordinal);
        Assert.Contains(Sentence(6), text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_aside_left_unclosed_around_the_marked_article_body_is_not_taken_for_furniture()
    {
        var html = $"""
            <html><body><div class="page">
              <nav><a href="/">Home</a> <a href="/harbour">Harbour</a> <a href="/ferries">Ferries</a></nav>
              <aside class="share-box"><a href="/share">Share</a>
                <h1>Lock gate repaired</h1>
                <div class="story" itemprop="articleBody"><p>{Sentence(1)}</p></div>
            </div></body></html>
            """;

        var text = ArticleExtractor.Extract(html, PageUri).Text;

        Assert.Contains(Sentence(1), text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ferries", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_container_named_like_a_menu_that_holds_the_headline_and_the_prose_is_the_article()
    {
        var html = $"""
            <html><body>
              <div class="pane pane-taxomenu-1"><div class="content"><h1>Lock gate repaired</h1>{Paragraphs(1, 5)}</div></div>
              <div class="more"><h2>More</h2>{Teasers}</div>
            </body></html>
            """;

        var text = ArticleExtractor.Extract(html, PageUri).Text;

        Assert.Contains(Sentence(1), text, StringComparison.Ordinal);
        Assert.Contains(Sentence(5), text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_layout_grid_named_after_its_sidebar_is_not_taken_for_the_sidebar()
    {
        var html = $"""
            <html><body>
              <article><header><h1>Lock gate repaired</h1></header>
                <div class="o-row c-fixed-sidebar-layout--140"><div class="o-col">{Paragraphs(1, 5)}</div></div>
              </article>
              <div class="suggested"><h2>Suggested</h2>{Teasers}</div>
            </body></html>
            """;

        var text = ArticleExtractor.Extract(html, PageUri).Text;

        Assert.Contains(Sentence(1), text, StringComparison.Ordinal);
        Assert.Contains(Sentence(5), text, StringComparison.Ordinal);
    }
}
