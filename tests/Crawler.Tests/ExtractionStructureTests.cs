namespace MediaMonitor.Crawler.Tests;

public sealed class ExtractionStructureTests
{
    private static readonly Uri PageUri = new("https://harbour.example/news/2026/11/24/notes");

    private static string Sentence(int i) =>
        $"Item {i}: the harbour authority fixed the lock gate number {i}, which had been leaking since the spring storms, and the ferry timetable is back to normal.";

    [Fact]
    public void Soft_hyphens_and_zero_width_spaces_inside_words_are_left_out_of_the_text()
    {
        var paragraphs = string.Concat(Enumerable.Range(1, 5).Select(i => $"<p>{Sentence(i)}</p>"));
        var html = $"""
            <html><body><article>
              <p>W&auml;h&shy;rend the fes&shy;tival the lock&#8203;keepers open the gates&#xFEFF; to visitors, and the har&#x2060;bour master explains how the tide works.</p>
              {paragraphs}
            </article></body></html>
            """;

        var text = ArticleExtractor.Extract(html, PageUri).Text;

        Assert.Contains("Während the festival the lockkeepers open the gates to visitors, and the harbour master", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_article_written_as_lists_of_sentences_is_chosen_over_a_long_comment()
    {
        var items = string.Concat(Enumerable.Range(1, 12).Select(i => $"<li>{Sentence(i)}</li>"));
        var comment = "I have a question about the ferries, which I take every day, and which were late, crowded, cold, slow, and, frankly, "
            + "a disgrace to the town, the county, the region, and everyone who has to rely on them, morning, noon, and night, all year round.";
        var html = $"""
            <html><body>
              <div class="post"><h2>Highlights</h2><ul>{items}</ul></div>
              <section id="discussion"><div><blockquote><p>{comment}</p></blockquote></div></section>
            </body></html>
            """;

        var text = ArticleExtractor.Extract(html, PageUri).Text;

        Assert.Contains(Sentence(1), text, StringComparison.Ordinal);
        Assert.Contains(Sentence(12), text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rest_of_an_article_inside_a_read_more_expander_is_kept_and_a_read_more_link_is_not()
    {
        var first = string.Concat(Enumerable.Range(1, 6).Select(i => $"<p>{Sentence(i)}</p>"));
        var rest = string.Concat(Enumerable.Range(7, 4).Select(i => $"<p>{Sentence(i)}</p>"));
        var html = $"""
            <html><body><article>
              {first}
              <div id="read-more"><div id="read-more-link"><a href="/more">Read more</a></div><div id="read-more-content">{rest}</div></div>
              <div class="read-more"><a href="/other">Read more: Lock gates across the county</a></div>
            </article></body></html>
            """;

        var text = ArticleExtractor.Extract(html, PageUri).Text;

        Assert.Contains(Sentence(10), text, StringComparison.Ordinal);
        Assert.DoesNotContain("Lock gates across the county", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_article_split_into_blocks_of_one_kind_between_figures_is_kept_whole()
    {
        static string Deep(string paragraphs) => $"<section><div><div><div><div>{paragraphs}</div></div></div></div></section>";
        var html = $"""
            <html><body><div id="post">
              <div class="story-block">{Deep($"<p>{Sentence(1)}</p><p>{Sentence(2)}</p>")}</div>
              <figure><img src="a.jpg"><figcaption>The lock gate</figcaption></figure>
              <div class="story-block">{Deep(string.Concat(Enumerable.Range(3, 8).Select(i => $"<p>{Sentence(i)}</p>")))}</div>
              <div class="related"><a href="/x">Other news</a></div>
            </div></body></html>
            """;

        var text = ArticleExtractor.Extract(html, PageUri).Text;

        Assert.Contains(Sentence(1), text, StringComparison.Ordinal);
        Assert.Contains(Sentence(10), text, StringComparison.Ordinal);
        Assert.DoesNotContain("Other news", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pictures_caption_and_credit_are_left_out_and_a_tables_caption_is_kept()
    {
        var body = string.Concat(Enumerable.Range(1, 6).Select(i => $"<p>{Sentence(i)}</p>"));
        var html = $"""
            <html><body><article>
              {body}
              <figure><img src="gate.jpg"><figcaption>Divers inspect the lock gate at low tide. Photo: Ana Ruiz / Harbour Press</figcaption></figure>
              <div class="wp-caption"><img src="quay.jpg"><p class="wp-caption-text">The quay before the storm</p></div>
              <table><caption>Ferry departures restored this week</caption><tr><td>Monday, Tuesday, Wednesday: every hour from six, with the late boat at ten.</td></tr></table>
              <p>{Sentence(7)}</p>
            </article></body></html>
            """;

        var text = ArticleExtractor.Extract(html, PageUri).Text;

        Assert.Contains(Sentence(7), text, StringComparison.Ordinal);
        Assert.DoesNotContain("Divers inspect the lock gate", text, StringComparison.Ordinal);
        Assert.DoesNotContain("The quay before the storm", text, StringComparison.Ordinal);
        Assert.Contains("Ferry departures restored this week", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_standfirst_set_above_the_body_in_the_articles_header_opens_the_text()
    {
        const string standfirst = "After eight months of repairs the north lock reopens on Monday, and the ferries return to their summer timetable.";
        var body = string.Concat(Enumerable.Range(1, 6).Select(i => $"<p>{Sentence(i)}</p>"));
        var html = $"""
            <html><body><article>
              <header><h1>The north lock reopens</h1><p class="article-lead">{standfirst}</p></header>
              <div class="article-body"><div class="text">{body}</div></div>
              <aside><p class="teaser-text">A teaser for another story that sits beside this one and must stay out.</p></aside>
            </article></body></html>
            """;

        var text = ArticleExtractor.Extract(html, PageUri).Text;

        Assert.StartsWith(standfirst, text, StringComparison.Ordinal);
        Assert.Contains(Sentence(6), text, StringComparison.Ordinal);
        Assert.DoesNotContain("A teaser for another story", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unmarked_standfirst_between_the_headline_and_the_body_opens_the_text()
    {
        const string standfirst = "After eight months of repairs the north lock reopens on Monday, and the ferries return to their summer timetable.";
        var body = string.Concat(Enumerable.Range(1, 6).Select(i => $"<p>{Sentence(i)}</p>"));
        var html = $"""
            <html><body><article>
              <div class="head"><h1>The north lock reopens</h1><div class="date">24 Nov 2026</div><p>{standfirst}</p></div>
              <div class="article-body"><div class="text">{body}</div></div>
            </article></body></html>
            """;

        var text = ArticleExtractor.Extract(html, PageUri).Text;

        Assert.StartsWith(standfirst, text, StringComparison.Ordinal);
        Assert.DoesNotContain("24 Nov 2026", text, StringComparison.Ordinal);
        Assert.Contains(Sentence(6), text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_article_split_by_a_page_builder_into_text_blocks_in_separate_rows_is_kept_whole()
    {
        static string Row(string rowClass, string paragraphs) =>
            $"<section class=\"{rowClass}\"><div class=\"col\"><div class=\"text-block\">{paragraphs}</div><figure><img src=\"{rowClass}.jpg\"></figure></div></section>";
        var html = $"""
            <html><body><div class="page">
              {Row("row-one", $"<p>{Sentence(1)}</p><p>{Sentence(2)}</p>")}
              <div class="gallery"><img src="g1.jpg"><img src="g2.jpg"></div>
              {Row("row-two", string.Concat(Enumerable.Range(3, 8).Select(i => $"<p>{Sentence(i)}</p>")))}
              {Row("row-three", "<p><a href=\"/a\">Lock gates across the county</a> <a href=\"/b\">Ferry fares for the winter season</a></p>")}
            </div></body></html>
            """;

        var text = ArticleExtractor.Extract(html, PageUri).Text;

        Assert.StartsWith(Sentence(1), text, StringComparison.Ordinal);
        Assert.Contains(Sentence(10), text, StringComparison.Ordinal);
        Assert.DoesNotContain("Lock gates across the county", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quoted_post_is_kept_whatever_its_class_name_says()
    {
        const string post = "The north lock is open again from Monday at six, and the first ferry leaves on time. Thank you for your patience.";
        var body = string.Concat(Enumerable.Range(1, 5).Select(i => $"<p>{Sentence(i)}</p>"));
        var html = $"""
            <html><body><article>
              {body}
              <blockquote class="twitter-tweet"><p>{post}</p>&mdash; Harbour Authority (@harbour) <a href="https://social.example/harbour/1">November 24, 2026</a></blockquote>
              <p>{Sentence(6)}</p>
            </article></body></html>
            """;

        var text = ArticleExtractor.Extract(html, PageUri).Text;

        Assert.Contains(post, text, StringComparison.Ordinal);
        Assert.Contains(Sentence(6), text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_authors_biography_box_inside_the_article_is_left_out()
    {
        var body = string.Concat(Enumerable.Range(1, 6).Select(i => $"<p>{Sentence(i)}</p>"));
        var html = $"""
            <html><body><article>
              {body}
              <div class="author-box-content"><p>Jane Marsh has written about harbours, ferries and the weather for the Gazette since 2009.</p></div>
            </article></body></html>
            """;

        var text = ArticleExtractor.Extract(html, PageUri).Text;

        Assert.Contains(Sentence(6), text, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane Marsh has written", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_paragraph_that_is_mostly_a_link_to_another_story_is_left_out_and_prose_with_links_stays()
    {
        const string prose = "The harbour master, who <a href=\"/people/ana\">spoke to the council</a> on Tuesday, said the gates had held through three storms.";
        var html = $"""
            <html><body><article>
              <p>{Sentence(1)}</p><p>{Sentence(2)}</p>
              <p><a href="/2026/11/fares">Ferry fares rise again for the winter season</a></p>
              <p>{prose}</p>
              {string.Concat(Enumerable.Range(3, 5).Select(i => $"<p>{Sentence(i)}</p>"))}
            </article></body></html>
            """;

        var text = ArticleExtractor.Extract(html, PageUri).Text;

        Assert.DoesNotContain("Ferry fares rise again", text, StringComparison.Ordinal);
        Assert.Contains("The harbour master, who spoke to the council on Tuesday", text, StringComparison.Ordinal);
        Assert.Contains(Sentence(7), text, StringComparison.Ordinal);
    }
}
