using System.Globalization;
using System.Text;

namespace MediaMonitor.Text.Languages;

/// <summary>
/// Detects the language of a text (ISO 639-1 code) in two steps: the dominant script decides outright where one
/// language owns it here (Arabic, Greek, Hebrew, Hangul, Thai, Devanagari; Han with kana is Japanese, without it Chinese);
/// in the Latin and Cyrillic scripts each profile is scored on the share of the text's words that are its function words,
/// the share of its character trigrams, and the words carrying its distinctive letters. Returns null when the text is too
/// short or two languages score too close to tell.
/// </summary>
public static class LanguageDetector
{
    private const int SampleChars = 6000;

    public static string? Detect(string? text) => Score(text) is { } best && best.Confident ? best.Code : null;

    /// <summary>The best language with its score and whether it beat the runner-up clearly enough to be reported.</summary>
    public static LanguageScore? Score(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var sample = text.Length > SampleChars ? text[..SampleChars] : text;
        var scripts = ScriptCounts.Of(sample);
        return scripts.Dominant switch
        {
            Script.Latin => ScoreProfiles(sample, LanguageProfiles.Latin),
            Script.Cyrillic => ScoreProfiles(sample, LanguageProfiles.Cyrillic),
            Script.Han when scripts.Kana * 10 >= scripts.Han || scripts.Kana >= 20 => Owned("ja", scripts.Han + scripts.Kana),
            Script.Han => Owned("zh", scripts.Han),
            Script.Arabic => Owned(scripts.Persian * 50 > scripts.Arabic && scripts.Persian >= 2 ? "fa" : "ar", scripts.Arabic),
            Script.Greek => Owned("el", scripts.Greek),
            Script.Hebrew => Owned("he", scripts.Hebrew),
            Script.Hangul => Owned("ko", scripts.Hangul),
            Script.Thai => Owned("th", scripts.Thai),
            Script.Devanagari => Owned("hi", scripts.Devanagari),
            _ => null,
        };
    }

    private static LanguageScore Owned(string code, int letters) => new(code, 1, letters >= 2);

    private static LanguageScore? ScoreProfiles(string sample, IReadOnlyList<LanguageProfile> profiles)
    {
        var words = Words(sample);
        if (words.Count == 0)
        {
            return null;
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

        // Few words need a wider lead: a three-word headline can share most of its words with a neighbouring language.
        var margin = words.Count >= 30 ? 0.02 : words.Count >= 8 ? 0.05 : 0.1;
        return best with { Confident = best.Value >= 0.12 && best.Value - second >= margin };
    }

    /// <summary>Lower-cased runs of letters (apostrophes split: French l'homme is "l" and "homme").</summary>
    private static List<string> Words(string sample)
    {
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

        return words;
    }
}

/// <summary>A language code, its score, and whether it is clear enough to report.</summary>
public sealed record LanguageScore(string Code, double Value, bool Confident);
