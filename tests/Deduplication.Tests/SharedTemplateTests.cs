namespace MediaMonitor.Deduplication.Tests;

/// <summary>
/// Outlets built on one publishing platform carry its template under their own names. Learned across sites, it is known
/// on a site's first pages too, where a short item would otherwise be judged a copy of the site's previous page by the
/// template they share.
/// </summary>
public sealed class SharedTemplateTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    internal static readonly string[] Outlets = ["Westmoor Express", "Kestrel Courier", "Valley Ledger", "Delta Observer"];

    internal static string Host(string outlet) => outlet.ToLowerInvariant().Replace(' ', '-') + ".test";

    /// <summary>The platform's page: the outlet's name in sentence-like notices that survive every shape rule.</summary>
    internal static string Page(string outlet, string body) => string.Join("\n\n",
        outlet, "Football", "Front page", "Tech", "Economy", body,
        $"Download the {outlet} app for breaking news alerts straight to your phone.",
        $"{outlet} and its partners process personal data such as your IP address for ads, measurement and product development.",
        "Who we are Syndication Imprint RSS feeds Complaints Media kit Archive Newsletters",
        $"Material on {outlet} may not be republished without permission.");

    // Invented text (no corpus text in the repository): a news item, and a results table of short lines.
    private const string Quake =
        "SALTBAY - A tremor shook the northern coast of Varland early on Thursday, rattling windows in three harbour towns, but no one was hurt, the coastguard said.\n\n" +
        "It said the tremor, centred under the bay near the fishing village of Orrholm, was felt as far inland as Ekdal, and a few chimneys were damaged in Kvarnby.";

    private const string Results =
        "EKDAL - Results of the Varland second league\n\nmatches played on Saturday:\n\nOrrholm Rovers 2 Kvarnby United 1\n\nSaltbay Athletic 0 Ekdal Town 3\n\n" +
        "Norrvik City 4 Solberga Wanderers 4\n\nHarlow Albion 1 Brask Rangers 0\n\nVarga Park 2 Lindholm Harbour 2\n\nOstberg Miners 5 Kvarn Valley 1";

    private static readonly string[] Bodies =
    [
        "Officials said on Monday that the new water treatment works would open next spring after a long delay caused by funding disputes.\n\nThe works will serve about 40,000 homes, the council said, and residents were asked to report any discolouration.",
        "The harbour authority approved a second ferry berth on Tuesday, ending three years of argument between fishermen and the port's owners.\n\nConstruction starts in May and the berth should take its first sailing before the summer timetable begins.",
        "A regional orchestra cancelled its winter tour after the main concert hall failed a fire inspection, its director told reporters.\n\nTicket holders will be refunded in full, and the orchestra hopes to play the programme in the autumn instead.",
        "Police closed the coastal road for six hours after a landslide buried both lanes near the lighthouse, a spokeswoman said.\n\nEngineers were checking the cliff for further movement and warned drivers to expect delays through the weekend.",
    ];

    internal static string Story(int i) => Bodies[i % Bodies.Length];

    [Fact]
    public void A_platform_line_learned_on_three_sites_under_their_names_is_known_on_a_site_seen_for_the_first_time()
    {
        var learner = new SiteBoilerplate(TimeSpan.FromDays(7));
        var fingerprinter = new Fingerprinter();
        for (var i = 0; i < 3; i++)
        {
            var site = Host(Outlets[i]);
            fingerprinter.Create("Headline", Page(Outlets[i], Story(i)), learner.KnownLines(site, At), SiteBoilerplate.NameTerms(site));
            learner.Observe(site, fingerprinter.LineKeys, Guid.NewGuid(), At.AddHours(i));
        }

        var newcomer = Host(Outlets[3]);
        fingerprinter.Create("Headline", Page(Outlets[3], Story(3)), null, SiteBoilerplate.NameTerms(newcomer));
        var known = learner.KnownLines(newcomer, At.AddHours(4));
        Assert.NotNull(known);
        var keys = fingerprinter.LineKeys;
        // The app pitch and the data notice are the 7th and 8th lines (after name, four menu lines, and the two body lines).
        Assert.True(known(keys[7]), "the app pitch under the newcomer's name is the platform's line");
        Assert.True(known(keys[8]), "the data notice under the newcomer's name is the platform's line");
        Assert.False(known(keys[5]), "the newcomer's own story is not boilerplate");
    }

    [Fact]
    public void A_syndicated_story_on_many_sites_teaches_no_boilerplate_because_it_is_one_story()
    {
        var learner = new SiteBoilerplate(TimeSpan.FromDays(7));
        var fingerprinter = new Fingerprinter();
        var story = Guid.NewGuid();
        foreach (var outlet in Outlets.Take(3))
        {
            fingerprinter.Create("Headline", Quake, null, SiteBoilerplate.NameTerms(Host(outlet)));
            learner.Observe(Host(outlet), fingerprinter.LineKeys, story, At);
        }

        Assert.Null(learner.KnownLines(Host(Outlets[3]), At.AddHours(1)));
    }

    [Fact]
    public void Lines_of_three_stories_on_one_site_are_that_sites_boilerplate_only()
    {
        var learner = new SiteBoilerplate(TimeSpan.FromDays(7));
        var fingerprinter = new Fingerprinter();
        var site = Host(Outlets[0]);
        for (var i = 0; i < 3; i++)
        {
            fingerprinter.Create("Headline", Page(Outlets[0], Story(i)), null, SiteBoilerplate.NameTerms(site));
            learner.Observe(site, fingerprinter.LineKeys, Guid.NewGuid(), At.AddHours(i));
        }

        var appPitch = fingerprinter.LineKeys[7];
        Assert.True(learner.KnownLines(site, At.AddHours(4))!(appPitch));
        Assert.Null(learner.KnownLines(Host(Outlets[1]), At.AddHours(4)));
    }

    [Fact]
    public void On_a_new_site_of_a_known_platform_a_results_table_is_not_a_copy_of_the_previous_page_by_their_shared_template()
    {
        var index = new InMemoryDedupIndex(TimeSpan.FromDays(30), TimeSpan.FromHours(36));
        for (var i = 0; i < 3; i++)
        {
            index.Add(Guid.NewGuid(), $"Water works {i}", Page(Outlets[i], Story(i)), At.AddHours(i), Host(Outlets[i]));
        }

        var newcomer = Host(Outlets[3]);
        var quake = index.Add(Guid.NewGuid(), "Tremor shakes the northern coast", Page(Outlets[3], Quake), At.AddHours(5), newcomer);
        var results = index.Add(Guid.NewGuid(), "SOCCER - VARLAND SECOND LEAGUE RESULTS", Page(Outlets[3], Results), At.AddHours(6), newcomer);
        Assert.Null(results.DuplicateOf);
        Assert.NotEqual(quake.StoryId, results.StoryId);

        // Its copy on another site of the platform still is one.
        var copy = index.Add(Guid.NewGuid(), "Varland second league results", Page(Outlets[1], Results), At.AddHours(7), Host(Outlets[1]));
        Assert.NotNull(copy.DuplicateOf);
    }
}
