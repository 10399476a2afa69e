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
}
