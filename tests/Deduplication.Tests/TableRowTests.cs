namespace MediaMonitor.Deduplication.Tests;

/// <summary>Tables (results, prices, standings) inside site templates: what makes a row, and what makes a row the template.</summary>
public sealed class TableRowTests
{
    private const string Lead =
        "Results of Yugoslav league soccer matches played on Sunday, the third round of the season, as Partizan and Crvena zvezda kept pace at the top of the first division.";

    private static readonly string[] Template =
    [
        "Westmoor Tribune", "Front page Nation Global Economy Finance Companies Football Culture Comment Photos Podcasts Jobs",
        "Who we are • Contact the newsroom • Media kit • Data protection • Imprint • Complaints • RSS feeds",
    ];

    private static string Results(int a, int b, int c, int d) =>
        $"Vojvodina {a} Partizan {b}\nCrvena zvezda {c} Proleter {d}\nRadnicki {b} Sloboda {a}\nObilic {d} Buducnost {c}\nRudar {a} Zeleznik {c}";

    private static string OnSite(string item) => string.Join("\n\n", Template.Take(2).Append(item).Concat(Template.Skip(2)));

    private static string OnOtherSite(string item) =>
        "Home | News | World | Business | Markets | Sport\n\nPosted on May 3, 2005 by Tom Okafor\n\n" + item + "\n\nAbout us\n\nContact\n\nCopyright Harbour Herald Ltd 2005";

    private static List<ScannedTerm> Scan(string line)
    {
        var terms = new List<ScannedTerm>();
        TermScanner.Scan(line, terms);
        return terms;
    }

    private static ulong Key(string line)
    {
        var terms = Scan(line);
        return BoilerplateFilter.LineKey(terms, 0, terms.Count);
    }

    private static double Score(ArticleFingerprint a, ArticleFingerprint b) => DedupDecider.Score(FingerprintSimilarity.Between(a, b));

    [Fact]
    public void A_short_results_item_keeps_its_rows_and_another_days_results_under_the_same_heading_are_another_text()
    {
        // Four rows are a table, but too few words for the shape rules alone: the lines taken instead must keep the rows,
        // or the item is its heading alone, the same text every day (and its copy shares nothing with it).
        const string Heading = "Results of Varland baseball league games played on Saturday (home team in capitals):";
        var saturday = Heading + "\n\nORRHOLM 6 Kvarnby 5\n\nSALTBAY 3 Ekdal 1\n\nNorrvik 3 BRASK 0\n\nHARLOW 5 Solberga 3";
        var sunday = Heading + "\n\nKVARNBY 2 Orrholm 7\n\nEKDAL 4 Saltbay 4\n\nBrask 1 NORRVIK 2\n\nSOLBERGA 8 Harlow 6";
        var print = new Fingerprinter().Create("Baseball results", OnOtherSite(saturday));
        Assert.NotEqual(new Fingerprinter().Create("Baseball results", OnOtherSite(sunday)).ExactHash, print.ExactHash);
        Assert.Equal(new Fingerprinter().Create("Results", saturday).ExactHash, print.ExactHash);
        Assert.True(print.TermCount > 20, $"{print.TermCount} terms");
    }

    [Fact]
    public void A_row_whose_label_is_wrapped_onto_its_figures_line_stays_in_the_table()
    {
        // Wire tables wrap long labels: "International reserves and" / "other foreign assets ...". The label's line has no
        // figure; counted as a line that ends the table, no run of rows is long enough and the table is dropped.
        const string Sentence = "Varland's gross foreign debt rose to 27.5 billion crowns in October from 27.2 billion in September, the central bank said on Friday.";
        const string Wrapped =
            "FIGURES IN MILLION CROWNS Oct 2026 Sep 2026\n\nGross foreign debt 27,535.5 27,246.5\n\nInternational reserves and\n\n" +
            "other foreign assets 13,256.5 12,855.7\n\nNet foreign debt 14,278.9 14,390.7\n\nNet foreign debt of the\n\n" +
            "government and bank 9,510.9 10,056.4";
        var unwrapped = Wrapped.Replace("and\n\nother", "and other", StringComparison.Ordinal).Replace("the\n\ngovernment", "the government", StringComparison.Ordinal);
        var wrappedPrint = new Fingerprinter().Create("Debt", OnSite(Sentence + "\n\n" + Wrapped));
        Assert.Equal(new Fingerprinter().Create("Debt", OnOtherSite(Sentence + "\n\n" + unwrapped)).ExactHash, wrappedPrint.ExactHash);
        Assert.NotEqual(new Fingerprinter().Create("Debt", Sentence).ExactHash, wrappedPrint.ExactHash);
    }

