namespace MediaMonitor.Text.Tests;

public sealed class TokenizerTests
{
    [Fact]
    public void Folds_case_and_diacritics()
    {
        Assert.Equal(["mendkovic", "kazakhstan", "s", "balance"], Tokenizer.Terms("Mendkovič — Kazakhstan’s BALANCE"));
    }

    [Fact]
    public void Keeps_offsets_into_the_original_text()
    {
        var tokens = Tokenizer.Tokenize("  NATO center");
        Assert.Equal(2, tokens[0].Start);
        Assert.Equal("NATO", "  NATO center".Substring(tokens[0].Start, tokens[0].Length));
        Assert.Equal(1, tokens[1].Position);
    }

    [Fact]
    public void Normalizer_collapses_whitespace_and_folds_quotes()
    {
        Assert.Equal("\"a\" b - c", TextNormalizer.Normalize(" “A”\n\t b – C "));
    }
}
