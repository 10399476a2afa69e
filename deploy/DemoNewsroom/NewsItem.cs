namespace MediaMonitor.DemoNewsroom;

/// <summary>One demo outlet: its path on the newsroom server, its name and the look of its pages.</summary>
public sealed record Outlet(string Slug, string Name, string Tagline, OutletLayout Layout);

/// <summary>The three page templates; each wraps the article in different boilerplate.</summary>
public enum OutletLayout
{
    /// <summary>Breadcrumbs, share buttons and a "Leave a Comment" form, like a small news blog.</summary>
    Blog = 0,

    /// <summary>A newspaper site: top navigation, related links, newsletter box.</summary>
    Newspaper = 1,

    /// <summary>A wire service: dateline, hashtags under the text, a Telegram/YouTube footer.</summary>
    Wire = 2,
}

/// <summary>One article as an outlet publishes it. All text is written for this demo.</summary>
public sealed record NewsItem(
    Outlet Outlet,
    string Slug,
    string Headline,
    string Summary,
    string Byline,
    DateTimeOffset PublishedAt,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<string> Hashtags)
{
    /// <summary>The page path on the newsroom server, e.g. /steppe-herald/2026/11/29/nato-center-kazakhstan.</summary>
    public string Path => $"/{Outlet.Slug}/{PublishedAt.UtcDateTime:yyyy/MM/dd}/{Slug}";

    /// <summary>True for the copies of the syndicated NATO-center story.</summary>
    public bool IsSyndicatedStory { get; init; }
}
