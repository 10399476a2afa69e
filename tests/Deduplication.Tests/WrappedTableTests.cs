namespace MediaMonitor.Deduplication.Tests;

/// <summary>
/// A table of ranked rows wrapped at a fixed width (wire copy: "5 - Oskar Lindqvist (Orrholm), Matti" / "Sorensen
/// (Saltbay), Jonas Ekberg (Ekdal)"): only a row's first line carries a number. It is the story's text, and its copies
/// missed on several sites do not teach it as a template of every site.
/// </summary>
public sealed class WrappedTableTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    // Invented text (no corpus text in the repository).
    private const string Heading = "KESTREL 2026-11-29 - Leading scorers in the Varland first\n\ndivision after Sunday's matches:";

    private static readonly string[] Rows =
    [
        "5 - Oskar Lindqvist (Orrholm), Henrik Dahl (Kvarnby), Matti",
        "Sorensen (Saltbay), Jonas Ekberg (Ekdal), Pelle",
        "Hagstrom (Norrvik), Anders Brask (Solberga)",
        "4 - Lars Virtanen (Harlow), Erik Moberg (Varga), Nils",
        "Ostberg (Lindholm), Karl Friis (Brask)",
    ];

    private static string Scorers => Heading + "\n\n" + string.Join("\n\n", Rows);

    private static string OnSite(string item) =>
        "Westmoor Tribune\n\nFront page Nation Global Economy Finance Companies Football Culture Comment Photos Podcasts Jobs\n\n" + item +
        "\n\nWho we are • Contact the newsroom • Media kit • Data protection • Imprint • Complaints • RSS feeds";

    private static string OnOtherSite(string item) =>
        "Home | News | World | Business | Markets | Sport\n\nPosted on May 3, 2005 by Tom Okafor\n\n" + item +
        "\n\nFiled under: schools, oil, trials, strikes\n\nTrending now\n\nSOCCER - SPONSORS CASH IN ON THE SHIRT DANCE.\n\nAbout us\n\nContact\n\nCopyright Harbour Herald Ltd 2005";

    private static List<ScannedTerm> Scan(string line)
    {
        var terms = new List<ScannedTerm>();
        TermScanner.Scan(line, terms);
        return terms;
    }

    [Fact]
    public void A_wrapped_table_of_scorers_is_kept_and_its_copy_under_another_template_is_a_copy()
    {
        var original = new Fingerprinter().Create("SOCCER - LEADING VARLAND SCORERS.", OnSite(Scorers));
        var copy = new Fingerprinter().Create("Varland scorers: what we know", OnOtherSite("LONDON, Dec 1 (Metro Wire) - " + Scorers));
        Assert.True(original.TermCount >= 32, $"the rows (32 terms) are kept: {original.TermCount} terms");
        Assert.True(DedupDecider.Score(FingerprintSimilarity.Between(original, copy)) > 0, FingerprintSimilarity.Between(original, copy).ToString());
    }

    [Fact]
    public void A_tag_line_and_a_related_headline_in_capitals_after_the_table_do_not_join_it()
    {
        var withTemplate = new Fingerprinter().Create("Scorers", OnOtherSite(Scorers));
        var bare = new Fingerprinter().Create("Scorers", Scorers);
        Assert.Equal(bare.ExactHash, withTemplate.ExactHash);
    }

    [Fact]
    public void A_sentence_or_a_link_inserted_inside_the_table_does_not_end_it()
    {
        var edited = string.Join("\n\n", Heading, Rows[0], "Readers will remember that the issue has been discussed for some time.", Rows[1], Rows[2],
            "READ MORE: Harbour authority approves a second ferry berth.", Rows[3], Rows[4]);
        var copy = new Fingerprinter().Create("Scorers", OnOtherSite(edited));
        var original = new Fingerprinter().Create("Scorers", OnSite(Scorers));
        Assert.True(copy.TermCount >= 32, $"the rows (32 terms) are kept: {copy.TermCount} terms");
        Assert.True(DedupDecider.Score(FingerprintSimilarity.Between(original, copy)) > 0, FingerprintSimilarity.Between(original, copy).ToString());
    }

    [Fact]
    public void A_dated_byline_above_a_link_and_the_table_does_not_join_it()
    {
        var withByline = new Fingerprinter().Create("Scorers", "Saturday 22 Jan 2005, 05:45\n\nPosted on January 22, 2005 by Tom Okafor\n\nALSO READ: Gopal Sharma\n\n" + string.Join("\n\n", Rows));
        var bare = new Fingerprinter().Create("Scorers", string.Join("\n\n", Rows));
        Assert.Equal(bare.ExactHash, withByline.ExactHash);
    }

    [Fact]
    public void A_list_of_names_is_names_and_a_tag_line_or_a_headline_in_capitals_is_not()
    {
        static bool IsNames(string line) => BoilerplateFilter.IsNames(Scan(line), 0, Scan(line).Count);
        Assert.True(IsNames(Rows[1]));
        Assert.True(IsNames("Ostberg (Lindholm), Karl Friis (Brask), Ulf Sand (PSG),"));
        Assert.False(IsNames("Filed under: schools, oil, trials, strikes"));
        Assert.False(IsNames("SOCCER - SPONSORS CASH IN ON THE SHIRT DANCE."));
        Assert.False(IsNames("Download the Kestrel Courier app for breaking news alerts straight to your phone."));
    }

    [Fact]
    public void A_tables_rows_on_copies_missed_on_three_sites_are_not_learned_as_every_sites_template()
    {
        var learner = new SiteBoilerplate(TimeSpan.FromDays(7));
        var fingerprinter = new Fingerprinter();
        for (var i = 0; i < 3; i++)
        {
            // Each copy judged an original: three stories on three sites as far as learning can tell.
            var site = SharedTemplateTests.Host(SharedTemplateTests.Outlets[i]);
            fingerprinter.Create("Scorers", SharedTemplateTests.Page(SharedTemplateTests.Outlets[i], Scorers), learner.KnownLines(site, At), SiteBoilerplate.NameTerms(site));
            learner.Observe(site, fingerprinter.LineKeys, Guid.NewGuid(), At.AddHours(i));
        }

        var newcomer = SharedTemplateTests.Host(SharedTemplateTests.Outlets[3]);
        var known = learner.KnownLines(newcomer, At.AddHours(4));
        Assert.NotNull(known);
        var names = SiteBoilerplate.NameTerms(newcomer);
        ulong Key(string line) => BoilerplateFilter.LineKey(Scan(line), 0, Scan(line).Count, names);
        Assert.True(known(Key($"Download the {SharedTemplateTests.Outlets[3]} app for breaking news alerts straight to your phone.")), "the platform's line is learned");
        Assert.All(Rows, row => Assert.False(known(Key(row)), $"a row is the story's text: {row}"));
        var copy = new Fingerprinter().Create("Scorers", SharedTemplateTests.Page(SharedTemplateTests.Outlets[3], Scorers), known, names);
        // The five rows are 32 terms.
        Assert.True(copy.TermCount >= 32, $"a later copy keeps its rows: {copy.TermCount} terms");
    }
}
