namespace MediaMonitor.Deduplication.Tests;

/// <summary>Short items inside site templates larger than they are: what the template rules must match and keep apart.</summary>
public sealed class TemplatedShortItemTests
{
    private const string Brief =
        "Rail operator Nordbanen will close the Kvarnholm tunnel for nine days from March 4 to replace worn track and signalling cables that failed twice during the winter, the company said on Monday.\n\n" +
        "About 14,000 passengers a day use the line, and replacement buses will run every ten minutes between Solberga and Ekdal during the works.";

    private const string OtherBrief =
        "The Ekdal football club signed goalkeeper Tomas Varga on a two-year contract, its director Lena Brask said after training on Thursday.\n\n" +
        "Varga, 31, played 140 league games for Harlow Albion and replaces the injured first choice for the rest of the season.";

    private static readonly string[] Template =
    [
        "Westmoor Tribune", "Front page Nation Global Economy Finance Companies Football Culture Comment Photos Podcasts Jobs",
        "Filed under: railways, transport, Ekdal, Solberga", "Trending now",
        "Mayor Helena Ostberg opens Saltbay bridge after eleven years of planning",
        "Heavy rain floods lower Ekdal as river rises to record level overnight", "Council of Norrvik approves repairs for eleven schools",
        "Farmers in the valley fear the late potato harvest is lost", "Volunteers fill sandbags through the night at the sports hall",
        "Who we are • Contact the newsroom • Media kit • Data protection • Imprint • Complaints • RSS feeds",
        "All content copyright Westmoor Tribune Publishing Group 2005; reproduction prohibited",
    ];

    /// <summary>A site's page: navigation without separators, the item, tags, a related-stories block of other headlines, footer links.</summary>
    private static string OnSiteA(string item) => string.Join("\n\n", Template.Take(2).Append(item).Concat(Template.Skip(2)));

    /// <summary>The same site with notices that read like sentences (cookie, membership): only learning what repeats removes them.</summary>
    private static string OnSiteAWithNotices(string item) =>
        "By using our site you consent to the processing of your data and to the use of tracking technologies as described in our privacy notice.\n\n" +
        OnSiteA(item) +
        "\n\nEnjoy this story? Become a member of Westmoor Tribune and support independent reporting for less than a coffee a month.";

    /// <summary>Another site's page around the same kind of item: other wording, other layout.</summary>
    private static string OnSiteB(string item) =>
        "Home | News | World | Business | Markets | Sport\n\nRelated: Bridge tolls start next month as commuters protest in Norrvik\n\n" +
        item + "\n\n" +
        "You may also like\n\nFarmers in the valley fear the late potato harvest is lost\n\nVolunteers fill sandbags through the night at the sports hall\n\n" +
        "About us\n\nContact\n\nAdvertise with us\n\nPrivacy policy\n\nCopyright Harbour Herald Ltd 2005";

    private static int Words(string text) => text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length;

    private static string CompanyBrief(string company, string person, int jobs, int percent, int saving, string place) =>
        $"{company} said on Tuesday it would cut {jobs} jobs, or {percent} percent of its workforce, to save {saving} million euros a year by 1999. " +
        $"Chief executive {person} said the plants in {place} would be hit hardest, and the company employs about {jobs * 9} people.";

    private static ArticleFingerprint Print(string text, Func<ulong, bool>? known = null) => new Fingerprinter().Create("Headline", text, known);

    private static double Score(ArticleFingerprint a, ArticleFingerprint b) => DedupDecider.Score(FingerprintSimilarity.Between(a, b));

    [Fact]
    public void A_short_item_copied_into_an_unseen_template_larger_than_the_item_is_a_duplicate()
    {
        Assert.True(Words(OnSiteA(Brief)) - Words(Brief) > Words(Brief), "the template outweighs the item");
        var original = Print(OnSiteB(Brief));
        var copy = Print(OnSiteA(Brief));
        Assert.True(Score(original, copy) >= 0.9, FingerprintSimilarity.Between(original, copy).ToString());
    }

    [Fact]
    public void A_short_item_copied_with_its_lead_only_into_another_template_is_a_duplicate()
    {
        var lead = Brief[..Brief.IndexOf("\n\n", StringComparison.Ordinal)];
        var original = Print(OnSiteB(Brief));
        var copy = Print(OnSiteA(lead));
        Assert.True(Score(original, copy) > 0, FingerprintSimilarity.Between(original, copy).ToString());
    }

