using System.IO.Compression;
using System.Text;
using MediaMonitor.EntityTagging.Recognition;

namespace MediaMonitor.EntityTagging.Gazetteers;

/// <summary>
/// Derives two count tables from a CoNLL training file (no text is kept, only per-word counts): first names (the first
/// token of multi-token PER spans) and words usually written in lower case (so a capitalised "Most" opening a sentence
/// is not taken for the Czech town). Unlabelled text, when given, adds the words it writes in lower case more often
/// than capitalised inside a sentence ("nonetheless", "redesignated" opening a sentence are not names either).
/// </summary>
public static class WordListBuilder
{
    public static (int FirstNames, int LowerWords) Build(string conllFile, string outputFile, IEnumerable<IReadOnlyList<string>>? unlabelled = null)
    {
        var firstNames = new Dictionary<string, int>(StringComparer.Ordinal);
        var lower = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in ConllReader.ReadSentences(conllFile))
        {
            for (var i = 0; i < sentence.Count; i++)
            {
                var (word, tag) = (sentence[i].Word, sentence[i].Tag);
                if (tag == "B-PER" && i + 1 < sentence.Count && sentence[i + 1].Tag == "I-PER" && char.IsUpper(word[0]) && word.Length > 1)
                {
                    firstNames[word] = firstNames.GetValueOrDefault(word) + 1;
                }

                if (word.Length > 1 && word.All(char.IsLower))
                {
                    lower[word] = lower.GetValueOrDefault(word) + 1;
                }
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
        writer.WriteLine("# word counts derived from the CoNLL-2003 English training set and unlabelled news text (counts only, no text)");
        foreach (var row in firstRows.Concat(lowerRows))
        {
            writer.WriteLine(row);
        }

        return (firstRows.Count, lowerRows.Count);
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
