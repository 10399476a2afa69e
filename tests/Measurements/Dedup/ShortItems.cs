using System.Globalization;
using System.Text.RegularExpressions;

namespace MediaMonitor.Measurements.Dedup;

/// <summary>
/// Short items (under 150 words), the hard case for dedup: briefs cut from a corpus article's first paragraphs, their
/// copies (lead-only, light edits, another headline), and templated briefs of one shape about different companies and
/// figures, which are NOT copies of each other. The brief shapes differ per template family ("tuning" / "heldout"), so a
/// held-out set carries shapes the code was not tuned on. Wording written for this generator.
/// </summary>
public sealed partial class ShortItems(Random random, IReadOnlyList<string> namePool, string family)
{
    public const int MaxWords = 140;

    private static readonly string[] TuningShapes =
    [
        "{0} said on {1} its {2}-quarter net profit rose {3} percent to {4} million {5}, on sales of {6} billion {5}. Its shares closed {7} percent higher at {8} {5} after the figures, which beat the forecasts of most analysts.",
        "{0} named {9} as chief executive on {1}, replacing {10}, who retires after {11} years with the group. The appointment takes effect on March {12}, the company said in a statement, and its shares were little changed at {8} {5}.",
        "{0} said on {1} it would cut {13} jobs, or {3} percent of its workforce, to save {4} million {5} a year by {14}. The company employs about {15} people, most of them at its plants in {16}.",
    ];

    private static readonly string[] HeldOutShapes =
    [
        "Shares in {0} fell {3} percent to {8} {5} in early trade on {1} after the group posted first-half revenue of {4} million {5}, against {6} million a year earlier, and kept its outlook for {14}.",
        "{0} agreed to buy {17} for {4} million {5} in cash, the companies said on {1}. The deal, expected to close in {14}, values {17} at {11} times earnings and needs the approval of regulators in {16}.",
        "A ratings agency lowered {0}'s long-term debt rating by {12} notches on {1}, citing borrowings of {6} billion {5} and weaker cash flow at its {16} business. {9}, the finance director, said the group had {4} million {5} of cash.",
    ];

    private static readonly string[] Currencies = ["dollars", "euros", "pounds", "francs", "marks", "yen", "crowns"];
    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
    private static readonly string[] Quarters = ["first", "second", "third", "fourth"];
    private static readonly string[] Suffixes = ["Corp", "Group", "Holdings", "AG", "Plc", "Industries", "SA", "Inc"];

    /// <summary>A brief: the article's first paragraphs, cut after a whole sentence between 40 and <see cref="MaxWords"/> words.</summary>
    public (string Title, string Text)? Brief(CorpusArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var target = 40 + random.Next(MaxWords - 60);
        var kept = new List<string>();
        var words = 0;
        foreach (var sentence in article.Paragraphs.SelectMany(p => SentenceEnd().Split(p)))
        {
            var n = sentence.Split(' ').Length;
            if (words + n > MaxWords)
            {
                break;
            }

            kept.Add(sentence);
            words += n;
            if (words >= target)
            {
                break;
            }
        }

        if (words < 30)
        {
            return null;
        }

        // Two or three sentences a paragraph, as briefs are laid out.
        var paragraphs = kept.Chunk(1 + random.Next(3)).Select(c => string.Join(' ', c));
        return (article.Title, string.Join("\n\n", paragraphs));
    }

    /// <summary>A copy of a brief: its lead only, or lightly edited, under another headline now and then.</summary>
    public (string Title, string Text, string Kind) Copy(string title, string text, SyndicationEdits edits)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var kinds = new List<string>();
        IReadOnlyList<string> paragraphs = text.Split("\n\n");
        if (random.NextDouble() < 0.4)
        {
            var sentences = paragraphs.SelectMany(p => SentenceEnd().Split(p)).ToList();
            var lead = new List<string>();
            foreach (var s in sentences)
            {
                lead.Add(s);
                if (lead.Sum(l => l.Split(' ').Length) >= 20)
                {
                    break;
                }
            }

            paragraphs = [string.Join(' ', lead)];
            kinds.Add("brief-lead");
        }

        if (random.NextDouble() < 0.4)
        {
            paragraphs = edits.SmallEdits(paragraphs);
            kinds.Add("edits");
        }

        var newTitle = title;
        if (random.NextDouble() < 0.7)
        {
            newTitle = edits.Headline(title);
            kinds.Add("headline");
        }

        return (newTitle, string.Join("\n\n", paragraphs), kinds.Count == 0 ? "brief-verbatim" : string.Join(',', kinds.Prepend("brief")));
    }

    /// <summary>A templated brief: one of the family's shapes, filled with another company, other people and other figures.</summary>
    public (string Title, string Text) TemplatedBrief()
    {
        var shapes = family == "heldout" ? HeldOutShapes : TuningShapes;
        var shape = random.Next(shapes.Length);
        var company = Company();
        string[] values =
        [
            company, Pick(Days), Pick(Quarters), (1 + random.Next(60)).ToString(CultureInfo.InvariantCulture),
            (10 + random.Next(990)).ToString(CultureInfo.InvariantCulture), Pick(Currencies),
            (1 + random.Next(40) + (random.Next(10) / 10.0)).ToString("0.0", CultureInfo.InvariantCulture),
            (1 + random.Next(9)).ToString(CultureInfo.InvariantCulture), (5 + random.Next(400) + (random.Next(100) / 100.0)).ToString("0.00", CultureInfo.InvariantCulture),
            Person(), Person(), (5 + random.Next(30)).ToString(CultureInfo.InvariantCulture), (1 + random.Next(3)).ToString(CultureInfo.InvariantCulture),
            (100 + random.Next(5000)).ToString(CultureInfo.InvariantCulture), (1997 + random.Next(4)).ToString(CultureInfo.InvariantCulture),
            (1000 + random.Next(90000)).ToString(CultureInfo.InvariantCulture), Pick(namePool), Company(),
        ];
        var text = string.Format(CultureInfo.InvariantCulture, shapes[shape], values);
        var title = (family == "heldout" ? new[] { "{0} shares slide", "{0} to buy {17}", "{0} rating cut" } : new[] { "{0} profit up {3} pct", "{0} names new CEO", "{0} to cut {13} jobs" })[shape];
        return (string.Format(CultureInfo.InvariantCulture, title, values), text);
    }

    private string Company() => Pick(namePool) + " " + Pick(Suffixes);

    private string Person() => Pick(namePool) + " " + Pick(namePool);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();
}
