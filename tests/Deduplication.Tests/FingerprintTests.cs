using MediaMonitor.Text;

namespace MediaMonitor.Deduplication.Tests;

public sealed class FingerprintTests
{
    private static ArticleFingerprint Print(string text, string title = "A title") => new Fingerprinter().Create(title, text);

    private static double Score(string a, string b) => DedupDecider.Score(FingerprintSimilarity.Between(Print(a), Print(b)));

    [Fact]
    public void Term_hashes_are_those_of_the_shared_tokenizer_terms()
    {
        var text = "Café “Zürich” re-opened: 3,000 guests—and Dmitry Peskov's friends.";
        var scanned = new List<ScannedTerm>();
        TermScanner.Scan(text, scanned);
        Assert.Equal(Tokenizer.Terms(text).Select(TermScanner.HashTerm), scanned.Select(t => t.Hash));
    }

    [Fact]
    public void Names_and_numbers_are_salient_but_capitalised_sentence_starts_are_not()
    {
        var scanned = new List<ScannedTerm>();
        TermScanner.Scan("The mayor met Helena Ostberg. Then 42 people came.", scanned);
        Assert.Equal([false, false, false, true, true, false, true, false, false], scanned.Select(t => t.IsSalient));
    }

    [Fact]
    public void The_same_text_with_other_whitespace_and_case_has_the_same_exact_hash()
    {
        var a = Print(Stories.Bridge);
        var b = Print(Stories.Bridge.ToUpperInvariant().Replace("\n\n", "\n   ", StringComparison.Ordinal), "Another headline");
        Assert.Equal(a.ExactHash, b.ExactHash);
        Assert.True(FingerprintSimilarity.Between(a, b).Exact);
    }

    [Fact]
    public void Syndicated_copy_with_other_boilerplate_byline_and_small_edits_is_a_near_duplicate()
    {
        var similarity = FingerprintSimilarity.Between(Print(Stories.Bridge), Print(Stories.BridgeSyndicated(), "Norrvik finally gets its bridge"));
        Assert.False(similarity.Exact);
        Assert.True(DedupDecider.Score(similarity) >= 0.5, similarity.ToString());
    }

    [Fact]
    public void Copy_truncated_to_the_lead_is_a_near_duplicate() =>
        Assert.True(Score(Stories.BridgeLead(), Stories.Bridge) > 0);

    [Fact]
    public void Copy_with_paragraphs_reordered_is_a_near_duplicate() =>
        Assert.True(Score(Stories.BridgeReordered(), Stories.Bridge) > 0);

    [Fact]
    public void Different_story_is_not_a_duplicate() =>
        Assert.Equal(0, Score(Stories.Flood, Stories.Bridge));

    [Fact]
    public void Template_like_article_that_differs_in_names_and_numbers_is_not_a_duplicate() =>
        Assert.Equal(0, Score(Stories.OtherBridgeFromTheSameTemplate(), Stories.Bridge));

    [Fact]
    public void Copies_share_an_index_key_and_unrelated_stories_do_not()
    {
        var original = IndexKeys.For(Print(Stories.Bridge));
        Assert.NotEmpty(original.Intersect(IndexKeys.For(Print(Stories.BridgeSyndicated()))));
        Assert.NotEmpty(original.Intersect(IndexKeys.For(Print(Stories.BridgeLead()))));
        Assert.NotEmpty(original.Intersect(IndexKeys.For(Print(Stories.BridgeReordered()))));
        Assert.Empty(original.Intersect(IndexKeys.For(Print(Stories.Flood))));
    }

    [Fact]
    public void Very_short_texts_are_matched_only_exactly_and_with_their_title()
    {
        var a = Print("Page not found.", "Bridge opens");
        var b = Print("Page not found.", "Floods in Ekdal");
        Assert.True(a.IsShort);
        Assert.NotEqual(a.ExactHash, b.ExactHash);
        Assert.Single(IndexKeys.For(a));
    }

    [Fact]
    public void Fingerprint_survives_its_stored_form()
    {
        var print = Print(Stories.BridgeSyndicated());
        var decoded = FingerprintCodec.Decode(FingerprintCodec.Encode(print));
        Assert.Equal(print.ExactHash, decoded.ExactHash);
        Assert.Equal(print.Shingles, decoded.Shingles);
        Assert.Equal(print.Names, decoded.Names);
        Assert.Equal(print.Numbers, decoded.Numbers);
        Assert.Equal(print.Sentences, decoded.Sentences);
        Assert.Equal(print with { Shingles = decoded.Shingles, Names = decoded.Names, Numbers = decoded.Numbers, Sentences = decoded.Sentences }, decoded);
    }
}
