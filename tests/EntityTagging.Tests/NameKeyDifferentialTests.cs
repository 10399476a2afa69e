using System.Text;
using MediaMonitor.EntityTagging.Recognition;

namespace MediaMonitor.EntityTagging.Tests;

/// <summary>
/// NameKey tries at each letter only the digraphs that start with it; every key must be the one that trying the whole
/// list in order gave (written out below as it was).
/// </summary>
public sealed class NameKeyDifferentialTests
{
    private static readonly (string From, string To)[] Digraphs =
    [
        ("shch", "s"), ("tch", "c"), ("sch", "s"), ("kh", "h"), ("ch", "c"), ("sh", "s"), ("zh", "z"), ("ts", "c"), ("tz", "c"),
        ("cz", "c"), ("ck", "k"), ("ph", "f"), ("th", "t"), ("yu", "u"), ("ju", "u"), ("iu", "u"), ("ya", "a"), ("ja", "a"), ("ia", "a"),
        ("ye", "e"), ("je", "e"), ("yo", "o"), ("jo", "o"), ("iy", "i"), ("ij", "i"), ("yi", "i"), ("ii", "i"), ("ks", "x"), ("w", "v"),
        ("y", "i"), ("j", "i"), ("q", "k"),
    ];

    [Theory]
    [InlineData("shchukin")]
    [InlineData("tchaikovsky")]
    [InlineData("zelenskyy")]
    [InlineData("iiyiijyu")]
    [InlineData("khshchtsch")]
    [InlineData("o'neill-smith 2nd")]
    [InlineData("ß ü é 1996")]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("wwqqjj")]
    public void A_word_keys_as_trying_every_digraph_in_turn(string word) => Assert.Equal(Reference(word), NameKey.OfWord(word));

    [SkippableFact]
    public void SharedData_every_word_of_bbc_articles_keys_as_trying_every_digraph_in_turn()
    {
        var words = TaggerFixture.BbcArticleFiles(every: 8)
            .SelectMany(f => NerTokenizer.Sentences(File.ReadAllText(f)).SelectMany(s => s).Select(t => t.Text.ToLowerInvariant()))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(words.Count > 5_000, $"only {words.Count} distinct words");
        Assert.All(words, word => Assert.Equal(Reference(word), NameKey.OfWord(word)));
    }

    private static string Reference(string word)
    {
        var sb = new StringBuilder(word.Length);
        var i = 0;
        while (i < word.Length)
        {
            var matched = false;
            foreach (var (from, to) in Digraphs)
            {
                if (string.CompareOrdinal(word, i, from, 0, from.Length) == 0)
                {
                    Append(sb, to);
                    i += from.Length;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                if (char.IsLetterOrDigit(word[i]))
                {
                    Append(sb, word[i].ToString());
                }

                i++;
            }
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string s)
    {
        foreach (var c in s)
        {
            if (sb.Length == 0 || sb[^1] != c)
            {
                sb.Append(c);
            }
        }
    }
}
