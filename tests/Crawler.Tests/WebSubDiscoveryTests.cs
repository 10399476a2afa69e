namespace MediaMonitor.Crawler.Tests;

public sealed class WebSubDiscoveryTests
{
    private static readonly Uri Fetched = new("https://herald.example/feeds/main.xml");

    [Fact]
    public void Link_headers_name_the_hub_and_self_resolved_against_the_fetched_url()
    {
        var links = WebSubLinks.FromLinkHeaders(
            ["<https://hub.example/>; rel=\"hub\", </feeds/main.xml?v=1>; rel=\"self\"", "<https://herald.example/>; rel=\"alternate\""], Fetched);

        Assert.Equal(new WebSubLinks("https://hub.example/", "https://herald.example/feeds/main.xml?v=1"), links);
    }

    [Fact]
    public void A_link_header_with_several_rel_values_and_a_comma_in_a_quoted_parameter_is_read_whole()
    {
        var links = WebSubLinks.FromLinkHeaders(["<https://push.example/hub>; title=\"a, b\"; rel=\"hub self\""], Fetched);

        Assert.Equal(new WebSubLinks("https://push.example/hub", "https://push.example/hub"), links);
    }

    [Fact]
    public void Link_headers_without_a_hub_or_with_a_non_http_hub_advertise_nothing()
    {
        Assert.Null(WebSubLinks.FromLinkHeaders(["<https://herald.example/feeds/main.xml>; rel=\"self\""], Fetched));
        Assert.Null(WebSubLinks.FromLinkHeaders(["<ftp://hub.example/>; rel=\"hub\""], Fetched));
        Assert.Null(WebSubLinks.FromLinkHeaders([], Fetched));
    }

    [Fact]
    public void An_atom_feed_advertises_its_hub_and_self_with_link_elements()
    {
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes("""
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Herald</title>
              <link rel="alternate" href="https://herald.example/"/>
              <link rel="hub" href="https://pubsubhubbub.example/"/>
              <link rel="self" href="https://herald.example/atom.xml"/>
              <entry><title>One</title><link href="https://herald.example/one"/><id>one</id></entry>
            </feed>
            """), Fetched);

        Assert.Equal(new WebSubLinks("https://pubsubhubbub.example/", "https://herald.example/atom.xml"), feed.Push);
        Assert.Equal("https://herald.example/one", Assert.Single(feed.Items).Link);
    }

    [Fact]
    public void An_rss_channel_advertises_its_hub_with_atom_link_and_a_relative_href_is_resolved()
    {
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes("""
            <?xml version="1.0"?>
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
              <channel>
                <title>Herald</title>
                <link>https://herald.example/</link>
                <atom:link rel="hub" href="/hub"/>
                <item><title>One</title><link>https://herald.example/one</link></item>
              </channel>
            </rss>
            """), Fetched);

        Assert.Equal(new WebSubLinks("https://herald.example/hub", null), feed.Push);
        Assert.Equal("https://herald.example/", feed.Link);
    }

    [Fact]
    public void A_json_feed_advertises_a_websub_hub_in_hubs()
    {
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes("""
            {"version":"https://jsonfeed.org/version/1.1","title":"Herald","feed_url":"https://herald.example/feed.json",
             "hubs":[{"type":"rssCloud","url":"https://cloud.example/"},{"type":"WebSub","url":"https://hub.example/"}],
             "items":[{"id":"1","url":"https://herald.example/one"}]}
            """), Fetched);

        Assert.Equal(new WebSubLinks("https://hub.example/", "https://herald.example/feed.json"), feed.Push);
    }

    [Fact]
    public void A_feed_without_a_hub_advertises_nothing()
    {
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes("""<rss version="2.0"><channel><title>x</title><item><link>https://herald.example/one</link></item></channel></rss>"""), Fetched);

        Assert.Null(feed.Push);
        Assert.Null(WebSubLinks.Choose(null, feed.Push, Fetched));
    }

    [Fact]
    public void Link_headers_win_over_the_document_and_the_fetched_url_is_the_topic_when_no_self_is_named()
    {
        var headers = new WebSubLinks("https://header-hub.example/", null);
        var document = new WebSubLinks("https://doc-hub.example/", "https://herald.example/self.xml");

        Assert.Equal(("https://header-hub.example/", "https://herald.example/self.xml"), WebSubLinks.Choose(headers, document, Fetched));
        Assert.Equal(("https://doc-hub.example/", "https://herald.example/self.xml"), WebSubLinks.Choose(null, document, Fetched));
        Assert.Equal(("https://header-hub.example/", Fetched.AbsoluteUri), WebSubLinks.Choose(headers, null, Fetched));
    }
}
