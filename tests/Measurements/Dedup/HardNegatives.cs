using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MediaMonitor.Measurements.Dedup;

/// <summary>
/// Articles that look like copies and are not: template-like articles that share most words but differ in names and
/// numbers (results, earnings, weather, and real articles with every name and number changed), and follow-ups on the
/// same topic days later that repeat some background. Templates are written for this generator.
/// </summary>
public sealed partial class HardNegatives(Random random, IReadOnlyList<string> namePool)
{
    private static readonly string[] Teams =
    [
        "Ashford Rovers", "Bramley City", "Carston United", "Dunmore Athletic", "Elmfield Town", "Fairport Wanderers",
        "Glenholm Rangers", "Harlow Albion", "Ironbridge FC", "Kingsmead Borough", "Lowther County", "Marsden Villa",
    ];

    private static readonly string[] Players =
    [
        "Jamie Holt", "Ricardo Neves", "Tomas Kral", "Ben Adeyemi", "Luca Ferri", "Sam Whitaker", "Ollie Grant",
        "Mateo Ruiz", "Kofi Mensah", "Erik Sund", "Dan Pryce", "Yusuf Demir",
    ];

    private static readonly string[] Companies =
    [
        "Halvorsen Foods", "Brightline Telecom", "Corvex Mining", "Delmont Retail", "Eastgate Pharma", "Fenwick Motors",
        "Granite Bank", "Helix Software", "Ivory Airlines", "Juniper Energy", "Keystone Insurance", "Larch Media",
    ];

    private static readonly string[] Regions = ["the north-east", "the south-west", "the Midlands", "the east coast", "the highlands", "the western isles"];

    public (string Title, string Text) SportsResult()
    {
        var teams = Teams.OrderBy(_ => random.Next()).Take(2).ToArray();
        var (home, away) = (teams[0], teams[1]);
        var (hg, ag) = (random.Next(5), random.Next(4));
        var scorer = Players[random.Next(Players.Length)];
        var keeper = Players[random.Next(Players.Length)];
        var crowd = 8000 + random.Next(40000);
        var minute = 10 + random.Next(80);
        var position = 1 + random.Next(20);
        var text = $"{home} {(hg > ag ? "beat" : hg == ag ? "drew with" : "lost to")} {away} {hg}-{ag} in front of {crowd:N0} supporters on Saturday.\n\n" +
            $"{scorer} opened the scoring in the {minute}th minute after a long ball from midfield caught the defence square, and the home side controlled most of the second half.\n\n" +
            $"The visitors pressed late on and forced {keeper} into two good saves, but could not find a way through a crowded penalty area.\n\n" +
            $"The manager said afterwards that he was pleased with the reaction of his players after a difficult week of training and injuries.\n\n" +
            $"The result leaves {home} in {position}th place in the table, with the next league match away from home in {7 + random.Next(7)} days.";
        return ($"{home} {hg}-{ag} {away}", text);
    }

    public (string Title, string Text) EarningsNote()
    {
        var company = Companies[random.Next(Companies.Length)];
        var profit = 20 + random.Next(900);
        var change = 1 + random.Next(40);
        var up = random.Next(2) == 0;
        var revenue = (1 + random.Next(30)) + (random.Next(10) / 10.0);
        var quarter = new[] { "first", "second", "third", "fourth" }[random.Next(4)];
        var chief = Players[random.Next(Players.Length)];
        var text = $"{company} reported a {quarter}-quarter profit of ${profit}m, {(up ? "up" : "down")} {change}% from a year earlier, on revenue of ${revenue.ToString("0.0", CultureInfo.InvariantCulture)}bn.\n\n" +
            $"Chief executive {chief} said demand had been {(up ? "stronger" : "weaker")} than expected in the final weeks of the quarter and that costs were under control.\n\n" +
            $"Analysts had expected a profit of about ${profit + random.Next(-50, 50)}m, according to a survey of brokers, and the shares {(up ? "rose" : "fell")} {1 + random.Next(9)}% in early trading.\n\n" +
            $"The company kept its forecast for the full year and said it would pay a dividend of {5 + random.Next(40)} cents a share.\n\n" +
            $"The results will be discussed with investors on a call on {(random.Next(2) == 0 ? "Thursday" : "Friday")} morning.";
        return ($"{company} {quarter}-quarter profit {(up ? "rises" : "falls")} {change}%", text);
    }

    public (string Title, string Text) WeatherReport()
    {
        var region = Regions[random.Next(Regions.Length)];
        var high = 2 + random.Next(25);
        var low = high - 3 - random.Next(8);
        var rain = random.Next(60);
        var wind = 10 + random.Next(80);
        var day = CultureInfo.InvariantCulture.DateTimeFormat.GetDayName((DayOfWeek)random.Next(7));
        var text = $"Forecasters expect temperatures to reach {high}C in {region} on {day}, with lows of {low}C overnight.\n\n" +
            $"Up to {rain}mm of rain could fall in places, and gusts of {wind}km/h are possible along exposed coasts and hills.\n\n" +
            $"The national weather service said a band of low pressure would move in from the west during the afternoon, bringing cloud and showers.\n\n" +
            $"Drivers were advised to allow extra time for journeys and to check for updates before setting off.\n\n" +
            $"Conditions are expected to settle by the weekend, with sunny spells and lighter winds for most areas.";
        return ($"Weather: {high}C and {rain}mm of rain for {region}", text);
    }

    /// <summary>A real article with every name and number changed (consistently): same words, different facts.</summary>
    public (string Title, string Text) Renamed(CorpusArticle article)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string Swap(Match m)
        {
            var word = m.Value;
            if (char.IsDigit(word[0]))
            {
                var sb = new StringBuilder(word.Length);
                foreach (var c in word)
                {
                    sb.Append(char.IsDigit(c) ? (char)('0' + ((c - '0' + 1 + random.Next(8)) % 10)) : c);
                }

                return sb.ToString();
            }

            if (!names.TryGetValue(word, out var other))
            {
                other = namePool[random.Next(namePool.Count)];
                names[word] = other;
            }

            return other;
        }

        string Rewrite(string s) => NameOrNumber().Replace(s, Swap);
        return (Rewrite(article.Title), string.Join("\n\n", article.Paragraphs.Select(Rewrite)));
    }

    /// <summary>A follow-up days later: a new lead, one background paragraph repeated, the rest about new developments.</summary>
    public (string Title, string Text) FollowUp(CorpusArticle article, CorpusArticle developments)
    {
        // One short background paragraph is repeated, as follow-ups do; the rest is new.
        var background = article.Paragraphs.Skip(1).Take(3).MinBy(p => p.Length) ?? article.Paragraphs[0];
        var subject = article.Title.Split(' ').FirstOrDefault(w => w.Length > 3) ?? article.Title;
        var lead = $"Days after the first reports on {subject.ToLowerInvariant()} matters, new details emerged on {(random.Next(2) == 0 ? "Monday" : "Tuesday")} as officials responded to questions from reporters.";
        var rest = developments.Paragraphs.Skip(1).Take(5);
        return ($"{article.Title}: what happened next", string.Join("\n\n", new[] { lead }.Concat(rest.Take(2)).Append(background).Concat(rest.Skip(2))));
    }

    // A capitalised word inside a sentence (not after . ! ? or a line start), or a number.
    [GeneratedRegex(@"(?<=[a-z,;] )[A-Z][a-z]+|\b\d[\d.,]*")]
    private static partial Regex NameOrNumber();
}
