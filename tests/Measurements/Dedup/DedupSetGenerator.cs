using System.Text.RegularExpressions;

namespace MediaMonitor.Measurements.Dedup;

/// <summary>
/// Builds a deduplication benchmark set from the BBC corpus: every corpus article as an original, syndicated variants of
/// many of them (groups of 2 to 30 copies, some weeks later), hard negatives that stay alone, and other outlets' own
/// articles about a quarter of the events (same story, different wording: stories.tsv, not groups.tsv). Deterministic per
/// seed; the rewrites draw from a random source of their own, so adding them left the rest of a seed's set unchanged.
/// With a template <paramref name="family"/> ("tuning" or "heldout", see <see cref="SiteTemplates"/>) the set is made
/// harder and closer to the web: an eighth of the corpus becomes short items (briefs under 150 words, their lead-only and
/// re-headlined copies), templated briefs of one shape with other companies and figures join as non-copies, and every
/// article is wrapped in its site's template (navigation, cookie and subscribe lines, tags, related-stories blocks with
/// other articles' headlines, footer links). Without a family the set is the one the README's first figures come from.
/// </summary>
public sealed partial class DedupSetGenerator(int seed, string? family = null)
{
    private static readonly DateTimeOffset Start = new(2005, 1, 3, 6, 0, 0, TimeSpan.Zero);

    private readonly Random _random = new(seed);
    private readonly Dictionary<string, string> _edits = new(StringComparer.Ordinal);

    public (List<BenchmarkArticle> Articles, List<(string Id, string Group)> Groups, Dictionary<string, string> Edits, List<(string Id, string Story)> Stories) Generate(
        IReadOnlyList<CorpusArticle> corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        IReadOnlyList<CorpusArticle> briefSources = [];
        var fullCorpus = corpus;
        if (family is not null)
        {
            // Briefs come from articles kept out of the rest of the set, so a brief copies nothing else in it.
            briefSources = [.. corpus.Where((_, i) => i % 8 == 3)];
            corpus = [.. corpus.Where((_, i) => i % 8 != 3)];
        }

        var edits = new SyndicationEdits(_random);
        var namePool = corpus.SelectMany(a => CapitalisedWord().Matches(a.Text).Select(m => m.Value)).Distinct().Order(StringComparer.Ordinal).ToList();
        var negatives = new HardNegatives(_random, namePool);
        var articles = new List<BenchmarkArticle>();
        var groups = new List<(string, string)>();
        _edits.Clear();
        var shuffled = corpus.OrderBy(_ => _random.Next()).ToList();

        // Follow-ups need new text: it comes from corpus articles kept out of the set, so it copies nothing in it.
        var reserve = shuffled.Where(a => a.Paragraphs.Count >= 7).TakeLast(150).ToList();
        shuffled = [.. shuffled.Except(reserve)];
        var published = shuffled.ToDictionary(a => a.Key, _ => Start.AddMinutes(_random.Next(120 * 24 * 60)));

        for (var i = 0; i < shuffled.Count; i++)
        {
            var original = shuffled[i];
            var id = "bbc-" + original.Key.Replace('/', '-');
            var at = published[original.Key];
            articles.Add(new BenchmarkArticle(id, "BBC News", $"https://bbc.example/{original.Key}", original.Title, original.Text, at));
            var copies = i < shuffled.Count / 3 ? CopyCount() : 0;
            if (copies > 0)
            {
                groups.Add((id, id));
            }

            for (var c = 1; c <= copies; c++)
            {
                var outlet = edits.Outlet();
                var when = _random.NextDouble() < 0.08 ? at.AddDays(7 + _random.Next(18)) : at.AddMinutes(10 + _random.Next(36 * 60));
                var variantId = $"{id}-copy{c}";
                var (title, text) = Variant(variantId, original, edits, outlet, when);
                articles.Add(new BenchmarkArticle(variantId, outlet, $"https://{Slug(outlet)}.example/news/{variantId}", title, text, when));
                groups.Add((variantId, id));
            }
        }

        var n = 0;
        foreach (var article in shuffled.Skip(shuffled.Count / 3).Take(150))
        {
            var (title, text) = negatives.Renamed(article);
            Add(articles, $"neg-renamed-{n++}", "Template Wire", title, text, published[article.Key].AddMinutes(_random.Next(-720, 720)));
        }

        for (var k = 0; k < 60; k++)
        {
            var (t1, x1) = negatives.SportsResult();
            Add(articles, $"neg-sport-{k}", "Results Desk", t1, x1, Start.AddMinutes(_random.Next(120 * 24 * 60)));
            var (t2, x2) = negatives.EarningsNote();
            Add(articles, $"neg-earnings-{k}", "Markets Desk", t2, x2, Start.AddMinutes(_random.Next(120 * 24 * 60)));
            if (k < 40)
            {
                var (t3, x3) = negatives.WeatherReport();
                Add(articles, $"neg-weather-{k}", "Weather Desk", t3, x3, Start.AddMinutes(_random.Next(120 * 24 * 60)));
            }
        }

        n = 0;
        foreach (var article in shuffled.Take(120))
        {
            var (title, text) = negatives.FollowUp(article, reserve[n % reserve.Count]);
            Add(articles, $"neg-followup-{n++}", "BBC News", title, text, published[article.Key].AddDays(3 + _random.Next(10)));
        }

        var stories = AddRewrites(shuffled, published, articles, groups);
        if (family is not null)
        {
            AddShortItems(briefSources, namePool, articles, groups, stories);
            articles = Wrap(articles, fullCorpus);
        }

        return ([.. articles.OrderBy(a => a.Published).ThenBy(a => a.Id, StringComparer.Ordinal)], groups, new Dictionary<string, string>(_edits), stories);
    }

