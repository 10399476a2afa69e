using System.Globalization;
using System.Text;
using MediaMonitor.TestSupport;

namespace MediaMonitor.Text.Tests;

/// <summary>The allocation-free scanner must give exactly the words and terms of the plain character-by-character rules.</summary>
public sealed class WordScannerTests
{
    [Theory]
    [InlineData("Mendkovič — Kazakhstan’s BALANCE")]
    [InlineData("Straße Æsir ﬁnance Łódź Đuro Ørsted İstanbul")]
    [InlineData("e\u0301te\u0301 \u0301alone café\u0301 naïve")]
    [InlineData("ＮＡＴＯ ½ ² x²y Ⅻ")]
    [InlineData("日本語のテキスト and Кремль, Αθήνα")]
    [InlineData("a-b c'd 3.5% $100 U.S. e-mail 😀 emoji😀word")]
    [InlineData("")]
    [InlineData("   ... ")]
    public void Scans_the_same_words_as_the_reference_rules(string text) => Assert.Equal(Reference(text), Scanned(text));

    [Fact]
    public void A_word_longer_than_the_buffer_is_kept_whole()
    {
        var word = new string('a', 300) + "é" + new string('B', 300);
        Assert.Equal([new string('a', 300) + "e" + new string('b', 300)], Tokenizer.Terms(word));
    }

    [Theory]
    [InlineData("Mendkovich Mendkovič NATO")]
    [InlineData("Straße Æsir ﬁnance Łódź İstanbul 日本語 Кремль")]
    [InlineData("x²y plain")]
    public void Each_word_carries_the_hash_of_its_term(string text)
    {
        text += " " + new string('a', 200) + "é" + new string('B', 100);
        var words = new WordScanner(text);
        var seen = 0;
        while (words.MoveNext())
        {
            Assert.Equal(TermHash.Of(words.Term), words.Hash);
            seen++;
        }

        Assert.True(seen >= 3, $"only {seen} words");
    }

    [SkippableFact]
    public void Scans_the_same_words_as_the_reference_rules_over_the_SharedData_BBC_corpus()
    {
        var folder = SharedData.PathTo("news-corpus-bbc-greene");
        foreach (var file in Directory.GetFiles(folder, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(400))
        {
            var text = File.ReadAllText(file, Encoding.Latin1);
            Assert.Equal(Reference(text), Scanned(text));
        }
    }

    private static List<(string Term, int Start, int Length)> Scanned(string text) =>
        Tokenizer.Tokenize(text).ConvertAll(t => (t.Term, t.Start, t.Length));

    /// <summary>The rules as first written: letters and digits (then marks) form a word; each character folded alone.</summary>
    private static List<(string Term, int Start, int Length)> Reference(string text)
    {
        var tokens = new List<(string, int, int)>();
        var buffer = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var start = i;
            buffer.Clear();
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || char.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark))
            {
                var c = text[i];
                if (c < 128)
                {
                    buffer.Append(char.ToLowerInvariant(c));
                }
                else
                {
                    foreach (var d in c.ToString().Normalize(NormalizationForm.FormKD))
                    {
                        if (char.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                        {
                            buffer.Append(TextNormalizer.FoldChar(d));
                        }
                    }
                }

                i++;
            }

            if (buffer.Length > 0)
            {
                tokens.Add((buffer.ToString(), start, i - start));
            }
        }

        return tokens;
    }
}
