namespace MediaMonitor.Deduplication.Tests;

/// <summary>
/// Copies wrapped in a template nothing has been learned about: link lists and related-headline lines, a results table of
/// short lines, wire text wrapped mid-sentence, a republisher's dateline before the wire's, and a lead-only copy of a
/// brief too short for shingles. Pure: fingerprints and the decision rule, nothing learned (sentence-like notices are
/// learned by what repeats: <see cref="SharedTemplateTests"/>). All text invented.
/// </summary>
public sealed class UnseenTemplateCopyTests
{
    // A results table wrapped like wire copy: its heading is one sentence broken over two lines, its rows are short.
    private const string Results =
        "EKDAL 2026-11-28 - Results of the Varland second league\n\nmatches played on Saturday:\n\n" +
        "Orrholm Rovers 2 Kvarnby United 1.\n\nScorers: Lind 12, Brask 70; Varga 33.\n\nAttendance 5,400.\n\n" +
        "Saltbay Athletic 0 Ekdal Town 3.\n\nScorers: Ostberg 5, 61, Ferri 88.\n\nAttendance 7,100.\n\n" +
        "Norrvik City 4 Solberga Wanderers 4.\n\nScorers: Harlow 9, 40, Solis 52, Pike 77; Benn 14, 30, 66, Tan 90.\n\nAttendance 12,250.\n\n" +
        "Harlow Albion 1 Brask Rangers 0.\n\nScorer: Lenz 58.\n\nAttendance 3,900.";

    private const string OtherResults =
        "EKDAL 2026-12-05 - Results of the Varland second league\n\nmatches played on Saturday:\n\n" +
        "Kvarnby United 0 Orrholm Rovers 2.\n\nScorers: Brask 18, 44.\n\nAttendance 6,800.\n\n" +
        "Ekdal Town 1 Saltbay Athletic 1.\n\nScorers: Ferri 71; Marsh 80.\n\nAttendance 9,050.\n\n" +
        "Solberga Wanderers 3 Norrvik City 0.\n\nScorers: Tan 3, Benn 21, 89.\n\nAttendance 4,300.\n\n" +
        "Brask Rangers 2 Harlow Albion 2.\n\nScorers: Okafor 11, Devlin 63; Lenz 6, 50.\n\nAttendance 2,750.";

    /// <summary>A notice that reads like prose, before anything taught that it is the site's: it outweighs a table's short rows.</summary>
    private const string Notice =
        "We and our partners store and read information on your device, such as cookies, to measure the audience of this site and to show you advertising that suits your interests.";

    private const string Brief =
        "Rail operator Nordbanen will close the Kvarnholm tunnel for nine days from March 4 to replace worn track, the company said on Monday.\n\n" +
        "About 14,000 passengers a day use the line, and replacement buses will run every ten minutes between Solberga and Ekdal during the works, " +
        "which the operator said would cost about 60 million crowns and had been planned since the signalling failures of last winter.";

    private static string SiteA(string body) => string.Join("\n\n",
        "Westmoor Tribune",
        "Front page - Nation - Global - Economy - Football - Culture",
        body,
        "Read also: Saltbay bridge opens after eleven years. - Farmers fear the late potato harvest is lost. - Council approves repairs for eleven schools. - Volunteers fill sandbags through the night.",
        "Tweet • Post • Email • Print",
        "Copyright Westmoor Tribune 2026");

    private static string SiteB(string body) => string.Join("\n\n",
        "Kestrel Courier :: Home :: Sport :: Business :: Opinion",
        "Sunday 30 Nov 2026, 19:30",
        body,
        "Editor's picks",
        "Mayor opens the harbour bridge to traffic.",
        "Ferry berth approved after three years of argument.",
        "Who we are :: Contact the newsroom :: Media kit :: Imprint",
        "Kestrel Courier, all rights reserved.");

    private static ArticleFingerprint Print(string text, string title = "Headline") => new Fingerprinter().Create(title, text);

    private static double Score(ArticleFingerprint a, ArticleFingerprint b) => DedupDecider.Score(FingerprintSimilarity.Between(a, b));