    /// <summary>One to three other outlets' own articles about every fourth event, within a day of it; the story groups.</summary>
    private List<(string Id, string Story)> AddRewrites(
        List<CorpusArticle> shuffled, Dictionary<string, DateTimeOffset> published, List<BenchmarkArticle> articles, List<(string Id, string Group)> groups)
    {
        var random = new Random(seed ^ 0x5EED);
        var edits = new SyndicationEdits(random);
        var rewrites = new StoryRewrites(random);
        var stories = new List<(string Id, string Story)>(groups);
        var grouped = groups.Select(g => g.Group).ToHashSet(StringComparer.Ordinal);
        for (var i = 1; i < shuffled.Count; i += 4)
        {
            var original = shuffled[i];
            var id = "bbc-" + original.Key.Replace('/', '-');
            if (!grouped.Contains(id))
            {
                stories.Add((id, id));
            }

            var count = 1 + (random.NextDouble() < 0.5 ? 1 : 0) + (random.NextDouble() < 0.2 ? 1 : 0);
            for (var r = 1; r <= count; r++)
            {
                var outlet = edits.Outlet();
                var when = published[original.Key].AddMinutes(30 + random.Next(20 * 60));
                var rewriteId = $"{id}-rewrite{r}";
                var (title, text) = rewrites.Rewrite(original, edits, outlet, when);
                articles.Add(new BenchmarkArticle(rewriteId, outlet, $"https://{Slug(outlet)}.example/story/{rewriteId}", title, text, when));
                stories.Add((rewriteId, id));
                _edits[rewriteId] = "rewrite";
            }
        }

        return stories;
    }

    /// <summary>Briefs and their copies (groups), and templated briefs of one shape that copy nothing (alone).</summary>
    private void AddShortItems(
        IReadOnlyList<CorpusArticle> sources, List<string> namePool, List<BenchmarkArticle> articles, List<(string Id, string Group)> groups, List<(string Id, string Story)> stories)
    {
        var random = new Random(seed ^ 0xB41EF);
        var edits = new SyndicationEdits(random);
        var items = new ShortItems(random, namePool, family!);
        foreach (var source in sources)
        {
            if (items.Brief(source) is not { } brief)
            {
                continue;
            }

            var (title, text) = brief;

            var id = "brief-" + source.Key.Replace('/', '-');
            var at = Start.AddMinutes(random.Next(120 * 24 * 60));
            Add(articles, id, "Brief Wire", title, text, at);
            var copies = random.NextDouble() < 0.55 ? 1 + random.Next(4) : 0;
            if (copies > 0)
            {
                groups.Add((id, id));
                stories.Add((id, id));
            }

            for (var c = 1; c <= copies; c++)
            {
                var (copyTitle, copyText, kind) = items.Copy(title, text, edits);
                var copyId = $"{id}-copy{c}";
                Add(articles, copyId, "Brief Copy", copyTitle, copyText, at.AddMinutes(5 + random.Next(24 * 60)));
                groups.Add((copyId, id));
                stories.Add((copyId, id));
                _edits[copyId] = kind;
            }
        }

        for (var k = 0; k < 150; k++)
        {
            var (title, text) = items.TemplatedBrief();
            Add(articles, $"neg-brief-{k}", "Company Desk", title, text, Start.AddMinutes(random.Next(120 * 24 * 60)));
        }
    }

