using System.Text.RegularExpressions;

namespace MediaMonitor.Measurements.Dedup;

/// <summary>
/// The edits a story undergoes when another outlet republishes it: the outlet's boilerplate, bylines, datelines and
/// footers, a new headline, truncation to the lead, reordered paragraphs, small edits and translation artifacts.
/// All boilerplate here is written for this generator.
/// </summary>
public sealed partial class SyndicationEdits(Random random)
{
    private static readonly string[] Outlets =
    [
        "Daily Courier", "World Today News", "The Evening Ledger", "Metro Wire", "Global Post Online", "Northern Herald",
        "Capital Observer", "News Express 24", "The Harbour Times", "Pacific Digest", "Continental Review", "Newsroom Hub",
    ];

    private static readonly string[] Authors = ["Anna Berg", "Tom Okafor", "Li Wei", "Sara Conti", "Mark Devlin", "Priya Raman", "Jon Eriksen"];

    private static readonly string[] Cities = ["LONDON", "NEW YORK", "BRUSSELS", "PARIS", "SINGAPORE", "TORONTO", "SYDNEY", "BERLIN"];

    private static readonly string[] Footers =
    [
        "Share on your profiles, with friends, in groups and on pages.",
        "Follow us on Telegram and YouTube for more stories like this.",
        "Leave a Comment",
        "This site uses cookies to improve your experience. By continuing you accept our cookie policy.",
        "Subscribe to our newsletter and get the day's top stories every morning.",
        "Did you find this article useful? Tell us in the comments below.",
        "Our journalism depends on readers like you. Support independent news today.",
        "Report an error in this article.",
    ];

    private static readonly (string From, string To)[] Synonyms =
    [
        (" said ", " stated "), (" also ", " additionally "), (" but ", " however "), (" about ", " around "),
        (" people ", " individuals "), (" many ", " numerous "), (" big ", " large "), (" start ", " begin "),
        (" help ", " assist "), (" buy ", " purchase "), (" show ", " demonstrate "), (" get ", " obtain "),
        (" told ", " informed "), (" because ", " as "), (" rise ", " increase "), (" fall ", " decline "),
        (" year ", " twelve months "), (" government ", " authorities "), (" firm ", " company "), (" new ", " fresh "),
    ];

    public string Outlet() => Outlets[random.Next(Outlets.Length)];

    public string Headline(string title) => random.Next(5) switch
    {
        0 => title + " - " + Outlet(),
        1 => "BREAKING: " + title,
        2 => Reword(title),
        3 => title.ToUpperInvariant(),
        _ => string.Join(' ', title.Split(' ').Reverse().Take(3).Reverse()) + ": what we know",
    };

    public string Header(string title, string outlet, DateTimeOffset published) => random.Next(4) switch
    {
        0 => $"Home » News » {title} – {published:yyyy-MM-dd HH:mm:ss}\n\n{title}",
        1 => $"By {Authors[random.Next(Authors.Length)]}, {outlet} correspondent\n\nPublished {published:d MMMM yyyy}",
        2 => $"{outlet} | Latest news | Reading time: {2 + random.Next(6)} minutes",
        _ => $"Posted on {published:MMMM d, yyyy} by {Authors[random.Next(Authors.Length)]}",
    };

    public string Dateline(string outlet, DateTimeOffset published) =>
        $"{Cities[random.Next(Cities.Length)]}, {published:MMM d} ({outlet}) - ";

    public string Footer(string outlet)
    {
        var lines = Footers.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).ToList();
        if (random.Next(2) == 0)
        {
            lines.Add($"Copyright {outlet}. All rights reserved.");
        }

        return string.Join("\n\n", lines);
    }

    public List<string> TruncateToLead(IReadOnlyList<string> paragraphs)
    {
        var kept = new List<string>();
        var words = 0;
        var target = 40 + random.Next(60);
        foreach (var p in paragraphs)
        {
            kept.Add(p);
            words += p.Split(' ').Length;
            if (words >= target)
            {
                break;
            }
        }

        return kept;
    }

    public List<string> Reorder(IReadOnlyList<string> paragraphs)
    {
        var list = paragraphs.ToList();
        if (list.Count < 4)
        {
            return list;
        }

        // The lead stays; later paragraphs swap places, as editors move quotes and background around.
        for (var swaps = 1 + random.Next(2); swaps > 0; swaps--)
        {
            var i = 1 + random.Next(list.Count - 1);
            var j = 1 + random.Next(list.Count - 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }

    /// <summary>A few word substitutions and, sometimes, one dropped or one added sentence.</summary>
    public List<string> SmallEdits(IReadOnlyList<string> paragraphs)
    {
        var list = paragraphs.Select(p => " " + p + " ").ToList();
        for (var n = 2 + random.Next(5); n > 0; n--)
        {
            var (from, to) = Synonyms[random.Next(Synonyms.Length)];
            var i = random.Next(list.Count);
            var at = list[i].IndexOf(from, StringComparison.Ordinal);
            if (at >= 0)
            {
                list[i] = list[i][..at] + to + list[i][(at + from.Length)..];
            }
        }

        if (list.Count > 3 && random.Next(3) == 0)
        {
            var i = 1 + random.Next(list.Count - 1);
            var sentences = SentenceEnd().Split(list[i].Trim());
            if (sentences.Length > 1)
            {
                var dropped = random.Next(sentences.Length);
                list[i] = string.Join(" ", sentences.Where((_, k) => k != dropped));
            }
        }

        if (random.Next(3) == 0)
        {
            list.Insert(Math.Min(list.Count, 1 + random.Next(3)), "Readers will remember that the issue has been discussed for some time.");
        }

        return list.ConvertAll(p => p.Trim());
    }

    /// <summary>What machine translation back into English leaves: dropped articles, odd word choices, swapped words.</summary>
    public List<string> TranslationArtifacts(IReadOnlyList<string> paragraphs) => paragraphs.Select(p =>
    {
        var words = p.Split(' ').ToList();
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if ((w == "the" || w == "a") && random.NextDouble() < 0.25)
            {
                words.RemoveAt(i--);
            }
            else if (w == "said" && random.NextDouble() < 0.5)
            {
                words[i] = "declared";
            }
            else if (i > 0 && random.NextDouble() < 0.02 && char.IsLower(w.FirstOrDefault()) && char.IsLower(words[i - 1].FirstOrDefault()))
            {
                (words[i], words[i - 1]) = (words[i - 1], words[i]);
            }
        }

        return string.Join(' ', words);
    }).ToList();

    private string Reword(string title)
    {
        var words = title.Split(' ');
        return words.Length < 3 ? title + " (update)" : string.Join(' ', words.Skip(1)) + " as " + words[0].ToLowerInvariant() + " reacts";
    }

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();
}
