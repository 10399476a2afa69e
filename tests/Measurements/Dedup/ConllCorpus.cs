using System.Text.RegularExpressions;

namespace MediaMonitor.Measurements.Dedup;

/// <summary>
/// Reuters newswire (1996) reassembled from the CoNLL-2003 token files in ../shared/data/ner-conll2003-dev (read at run
/// time, never copied). That copy has no -DOCSTART- lines, so a document starts at the sentence before a dateline
/// ("LONDON 1996-08-30"): the headline. Tokens are joined back into text; each sentence is a paragraph, as on the wire.
/// A second corpus for the dedup set, with other wording, names and article shapes than the BBC one the code is tuned on.
/// </summary>
public static partial class ConllCorpus
{
    public static List<CorpusArticle> Read(string folder, string file = "eng.train")
    {
        var sentences = new List<string>();
        var tokens = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(folder, file)))
        {
            if (line.StartsWith("-DOCSTART-", StringComparison.Ordinal))
            {
                Flush();
                sentences.Add("\u0001");
                continue;
            }

            if (line.Trim().Length == 0)
            {
                Flush();
                continue;
            }

            tokens.Add(line.Split(' ')[0]);
        }

        Flush();
        void Flush()
        {
            if (tokens.Count > 0)
            {
                sentences.Add(Detokenize(tokens));
                tokens.Clear();
            }
        }

        var articles = new List<CorpusArticle>();
        var start = -1;
        for (var i = 0; i <= sentences.Count; i++)
        {
            var boundary = i == sentences.Count || sentences[i] == "\u0001" || (i + 1 < sentences.Count && Dateline().IsMatch(sentences[i + 1]));
            if (!boundary)
            {
                continue;
            }

            if (start >= 0)
            {
                Add(articles, sentences, start, i);
            }

            start = i < sentences.Count && sentences[i] == "\u0001" ? i + 1 : i;
        }

        return BbcCorpus.WithoutInternalDuplicates(articles);
    }

    private static void Add(List<CorpusArticle> articles, List<string> sentences, int start, int end)
    {
        if (end - start < 5 || !Dateline().IsMatch(sentences[start + 1]))
        {
            return;
        }

        var title = sentences[start];
        var dateline = sentences[start + 1];
        var body = sentences.Skip(start + 2).Take(end - start - 2).ToList();
        // The wire's own dateline leads the first paragraph, as Reuters printed it.
        body[0] = dateline + " - " + body[0];
        articles.Add(new CorpusArticle($"conll/{articles.Count:D4}", "reuters", title, body));
    }

    public static string Detokenize(IReadOnlyList<string> tokens)
    {
        var text = string.Join(' ', tokens);
        text = SpaceBeforePunctuation().Replace(text, "$1");
        text = SpaceAfterOpening().Replace(text, "$1");
        text = Contraction().Replace(text, "$1");
        return text;
    }

    [GeneratedRegex(@"^[A-Z][A-Z .,'/-]* \d{4}-\d{2}-\d{2}$")]
    private static partial Regex Dateline();

    [GeneratedRegex(@" ([,.;:!?%)\]])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"([($\[]) ")]
    private static partial Regex SpaceAfterOpening();

    [GeneratedRegex(@" ('s|'re|'ve|'ll|'d|n't)\b")]
    private static partial Regex Contraction();
}
