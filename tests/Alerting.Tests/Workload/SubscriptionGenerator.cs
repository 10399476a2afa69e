using System.Globalization;
using MediaMonitor.Text;

namespace MediaMonitor.Alerting.Workload;

/// <summary>
/// Query texts of every shape the language has (words, implicit and explicit AND, OR, NOT, phrases, NEAR/n, wildcards,
/// groups, every field filter), built from a corpus's own words and names so that many of them match something.
/// Deterministic for a seed. Words are drawn from articles, skipping common ones (in over 2% of articles): analysts subscribe to names and topics, not to everyday words.
/// </summary>
public sealed class SubscriptionGenerator
{
    public const int Shapes = 20;

    private readonly Random _random;
    private readonly IReadOnlyList<CorpusArticle> _articles;
    private readonly List<string>[] _terms;
    private readonly HashSet<string> _common;

    public SubscriptionGenerator(IReadOnlyList<CorpusArticle> articles, int seed)
    {
        _random = new Random(seed);
        _articles = articles;
        _terms = [.. articles.Select(a => Tokenizer.Terms(a.Title + "\n" + a.Text))];
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var terms in _terms)
        {
            foreach (var term in terms.Distinct())
            {
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
            }
        }

        _common = [.. documentFrequency.Where(p => p.Value > Math.Max(3, articles.Count * 0.02)).Select(p => p.Key)];
    }

    /// <summary>The i-th query text: shapes take turns so every shape is equally represented.</summary>
    public string Next(int i) => (i % Shapes) switch
    {
        0 => Word(),
        1 => $"{Word()} {Word(SameArticle)}",
        2 => $"{Word()} {Word(SameArticle)} {Word(SameArticle)}",
        3 => Phrase(2),
        4 => $"{Phrase(3)} {Word(SameArticle)}",
        5 => $"{Word()} OR {Word()}",
        6 => $"({Word()} OR {Phrase(2)}) AND {Word(SameArticle)}",
        7 => $"{Word()} NOT {Word(SameArticle)}",
        8 => $"{Word()} AND NOT ({Word()} OR {Word()})",
        9 => $"{Word()} NEAR/{_random.Next(1, 12).ToString(CultureInfo.InvariantCulture)} {Word(SameArticle)}",
        10 => $"{Phrase(2)} NEAR/{_random.Next(0, 20).ToString(CultureInfo.InvariantCulture)} {Prefix(SameArticle)}",
        11 => $"{Prefix()} {Word(SameArticle)}",
        12 => $"title:{TitleWord()} {Word(SameArticle)}",
        13 => $"source:{Section()} {Word()}",
        14 => $"lang:{(_random.Next(3) == 0 ? "fr" : "en")} {Word()}",
        15 => $"{EntityField()}:\"{EntityName()}\"",
        16 => $"{EntityField()}:\"{EntityName()}\" AND ({Word(SameArticle)} OR {Word()})",
        17 => $"({Word()} OR {Prefix()}) AND NOT title:{Word()} {Word(SameArticle)}",
        18 => $"title:({Word()} OR {Word()}) OR source:\"bbc {Section()}\" {Word()}",
        _ => $"(({Word()} {Word(SameArticle)}) OR ({Phrase(2)} NOT {Word()})) AND ({Word(SameArticle)} OR {Prefix(SameArticle)} OR entity:\"{EntityName(SameArticle)}\")",
    };

    /// <summary>Further shapes, rarer in practice, for the differential test: wildcards in fields, NEAR between phrases
    /// and wildcards, title phrases, NOT inside OR and AND, entity kinds with NOT.</summary>
    public const int RareShapes = 11;

    public string NextRare(int i) => (i % RareShapes) switch
    {
        0 => $"title:{Prefix()}",
        1 => $"source:{Section()[..3]}* {Word()}",
        2 => $"{Phrase(2)} NEAR/{_random.Next(0, 30).ToString(CultureInfo.InvariantCulture)} {Phrase(2, SameArticle)}",
        3 => $"{Prefix()} NEAR/{_random.Next(0, 8).ToString(CultureInfo.InvariantCulture)} {Prefix(SameArticle)}",
        4 => $"({Word()} OR lang:fr) NOT {Word()}",
        5 => $"{Word()} OR ({Phrase(2)} NOT title:{Word()})",
        6 => $"lang:fr",
        7 => $"title:{TitlePhrase()}",
        8 => $"person:\"{EntityName()}\" NOT {Word(SameArticle)}",
        9 => $"({Word()} NEAR/3 {Word(SameArticle)}) OR title:{TitleWord()}",
        _ => $"{Word()} AND (NOT {Word()} OR {Word(SameArticle)})",
    };

    private int _article;

    private const bool SameArticle = true;

    private int Article(bool same)
    {
        if (!same)
        {
            _article = _random.Next(_articles.Count);
        }

        return _article;
    }

    private string Word(bool same = false)
    {
        var terms = _terms[Article(same)];
        for (var tries = 0; tries < 50; tries++)
        {
            var term = terms[_random.Next(terms.Count)];
            if (term.Length >= 3 && !_common.Contains(term) && !char.IsDigit(term[0]))
            {
                return term;
            }
        }

        return "zebra";
    }

    private string TitleWord()
    {
        var title = Tokenizer.Terms(_articles[Article(false)].Title).Where(t => t.Length >= 3 && !_common.Contains(t)).ToList();
        return title.Count == 0 ? Word(SameArticle) : title[_random.Next(title.Count)];
    }

    private string TitlePhrase()
    {
        var title = Tokenizer.Terms(_articles[Article(false)].Title);
        if (title.Count < 2)
        {
            return Phrase(2, SameArticle);
        }

        var start = _random.Next(title.Count - 1);
        return "\"" + title[start] + " " + title[start + 1] + "\"";
    }

    private string Phrase(int length, bool same = false)
    {
        var terms = _terms[Article(same)];
        for (var tries = 0; tries < 50; tries++)
        {
            var start = _random.Next(Math.Max(1, terms.Count - length));
            var words = terms.Skip(start).Take(length).ToList();
            if (words.Count == length && words.Any(w => w.Length >= 4 && !_common.Contains(w)))
            {
                return "\"" + string.Join(' ', words) + "\"";
            }
        }

        return "\"" + Word(SameArticle) + "\"";
    }

    private string Prefix(bool same = false)
    {
        var word = Word(same);
        return word[..Math.Max(3, word.Length - _random.Next(1, 4))] + "*";
    }

    private string Section() => _articles[Article(false)].Source.Split(' ')[1];

    private string EntityField() => _random.Next(6) switch
    {
        0 => "person",
        1 => "org",
        2 => "place",
        3 => "country",
        _ => "entity",
    };

    private string EntityName(bool same = false)
    {
        var entities = _articles[Article(same)].Entities;
        return entities.Count == 0 ? "Nobody Known" : entities[_random.Next(entities.Count)].Name;
    }
}