    /// <summary>Every article inside its site's template: originals on a few origin sites, copies and rewrites on many others, each desk on its own.</summary>
    private List<BenchmarkArticle> Wrap(List<BenchmarkArticle> articles, IReadOnlyList<CorpusArticle> corpus)
    {
        var random = new Random(seed ^ 0x7E3A1);
        var templates = new SiteTemplates(family!, random);
        var headlines = corpus.Select(a => a.Title).ToList();
        var wrapped = new List<BenchmarkArticle>(articles.Count);
        foreach (var a in articles)
        {
            var key = a.Id.Contains("-copy", StringComparison.Ordinal) || a.Id.Contains("-rewrite", StringComparison.Ordinal) ? "syndication-" + random.Next(30)
                : a.Id.StartsWith("neg-", StringComparison.Ordinal) && !a.Id.StartsWith("neg-renamed", StringComparison.Ordinal) && !a.Id.StartsWith("neg-followup", StringComparison.Ordinal)
                    ? "desk-" + a.Id.Split('-')[1] + "-" + random.Next(2)
                    : "origin-" + random.Next(6);
            var site = templates.SiteFor(key);
            var related = Enumerable.Range(0, 8).Select(_ => headlines[random.Next(headlines.Count)]).Where(h => h != a.Title).ToList();
            wrapped.Add(a with { Source = site.Name, Url = $"https://{site.Host}/{a.Id}", Text = templates.Wrap(site, a.Text, a.Published, related) });
        }

        return wrapped;
    }

    private static void Add(List<BenchmarkArticle> articles, string id, string source, string title, string text, DateTimeOffset at) =>
        articles.Add(new BenchmarkArticle(id, source, $"https://{Slug(source)}.example/{id}", title, text, at));

    private int CopyCount()
    {
        if (_random.NextDouble() < 0.04)
        {
            return 15 + _random.Next(16);
        }

        var copies = 1;
        while (copies < 8 && _random.NextDouble() < 0.5)
        {
            copies++;
        }

        return copies;
    }

    private (string Title, string Text) Variant(string id, CorpusArticle original, SyndicationEdits edits, string outlet, DateTimeOffset when)
    {
        var applied = new List<string>();
        IReadOnlyList<string> paragraphs = original.Paragraphs;
        var shape = _random.NextDouble();
        if (shape < 0.25)
        {
            paragraphs = edits.TruncateToLead(paragraphs);
            applied.Add("lead");
        }
        else if (shape < 0.45)
        {
            paragraphs = edits.Reorder(paragraphs);
            applied.Add("reorder");
        }

        if (_random.NextDouble() < 0.6)
        {
            paragraphs = edits.SmallEdits(paragraphs);
            applied.Add("edits");
        }

        if (_random.NextDouble() < 0.3)
        {
            paragraphs = edits.TranslationArtifacts(paragraphs);
            applied.Add("translation");
        }

        var text = string.Join("\n\n", paragraphs);
        if (_random.NextDouble() < 0.5)
        {
            text = edits.Dateline(outlet, when) + text;
            applied.Add("dateline");
        }

        if (_random.NextDouble() < 0.8)
        {
            text = edits.Header(original.Title, outlet, when) + "\n\n" + text;
            applied.Add("header");
        }

        if (_random.NextDouble() < 0.8)
        {
            text += "\n\n" + edits.Footer(outlet);
            applied.Add("footer");
        }

        _edits[id] = applied.Count == 0 ? "verbatim" : string.Join(',', applied);

        var title = _random.NextDouble() < 0.9 ? edits.Headline(original.Title) : original.Title;
        return (title, text);
    }

    private static string Slug(string name) => NonWord().Replace(name.ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex(@"(?<=[a-z,] )[A-Z][a-z]{3,}")]
    private static partial Regex CapitalisedWord();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonWord();
}
