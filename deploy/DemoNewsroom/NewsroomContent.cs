namespace MediaMonitor.DemoNewsroom;

/// <summary>
/// Everything the demo newsroom publishes: three outlets, the syndicated NATO-center story in three versions and a dozen
/// unrelated stories. Items dated in the future stay out of the feeds and pages until their time comes.
/// </summary>
public sealed class NewsroomContent
{
    public static readonly Outlet SteppeHerald = new("steppe-herald", "Steppe Herald", "News from the heart of the steppe", OutletLayout.Blog);
    public static readonly Outlet CapitalCourier = new("capital-courier", "Capital Courier", "The capital's daily since 1998", OutletLayout.Newspaper);
    public static readonly Outlet EurasiaWire = new("eurasia-wire", "Eurasia Wire", "Fast news from across the region", OutletLayout.Wire);

    private NewsroomContent(IReadOnlyList<Outlet> outlets, IReadOnlyList<NewsItem> items)
    {
        Outlets = outlets;
        Items = items;
    }

    public IReadOnlyList<Outlet> Outlets { get; }

    public IReadOnlyList<NewsItem> Items { get; }

    /// <summary>The three copies of the syndicated story, in publication order.</summary>
    public IReadOnlyList<NewsItem> SyndicatedCopies => [.. Items.Where(i => i.IsSyndicatedStory).OrderBy(i => i.PublishedAt)];

    /// <summary>The demo content; the story's first copy appears at <paramref name="storyPublishedAt"/>, the others 4 and 9 minutes later.</summary>
    public static NewsroomContent Create(DateTimeOffset storyPublishedAt)
    {
        var first = storyPublishedAt.ToUniversalTime();
        var items = SyndicatedStory.Copies(SteppeHerald, CapitalCourier, EurasiaWire, first)
            .Concat(OtherStories.For(SteppeHerald, CapitalCourier, EurasiaWire, first))
            .ToList();
        return new NewsroomContent([SteppeHerald, CapitalCourier, EurasiaWire], items);
    }

    /// <summary>Content whose story was published recently enough to count as news now (its last copy a minute ago).</summary>
    public static NewsroomContent CreateRecent(TimeProvider clock) => Create(clock.GetUtcNow().AddMinutes(-10));

    public Outlet? FindOutlet(string slug) => Outlets.FirstOrDefault(o => o.Slug == slug);

    /// <summary>An outlet's items published by <paramref name="now"/>, newest first.</summary>
    public IReadOnlyList<NewsItem> PublishedBy(Outlet outlet, DateTimeOffset now) =>
        [.. Items.Where(i => i.Outlet == outlet && i.PublishedAt <= now).OrderByDescending(i => i.PublishedAt)];

    public NewsItem? FindPublished(string path, DateTimeOffset now) =>
        Items.FirstOrDefault(i => i.Path == path && i.PublishedAt <= now);

    public static string FeedPath(Outlet outlet) => $"/{outlet.Slug}/rss.xml";
}
