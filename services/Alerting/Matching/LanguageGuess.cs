using MediaMonitor.Text;

namespace MediaMonitor.Alerting.Matching;

/// <summary>
/// A small language guess for the lang: filter while the crawler records none: counts each language's commonest
/// function words among the first words of the text; the language with clearly the most hits wins, else unknown.
/// </summary>
public static class LanguageGuess
{
    private static readonly (string Code, HashSet<string> Words)[] Languages =
    [
        ("en", Set("the of and to in is that for it with as was on by at from this are be has have said")),
        ("fr", Set("le la les des et est une dans que pour qui sur par pas au du avec il elle sont")),
        ("de", Set("der die das und ist nicht ein eine zu den mit von sich auf fur dem des im sie")),
        ("es", Set("el la los las de que y en un una por con para es del se al como su")),
        ("it", Set("il di che la e un una per non con del della sono gli le si da nel")),
        ("pt", Set("o a os as de que e um uma para com nao em do da no na se por")),
        ("nl", Set("de het een en van is dat op te in niet met voor zijn er aan ook")),
        ("ru", Set("и в не на что с по как это он она из за к но от для")),
    ];

    public static string? Guess(string title, string text, int words = 200)
    {
        var terms = Tokenizer.Terms(title + "\n" + (text.Length > 4000 ? text[..4000] : text));
        var sample = terms.Take(words).ToList();
        if (sample.Count < 8)
        {
            return null;
        }

        var scores = Languages.Select(l => (l.Code, Hits: sample.Count(l.Words.Contains))).OrderByDescending(s => s.Hits).ToList();
        var (best, second) = (scores[0], scores[1]);
        return best.Hits >= Math.Max(3, sample.Count / 20) && best.Hits >= second.Hits * 1.5 ? best.Code : null;
    }

    private static HashSet<string> Set(string words) => new(words.Split(' '), StringComparer.Ordinal);
}
