using System.Globalization;
using System.Net;
using System.Text;

namespace MediaMonitor.DemoNewsroom;

/// <summary>Renders an article page wrapped in its outlet's boilerplate (navigation, share buttons, comments, footers).</summary>
public static class ArticlePage
{
    public static string Render(NewsItem item, Uri baseAddress, IReadOnlyList<NewsItem> related)
    {
        var url = new Uri(baseAddress, item.Path).AbsoluteUri;
        var published = item.PublishedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<title>").Append(E(item.Headline)).Append(" | ").Append(E(item.Outlet.Name)).Append("</title>\n")
            .Append("<link rel=\"canonical\" href=\"").Append(E(url)).Append("\">\n")
            .Append("<meta name=\"description\" content=\"").Append(E(item.Summary)).Append("\">\n")
            .Append("<meta property=\"og:site_name\" content=\"").Append(E(item.Outlet.Name)).Append("\">\n")
            .Append("<meta property=\"og:type\" content=\"article\">\n")
            .Append("<meta property=\"og:title\" content=\"").Append(E(item.Headline)).Append("\">\n")
            .Append("<meta property=\"og:url\" content=\"").Append(E(url)).Append("\">\n")
            .Append("<meta property=\"article:published_time\" content=\"").Append(published).Append("\">\n")
            .Append("<meta name=\"author\" content=\"").Append(E(item.Byline)).Append("\">\n")
            .Append("</head>\n<body class=\"").Append(item.Outlet.Layout.ToString().ToLowerInvariant()).Append("\">\n");

        Header(html, item);
        html.Append("<main>\n<article>\n<h1>").Append(E(item.Headline)).Append("</h1>\n")
            .Append("<p class=\"byline\">").Append(E(item.Byline)).Append(" &middot; <time datetime=\"").Append(published).Append("\">")
            .Append(item.PublishedAt.ToUniversalTime().ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append("</time></p>\n");
        if (item.Outlet.Layout == OutletLayout.Newspaper)
        {
            html.Append("<p class=\"standfirst\"><strong>").Append(E(item.Summary)).Append("</strong></p>\n");
        }

        foreach (var paragraph in item.Paragraphs)
        {
            html.Append("<p>").Append(E(paragraph)).Append("</p>\n");
        }

        if (item.Outlet.Layout == OutletLayout.Wire && item.Hashtags.Count > 0)
        {
            html.Append("<p class=\"hashtags\">").Append(E(string.Join(' ', item.Hashtags))).Append("</p>\n");
        }

        html.Append("</article>\n");
        AfterArticle(html, item, baseAddress, related);
        html.Append("</main>\n");
        Footer(html, item);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Header(StringBuilder html, NewsItem item)
    {
        var o = item.Outlet;
        html.Append("<header class=\"site-header\">\n<a class=\"logo\" href=\"/").Append(o.Slug).Append("/\">").Append(E(o.Name)).Append("</a>\n")
            .Append("<p class=\"tagline\">").Append(E(o.Tagline)).Append("</p>\n");
        switch (o.Layout)
        {
            case OutletLayout.Blog:
                html.Append("<nav class=\"menu\"><a href=\"/").Append(o.Slug).Append("/\">Home</a> <a href=\"#\">News</a> <a href=\"#\">Opinion</a> <a href=\"#\">Contact</a></nav>\n")
                    .Append("<nav class=\"breadcrumbs\">Home &raquo; News &raquo; ").Append(E(item.Headline)).Append("</nav>\n");
                break;
            case OutletLayout.Newspaper:
                html.Append("<nav class=\"sections\"><a href=\"#\">Politics</a> <a href=\"#\">Economy</a> <a href=\"#\">World</a> <a href=\"#\">Culture</a> <a href=\"#\">Sport</a> <a href=\"#\">Subscribe</a></nav>\n");
                break;
            default:
                html.Append("<nav class=\"wire-nav\"><a href=\"#\">Latest</a> <a href=\"#\">Region</a> <a href=\"#\">Markets</a></nav>\n");
                break;
        }

        html.Append("</header>\n");
    }

    private static void AfterArticle(StringBuilder html, NewsItem item, Uri baseAddress, IReadOnlyList<NewsItem> related)
    {
        switch (item.Outlet.Layout)
        {
            case OutletLayout.Blog:
                html.Append("<div class=\"share\">Share on your profiles, with friends, in groups and on pages: ")
                    .Append("<a href=\"#\">Facebook</a> <a href=\"#\">Telegram</a> <a href=\"#\">VK</a> <a href=\"#\">X</a></div>\n")
                    .Append("<section class=\"comments\"><h2>Leave a Comment</h2>\n<form><textarea name=\"comment\"></textarea>")
                    .Append("<input name=\"author\" placeholder=\"Name\"><button>Post Comment</button></form>\n")
                    .Append("<p class=\"small\">This site moderates comments to reduce spam. Learn how your comment data is processed.</p></section>\n");
                break;
            case OutletLayout.Newspaper:
                html.Append("<aside class=\"related\"><h2>Read also</h2><ul>\n");
                foreach (var other in related.Take(3))
                {
                    html.Append("<li><a href=\"").Append(E(new Uri(baseAddress, other.Path).AbsoluteUri)).Append("\">").Append(E(other.Headline)).Append("</a></li>\n");
                }

                html.Append("</ul></aside>\n<aside class=\"newsletter\"><h2>Morning briefing</h2><p>Get the Capital Courier's top stories in your inbox every day.</p>")
                    .Append("<form><input type=\"email\" placeholder=\"Email\"><button>Sign up</button></form></aside>\n");
                break;
            default:
                html.Append("<div class=\"channels\"><p>Our Telegram channel: @eurasiawire</p><p>Our YouTube channel: Eurasia Wire TV</p></div>\n");
                break;
        }
    }

    private static void Footer(StringBuilder html, NewsItem item) =>
        html.Append("<footer><p>&copy; ").Append(item.PublishedAt.Year).Append(' ').Append(E(item.Outlet.Name))
            .Append(". All rights reserved. Demo content written for MediaMonitor.</p><p><a href=\"#\">Privacy</a> <a href=\"#\">Terms</a> <a href=\"#\">Advertise</a></p></footer>\n");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
