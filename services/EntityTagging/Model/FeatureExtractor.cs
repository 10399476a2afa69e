using MediaMonitor.EntityTagging.Gazetteers;

namespace MediaMonitor.EntityTagging.Model;

/// <summary>The features of every token of a sentence, as 64-bit hashes: Offsets[i]..Offsets[i+1] are token i's.</summary>
public sealed class SentenceFeatures(int hashCapacity = 1024, int tokenCapacity = 63)
{
    /// <summary>About what a token of news text gets from the extractor at most (39 on average, 48 at most per sentence in 600 BBC articles).</summary>
    public const int HashesPerToken = 48;

    public List<ulong> Hashes { get; } = new(hashCapacity);

    public List<int> Offsets { get; } = new(tokenCapacity + 1);
}

/// <summary>
/// The tagger's feature templates: words and lower-cased words in a five-token window, word bigrams, word shapes,
/// prefixes and suffixes, sentence position, all-caps headlines, gazetteer membership (countries, places by size,
/// organisations, demonyms, with the token's position in the match), first names (from CoNLL and from public-domain
/// given-name lists), usually-lower-case words, the organisation or event word heading a capitalised name, and
/// distributional word clusters when available. <paramref name="firstNames"/> replaces the gazetteer's CoNLL-derived
/// first names when given (cross-validation derives them from the training folds only, so held-out names stay unseen).
/// </summary>
public sealed class FeatureExtractor(Gazetteer gazetteer, WordClusters? clusters, IReadOnlySet<string>? firstNames = null)
{
    private const string Start = "<S>";
    private const string End = "</S>";

    /// <summary>
    /// Whether tokens also get the features of the capitalised run they stand in (<see cref="NameRuns"/>); on since
    /// perceptron-2stage-6 (models trained without them have no weights for them, so they change nothing there).
    /// </summary>
    public bool NameRunFeatures { get; init; } = true;

    /// <summary>Whether tokens also get the clusters of the words two away and their own cluster with their shape.</summary>
    public bool WideClusterFeatures { get; init; }

    /// <summary>Whether tokens of a line that is mostly numbers (a results table) get that fact with their shape and word.</summary>
    public bool TableLineFeatures { get; init; }

    /// <summary>The document-level facts the features of each of its sentences may use.</summary>
    public DocumentContext DocumentContextOf(IReadOnlyList<IReadOnlyList<string>> sentences) => DocumentContext.Build(sentences, IsFirstName);

