namespace MediaMonitor.Deduplication.Tests;

/// <summary>The harder dedup set: site templates by family, short items, templated briefs, the CoNLL reassembly.</summary>
public sealed class DedupSetGeneratorTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_two_template_families_share_no_site_and_no_fixed_line()
    {
        var tuning = new SiteTemplates("tuning", new Random(1));
        var heldOut = new SiteTemplates("heldout", new Random(1));
        var linesA = Enumerable.Range(0, 20).SelectMany(i => FixedLines(tuning.SiteFor("s" + i))).ToHashSet();
        var linesB = Enumerable.Range(0, 20).SelectMany(i => FixedLines(heldOut.SiteFor("s" + i))).ToHashSet();
        Assert.Empty(linesA.Intersect(linesB));
        Assert.Throws<ArgumentException>(() => new SiteTemplates("other", new Random(1)));
    }

    [Fact]
    public void A_wrapped_article_keeps_its_text_inside_a_template_with_other_articles_headlines()
    {
        var templates = new SiteTemplates("heldout", new Random(7));
        var site = templates.SiteFor("syndication-3");
        var text = string.Join("\n\n", Stories.BridgeParagraphs.Take(2));
        string[] others = ["Floods close the coast line at Ekdal", "Norrvik schools to get new roofs", "Tolls on the bridge from next month"];
        var page = templates.Wrap(site, text, At, others);
        Assert.Contains(Stories.BridgeParagraphs[0], page, StringComparison.Ordinal);
        Assert.Contains(Stories.BridgeParagraphs[1], page, StringComparison.Ordinal);
        Assert.True(page.Length > text.Length + 100);
        Assert.Same(site, templates.SiteFor("syndication-3"));
    }

    [Fact]
    public void Briefs_stay_under_150_words_and_templated_briefs_differ_in_names_and_figures()
    {
        var items = new ShortItems(new Random(3), ["Norrvik", "Ekdal", "Solberga", "Ostberg", "Varga", "Brask"], "tuning");
        var article = new CorpusArticle("x/1", "x", "Bridge opens", Stories.BridgeParagraphs);
        var brief = items.Brief(article);
        Assert.NotNull(brief);
        Assert.InRange(brief.Value.Text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length, 30, 150);
        var a = items.TemplatedBrief();
        var b = items.TemplatedBrief();
        Assert.NotEqual(a.Text, b.Text);
    }

    [Fact]
    public void Conll_tokens_are_reassembled_into_documents_at_their_datelines()
    {
        var dir = Directory.CreateTempSubdirectory("conll-").FullName;
        try
        {
            string Sentence(string s) => string.Join('\n', s.Split(' ').Select(t => t + " NN O O")) + "\n\n";
            File.WriteAllText(Path.Combine(dir, "eng.train"),
                Sentence("RAIL - TUNNEL TO CLOSE .") + Sentence("OSLO 1996-08-30") + Sentence("The tunnel will close for nine days , the operator said .") +
                Sentence("It is n't the first closure .") + Sentence("Buses will run ( every ten minutes ) .") +
                Sentence("FOOTBALL - CLUB SIGNS KEEPER .") + Sentence("BERGEN 1996-08-31") + Sentence("The club signed a goalkeeper 's deal on Friday .") +
                Sentence("He played 140 games .") + Sentence("He replaces the injured keeper ."));
            var docs = ConllCorpus.Read(dir);
            Assert.Equal(2, docs.Count);
            Assert.Equal("RAIL - TUNNEL TO CLOSE.", docs[0].Title);
            Assert.Equal("OSLO 1996-08-30 - The tunnel will close for nine days, the operator said.", docs[0].Paragraphs[0]);
            Assert.Equal("It isn't the first closure.", docs[0].Paragraphs[1]);
            Assert.Equal("Buses will run (every ten minutes).", docs[0].Paragraphs[2]);
            Assert.Equal("BERGEN 1996-08-31 - The club signed a goalkeeper's deal on Friday.", docs[1].Paragraphs[0]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static IEnumerable<string> FixedLines(SiteTemplates.Site site) => site.Template.Top.Concat(site.Template.Bottom).Where(l => !l.Contains(site.Name, StringComparison.Ordinal) && l.Length > 12);
}
