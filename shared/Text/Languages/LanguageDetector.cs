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

    private static readonly ProfileTable Latin = new(LanguageProfiles.Latin);
    private static readonly ProfileTable Cyrillic = new(LanguageProfiles.Cyrillic);

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
            Script.Latin => ScoreProfiles(sample, Latin),
            Script.Cyrillic => ScoreProfiles(sample, Cyrillic),
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

    private static LanguageScore? ScoreProfiles(string sample, ProfileTable table)
    {
        var words = Words(sample);
        if (words.Count == 0)
        {
            return null;
        }

        // One lookup per word, trigram and letter for all profiles at once (a bit per profile), not one per profile:
        // the counts, and so the scores, are the ones each profile's own sets give.
        var n = table.Profiles.Count;
        Span<int> stopWords = stackalloc int[n];
        Span<int> trigramHits = stackalloc int[n];
        Span<int> marked = stackalloc int[n];
        var trigrams = 0;
        foreach (var word in words)
        {
            Tally(table.StopWords.GetValueOrDefault(word), stopWords);
            // The word padded with a space either side: its length in trigrams.
            trigrams += word.Length;
            for (var i = 0; i < word.Length; i++)
            {
                var key = ProfileTable.Trigram(i == 0 ? ' ' : word[i - 1], word[i], i == word.Length - 1 ? ' ' : word[i + 1]);
                Tally(table.Trigrams.GetValueOrDefault(key), trigramHits);
            }

            var markers = 0UL;
            foreach (var c in word)
            {
                markers |= table.Markers.GetValueOrDefault(c);
            }

            Tally(markers, marked);
        }

        var unordered = new LanguageScore[n];
        for (var i = 0; i < n; i++)
        {
            unordered[i] = new LanguageScore(table.Profiles[i].Code,
                (stopWords[i] / (double)words.Count)
                + (0.6 * trigramHits[i] / trigrams)
                + (0.8 * marked[i] / words.Count), false);
        }

        var scores = unordered.OrderByDescending(s => s.Value).ToList();
        var (best, second) = (scores[0], scores.Count > 1 ? scores[1].Value : 0);

        // Few words need a wider lead: a three-word headline can share most of its words with a neighbouring language.
        var margin = words.Count >= 30 ? 0.02 : words.Count >= 8 ? 0.05 : 0.1;
        return best with { Confident = best.Value >= 0.12 && best.Value - second >= margin };
    }

    private static void Tally(ulong profiles, Span<int> counts)
    {
        while (profiles != 0)
        {
            counts[System.Numerics.BitOperations.TrailingZeroCount(profiles)]++;
            profiles &= profiles - 1;
        }
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

/// <summary>
/// The function words, trigrams and marker letters of a list of profiles, each mapped to the profiles that hold it (bit i
/// for profile i), so that scoring a text looks each of its words, trigrams and letters up once.
/// </summary>
internal sealed class ProfileTable
{
    public ProfileTable(IReadOnlyList<LanguageProfile> profiles)
    {
        if (profiles.Count > 64)
        {
            throw new ArgumentException("at most 64 profiles fit a mask", nameof(profiles));
        }

        Profiles = profiles;
        for (var i = 0; i < profiles.Count; i++)
        {
            var bit = 1UL << i;
            foreach (var word in profiles[i].StopWords)
            {
                StopWords[word] = StopWords.GetValueOrDefault(word) | bit;
            }

            // A trigram of another length never equals a text's three characters.
            foreach (var trigram in profiles[i].Trigrams.Where(t => t.Length == 3))
            {
                var key = Trigram(trigram[0], trigram[1], trigram[2]);
                Trigrams[key] = Trigrams.GetValueOrDefault(key) | bit;
            }

            foreach (var marker in profiles[i].Markers)
            {
                Markers[marker] = Markers.GetValueOrDefault(marker) | bit;
            }
        }
    }

    public IReadOnlyList<LanguageProfile> Profiles { get; }

    public Dictionary<string, ulong> StopWords { get; } = new(StringComparer.Ordinal);

    public Dictionary<ulong, ulong> Trigrams { get; } = [];

    public Dictionary<char, ulong> Markers { get; } = [];

    /// <summary>Three UTF-16 code units in one key.</summary>
    public static ulong Trigram(char a, char b, char c) => ((ulong)a << 32) | ((ulong)b << 16) | c;
}

/// <summary>A language code, its score, and whether it is clear enough to report.</summary>
public sealed record LanguageScore(string Code, double Value, bool Confident);
