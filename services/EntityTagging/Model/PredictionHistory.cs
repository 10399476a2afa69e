namespace MediaMonitor.EntityTagging.Model;

/// <summary>
/// Second-stage (stacked) features: how a first-stage tagger labelled each token, its neighbours, and every other
/// occurrence of the same word in the document (Krishnan and Manning 2006), so that "Suslov" tagged PER in one sentence
/// pulls the others along; optionally also across spellings that differ in case only ("CHINA" in a capitals headline and
/// "China" in the text).
/// </summary>
public sealed class PredictionHistory
{
    private readonly Dictionary<string, int[]> _typeCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> _foldedCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> _runCounts = new(StringComparer.Ordinal);

    public static PredictionHistory Build(IReadOnlyList<IReadOnlyList<string>> sentences, IReadOnlyList<int[]> labels)
    {
        var history = new PredictionHistory();
        for (var s = 0; s < sentences.Count; s++)
        {
            for (var i = 0; i < sentences[s].Count; i++)
            {
                var w = sentences[s][i];
                if (w.Length == 0 || !char.IsUpper(w[0]))
                {
                    continue;
                }

                if (!history._typeCounts.TryGetValue(w, out var counts))
                {
                    counts = new int[Bilou.Types.Length + 1];
                    history._typeCounts[w] = counts;
                }

                counts[Bilou.TypeOf(labels[s][i]) + 1]++;
                var key = w.ToLowerInvariant();
                if (!history._foldedCounts.TryGetValue(key, out var folded))
                {
                    folded = new int[Bilou.Types.Length + 1];
                    history._foldedCounts[key] = folded;
                }

                folded[Bilou.TypeOf(labels[s][i]) + 1]++;
            }

            foreach (var (start, length) in Recognition.RuleRecognizer.CapitalisedRuns(sentences[s]))
            {
                var key = RunKey(sentences[s], start, length);
                if (!history._runCounts.TryGetValue(key, out var counts))
                {
                    counts = new int[Bilou.Types.Length + 1];
                    history._runCounts[key] = counts;
                }

                for (var k = start; k < start + length; k++)
                {
                    counts[Bilou.TypeOf(labels[s][k]) + 1]++;
                }
            }
        }

        return history;
    }

    /// <summary>
    /// The base features plus the first stage's labels around each token and the document's majority type per word;
    /// with <paramref name="caseFolded"/> also the types of the word's other spellings in case (a model trained without
    /// them has no weights for them, so they change nothing for it).
    /// </summary>
    public SentenceFeatures Augment(SentenceFeatures features, IReadOnlyList<string> words, int[] labels, bool caseFolded = true,
        bool wide = true)
    {
        var history = FeaturesOf(words, labels, caseFolded, wide);
        var result = new SentenceFeatures(features.Hashes.Count + history.Hashes.Count, words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            result.Offsets.Add(result.Hashes.Count);
            for (var k = features.Offsets[i]; k < features.Offsets[i + 1]; k++)
            {
                result.Hashes.Add(features.Hashes[k]);
            }

            for (var k = history.Offsets[i]; k < history.Offsets[i + 1]; k++)
            {
                result.Hashes.Add(history.Hashes[k]);
            }
        }

        result.Offsets.Add(result.Hashes.Count);
        return result;
    }

    /// <summary>The features <see cref="Augment"/> adds after each token's base features, alone.</summary>
    public SentenceFeatures FeaturesOf(IReadOnlyList<string> words, int[] labels, bool caseFolded = true, bool wide = true)
    {
        // At most about a dozen per token.
        var result = new SentenceFeatures(words.Count * 12, words.Count);
        var runs = wide ? RunsOf(words) : null;
        for (var i = 0; i < words.Count; i++)
        {
            result.Offsets.Add(result.Hashes.Count);
            result.Hashes.Add(FeatureHash.Of(70, Bilou.Labels[labels[i]]));
            result.Hashes.Add(FeatureHash.Of(71, i > 0 ? Bilou.Labels[labels[i - 1]] : "<S>", Bilou.Labels[labels[i]]));
            result.Hashes.Add(FeatureHash.Of(72, Bilou.Labels[labels[i]], i + 1 < words.Count ? Bilou.Labels[labels[i + 1]] : "</S>"));
            if (runs is not null)
            {
                AddWide(result.Hashes, words, labels, runs[i], i);
            }

            if (_typeCounts.TryGetValue(words[i], out var counts))
            {
                var total = counts.Sum();
                var majority = Array.IndexOf(counts, counts.Max());
                var majorityName = majority == 0 ? "O" : Bilou.Types[majority - 1];
                result.Hashes.Add(FeatureHash.Of(73, majorityName));
                result.Hashes.Add(FeatureHash.Of(74, majorityName, total > 1 ? "many" : "one"));
                for (var t = 1; t < counts.Length; t++)
                {
                    if (counts[t] > 0)
                    {
                        result.Hashes.Add(FeatureHash.Of(75, Bilou.Types[t - 1]));
                    }
                }

                if (caseFolded && _foldedCounts.TryGetValue(words[i].ToLowerInvariant(), out var folded) && folded.Sum() > total)
                {
                    var foldedMajority = Array.IndexOf(folded, folded.Max());
                    result.Hashes.Add(FeatureHash.Of(76, foldedMajority == 0 ? "O" : Bilou.Types[foldedMajority - 1]));
                    for (var t = 1; t < folded.Length; t++)
                    {
                        if (folded[t] > counts[t])
                        {
                            result.Hashes.Add(FeatureHash.Of(77, Bilou.Types[t - 1]));
                        }
                    }
                }
            }
        }

        result.Offsets.Add(result.Hashes.Count);
        return result;
    }

    private static string RunKey(IReadOnlyList<string> words, int start, int length) =>
        string.Join(' ', Enumerable.Range(start, length).Select(k => words[k]));

    private static string?[] RunsOf(IReadOnlyList<string> words)
    {
        var keys = new string?[words.Count];
        foreach (var (start, length) in Recognition.RuleRecognizer.CapitalisedRuns(words))
        {
            var key = RunKey(words, start, length);
            for (var k = start; k < start + length; k++)
            {
                keys[k] = key;
            }
        }

        return keys;
    }

    /// <summary>Wider history: stage-one labels two tokens away, and the types stage one gave the whole capitalised run elsewhere.</summary>
    private void AddWide(List<ulong> hashes, IReadOnlyList<string> words, int[] labels, string? run, int i)
    {
        hashes.Add(FeatureHash.Of(78, i > 1 ? Bilou.Labels[labels[i - 2]] : "<S>"));
        hashes.Add(FeatureHash.Of(79, i + 2 < words.Count ? Bilou.Labels[labels[i + 2]] : "</S>"));
        if (run is null || !_runCounts.TryGetValue(run, out var counts))
        {
            return;
        }

        var majority = Array.IndexOf(counts, counts.Max());
        hashes.Add(FeatureHash.Of(84, majority == 0 ? "O" : Bilou.Types[majority - 1], Bilou.Labels[labels[i]]));
    }
}
