using System.IO.Compression;
using System.Text;
using MediaMonitor.EntityTagging.Recognition;

namespace MediaMonitor.EntityTagging.Gazetteers;

/// <summary>
/// Derives two count tables from the CoNLL files the model trains on (no text is kept, only per-word counts): first names (the first
/// token of multi-token PER spans) and words usually written in lower case (so a capitalised "Most" opening a sentence
/// is not taken for the Czech town). Unlabelled text, when given, adds the words it writes in lower case more often
/// than capitalised inside a sentence ("nonetheless", "redesignated" opening a sentence are not names either).
/// </summary>
public static class WordListBuilder
{
    /// <summary>Builds the word lists from the labelled CoNLL files (every file the shipped model trains on) and unlabelled text.</summary>
    public static (int FirstNames, int LowerWords) Build(IReadOnlyList<string> conllFiles, string outputFile, IEnumerable<IReadOnlyList<string>>? unlabelled = null)
    {
        var sentences = conllFiles.SelectMany(ConllReader.ReadSentences).ToList();
        var firstNames = FirstNameCounts(sentences.Select(s => ((IReadOnlyList<string>)s.ConvertAll(t => t.Word), (IReadOnlyList<string>)s.ConvertAll(t => t.Tag))));
        var lower = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in sentences.SelectMany(s => s).Select(t => t.Word))
        {
            if (word.Length > 1 && word.All(char.IsLower))
            {
                lower[word] = lower.GetValueOrDefault(word) + 1;
            }
        }

        foreach (var (word, count) in LowerCaseWords(unlabelled ?? []))
        {
            lower[word] = lower.GetValueOrDefault(word) + count;
        }

        var firstRows = firstNames.Where(kv => kv.Value >= 1 && !lower.ContainsKey(kv.Key.ToLowerInvariant()))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"first\t{kv.Key}\t{kv.Value}").ToList();
        var lowerRows = lower.Where(kv => kv.Value >= 2)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"lower\t{kv.Key}\t{kv.Value}").ToList();
        using var output = new GZipStream(File.Create(outputFile), CompressionLevel.SmallestSize);
        using var writer = new StreamWriter(output, new UTF8Encoding(false));
        writer.NewLine = "\n";
        writer.WriteLine("# word counts derived from the labelled CoNLL-2003 English sets the tagger trains on and unlabelled news text (counts only, no text)");
        foreach (var row in firstRows.Concat(lowerRows))
        {
            writer.WriteLine(row);
        }

        return (firstRows.Count, lowerRows.Count);
    }

    /// <summary>
    /// The first names of labelled sentences, for one cross-validation fold: as <see cref="Build"/> derives them, less
    /// the words the gazetteer knows as usually lower case.
    /// </summary>
    public static HashSet<string> FirstNamesOf(IEnumerable<MediaMonitor.EntityTagging.Model.LabelledSentence> sentences, Gazetteer gazetteer) =>
        FirstNameCounts(sentences.Select(s => (s.Words, s.Tags))).Keys.Where(w => !gazetteer.IsLowercaseFolded(w.ToLowerInvariant()))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Counts of the first token of multi-token PER spans (IOB2), capitalised and two characters or longer.</summary>
    private static Dictionary<string, int> FirstNameCounts(IEnumerable<(IReadOnlyList<string> Words, IReadOnlyList<string> Tags)> sentences)
    {
        var firstNames = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (words, tags) in sentences)
        {
            for (var i = 0; i + 1 < words.Count; i++)
            {
                var word = words[i];
                if (tags[i] == "B-PER" && tags[i + 1] == "I-PER" && word.Length > 1 && char.IsUpper(word[0]))
                {
                    firstNames[word] = firstNames.GetValueOrDefault(word) + 1;
                }
            }
        }

        return firstNames;
    }

    /// <summary>Lower-case words of the text with how often they are written so, when that beats their capitalised uses mid-sentence.</summary>
    private static Dictionary<string, int> LowerCaseWords(IEnumerable<IReadOnlyList<string>> sentences)
    {
        var lower = new Dictionary<string, int>(StringComparer.Ordinal);
        var capitalised = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            for (var i = 0; i < sentence.Count; i++)
            {
                var word = sentence[i];
                if (word.Length < 2 || !word.All(char.IsLetter))
                {
                    continue;
                }

                if (word.All(char.IsLower))
                {
                    lower[word] = lower.GetValueOrDefault(word) + 1;
                }
                else if (i > 0 && char.IsUpper(word[0]) && word.Skip(1).All(char.IsLower))
                {
                    var key = word.ToLowerInvariant();
                    capitalised[key] = capitalised.GetValueOrDefault(key) + 1;
                }
            }
        }

        return lower.Where(kv => kv.Value >= 2 && kv.Value > 2 * capitalised.GetValueOrDefault(kv.Key)).ToDictionary(StringComparer.Ordinal);
    }
}
