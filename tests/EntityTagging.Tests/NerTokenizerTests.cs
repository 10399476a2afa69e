using MediaMonitor.EntityTagging.Recognition;

namespace MediaMonitor.EntityTagging.Tests;

public sealed class NerTokenizerTests
{
    private static List<List<string>> Tokens(string text) => NerTokenizer.Sentences(text).Select(s => s.Select(t => t.Text).ToList()).ToList();

    [Fact]
    public void Possessive_s_and_punctuation_become_their_own_tokens()
    {
        var sentence = Assert.Single(Tokens("Kazakhstan\u2019s army (the \u201Cbest\u201D), he said."));
        Assert.Equal(["Kazakhstan", "'s", "army", "(", "the", "\u201C", "best", "\u201D", ")", ",", "he", "said", "."], sentence);
    }

    [Fact]
    public void Abbreviations_and_initials_keep_their_dots_and_do_not_end_sentences()
    {
        var sentences = Tokens("Mr. Smith met V. Sergeev in Washington, D.C. on Monday. They talked.");
        Assert.Equal(2, sentences.Count);
        Assert.Contains("Mr.", sentences[0]);
        Assert.Contains("V.", sentences[0]);
        Assert.Contains("D.C.", sentences[0]);
        Assert.Equal(["They", "talked", "."], sentences[1]);
    }

    [Fact]
    public void Line_breaks_end_sentences_and_dashes_split_words_but_hyphens_do_not()
    {
        var sentences = Tokens("Headline about Nur-Sultan\nBody text \u2013 more text");
        Assert.Equal(2, sentences.Count);
        Assert.Contains("Nur-Sultan", sentences[0]);
        Assert.Equal(["Body", "text", "\u2013", "more", "text"], sentences[1]);
    }

    [Fact]
    public void Token_offsets_point_into_the_original_text()
    {
        const string text = "Ask Peskov\u2019s office.";
        foreach (var token in NerTokenizer.Sentences(text).SelectMany(s => s).Where(t => t.Text != "'s"))
        {
            Assert.Equal(token.Text, text.Substring(token.Start, token.Text.Length));
        }
    }
}