    private static List<ScannedTerm> Terms(string line)
    {
        var terms = new List<ScannedTerm>();
        TermScanner.Scan(line, terms);
        return terms;
    }

    private static bool IsLinkList(string line)
    {
        var terms = Terms(line);
        return BoilerplateFilter.IsLinkList(terms, 0, terms.Count);
    }

    [Fact]
    public void A_list_of_headlines_and_names_between_dashes_is_a_link_list_and_ranked_results_between_dashes_are_not()
    {
        Assert.True(IsLinkList("Latest headlines: FERRIES - ORRHOLM LINE TIMETABLE FOR WINTER. - Anna Berg - Tom Okafor - Varland says five spy networks destroyed, 41 held."));
        Assert.True(IsLinkList("More from Ekdal - Council approves school repairs - Harbour bridge opens to traffic - Farmers fear late potato harvest is lost"));
        Assert.False(IsLinkList("Jonas Lind (Varland) 4 on record - Per Dahl (Ekdal) 6-0. 3 - Anna Holm (Saltbay) beat 7 - Maria Lenz (Kvarnby)."));
        Assert.False(IsLinkList("SOLBERGA, Mar 1 (Varland Wire) - EKDAL 2026-03-01 - Rail operator Nordbanen will close the Kvarnholm tunnel for nine days, the company said."));
    }

    [Fact]
    public void Menus_and_related_headline_lines_are_link_lists_and_prose_with_dashes_is_not()
    {
        Assert.True(IsLinkList("Front page - Nation - Global - Economy - Football - Culture"));
        Assert.True(IsLinkList("Tweet • Post • Email • Print"));
        Assert.True(IsLinkList("Who we are :: Contact the newsroom :: Media kit :: Imprint"));
        Assert.True(IsLinkList("Read also: Saltbay bridge opens after eleven years. - Farmers fear the late potato harvest is lost. - Council approves repairs."));
        Assert.False(IsLinkList("The two sea lions - a nine-year-old and a seventeen-year-old - have trained for six years for the survey, their keepers said on Monday."));
        Assert.False(IsLinkList("Shares of Corvex closed at 41.20 crowns, up 3 percent, after the results."));
        Assert.False(IsLinkList("Le ministre a déclaré : la réforme sera votée en mars, a-t-il ajouté : sans délai."));
    }

    [Fact]
    public void A_results_table_copied_into_another_sites_unseen_template_is_a_duplicate()
    {
        var original = Print(SiteA(Notice + "\n\n" + Results));
        var copy = Print(SiteB(Results));
        Assert.True(Score(original, copy) >= 0.9, FingerprintSimilarity.Between(original, copy).ToString());
        Assert.NotEmpty(IndexKeys.For(original).Intersect(IndexKeys.For(copy)));
    }

    [Fact]
    public void The_next_rounds_results_in_the_same_template_are_not_a_copy()
    {
        Assert.Equal(0, Score(Print(SiteA(Results)), Print(SiteA(OtherResults))));
        Assert.Equal(0, Score(Print(SiteA(Results)), Print(SiteB(OtherResults))));
    }

    [Fact]
    public void A_republishers_dateline_before_the_wires_own_is_dropped_with_it()
    {
        var wire = Print(Brief.Replace("Rail operator", "SOLBERGA, Mar 1 (Varland Wire) - Rail operator", StringComparison.Ordinal));
        var republished = Print(Brief.Replace("Rail operator", "BRUSSELS, Mar 2 (Metro Post) - SOLBERGA, Mar 1 (Varland Wire) - Rail operator", StringComparison.Ordinal));
        Assert.Equal(Print(Brief).ExactHash, wire.ExactHash);
        Assert.Equal(wire.ExactHash, republished.ExactHash);
    }

    [Fact]
    public void A_lead_only_copy_of_a_brief_shorter_than_a_shingle_sketch_needs_is_a_duplicate_under_another_headline()
    {
        var lead = Brief[..Brief.IndexOf("\n\n", StringComparison.Ordinal)];
        var original = Print(SiteA(Brief), "Tunnel to close for nine days");
        var copy = Print(SiteB(lead), "Nordbanen shuts Kvarnholm tunnel");
        Assert.True(copy.IsShort, $"the copy keeps {copy.TermCount} words of its own");
        Assert.False(copy.IsExactOnly);
        Assert.NotEmpty(IndexKeys.For(original).Intersect(IndexKeys.For(copy)));
        Assert.True(Score(original, copy) > 0, FingerprintSimilarity.Between(original, copy).ToString());
    }

