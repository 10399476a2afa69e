namespace MediaMonitor.EntityTagging.Model;

/// <summary>
/// What the rest of the document says about a word (non-local features): whether it also appears capitalised
/// mid-sentence or in lower case, after a first name, at the start or end of a longer capitalised name, the words
/// around its other occurrences, and its mixed-case spelling when a headline is in capitals.
/// </summary>
public sealed class DocumentContext
{
    private const int MaxContexts = 6;

    private readonly Dictionary<string, WordFacts> _facts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _lowerWords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _mixedCase = new(StringComparer.Ordinal);

    public static DocumentContext Build(IReadOnlyList<IReadOnlyList<string>> sentences, Func<string, bool> isFirstName)
    {
        var context = new DocumentContext();
        foreach (var words in sentences)
        {
            for (var i = 0; i < words.Count; i++)
            {
                var w = words[i];
                if (w.Length == 0 || !char.IsLetter(w[0]))
                {
                    continue;
                }

                if (char.IsLower(w[0]))
                {
                    context._lowerWords.Add(w);
                    continue;
                }

                var upper = w.ToUpperInvariant();
                if (w != upper)
                {
                    context._mixedCase.TryAdd(upper, w);
                }

                if (!context._facts.TryGetValue(w, out var facts))
                {
                    facts = new WordFacts();
                    context._facts[w] = facts;
                }

                facts.Occurrences++;
                if (i > 0 && w != upper)
                {
                    facts.CapitalisedMidSentence++;
                }

                if (i > 0 && isFirstName(words[i - 1]))
                {
                    facts.AfterFirstName = true;
                }

                var prevCap = i > 0 && IsCapitalised(words[i - 1]);
                var nextCap = i + 1 < words.Count && IsCapitalised(words[i + 1]);
                facts.FirstOfRun |= !prevCap && nextCap;
                facts.LastOfRun |= prevCap && !nextCap;
                if (facts.Contexts.Count < MaxContexts * 2)
                {
                    facts.Contexts.Add("<" + (i > 0 ? words[i - 1].ToLowerInvariant() : "<S>"));
                    facts.Contexts.Add(">" + (i + 1 < words.Count ? words[i + 1].ToLowerInvariant() : "</S>"));
                }
            }
        }

        return context;
    }

    /// <summary>Adds the document features of <paramref name="word"/> (position <paramref name="i"/>) to <paramref name="hashes"/>.</summary>
    public void AddFeatures(List<ulong> hashes, string word, int i, bool capsSentence)
    {
        if (word.Length == 0 || !char.IsLetter(word[0]) || char.IsLower(word[0]))
        {
            return;
        }

        var lookup = word;
        if (capsSentence && _mixedCase.TryGetValue(word, out var mixed))
        {
            lookup = mixed;
            hashes.Add(FeatureHash.Of(60, WordShape.Collapsed(mixed)));
            hashes.Add(FeatureHash.Of(61, mixed));
        }

        if (_lowerWords.Contains(lookup.ToLowerInvariant()))
        {
            hashes.Add(FeatureHash.Of(62));
        }

        if (!_facts.TryGetValue(lookup, out var facts))
        {
            return;
        }

        if (facts.CapitalisedMidSentence > (i > 0 ? 1 : 0))
        {
            hashes.Add(FeatureHash.Of(63, i == 0 ? "initial" : "mid"));
        }

        if (facts.AfterFirstName)
        {
            hashes.Add(FeatureHash.Of(64));
        }

        if (facts.FirstOfRun)
        {
            hashes.Add(FeatureHash.Of(65));
        }

        if (facts.LastOfRun)
        {
            hashes.Add(FeatureHash.Of(66));
        }

        foreach (var c in facts.Contexts)
        {
            hashes.Add(FeatureHash.Of(67, c));
        }
    }

    private static bool IsCapitalised(string w) => w.Length > 0 && char.IsUpper(w[0]);

    private sealed class WordFacts
    {
        public int Occurrences { get; set; }

        public int CapitalisedMidSentence { get; set; }

        public bool AfterFirstName { get; set; }

        public bool FirstOfRun { get; set; }

        public bool LastOfRun { get; set; }

        public HashSet<string> Contexts { get; } = new(StringComparer.Ordinal);
    }
}
