using MediaMonitor.Deduplication.Fingerprinting;
using MediaMonitor.Text;

namespace MediaMonitor.Measurements.Dedup;

/// <summary>One article of the BBC corpus (../shared/data/news-corpus-bbc-greene): headline, then paragraphs.</summary>
public sealed record CorpusArticle(string Key, string Section, string Title, IReadOnlyList<string> Paragraphs)
{
    public string Text => string.Join("\n\n", Paragraphs);
}

/// <summary>Reads the corpus, dropping the articles the corpus itself holds twice (it has unlabelled near-duplicates).</summary>
public static class BbcCorpus
{
    public static List<CorpusArticle> Read(string folder)
    {
        var all = new List<CorpusArticle>();
        foreach (var sectionDir in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var section = Path.GetFileName(sectionDir);
            foreach (var file in Directory.GetFiles(sectionDir, "*.txt").Order(StringComparer.Ordinal))
            {
                var lines = File.ReadAllText(file).Replace("\r", "", StringComparison.Ordinal).Split("\n");
                var title = lines[0].Trim();
                var paragraphs = lines.Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
                if (paragraphs.Count >= 3)
                {
                    all.Add(new CorpusArticle(section + "/" + Path.GetFileNameWithoutExtension(file), section, title, paragraphs));
                }
            }
        }

        return WithoutInternalDuplicates(all);
    }

    public static List<CorpusArticle> WithoutInternalDuplicates(List<CorpusArticle> all)
    {
        var postings = new Dictionary<ulong, List<int>>();
        var kept = new List<CorpusArticle>();
        var sizes = new List<int>();
        foreach (var article in all)
        {
            var shingles = Shingles(article.Text);
            var shared = new Dictionary<int, int>();
            foreach (var s in shingles)
            {
                if (postings.TryGetValue(s, out var list))
                {
                    foreach (var k in list)
                    {
                        shared[k] = shared.GetValueOrDefault(k) + 1;
                    }
                }
            }

            // Sharing a fifth of the smaller article's 5-grams is far beyond chance: the corpus has it twice.
            if (shingles.Count == 0 || shared.Any(kv => kv.Value >= 0.2 * Math.Min(shingles.Count, sizes[kv.Key])))
            {
                continue;
            }

            foreach (var s in shingles)
            {
                if (!postings.TryGetValue(s, out var list))
                {
                    postings[s] = list = [];
                }

                list.Add(kept.Count);
            }

            kept.Add(article);
            sizes.Add(shingles.Count);
        }

        return kept;
    }

    private static HashSet<ulong> Shingles(string text)
    {
        var terms = Tokenizer.Terms(text).Select(TermScanner.HashTerm).ToList();
        var set = new HashSet<ulong>();
        for (var i = 0; i + 5 <= terms.Count; i++)
        {
            var h = 0UL;
            for (var j = i; j < i + 5; j++)
            {
                h = Hashing.Combine(h, terms[j]);
            }

            set.Add(h);
        }

        return set;
    }
}