    [Fact]
    public void Two_one_sentence_briefs_of_one_shape_about_other_companies_and_figures_are_not_copies()
    {
        static string Jobs(string company, int jobs, string day) =>
            $"{company} said on {day} it would cut {jobs} jobs at its plants in Ekdal and Solberga to save money next year.";

        var a = Print(SiteA(Jobs("Corvex Mining", 800, "Tuesday")));
        var b = Print(SiteA(Jobs("Halvorsen Foods", 350, "Thursday")));
        Assert.True(a.IsShort && b.IsShort);
        Assert.Equal(0, Score(a, b));
    }

    [Fact]
    public void A_short_text_inside_a_longer_article_is_not_a_copy_unless_it_is_the_others_lead()
    {
        // Most of the words of the flood story's last paragraph, alone: its shingles are all in the story, but it is not the lead.
        var shortText = Print(SiteB("Volunteers filled sandbags at the sports hall through the night, and the local football club opened its clubhouse."));
        var story = Print(SiteA(Stories.Flood));
        Assert.True(shortText.IsShort && !shortText.IsExactOnly, $"{shortText.TermCount} words");
        Assert.Equal(0, Score(shortText, story));
    }

    [Fact]
    public void A_brief_wrapped_mid_sentence_is_the_same_text_as_the_brief_unwrapped()
    {
        var lead = Brief[..Brief.IndexOf("\n\n", StringComparison.Ordinal)];
        var words = lead.Split(' ');
        var wrapped = string.Join("\n\n", words.Chunk(7).Select(w => string.Join(' ', w)));
        Assert.All(wrapped.Split("\n\n"), line => Assert.True(line.Split(' ').Length < BoilerplateFilter.MinLineTerms));
        Assert.Equal(Print(SiteB(lead)).ExactHash, Print(SiteA(wrapped)).ExactHash);
    }
    [Fact]
    public void A_sentence_broken_before_a_name_is_the_same_text_as_the_sentence_unbroken()
    {
        // Wire text split after "the": the line is too short and open to be kept alone, and the next starts with a name,
        // not in lower case, and is too short too. Judged whole, it is the sentence another site printed on one line.
        const string Broken =
            "EKDAL 2026-11-27 - Varland's gross foreign debt rose to $27.5 billion in October from $27.2 billion in September, the\n\n" +
            "National Bank of Varland said on Friday.\n\n" +
            "The bank said the rise came from new bond sales by the state railway and by three regional councils.";
        var unbroken = Broken.Replace("the\n\nNational", "the National", StringComparison.Ordinal);
        Assert.Equal(Print(SiteB(unbroken)).ExactHash, Print(SiteA(Broken)).ExactHash);
    }

    [Fact]
    public void A_sentence_wrapped_at_a_fixed_width_has_the_sentence_hashes_of_the_sentence_on_one_line()
    {
        // Sentence hashes are the keys lead-only copies are found by: a line break inside a sentence must not split it.
        var wrapped = string.Join("\n", Brief.Split("\n\n").Select(p => string.Join("\n", p.Split(' ').Chunk(9).Select(w => string.Join(' ', w)))));
        var onOneLine = Print(SiteB(Brief));
        Assert.Equal(onOneLine.Sentences, Print(SiteA(wrapped)).Sentences);
        Assert.Equal(2, onOneLine.Sentences.Length);
    }

    [Fact]
    public void A_dated_byline_above_a_lead_with_figures_broken_before_its_last_words_is_not_kept_as_a_table()
    {
        // Four lines with figures, none ending like a sentence, look like a table's rows; but the fourth goes on into the
        // next line and ends there as a sentence: it is the lead, and the byline lines above it are no rows.
        const string Story =
            "EKDAL, Jan 10 (Ekdal Post 24) - Varland's gross foreign debt rose to $27.5 billion in October from $27.2 billion in September, the\n\n" +
            "National Bank of Varland said on Friday.\n\n" +
            "The bank said the rise came from new bond sales by the state railway and by three regional councils.";
        const string Byline = "Monday 10 Jan 2026, 12:47\n\nBy Sara Conti, Ekdal Post 24 correspondent\n\nPublished 10 January 2026\n\n";
        Assert.Equal(Print(SiteB(Story)).ExactHash, Print(SiteA(Byline + Story)).ExactHash);
    }

