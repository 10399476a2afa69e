namespace MediaMonitor.Crawler.Tests.Fixtures;

/// <summary>Article pages and feeds written for these tests (no copied articles).</summary>
internal static class FixturePages
{
    public const string ArticleParagraph1 =
        "The river authority opened a new flood barrier on Tuesday, after three years of construction, a long public consultation and two changes of contractor.";

    public const string ArticleParagraph2 =
        "Engineers said the barrier, which spans the estuary at its narrowest point, can be raised within forty minutes, protecting some twelve thousand homes downstream.";

    public const string ArticleParagraph3 =
        "Local residents, many of whom were flooded in the storms of the last decade, welcomed the opening, although some questioned the final cost of the project.";

    public static string Article(string title = "Flood barrier opens on the estuary", string site = "Harbour Gazette") => $$$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>{{{title}}} | {{{site}}}</title>
          <meta property="og:title" content="{{{title}}}">
          <meta property="og:site_name" content="{{{site}}}">
          <meta property="article:published_time" content="2026-11-24T09:30:00+01:00">
          <meta name="author" content="Jane Marsh">
          <link rel="canonical" href="https://harbour.example/news/flood-barrier-opens?utm_source=feed">
          <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"{{{title}}}","datePublished":"2026-11-24T09:30:00+01:00","author":{"@type":"Person","name":"Jane Marsh"}}</script>
          <style>.nav { color: red }</style>
        </head>
        <body>
          <header class="site-header"><a href="/">{{{site}}}</a><nav><a href="/news">News</a><a href="/sport">Sport</a><a href="/weather">Weather</a></nav></header>
          <div class="cookie-banner">We use cookies to improve your experience. <button>Accept all cookies</button></div>
          <main>
            <article class="story">
              <h1>{{{title}}}</h1>
              <p class="byline">By Jane Marsh</p>
              <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
              <div class="story-body">
                <p>{{{ArticleParagraph1}}}</p>
                <p>{{{ArticleParagraph2}}}</p>
                <p>{{{ArticleParagraph3}}}</p>
              </div>
              <div class="tags">Tags: <a href="/t/flood">#flood</a> <a href="/t/estuary">#estuary</a></div>
            </article>
            <section class="comments"><h3>Leave a Comment</h3><p>Great news for the town, finally something done right by the council!</p></section>
            <aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Council budget approved after long debate</a></li><li><a href="/b">New ferry timetable announced for winter</a></li></ul></aside>
          </main>
          <footer><p>Copyright 2026 {{{site}}}. All rights reserved. Contact us at the newsroom desk for corrections.</p></footer>
          <script>console.log("tracking");</script>
        </body>
        </html>
        """;

    public static string Rss(string baseUrl, params (string Path, string Title)[] items) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel>
            <title>Harbour Gazette</title>
            <link>{baseUrl}/</link>
            {string.Concat(items.Select(i => $"<item><title>{i.Title}</title><link>{baseUrl}{i.Path}</link><pubDate>Tue, 24 Nov 2026 08:30:00 GMT</pubDate><guid>{baseUrl}{i.Path}</guid></item>"))}
          </channel>
        </rss>
        """;
}
