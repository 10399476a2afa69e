using System.IO.Compression;
using System.Text;
using MediaMonitor.EntityTagging.Recognition;

namespace MediaMonitor.EntityTagging.Gazetteers;

/// <summary>
/// Derives two count tables from a CoNLL training file (no text is kept, only per-word counts): first names (the first
/// token of multi-token PER spans) and words usually written in lower case (so a capitalised "Most" opening a sentence
/// is not taken for the Czech town).
/// </summary>
public static class WordListBuilder
{
    public static (int FirstNames, int LowerWords) Build(string conllFile, string outputFile)
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

        var firstRows = firstNames.Where(kv => kv.Value >= 1 && !lower.ContainsKey(kv.Key.ToLowerInvariant()))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"first\t{kv.Key}\t{kv.Value}").ToList();
        var lowerRows = lower.Where(kv => kv.Value >= 2)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"lower\t{kv.Key}\t{kv.Value}").ToList();
        using var output = new GZipStream(File.Create(outputFile), CompressionLevel.SmallestSize);
        using var writer = new StreamWriter(output, new UTF8Encoding(false));
        writer.NewLine = "\n";
        writer.WriteLine("# word counts derived from the CoNLL-2003 English training set (research data; counts only, no text)");
        foreach (var row in firstRows.Concat(lowerRows))
        {
            writer.WriteLine(row);
        }

        return (firstRows.Count, lowerRows.Count);
    }
}