    [Fact]
    public void A_lead_only_copy_too_short_for_the_shape_rules_loses_its_dateline_as_the_original_does()
    {
        // The copy keeps under 25 words once its dateline goes, so its lines are taken by the short-item rule: the dateline
        // must go there too, or its first sentence is not the original's.
        const string Datelined = "SOLBERGA, Mar 1 (Varland Wire) - ";
        var lead = Brief[..Brief.IndexOf("\n\n", StringComparison.Ordinal)];
        var original = Print(SiteA(Datelined + Brief), "Tunnel to close for nine days");
        var copy = Print(SiteB(Datelined + lead), "Nordbanen shuts Kvarnholm tunnel");
        Assert.True(copy.IsShort, $"the copy keeps {copy.TermCount} words of its own");
        Assert.Equal(Print(lead).ExactHash, copy.ExactHash);
        Assert.NotEmpty(IndexKeys.For(original).Intersect(IndexKeys.For(copy)));
        Assert.True(Score(original, copy) > 0, FingerprintSimilarity.Between(original, copy).ToString());
    }

    [Fact]
    public void A_table_whose_first_row_carries_the_dateline_loses_the_dateline()
    {
        // Rows with a figure each are kept whole as a table, however short; the dateline before the first is not the table's.
        const string Prices =
            "Cod 41.50 (40.20)\n\nHaddock 28.10 (29.00)\n\nPlaice 19.75 (19.75)\n\nMonkfish 77.00 (74.40)\n\nLangoustine 212.00 (208.50)";
        var datelined = new Fingerprinter().Create("Fish prices", "EKDAL, Mar 3 (Varland Wire) - Auction prices, crowns per kilo, 2026 (2025):\n\n" + Prices);
        var republished = new Fingerprinter().Create("Fish prices", "Auction prices, crowns per kilo, 2026 (2025):\n\n" + Prices);
        Assert.Equal(republished.ExactHash, datelined.ExactHash);
    }

    [Fact]
    public void Known_template_lines_with_figures_do_not_make_a_short_line_beside_them_a_table_row()
    {
        // Two known lines with dates, a subscription line with a phone number, and a paragraph with a figure are four lines
        // with a number each: counted as a table, the phone line would be kept as a row. Known lines do not count.
        string[] known = ["Friday 21 Jan 2026, 02:43", "Published 21 January 2026"];
        var keys = known.Select(line =>
        {
            var terms = new List<ScannedTerm>();
            TermScanner.Scan(line, terms);
            return BoilerplateFilter.LineKey(terms, 0, terms.Count);
        }).ToHashSet();
        var body = Brief;
        var page = string.Join("\n\n", known[0], known[1], "Call 0800 123 456 to subscribe", body);
        Assert.Equal(Print(body).ExactHash, new Fingerprinter().Create("Headline", page, keys.Contains).ExactHash);
    }

    [Fact]
    public void A_related_headline_kept_before_the_story_does_not_keep_the_stories_dateline()
    {
        // A related headline that reads like a sentence survives every shape rule on a site nothing is known about; kept
        // first, it must not make the dateline after it part of the lead sentence the original does not have.
        const string Datelined = "SOLBERGA, Mar 1 (Varland Wire) - ";
        const string Related = "Ferry berth approved after three years of argument between the fishermen and the port's owners.";
        var original = Print(SiteA(Datelined + Brief), "Tunnel to close for nine days");
        var copy = Print(SiteB(Related + "\n\n" + Datelined + Brief), "Nordbanen shuts Kvarnholm tunnel");
        Assert.Contains(original.Sentences[0], copy.Sentences);
        Assert.True(Score(original, copy) > 0, FingerprintSimilarity.Between(original, copy).ToString());
    }
}
