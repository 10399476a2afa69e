namespace MediaMonitor.Deduplication.Tests;

public sealed class DedupDeciderTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 9, 8, 0, 0, TimeSpan.Zero);

    private static ArticleFingerprint Print(string text) => new Fingerprinter().Create("Title", text);

    [Fact]
    public void First_article_of_a_story_is_an_original_that_starts_its_own_story()
    {
        var id = Guid.NewGuid();
        var decision = DedupDecider.Decide(id, Print(Stories.Bridge), []);
        Assert.Equal(new DedupDecision(DedupVerdict.Original, null, 0, id), decision);
    }

    [Fact]
    public void Copy_is_a_duplicate_of_the_original_and_joins_its_story()
    {
        var original = new IndexedArticle(Guid.NewGuid(), Guid.Empty, Guid.NewGuid(), Monday, Print(Stories.Bridge));
        original = original with { OriginalId = original.ArticleId };
        var decision = DedupDecider.Decide(Guid.NewGuid(), Print(Stories.BridgeSyndicated()), [original]);
        Assert.Equal(DedupVerdict.DuplicateOf, decision.Verdict);
        Assert.Equal(original.ArticleId, decision.DuplicateOf);
        Assert.Equal(original.StoryId, decision.StoryId);
        Assert.InRange(decision.Similarity, 0.5, 1);
    }

    [Fact]
    public void Copy_of_a_copy_points_to_the_first_original()
    {
        var originalId = Guid.NewGuid();
        var story = Guid.NewGuid();
        var copy = new IndexedArticle(Guid.NewGuid(), originalId, story, Monday.AddHours(1), Print(Stories.BridgeSyndicated()));
        var decision = DedupDecider.Decide(Guid.NewGuid(), Print(Stories.BridgeSyndicated() + "\n\nLeave a comment."), [copy]);
        Assert.Equal(originalId, decision.DuplicateOf);
        Assert.Equal(story, decision.StoryId);
    }

    [Fact]
    public void A_copy_of_two_groups_joins_the_earlier_even_when_a_missed_copy_resembles_it_more()
    {
        // The original's group, and a copy missed earlier that started a group of its own: a later copy resembling the
        // missed one most still joins the earlier group, so the copies of one story stay one group.
        var original = new IndexedArticle(Guid.NewGuid(), Guid.Empty, Guid.NewGuid(), Monday, Print(Stories.Bridge));
        original = original with { OriginalId = original.ArticleId };
        var missed = new IndexedArticle(Guid.NewGuid(), Guid.Empty, original.StoryId, Monday.AddHours(2), Print(Stories.BridgeSyndicated()));
        missed = missed with { OriginalId = missed.ArticleId };
        var copy = Print(Stories.BridgeSyndicated().Replace("a protected cycle path", "a cycle path", StringComparison.Ordinal));
        Assert.True(
            DedupDecider.Score(FingerprintSimilarity.Between(copy, missed.Fingerprint)) > DedupDecider.Score(FingerprintSimilarity.Between(copy, original.Fingerprint)),
            "the missed copy is the closer candidate");
        Assert.True(DedupDecider.Score(FingerprintSimilarity.Between(copy, original.Fingerprint)) > 0);
        var decision = DedupDecider.Decide(Guid.NewGuid(), copy, [missed, original]);
        Assert.Equal(original.ArticleId, decision.DuplicateOf);
    }

    [Fact]
    public void A_short_text_inside_the_other_with_all_its_names_and_figures_is_a_copy_and_with_other_figures_it_is_not()
    {
        // A lead-only copy whose lead an edit changed: no sentence shared whole, every word, name and figure inside the other.
        var editedLead = new FingerprintSimilarity(false, 0.36, 1, 1, 1, 0, 0, 0, 5, 5, ShortText: true);
        Assert.True(DedupDecider.Score(editedLead) > 0);
        Assert.Equal(0, DedupDecider.Score(editedLead with { NumberContainment = 0.5 }));
        Assert.Equal(0, DedupDecider.Score(editedLead with { FewerNames = 2 }));
        Assert.Equal(0, DedupDecider.Score(editedLead with { Containment = 0.8 }));
    }

    [Fact]
    public void Candidates_that_only_share_a_key_by_chance_leave_the_article_an_original()
    {
        var flood = new IndexedArticle(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Monday, Print(Stories.Flood));
        var template = new IndexedArticle(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Monday, Print(Stories.OtherBridgeFromTheSameTemplate()));
        var id = Guid.NewGuid();
        Assert.Equal(DedupVerdict.Original, DedupDecider.Decide(id, Print(Stories.Bridge), [flood, template]).Verdict);
    }

    [Fact]
    public void Article_is_never_its_own_duplicate()
    {
        var id = Guid.NewGuid();
        var self = new IndexedArticle(id, id, id, Monday, Print(Stories.Bridge));
        Assert.Equal(DedupVerdict.Original, DedupDecider.Decide(id, Print(Stories.Bridge), [self]).Verdict);
    }

    [Fact]
    public void Different_numbers_veto_a_copy_but_a_single_stray_number_does_not()
    {
        var alike = new FingerprintSimilarity(false, 0.9, 0.95, 1, 0, 10, 0.9, 0.9, 10, 1);
        Assert.True(DedupDecider.Score(alike) > 0);
        Assert.Equal(0, DedupDecider.Score(alike with { FewerNumbers = 4 }));
        Assert.Equal(0, DedupDecider.Score(alike with { NumberContainment = 1, NameContainment = 0.2 }));
    }

    [Fact]
    public void A_follow_up_that_repeats_one_background_paragraph_of_the_first_story_is_not_its_copy()
    {
        // Most of the follow-up's wording is inside the first story, but neither the first story's lead nor more than one
        // of its sentences: background repeated under new facts.
        var followUp = new FingerprintSimilarity(false, 0.06, 0.93, 0.8, 1, 1, 0.5, 0, 5, 0);
        Assert.Equal(0, DedupDecider.Score(followUp));

        // The same containment with the first story's lead kept, or with several of its sentences, is a shortened copy.
        Assert.True(DedupDecider.Score(followUp with { LeadCoverage = 0.5 }) > 0);
        Assert.True(DedupDecider.Score(followUp with { SharedSentences = 3, SentenceContainment = 0.75 }) > 0);
    }

    [Fact]
    public void Sentences_shared_away_from_the_longer_texts_lead_with_little_wording_in_common_are_a_rewrite_not_a_copy()
    {
        // Another outlet's rewrite: it keeps four short sentences of the story word for word, in its own order, after a
        // first sentence of its own, and says the rest in other words (a third of its wording inside the other).
        var rewrite = new FingerprintSimilarity(false, 0.17, 0.31, 0.7, 1, 4, 0.57, 0.57, 18, 6, LeadRun: 0);
        Assert.Equal(0, DedupDecider.Score(rewrite));

        // With the longer text's first sentence among the shared ones, or with its wording inside the other (a copy whose
        // first sentence an edit touched), the shared sentences are a copy's lead as before.
        Assert.True(DedupDecider.Score(rewrite with { LeadRun = 1 }) > 0);
        Assert.True(DedupDecider.Score(rewrite with { Containment = 0.46 }) > 0);
    }

    [Fact]
    public void A_text_that_opens_with_the_others_lead_and_shares_nothing_else_is_a_copy_whatever_template_lines_follow()
    {
        // A lead-only copy of a short item: the original's first sentence, then a related headline and a footer line the
        // copy's site is not known to carry yet (half its sentences, a third of its words).
        var leadOnly = new FingerprintSimilarity(false, 0.2, 0.45, 0.75, 1, 1, 0.5, 0.5, 6, 0, ShortText: false, LeadRun: 1);
        Assert.True(DedupDecider.Score(leadOnly) > 0);
        Assert.True(DedupDecider.Score(leadOnly with { ShortText = true }) > 0);

        // Not when the lead shared is not the other's first sentence, nor when the shared text names almost nobody (two
        // follow-ups that open with one stock sentence), nor when the leftovers outweigh it.
        Assert.Equal(0, DedupDecider.Score(leadOnly with { LeadRun = 0 }));
        Assert.Equal(0, DedupDecider.Score(leadOnly with { FewerNames = 1, NameContainment = 1 }));
        Assert.Equal(0, DedupDecider.Score(leadOnly with { SentenceContainment = 0.25 }));
    }

    [Fact]
    public void The_lead_run_counts_the_longer_texts_sentences_from_its_first_that_the_shorter_holds()
    {
        var longer = Print(string.Join("\n\n", Stories.BridgeParagraphs));
        const string leftover = "Heavy rain floods lower Ekdal as the river rises to a record level overnight, the police said on Sunday.";
        Assert.Equal(1, FingerprintSimilarity.Between(Print(Stories.BridgeParagraphs[0] + "\n\n" + leftover), longer).LeadRun);
        Assert.Equal(0, FingerprintSimilarity.Between(Print(Stories.BridgeParagraphs[1] + "\n\n" + leftover), longer).LeadRun);
    }

    [Fact]
    public void A_reordered_copy_of_a_text_with_more_figures_than_kept_is_not_vetoed_by_its_other_first_figures()
    {
        // 30 sentences of two figures each: both texts keep their first 24 figures, and a copy that moved its first six
        // paragraphs to the end keeps only half of the original's first figures, though every sentence is shared.
        string Row(int i) => $"Player {(char)('A' + (i % 8))}ndersen scored {i + 10} goals in {i + 200} games for the club before he moved on.";
        var rows = Enumerable.Range(0, 30).Select(Row).ToList();
        var original = Print(string.Join("\n\n", rows));
        var copy = Print(string.Join("\n\n", rows.Skip(6).Concat(rows.Take(6))));
        Assert.Equal(Fingerprinter.MaxNumbers, original.Numbers.Length);
        Assert.Equal(0.5, FingerprintSimilarity.SetContainment(original.Numbers, copy.Numbers), 2);

        var similarity = FingerprintSimilarity.Between(copy, original);
        Assert.Equal(1, similarity.NumberContainment);
        Assert.True(DedupDecider.Score(similarity) > 0);

        // Lists not full still compare as they are: another day's table of the same shape is vetoed by its other figures.
        var otherDay = Print(string.Join("\n\n", Enumerable.Range(0, 8).Select(i => Row(i + 40))));
        Assert.Equal(0, DedupDecider.Score(FingerprintSimilarity.Between(otherDay, Print(string.Join("\n\n", rows.Take(8))))));
    }

    [Fact]
    public void A_text_whose_every_sentence_is_the_others_lead_in_order_is_a_copy_whatever_figures_its_template_adds()
    {
        // A lead-only copy: the original's first two sentences, with a republisher's dateline, a time and a footer's year
        // that the original does not carry (one of its three figures is the original's).
        var leadOnly = new FingerprintSimilarity(false, 0.4, 0.88, 0.7, 0.33, 2, 1, 1, 10, 3, ShortText: false, LeadRun: 2);
        Assert.True(DedupDecider.Score(leadOnly) > 0);

        // Figures still veto when a sentence of its own could say them: one sentence of the lead only, the lead's sentences
        // out of order or beside one of its own; and names veto as before.
        Assert.Equal(0, DedupDecider.Score(leadOnly with { LeadRun = 1, SharedSentences = 1 }));
        Assert.Equal(0, DedupDecider.Score(leadOnly with { LeadRun = 1 }));
        Assert.Equal(0, DedupDecider.Score(leadOnly with { SentenceContainment = 0.67 }));
        Assert.Equal(0, DedupDecider.Score(leadOnly with { NameContainment = 0.4 }));
    }

    [Fact]
    public void A_short_text_whose_one_sentence_is_the_others_lead_is_a_copy_with_a_template_line_beside_it()
    {
        // A lead-only copy of a brief (24 words, one name): its one sentence is the other's first, and a template line
        // nothing has taught yet stands beside it, so half its wording is inside the other by the sketch.
        var leadOnly = new FingerprintSimilarity(false, 0.1, 0.5, 1, 1, 1, 1, 1, 1, 0, ShortText: true, LeadRun: 1);
        Assert.True(DedupDecider.Score(leadOnly) > 0);

        // Not when the leftovers outweigh the lead, nor when the lead is half its sentences (it names nobody).
        Assert.Equal(0, DedupDecider.Score(leadOnly with { Containment = 0.3 }));
        Assert.Equal(0, DedupDecider.Score(leadOnly with { SentenceContainment = 0.5 }));
    }

    [Fact]
    public void A_later_text_that_goes_on_from_an_earlier_briefs_whole_text_is_not_its_copy_but_a_later_lead_only_copy_is()
    {
        // An earlier brief of one sentence, and a later text three times as long that opens with it and goes on with
        // sentences of its own (a follow-up opening with a stock sentence, a fuller story after a brief): no copy.
        const string brief = "The city council of Norrvik opened the new Saltbay bridge on Tuesday after eleven years of planning.";
        var earlier = Print(brief);
        Assert.True(earlier.IsShort);
        var goesOn = Print(brief + "\n\n" + Stories.Flood);
        var later = FingerprintSimilarity.Between(goesOn, earlier);
        Assert.True(later.LaterTermRatio >= 3 && later.LaterOwnSentences >= 2, later.ToString());
        Assert.Equal(0, DedupDecider.Score(later));

        // The other way round the brief is a lead-only copy of the longer text; and a later copy with a template line
        // left beside the brief's text is a copy still.
        Assert.True(DedupDecider.Score(FingerprintSimilarity.Between(earlier, goesOn)) > 0);
        var withLeftover = Print(brief + "\n\nRead also: Heavy rain floods lower Ekdal as the river rises to a record level overnight.");
        Assert.True(DedupDecider.Score(FingerprintSimilarity.Between(withLeftover, earlier)) > 0);
    }

    [Fact]
    public void A_short_text_whose_one_sentence_opens_articles_of_two_stories_is_no_copy_of_either()
    {
        // A stock opening that names nobody, the whole text of a short follow-up, opens two earlier articles of two stories.
        const string stock = "Days after the first reports on the matter, new details emerged on Monday as officials responded to questions from reporters.";
        var followUp = Print(stock);
        Assert.True(followUp.IsShort && !followUp.IsExactOnly);
        var flood = new IndexedArticle(Guid.NewGuid(), Guid.Empty, Guid.NewGuid(), Monday, Print(stock + "\n\n" + Stories.Flood));
        flood = flood with { OriginalId = flood.ArticleId };
        var bridge = new IndexedArticle(Guid.NewGuid(), Guid.Empty, Guid.NewGuid(), Monday.AddHours(1), Print(stock + "\n\n" + Stories.Bridge));
        bridge = bridge with { OriginalId = bridge.ArticleId };
        Assert.True(DedupDecider.RestsOnOneLeadSentence(FingerprintSimilarity.Between(followUp, flood.Fingerprint)));
        Assert.Equal(DedupVerdict.Original, DedupDecider.Decide(Guid.NewGuid(), followUp, [flood, bridge]).Verdict);

        // Its lead found in one story only, it is a lead-only copy as before, and so it is when both articles are one story.
        Assert.Equal(flood.ArticleId, DedupDecider.Decide(Guid.NewGuid(), followUp, [flood]).DuplicateOf);
        Assert.Equal(flood.ArticleId, DedupDecider.Decide(Guid.NewGuid(), followUp, [flood, bridge with { StoryId = flood.StoryId }]).DuplicateOf);
    }
}
