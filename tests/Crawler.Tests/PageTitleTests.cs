namespace MediaMonitor.Crawler.Tests;

public sealed class PageTitleTests
{
    private static readonly Uri PageUri = new("https://www.harbour-gazette.example/news/2026/11/24/flood");

    private static string? TitleOf(string head, string body = "") =>
        ArticleExtractor.Extract($"<html><head>{head}</head><body>{body}<p>Some text of the article body.</p></body></html>", PageUri).Title;

    [Fact]
    public void The_declared_title_that_agrees_with_the_title_element_wins_over_a_teaser_headline()
    {
        var title = TitleOf(
            """<title>Flood barrier opens after three years | Harbour Gazette</title><meta property="og:title" content="You will not believe this barrier">"""
            + """<script type="application/ld+json">{"@type":"NewsArticle","headline":"Flood barrier opens after three years"}</script>""");
        Assert.Equal("Flood barrier opens after three years", title);
    }

    [Fact]
    public void A_site_name_suffix_is_cut_only_when_it_names_the_site()
    {
        Assert.Equal("Flood barrier opens", TitleOf("""<title>Flood barrier opens | Harbour Gazette</title><meta property="og:site_name" content="Harbour Gazette">"""));
        Assert.Equal("Flood barrier opens", TitleOf("""<title>Flood barrier opens - harbour-gazette</title>"""));
        Assert.Equal("The river - Chapter 1", TitleOf("""<title>The river - Chapter 1</title><meta property="og:site_name" content="Harbour Gazette">"""));
    }

    [Fact]
    public void The_title_segment_that_is_the_pages_h1_is_the_title_and_a_logo_h1_is_ignored()
    {
        Assert.Equal("New Zealand", TitleOf("<title>New Zealand - Encyclopedia</title>", "<h1><a href=\"/\">Encyclopedia</a></h1><h1>New Zealand</h1>"));
        Assert.Equal("Evolve: Shared Mutable History", TitleOf(
            "<title>Evolve: Shared Mutable History — evolve extension</title>",
            "<h1 class=\"heading\"><a href=\"index.html\">evolve extension</a></h1><h1><a href=\"#id4\">Evolve: Shared Mutable History</a><a class=\"headerlink\" href=\"#x\">¶</a></h1>"));
    }

    [Fact]
    public void Dublin_core_titles_count_in_their_rdfa_form_and_json_ld_in_cdata_is_read()
    {
        Assert.Equal("Preferred title", TitleOf("""<title>Title Element</title><meta property="x:title dc:title" content="Preferred title">"""));
        Assert.Equal("Flood barrier opens after three years", TitleOf(
            "<title>Harbour Gazette</title><script type=\"application/ld+json\">\n//<![CDATA[\n{\"@type\":\"NewsArticle\",\"headline\":\"Flood barrier opens after three years\"}\n//]]>\n</script>"));
    }

    [Fact]
    public void Meta_tags_pushed_into_the_body_by_a_stray_head_element_still_count()
    {
        Assert.Equal("Flood barrier opens", TitleOf("""<title>Flood barrier opens - Harbour Gazette</title><div>stray</div><meta property="og:site_name" content="Harbour Gazette">"""));
    }

    [Fact]
    public void The_visible_headline_wins_over_a_longer_search_title_when_the_title_element_holds_it()
    {
        Assert.Equal("Flood barrier opens", TitleOf(
            """<title>Flood barrier opens: what it means for the quay | Harbour Gazette</title><meta property="og:title" content="Flood barrier opens: what it means for the quay">""",
            "<h1>Flood barrier opens</h1>"));
    }

    [Fact]
    public void A_one_word_h1_naming_the_site_does_not_win_over_the_declared_title()
    {
        Assert.Equal("Walking the old quay", TitleOf(
            """<title>Walking the old quay - Gazette</title><meta property="og:title" content="Walking the old quay">""",
            "<h1>Gazette</h1>"));
    }
}
