namespace MediaMonitor.Crawler.Tests;

public sealed class FeedParserTests
{
    private static readonly Uri FeedUri = new("https://news.example/feeds/main.xml");

    private static ParsedFeed Parse(string xml) => FeedParser.Parse(Encoding.UTF8.GetBytes(xml), FeedUri);

    [Fact]
    public void Rss2_items_are_read_with_title_link_and_date()
    {
        var feed = Parse("""
            <rss version="2.0"><channel><title>News</title><link>https://news.example/</link>
            <item><title>First</title><link>https://news.example/a</link><pubDate>Tue, 24 Nov 2026 08:30:00 +0100</pubDate></item>
            <item><title>Second</title><link>/b</link><pubDate>Mon, 23 Nov 2026 10:00:00 EST</pubDate></item>
            </channel></rss>
            """);
        Assert.Equal("News", feed.Title);
        Assert.False(feed.IsMalformed);
        Assert.Equal(["https://news.example/a", "https://news.example/b"], feed.Items.Select(i => i.Link));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 7, 30, 0, TimeSpan.Zero), feed.Items[0].PublishedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero), feed.Items[1].PublishedAt);
    }

    [Fact]
    public void Rss1_rdf_items_are_read_with_dublin_core_dates()
    {
        var feed = Parse("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://news.example/"><title>RDF News</title><link>https://news.example/</link></channel>
              <item rdf:about="https://news.example/r1"><title>One</title><link>https://news.example/r1</link><dc:date>2026-11-24T08:30:00Z</dc:date></item>
            </rdf:RDF>
            """);
        Assert.Equal("rss 1.0", feed.Format);
        Assert.Equal("RDF News", feed.Title);
        var item = Assert.Single(feed.Items);
        Assert.Equal("https://news.example/r1", item.Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 30, 0, TimeSpan.Zero), item.PublishedAt);
    }

    [Fact]
    public void Atom_entries_resolve_relative_links_against_xml_base()
    {
        var feed = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://other.example/blog/">
              <title type="text">Atom News</title>
              <entry xml:base="posts/"><title>Entry</title><link rel="alternate" type="text/html" href="entry-1.html"/>
                <link rel="enclosure" href="https://cdn.example/a.mp3"/><id>urn:x:1</id><updated>2026-11-24T08:30:00+02:00</updated></entry>
            </feed>
            """);
        Assert.Equal("atom 1.0", feed.Format);
        var entry = Assert.Single(feed.Items);
        Assert.Equal("https://other.example/blog/posts/entry-1.html", entry.Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 6, 30, 0, TimeSpan.Zero), entry.PublishedAt);
    }

    [Fact]
    public void Json_feed_items_are_read()
    {
        var feed = Parse("""
            {"version":"https://jsonfeed.org/version/1.1","title":"JSON News","items":[
              {"id":"1","url":"https://news.example/j1","title":"J1","date_published":"2026-11-24T08:30:00Z"}]}
            """);
        Assert.Equal("json feed 1.1", feed.Format);
        Assert.Equal("https://news.example/j1", Assert.Single(feed.Items).Link);
    }

    [Fact]
    public void Billion_laughs_feed_is_refused_with_a_clear_reason()
    {
        var ex = Assert.Throws<FeedRejectedException>(() => Parse("""
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <rss version="2.0"><channel><title>&lol3;</title></channel></rss>
            """));
        Assert.Contains("entities", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void External_entity_feed_is_refused()
    {
        var ex = Assert.Throws<FeedRejectedException>(() => Parse("""
            <?xml version="1.0"?>
            <!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><title>&xxe;</title></channel></rss>
            """));
        Assert.Contains("refused", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Feed_with_html_entities_and_bare_ampersands_is_recovered_and_flagged_malformed()
    {
        var feed = Parse("""
            <rss version="2.0"><channel><title>Tom &amp; Jerry&nbsp;News</title>
            <item><title>Fish & chips</title><link>https://news.example/f?a=1&b=2</link></item></channel></rss>
            """);
        Assert.True(feed.IsMalformed);
        var item = Assert.Single(feed.Items);
        Assert.Equal("Fish & chips", item.Title);
        Assert.Equal("https://news.example/f?a=1&b=2", item.Link);
    }

    [Fact]
    public void Html_page_is_not_a_feed()
    {
        var ex = Assert.Throws<FeedRejectedException>(() => Parse("<html><head><title>x</title></head><body></body></html>"));
        Assert.Contains("HTML", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Tue, 24 Nov 2026 08:30:00 GMT", "2026-11-24T08:30:00Z")]
    [InlineData("24 Nov 2026 08:30 +0200", "2026-11-24T06:30:00Z")]
    [InlineData("Tue, 24 Nov 26 08:30:00 PST", "2026-11-24T16:30:00Z")]
    [InlineData("2026-11-24T08:30:00.123+05:30", "2026-11-24T03:00:00.123Z")]
    [InlineData("2026-11-24", "2026-11-24T00:00:00Z")]
    [InlineData("20261124T083000Z", "2026-11-24T08:30:00Z")]
    public void Dates_are_read_in_the_common_feed_formats(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FeedDates.TryParse(text));
    }

    [Fact]
    public void Nonsense_date_is_null()
    {
        Assert.Null(FeedDates.TryParse("yesterday-ish"));
    }
}
