namespace MediaMonitor.EntityTagging.Recognition;

/// <summary>One token of a CoNLL file: the word (first column), the gold tag (last column) and the whole line.</summary>
public readonly record struct ConllToken(string Word, string Tag, string Line);

/// <summary>Reads CoNLL files: one token a line, the tag in the last column, blank lines between sentences, -DOCSTART- skipped.</summary>
public static class ConllReader
{
    public static IEnumerable<List<ConllToken>> ReadSentences(string path)
    {
        var sentence = new List<ConllToken>();
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                if (sentence.Count > 0)
                {
                    yield return sentence;
                    sentence = [];
                }

                continue;
            }

            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields[0] == "-DOCSTART-")
            {
                continue;
            }

            sentence.Add(new ConllToken(fields[0], fields.Length > 1 ? fields[^1] : "O", line));
        }

        if (sentence.Count > 0)
        {
            yield return sentence;
        }
    }

    /// <summary>
    /// Sentences grouped into documents: at -DOCSTART- lines when the file has them, otherwise before each headline that
    /// a dateline follows ("LONDON 1996-08-30"), the shape of every CoNLL-2003 document opening.
    /// </summary>
    public static List<List<List<ConllToken>>> ReadDocuments(string path)
    {
        var documents = new List<List<List<ConllToken>>>();
        var hasDocStart = File.ReadLines(path).Any(l => l.StartsWith("-DOCSTART-", StringComparison.Ordinal));
        if (hasDocStart)
        {
            var current = new List<List<ConllToken>>();
            var sentence = new List<ConllToken>();
            foreach (var raw in File.ReadLines(path).Append(""))
            {
                var line = raw.TrimEnd('\r');
                if (line.StartsWith("-DOCSTART-", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(line))
                {
                    if (sentence.Count > 0)
                    {
                        current.Add(sentence);
                        sentence = [];
                    }

                    if (line.StartsWith("-DOCSTART-", StringComparison.Ordinal) && current.Count > 0)
                    {
                        documents.Add(current);
                        current = [];
                    }

                    continue;
                }

                var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                sentence.Add(new ConllToken(fields[0], fields.Length > 1 ? fields[^1] : "O", line));
            }

            if (current.Count > 0)
            {
                documents.Add(current);
            }

            return documents;
        }

        var sentences = ReadSentences(path).ToList();
        var start = 0;
        for (var s = 1; s < sentences.Count; s++)
        {
            if (IsDateline(sentences[s]) && s - 1 > start)
            {
                documents.Add(sentences[start..(s - 1)]);
                start = s - 1;
            }
        }

        if (start < sentences.Count)
        {
            documents.Add(sentences[start..]);
        }

        return documents;
    }

    private static bool IsDateline(List<ConllToken> sentence) =>
        sentence.Count <= 8 && sentence[^1].Word.Length == 10 && sentence[^1].Word[4] == '-' && sentence[^1].Word[7] == '-'
        && sentence[^1].Word.Where((c, i) => i is not 4 and not 7).All(char.IsDigit);
}
