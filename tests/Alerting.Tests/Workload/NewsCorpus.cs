using System.Text;
using MediaMonitor.Text;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.Alerting.Workload;

/// <summary>One article of a real corpus, with outlet, language and entities filled in so every query field has data.</summary>
public sealed record CorpusArticle(string Title, string Text, string Source, string Language, IReadOnlyList<DocumentEntity> Entities)
{
    public MatchDocument ToDocument() => MatchDocument.Create(Title, Text, Source, Language, Entities);
}

/// <summary>
/// Reads the BBC news corpus (news-corpus-bbc-greene: one folder per section, first line the headline) at run time.
/// The corpus carries no entities or outlets, so each article gets its section as outlet ("BBC Business") and its
/// capitalised word runs as entities, their kind chosen by a stable hash: synthetic, but real text and real names.
/// </summary>
public static class NewsCorpus
{
    public static IReadOnlyList<CorpusArticle> Load(string folder, int? limit = null)
    {
        var files = Directory.GetDirectories(folder).OrderBy(d => d, StringComparer.Ordinal)
            .SelectMany(d => Directory.GetFiles(d, "*.txt").OrderBy(f => f, StringComparer.Ordinal))
            .ToList();
        if (limit is { } max && max < files.Count)
        {
            // Spread the sample over every section rather than taking the first folder only.
            var step = (double)files.Count / max;
            files = [.. Enumerable.Range(0, max).Select(i => files[(int)(i * step)])];
        }

        var latin1 = Encoding.Latin1;
        return [.. files.Select(f =>
        {
            var bytes = File.ReadAllBytes(f);
            var content = IsUtf8(bytes) ? Encoding.UTF8.GetString(bytes) : latin1.GetString(bytes);
            var newline = content.IndexOf('\n', StringComparison.Ordinal);
            var title = newline < 0 ? content : content[..newline].Trim();
            var text = newline < 0 ? string.Empty : content[(newline + 1)..].Trim();
            var section = Path.GetFileName(Path.GetDirectoryName(f)!);
            var language = StableHash(f) % 10 == 0 ? "fr" : "en";
            return new CorpusArticle(title, text, "BBC " + section + " bbc.co.uk", language, Entities(title + "\n" + text));
        })];
    }

    /// <summary>Runs of two or three capitalised words ("Time Warner", "Gordon Brown") as entities.</summary>
    public static IReadOnlyList<DocumentEntity> Entities(string text)
    {
        var found = new Dictionary<string, DocumentEntity>(StringComparer.Ordinal);
        var run = new List<string>();
        var previousEnd = -1;
        foreach (var token in Tokenizer.Tokenize(text))
        {
            var capitalised = token.Length > 1 && char.IsUpper(text[token.Start]);
            var adjacent = previousEnd >= 0 && string.IsNullOrWhiteSpace(text[previousEnd..token.Start]) && !text[previousEnd..token.Start].Contains('\n', StringComparison.Ordinal);
            if (!capitalised || !adjacent)
            {
                Flush(run, found);
            }

            if (capitalised)
            {
                run.Add(text.Substring(token.Start, token.Length));
            }

            previousEnd = token.Start + token.Length;
        }

        Flush(run, found);
        return [.. found.Values];
    }

    private static void Flush(List<string> run, Dictionary<string, DocumentEntity> found)
    {
        if (run.Count is >= 2 and <= 3)
        {
            var name = string.Join(' ', run);
            found.TryAdd(name, new DocumentEntity((DocumentEntityKind)(StableHash(name) % 4), name, [run[^1]]));
        }

        run.Clear();
    }

    public static int StableHash(string s)
    {
        var h = 17;
        foreach (var c in s)
        {
            h = unchecked((h * 31) + c);
        }

        return h & int.MaxValue;
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