    public SentenceFeatures Extract(IReadOnlyList<string> words, DocumentContext? document = null)
    {
        var n = words.Count;
        var lower = new string[n];
        var shape = new string[n];
        var folded = new string[n];
        for (var i = 0; i < n; i++)
        {
            lower[i] = words[i].ToLowerInvariant();
            shape[i] = WordShape.Collapsed(words[i]);
            folded[i] = IsAscii(words[i]) ? lower[i] : Gazetteer.Fold(words[i]);
        }

        var gaz = GazetteerTags(words, folded);
        var heads = NameHeads.Of(words);
        var letters = words.Sum(w => w.Count(char.IsLetter));
        var capsSentence = n > 2 && letters > 8 && words.Sum(w => w.Count(char.IsUpper)) > 0.8 * letters;
        var tableLine = TableLineFeatures && n > 2 && words.Count(w => w.Length > 0 && char.IsDigit(w[0])) * 4 >= n;
        var (runStart, runLength) = NameRunFeatures && !capsSentence ? NameRuns.Of(words) : (new int[n], new int[n]);
        // Sized for the sentence: a fixed 1,024 hashes was too much for a short sentence and grew by copies for a long one.
        var features = new SentenceFeatures(n * SentenceFeatures.HashesPerToken, n);
        for (var i = 0; i < n; i++)
        {
            features.Offsets.Add(features.Hashes.Count);
            var h = features.Hashes;
            var w = words[i];
            var prevL = i > 0 ? lower[i - 1] : Start;
            var nextL = i + 1 < n ? lower[i + 1] : End;
            var prevS = i > 0 ? shape[i - 1] : Start;
            var nextS = i + 1 < n ? shape[i + 1] : End;
            h.Add(FeatureHash.Of(0));
            h.Add(FeatureHash.Of(1, w));
            h.Add(FeatureHash.Of(2, lower[i]));
            h.Add(FeatureHash.Of(3, prevL));
            h.Add(FeatureHash.Of(4, nextL));
            h.Add(FeatureHash.Of(5, i > 1 ? lower[i - 2] : Start));
            h.Add(FeatureHash.Of(6, i + 2 < n ? lower[i + 2] : End));
            h.Add(FeatureHash.Of(7, prevL, lower[i]));
            h.Add(FeatureHash.Of(8, lower[i], nextL));
            h.Add(FeatureHash.Of(9, shape[i]));
            h.Add(FeatureHash.Of(10, WordShape.Detailed(w)));
            h.Add(FeatureHash.Of(11, prevS));
            h.Add(FeatureHash.Of(12, nextS));
            h.Add(FeatureHash.Of(13, prevS, shape[i], nextS));
            for (var k = 1; k <= 4 && k < w.Length; k++)
            {
                h.Add(FeatureHash.Of(13 + k, w.AsSpan(0, k)));
                h.Add(FeatureHash.Of(17 + k, w.AsSpan(w.Length - k)));
            }

            if (i == 0)
            {
                h.Add(FeatureHash.Of(22, shape[i]));
            }

            if (capsSentence)
            {
                h.Add(FeatureHash.Of(23, lower[i]));
            }

            h.Add(FeatureHash.Of(24, gaz[i]));
            h.Add(FeatureHash.Of(25, i > 0 ? gaz[i - 1] : Start));
            h.Add(FeatureHash.Of(26, i + 1 < n ? gaz[i + 1] : End));
            h.Add(FeatureHash.Of(27, gaz[i], shape[i]));
            if (IsFirstName(w))
            {
                h.Add(FeatureHash.Of(28));
            }

            if (i > 0 && IsFirstName(words[i - 1]))
            {
                h.Add(FeatureHash.Of(29));
            }

            if (gazetteer.IsGivenName(w))
            {
                h.Add(FeatureHash.Of(33, shape[i]));
            }

            if (i > 0 && gazetteer.IsGivenName(words[i - 1]))
            {
                h.Add(FeatureHash.Of(34, shape[i]));
            }

            if (heads[i] is { } head)
            {
                h.Add(FeatureHash.Of(35, head));
            }

            if (gazetteer.IsLowercaseFolded(lower[i]))
            {
                h.Add(FeatureHash.Of(30, shape[i]));
            }

            h.Add(FeatureHash.Of(31, shape[i], nextL));
            h.Add(FeatureHash.Of(32, prevL, shape[i]));
            document?.AddFeatures(h, w, i, capsSentence);
            NameRuns.Add(h, runStart, runLength, lower, i);
            if (tableLine)
            {
                h.Add(FeatureHash.Of(36, shape[i]));
                h.Add(FeatureHash.Of(37, lower[i]));
            }

            if (clusters is not null)
            {
                AddClusters(h, 40, clusters.OfLower(lower[i]));
                AddClusters(h, 44, i > 0 ? clusters.OfLower(lower[i - 1]) : null);
                AddClusters(h, 48, i + 1 < n ? clusters.OfLower(lower[i + 1]) : null);
                if (WideClusterFeatures)
                {
                    AddClusters(h, 52, i > 1 ? clusters.OfLower(lower[i - 2]) : null);
                    AddClusters(h, 56, i + 2 < n ? clusters.OfLower(lower[i + 2]) : null);
                    var own = clusters.OfLower(lower[i]);
                    h.Add(FeatureHash.Of(38, own is null ? "-" : own.AsSpan(0, Math.Min(6, own.Length)), shape[i]));
                }
            }
        }

        features.Offsets.Add(features.Hashes.Count);
        return features;
    }

    private bool IsFirstName(string word) => firstNames?.Contains(word) ?? gazetteer.IsFirstName(word);

    private static bool IsAscii(string word)
    {
        foreach (var c in word)
        {
            if (c >= 128 || c == '`')
            {
                return false;
            }
        }

        return true;
    }

    private static void AddClusters(List<ulong> h, int template, string? path)
    {
        if (path is null)
        {
            h.Add(FeatureHash.Of(template, "-"));
            return;
        }

        h.Add(FeatureHash.Of(template, path.AsSpan(0, Math.Min(4, path.Length))));
        h.Add(FeatureHash.Of(template + 1, path.AsSpan(0, Math.Min(6, path.Length))));
        h.Add(FeatureHash.Of(template + 2, path.AsSpan(0, Math.Min(10, path.Length))));
        h.Add(FeatureHash.Of(template + 3, path));
    }

    /// <summary>For each token, "kind|position" of the longest gazetteer match covering it, or "-".</summary>
    private string[] GazetteerTags(IReadOnlyList<string> words, string[] folded)
    {
        var tags = Enumerable.Repeat("-", words.Count).ToArray();
        var i = 0;
        while (i < words.Count)
        {
            var (length, entries) = gazetteer.LongestMatch(words, folded, i);
            if (length == 0)
            {
                i++;
                continue;
            }

            var kind = KindOf(entries);
            for (var k = 0; k < length; k++)
            {
                var position = length == 1 ? "U" : k == 0 ? "B" : k == length - 1 ? "L" : "I";
                tags[i + k] = kind + "|" + position;
            }

            i += length;
        }

        return tags;
    }

    private string KindOf(List<GazetteerEntry> entries)
    {
        var best = entries.MaxBy(e => e.Prominence)!;
        return best.Kind switch
        {
            GazetteerKind.Place when gazetteer.IsCurated(best.EntityId) => "curated-" + best.Type,
            GazetteerKind.Place => best.Population >= 100_000 || best.FeatureCode == "PPLC" ? "city" : "town",
            GazetteerKind.Organisation => "org",
            _ => best.Kind.ToString(),
        };
    }
}