    [Fact]
    public void Lines_a_site_repeats_across_three_stories_are_learned_as_its_boilerplate_and_the_item_keeps_only_its_own_words()
    {
        var learner = new SiteBoilerplate(TimeSpan.FromDays(7));
        var at = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var fingerprinter = new Fingerprinter();
        string[] pages = [OnSiteAWithNotices(OtherBrief), OnSiteAWithNotices(CompanyBrief("Corvex Mining", "Ben Adeyemi", 800, 12, 90, "Ekdal")), OnSiteAWithNotices(Stories.Flood)];
        for (var i = 0; i < pages.Length; i++)
        {
            // Nothing is known before the third story has shown the template.
            Assert.Null(learner.KnownLines("westmoor-tribune.test", at.AddHours(i)));
            fingerprinter.Create("Headline", pages[i], learner.KnownLines("westmoor-tribune.test", at));
            learner.Observe("westmoor-tribune.test", fingerprinter.LineKeys, Guid.NewGuid(), at.AddHours(i));
        }

        var known = learner.KnownLines("westmoor-tribune.test", at.AddHours(4));
        Assert.NotNull(known);
        var page = Print(OnSiteAWithNotices(Brief), known);
        Assert.Equal(Print(Brief).ExactHash, page.ExactHash);
        Assert.NotEqual(Print(Brief).ExactHash, Print(OnSiteAWithNotices(Brief)).ExactHash);
        // Another site, or the same site after the window, has learned nothing.
        Assert.Null(learner.KnownLines("harbour-herald.example", at));
        Assert.False(learner.KnownLines("westmoor-tribune.test", at.AddDays(30))!(fingerprinter.LineKeys[0]));
    }

    [Fact]
    public void A_story_a_site_runs_three_times_teaches_nothing()
    {
        var learner = new SiteBoilerplate(TimeSpan.FromDays(7));
        var at = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var fingerprinter = new Fingerprinter();
        var group = Guid.NewGuid();
        for (var i = 0; i < 3; i++)
        {
            fingerprinter.Create("Headline", OnSiteAWithNotices(Stories.Bridge), null);
            learner.Observe("westmoor-tribune.test", fingerprinter.LineKeys, group, at.AddHours(i));
        }

        Assert.Null(learner.KnownLines("westmoor-tribune.test", at.AddHours(4)));
    }

    [Fact]
    public void Two_briefs_of_one_template_on_one_site_with_other_companies_and_figures_are_not_copies_nor_one_story()
    {
        var a = OnSiteA(CompanyBrief("Corvex Mining", "Ben Adeyemi", 800, 12, 90, "Ekdal"));
        var b = OnSiteA(CompanyBrief("Halvorsen Foods", "Luca Ferri", 350, 7, 40, "Solberga"));
        Assert.Equal(0, Score(Print(a), Print(b)));

        var index = new InMemoryDedupIndex(TimeSpan.FromDays(30), TimeSpan.FromHours(36));
        var at = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var first = index.Add(Guid.NewGuid(), "Corvex to cut jobs", a, at, "westmoor-tribune.test");
        var second = index.Add(Guid.NewGuid(), "Halvorsen to cut jobs", b, at.AddHours(1), "westmoor-tribune.test");
        Assert.Null(second.DuplicateOf);
        Assert.NotEqual(first.StoryId, second.StoryId);
    }

    [Fact]
    public void Two_unrelated_short_items_sharing_only_their_sites_template_are_not_copies_nor_one_story()
    {
        Assert.Equal(0, Score(Print(OnSiteA(Brief)), Print(OnSiteA(OtherBrief))));

        var index = new InMemoryDedupIndex(TimeSpan.FromDays(30), TimeSpan.FromHours(36));
        var at = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var first = index.Add(Guid.NewGuid(), "Tunnel closes for nine days", OnSiteA(Brief), at, "westmoor-tribune.test");
        var second = index.Add(Guid.NewGuid(), "Ekdal signs a goalkeeper", OnSiteA(OtherBrief), at.AddHours(1), "westmoor-tribune.test");
        Assert.Null(second.DuplicateOf);
        Assert.NotEqual(first.StoryId, second.StoryId);
    }
}
