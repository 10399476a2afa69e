using System.Text;
using MediaMonitor.Text;

namespace MediaMonitor.EntityTagging.Linking;

/// <summary>
/// A spelling- and transliteration-insensitive key for names: "Mendkovich", "Mendkovic" and "Mendkovič" share one key,
/// as do "Dmitry"/"Dmitri"/"Dmitriy" and "Timofeev"/"Timofeyev".
/// </summary>
public static class NameKey
{
    // Longest first: Latin renderings of Cyrillic and other digraphs folded to one letter.
    private static readonly (string From, string To)[] Digraphs =
    [
        ("shch", "s"), ("tch", "c"), ("sch", "s"), ("kh", "h"), ("ch", "c"), ("sh", "s"), ("zh", "z"), ("ts", "c"), ("tz", "c"),
        ("cz", "c"), ("ck", "k"), ("ph", "f"), ("th", "t"), ("yu", "u"), ("ju", "u"), ("iu", "u"), ("ya", "a"), ("ja", "a"), ("ia", "a"),
        ("ye", "e"), ("je", "e"), ("yo", "o"), ("jo", "o"), ("iy", "i"), ("ij", "i"), ("yi", "i"), ("ii", "i"), ("ks", "x"), ("w", "v"),
        ("y", "i"), ("j", "i"), ("q", "k"),
    ];

    // The digraphs by their first letter, in the order above: only those can match at a letter, and the first that
    // matches is the one the whole list would have found.
    private static readonly Dictionary<char, (string From, string To)[]> DigraphsByFirst =
        Digraphs.GroupBy(d => d.From[0]).ToDictionary(g => g.Key, g => g.ToArray());

    /// <summary>The key of a whole name: its words' keys joined by single spaces.</summary>
    public static string Of(string name)
    {
        var folded = TextNormalizer.Normalize(name);
        var sb = new StringBuilder(folded.Length);
        foreach (var word in folded.Split([' ', '-', '.', '\''], StringSplitOptions.RemoveEmptyEntries))
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(OfWord(word));
        }

        return sb.ToString();
    }

    /// <summary>The key of one folded word.</summary>
    public static string OfWord(string word)
    {
        var sb = new StringBuilder(word.Length);
        var i = 0;
        while (i < word.Length)
        {
            var matched = false;
            if (DigraphsByFirst.TryGetValue(word[i], out var digraphs))
            {
                foreach (var (from, to) in digraphs)
                {
                    if (string.CompareOrdinal(word, i, from, 0, from.Length) == 0)
                    {
                        Append(sb, to);
                        i += from.Length;
                        matched = true;
                        break;
                    }
                }
            }

            if (!matched)
            {
                if (char.IsLetterOrDigit(word[i]))
                {
                    Append(sb, word[i]);
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
            Append(sb, c);
        }
    }

    private static void Append(StringBuilder sb, char c)
    {
        // Doubled letters collapse (Timofeev/Timofeyev -> timofev).
        if (sb.Length == 0 || sb[^1] != c)
        {
            sb.Append(c);
        }
    }
}