    [Fact]
    public void A_line_of_figures_is_another_line_when_its_figures_change_and_a_dated_template_line_is_the_same_line()
    {
        Assert.NotEqual(Key("Amount $0.69 $0.69"), Key("Amount $0.25 $0.25"));
        Assert.NotEqual(Key("3 - Anto Drobnjak (Bastia), Xavier Gravelaine (Marseille)."), Key("4 - Anto Drobnjak (Bastia), Xavier Gravelaine (Marseille)."));
        Assert.Equal(Key("Posted on May 3, 2005 by Tom Okafor"), Key("Posted on May 4, 2005 by Tom Okafor"));
        Assert.Equal(Key("Join 40,000 readers of the daily digest."), Key("Join 41,000 readers of the daily digest."));
    }

    [Fact]
    public void Yesterdays_table_learned_as_the_template_does_not_hide_todays_table_with_other_figures()
    {
        // Three days of the same table with other scores: every row repeats across stories, keyed without its figures.
        var fingerprinter = new Fingerprinter();
        var learned = new HashSet<ulong>();
        foreach (var day in new[] { (2, 0, 1, 1), (0, 3, 2, 2), (4, 1, 0, 2) })
        {
            fingerprinter.Create("Results", OnSite(Lead + "\n" + Results(day.Item1, day.Item2, day.Item3, day.Item4)));
            learned.UnionWith(fingerprinter.LineKeys);
        }

        learned.UnionWith(Template.Select(Key));
        learned.Remove(Key(Lead));
        var today = Results(1, 1, 3, 1);
        var original = new Fingerprinter().Create("Yugoslav results", OnOtherSite(Lead + "\n" + today));
        var copy = new Fingerprinter().Create("Results", OnSite(Lead + "\n" + today), learned.Contains);
        Assert.True(copy.TermCount > Scan(Lead).Count, $"the rows are kept: {copy.TermCount} terms");
        Assert.True(Score(original, copy) > 0, FingerprintSimilarity.Between(original, copy).ToString());
    }

    [Fact]
    public void A_heading_inside_a_table_does_not_end_it()
    {
        var rows = "Division A\nVojvodina 1 Partizan 1\nCrvena zvezda 3 Proleter 1\nDivision B\nZeleznik 0 Rudar 1\nRadnicki 2 Sloboda 0";
        var withTable = new Fingerprinter().Create("Results", Lead + "\n" + rows);
        var leadOnly = new Fingerprinter().Create("Results", Lead);
        Assert.True(withTable.TermCount > leadOnly.TermCount, $"{withTable.TermCount} terms with the table, {leadOnly.TermCount} without");
    }

    [Fact]
    public void A_dated_byline_above_sentences_that_mention_years_is_not_a_table_row()
    {
        const string story =
            "Swedish options exchange OM Gruppen said on Thursday it would open an electronic bourse for forest products in London in the first half of 1997.\n" +
            "The first commodity to be traded on the bourse will be pulp, and OM said trade would be extended to timber and recycled paper in 1998.\n" +
            "Global production of pulp amounted to around 200 million tonnes in 1995, of which 40 million tonnes was sold on the spot market.";
        var withByline = new Fingerprinter().Create("Pulp bourse", "Story: Ivo Lenz - updated 17:30\nCapital Observer | Latest news | Reading time: 7 minutes\n" + story);
        var bare = new Fingerprinter().Create("Pulp bourse", story);
        Assert.Equal(bare.Numbers, withByline.Numbers);
        Assert.Equal(bare.ExactHash, withByline.ExactHash);
    }
}
