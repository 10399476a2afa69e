namespace MediaMonitor.Crawler.Extraction;

/// <summary>Detects a text's language from its most frequent function words; good enough for the major news languages.</summary>
public static class LanguageGuess
{
    private static readonly (string Code, HashSet<string> Words)[] Profiles =
    [
        ("en", ["the", "and", "of", "to", "in", "is", "that", "for", "it", "with", "was", "on", "as", "said", "he", "by"]),
        ("de", ["der", "die", "und", "das", "ist", "nicht", "mit", "den", "ein", "eine", "zu", "sich", "auf", "für", "dem", "auch"]),
        ("fr", ["le", "la", "les", "et", "des", "est", "une", "un", "du", "que", "dans", "pour", "pas", "qui", "sur", "au"]),
        ("es", ["el", "la", "los", "las", "y", "que", "de", "en", "un", "una", "por", "con", "para", "es", "del", "se"]),
        ("it", ["il", "di", "che", "la", "e", "per", "un", "una", "non", "sono", "del", "della", "gli", "le", "con", "è"]),
        ("pt", ["o", "a", "os", "as", "que", "de", "não", "uma", "um", "para", "com", "do", "da", "em", "é", "se"]),
        ("nl", ["de", "het", "een", "en", "van", "is", "dat", "niet", "op", "te", "zijn", "met", "voor", "ook", "er", "die"]),
        ("ru", ["и", "в", "не", "на", "что", "с", "по", "как", "это", "из", "он", "к", "для", "о", "а", "от"]),
        ("uk", ["і", "в", "не", "на", "що", "з", "до", "як", "це", "та", "у", "від", "й", "для", "про", "його"]),
        ("pl", ["i", "w", "nie", "na", "że", "się", "z", "do", "to", "jest", "o", "jak", "po", "dla", "od", "a"]),
        ("tr", ["ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha", "ne", "gibi", "olan", "ama", "mi", "en"]),
        ("sv", ["och", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har", "inte", "om", "ett"]),
    ];

    /// <summary>An ISO 639-1 code, or null when the text is too short or matches no profile.</summary>
    public static string? Detect(string text)
    {
        var words = text.ToLowerInvariant()
            .Split([' ', '\n', '\t', ',', '.', ';', ':', '!', '?', '"', '(', ')', '«', '»'], StringSplitOptions.RemoveEmptyEntries)
            .Take(2000)
            .ToList();
        if (words.Count < 20)
        {
            return null;
        }

        var best = Profiles.Select(p => (p.Code, Hits: words.Count(p.Words.Contains))).MaxBy(p => p.Hits);
        return best.Hits >= words.Count / 20 ? best.Code : null;
    }
}
