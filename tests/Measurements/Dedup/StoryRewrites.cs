using System.Text.RegularExpressions;

namespace MediaMonitor.Measurements.Dedup;

/// <summary>
/// "Same event, different wording": another outlet's own article about the event a corpus article reports. It keeps the
/// facts (names, places, figures) of part of the original's sentences but says them in other words: clauses turned
/// around, other words chosen, asides added and words left out, a lead and a headline of its own, its own order. Not a
/// copy (its word shingles and sentences differ), but the same story. Phrasing pools are written for this generator.
/// </summary>
public sealed partial class StoryRewrites(Random random)
{
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["said"] = "stated", ["says"] = "argues", ["told"] = "informed", ["announced"] = "unveiled", ["government"] = "administration",
        ["minister"] = "cabinet member", ["company"] = "group", ["firm"] = "business", ["people"] = "citizens", ["year"] = "twelve months",
        ["years"] = "seasons", ["increase"] = "rise", ["rise"] = "jump", ["fall"] = "drop", ["big"] = "major", ["large"] = "sizeable",
        ["new"] = "fresh", ["plans"] = "proposals", ["plan"] = "proposal", ["expected"] = "forecast", ["show"] = "reveal",
        ["shows"] = "reveals", ["warned"] = "cautioned", ["added"] = "went on", ["week"] = "seven days", ["month"] = "few weeks",
        ["million"] = "m", ["percent"] = "per cent", ["help"] = "support", ["make"] = "create", ["made"] = "produced",
        ["game"] = "match", ["win"] = "victory", ["won"] = "secured", ["lost"] = "was beaten in", ["market"] = "sector",
        ["sales"] = "turnover", ["prices"] = "costs", ["country"] = "nation", ["British"] = "UK", ["decision"] = "ruling",
        ["believe"] = "think", ["important"] = "significant", ["however"] = "yet", ["because"] = "since", ["before"] = "ahead of",
        ["after"] = "following", ["around"] = "roughly", ["about"] = "some", ["more"] = "further", ["many"] = "numerous",
        ["chief"] = "head", ["officials"] = "authorities", ["public"] = "general public", ["problem"] = "issue", ["problems"] = "issues",
        ["claims"] = "allegations", ["called"] = "urged", ["hit"] = "struck", ["move"] = "step", ["deal"] = "agreement",
    };

    private static readonly string[] Asides = ["reportedly", "now", "officially", "apparently", "on record", "in effect", "so far", "at the time"];

    private static readonly string[] Leads =
    [
        "Attention turned to {0} and {1} on {2}, as the news spread quickly.",
        "{0} was at the centre of the day's events, with {1} also closely involved.",
        "Here is what is known so far about the developments involving {0} and {1}.",
        "Reports on {2} put {0} in the spotlight, and {1} was soon drawn in.",
    ];

    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    public (string Title, string Text) Rewrite(CorpusArticle article, SyndicationEdits edits, string outlet, DateTimeOffset when)
    {
        var sentences = article.Paragraphs.SelectMany(p => SentenceEnd().Split(p)).Where(s => s.Split(' ').Length >= 6).Take(12).ToList();
        var kept = sentences.Where((_, i) => i == 0 || random.NextDouble() < 0.55).Select(Paraphrase).ToList();
        // The lead fact stays first; the rest comes in the outlet's own order.
        var rest = kept.Skip(1).OrderBy(_ => random.Next()).ToList();
        var names = CapitalisedWord().Matches(article.Text).GroupBy(m => m.Value).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).Take(2).ToList();
        var lead = names.Count == 2 ? string.Format(System.Globalization.CultureInfo.InvariantCulture, Leads[random.Next(Leads.Length)], names[0], names[1], Days[random.Next(7)]) : null;

        var paragraphs = new List<string>();
        if (lead is not null)
        {
            paragraphs.Add(lead);
        }

        paragraphs.Add(kept[0]);
        for (var i = 0; i < rest.Count; i += 2)
        {
            paragraphs.Add(string.Join(' ', rest.Skip(i).Take(2)));
        }

        var text = string.Join("\n\n", paragraphs);
        if (random.NextDouble() < 0.5)
        {
            text = edits.Header(article.Title, outlet, when) + "\n\n" + text + "\n\n" + edits.Footer(outlet);
        }

        var words = article.Title.Split(' ');
        var title = names.Count > 0 && random.Next(2) == 0
            ? $"{names[0]}: {string.Join(' ', words.Select(Swap))}"
            : string.Join(' ', words.Skip(words.Length / 2).Concat(words.Take(words.Length / 2)).Select(Swap));
        return (title, text);
    }

    /// <summary>The same facts in other words: clauses turned around, other words, asides, some words left out.</summary>
    private string Paraphrase(string sentence)
    {
        var s = sentence.TrimEnd('.', '!', '?');
        var comma = s.IndexOf(", ", StringComparison.Ordinal);
        if (comma > 20 && comma < s.Length - 20)
        {
            var (first, second) = (s[..comma], s[(comma + 2)..]);
            s = char.ToUpperInvariant(second[0]) + second[1..] + ", " + LowerStart(first);
        }

        var words = s.Split(' ').ToList();
        var result = new List<string>(words.Count + 4);
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            var plain = w.Length > 3 && w.All(char.IsLower);
            if (plain && random.NextDouble() < 0.15)
            {
                continue;
            }

            result.Add(Swap(w));
            if (i > 0 && i % 4 == 0 && random.NextDouble() < 0.5)
            {
                result.Add(Asides[random.Next(Asides.Length)]);
            }
        }

        return string.Join(' ', result) + ".";
    }

    private static string Swap(string word)
    {
        var core = word.TrimEnd(',', ';', ':');
        return Synonyms.TryGetValue(core, out var other) ? other + word[core.Length..] : word;
    }

    private static string LowerStart(string clause)
    {
        var space = clause.IndexOf(' ', StringComparison.Ordinal);
        var first = space < 0 ? clause : clause[..space];
        return first is "The" or "A" or "An" or "He" or "She" or "It" or "They" or "But" or "And" or "In" or "On" or "At" or "This" or "That" or "We"
            ? char.ToLowerInvariant(clause[0]) + clause[1..]
            : clause;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"(?<=[a-z,] )[A-Z][a-z]{3,}")]
    private static partial Regex CapitalisedWord();
}
