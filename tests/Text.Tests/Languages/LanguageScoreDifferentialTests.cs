using System.Globalization;
using System.Text;
using MediaMonitor.Text.Languages;

namespace MediaMonitor.Text.Tests.Languages;

/// <summary>
/// The detector counts every profile's words, trigrams and marker letters in one pass over the text; its scores must be
/// exactly those of counting each profile's own sets in turn (the way it scored before), here written out plainly.
/// </summary>
public sealed class LanguageScoreDifferentialTests
{
    public static TheoryData<string> Texts()
    {
        var sentences = new[]
        {
            "The city council said on Tuesday that the new bridge will be opened to traffic after the summer.",
            "Der Stadtrat hat am Dienstag mitgeteilt, dass die neue Brücke nach dem Sommer für den Verkehr freigegeben wird.",
            "Le conseil municipal a annoncé mardi que le nouveau pont sera ouvert à la circulation après l'été.",
            "El ayuntamiento anunció el martes que el nuevo puente se abrirá al tráfico después del verano.",
            "Il consiglio comunale ha annunciato martedì che il nuovo ponte sarà aperto al traffico dopo l'estate.",
            "A câmara municipal anunciou na terça-feira que a nova ponte será aberta ao trânsito depois do verão.",
            "De gemeenteraad heeft dinsdag laten weten dat de nieuwe brug na de zomer voor het verkeer wordt opengesteld.",
            "Rada miejska poinformowała we wtorek, że nowy most zostanie otwarty dla ruchu po wakacjach.",
            "Belediye meclisi salı günü yaptığı açıklamada yeni köprünün yazdan sonra trafiğe açılacağını söyledi.",
            "Kommunfullmäktige meddelade på tisdagen att den nya bron kommer att öppnas för trafik efter sommaren.",
            "Městská rada v úterý oznámila, že nový most bude po létě otevřen pro dopravu.",
            "Городской совет сообщил во вторник, что новый мост будет открыт для движения после лета.",
            "Міська рада повідомила у вівторок, що новий міст буде відкрито для руху після літа.",
        };
        var data = new TheoryData<string>();
        foreach (var sentence in sentences)
        {
            data.Add(sentence);
            data.Add(sentence.ToUpperInvariant());
            data.Add(sentence[..(sentence.Length / 3)]);
        }

        // Mixed languages (close scores), single letters, words of one letter and a text longer than the sample.
        data.Add(string.Join(" ", sentences));
        data.Add(sentences[1] + " " + sentences[0]);
        data.Add("a b c d e f g h i j k l m n o p q r s t u v w x y z ß ä ö ü é è ñ ç ą ł");
        data.Add(string.Concat(Enumerable.Repeat(sentences[2] + " ", 200)));
        data.Add("Ölpreis: l'homme d'état n'a pas dit «oui» — ½ 3,5 % über Straße");
        return data;
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Scores_equal_counting_each_profile_in_turn(string text)
    {
        var expected = ReferenceScore(text);
        var actual = LanguageDetector.Score(text);
        Assert.Equal(expected, actual);
    }

    // The scoring as it was: each profile's sets looked up for every word, trigram and letter.
    private static LanguageScore? ReferenceScore(string text)
    {
        var sample = text.Length > 6000 ? text[..6000] : text;
        var profiles = ScriptCounts.Of(sample).Dominant == Script.Cyrillic ? LanguageProfiles.Cyrillic : LanguageProfiles.Latin;
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in sample.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetter(c))
            {
                current.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        var trigrams = new List<string>();
        foreach (var word in words)
        {
            var padded = " " + word + " ";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                trigrams.Add(padded.Substring(i, 3));
            }
        }

        var scores = profiles.Select(p => new LanguageScore(p.Code,
                (words.Count(p.StopWords.Contains) / (double)words.Count)
                + (0.6 * trigrams.Count(p.Trigrams.Contains) / trigrams.Count)
                + (0.8 * words.Count(w => w.Any(p.Markers.Contains)) / words.Count), false))
            .OrderByDescending(s => s.Value)
            .ToList();
        var (best, second) = (scores[0], scores.Count > 1 ? scores[1].Value : 0);
        var margin = words.Count >= 30 ? 0.02 : words.Count >= 8 ? 0.05 : 0.1;
        return best with { Confident = best.Value >= 0.12 && best.Value - second >= margin };
    }
}
