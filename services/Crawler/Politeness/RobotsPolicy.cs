using System.Globalization;
using System.Text;

namespace MediaMonitor.Crawler.Politeness;

/// <summary>
/// A host's robots.txt read per RFC 9309: groups by user-agent product token (the most specific match, else "*"),
/// the longest matching rule wins, allow wins a tie, "*" and "$" in patterns; plus the crawl-delay and sitemap extensions.
/// </summary>
public sealed class RobotsPolicy
{
    /// <summary>RFC 9309 2.5: crawlers must read at least 500 KiB; more is ignored.</summary>
    public const int MaxBytes = 500 * 1024;

    private readonly List<Group> _groups;

    private RobotsPolicy(List<Group> groups, IReadOnlyList<string> sitemaps)
    {
        _groups = groups;
        Sitemaps = sitemaps;
    }

    /// <summary>Everything allowed: robots.txt absent (4xx).</summary>
    public static RobotsPolicy AllowAll { get; } = new([], []);

    /// <summary>Everything disallowed: robots.txt unreachable (5xx, network error), as RFC 9309 2.3.1.3 requires.</summary>
    public static RobotsPolicy DisallowAll { get; } = new([new Group(["*"], [new Rule("/", false)], null)], []);

    public IReadOnlyList<string> Sitemaps { get; }

    /// <summary>Why robots.txt could not be read, when this policy disallows everything for that reason.</summary>
    public string? UnreachableReason { get; private init; }

    public static RobotsPolicy Unreachable(string reason) => new([new Group(["*"], [new Rule("/", false)], null)], []) { UnreachableReason = reason };

    public static RobotsPolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxBytes)
        {
            text = text[..MaxBytes];
        }

        var groups = new List<Group>();
        var sitemaps = new List<string>();
        Group? current = null;
        var lastWasAgent = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "user-agent":
                    if (current is null || !lastWasAgent)
                    {
                        current = new Group([], [], null);
                        groups.Add(current);
                    }

                    current.Agents.Add(value.ToLowerInvariant());
                    lastWasAgent = true;
                    continue;
                case "allow" or "disallow" when current is not null:
                    if (value.Length > 0 || key == "allow")
                    {
                        current.Rules.Add(new Rule(value.Length == 0 ? "/" : value, key == "allow"));
                    }

                    break;
                case "crawl-delay" when current is not null:
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                    {
                        current.CrawlDelay = TimeSpan.FromSeconds(Math.Min(seconds, 3600));
                    }

                    break;
                case "sitemap":
                    sitemaps.Add(value);
                    break;
            }

            lastWasAgent = false;
        }

        return new RobotsPolicy(groups, sitemaps);
    }

    /// <summary>Whether the crawler (its product token, e.g. "MediaMonitorBot") may fetch a path with its query.</summary>
    public bool IsAllowed(string productToken, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        if (pathAndQuery.Equals("/robots.txt", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var path = Normalize(pathAndQuery);
        Rule? best = null;
        foreach (var rule in RulesFor(productToken))
        {
            if (Matches(rule.Pattern, path)
                && (best is null || rule.Pattern.Length > best.Pattern.Length || (rule.Pattern.Length == best.Pattern.Length && rule.Allow)))
            {
                best = rule;
            }
        }

        return best?.Allow ?? true;
    }

    /// <summary>The crawl-delay the group for our token (or "*") asks for, if any.</summary>
    public TimeSpan? CrawlDelay(string productToken) => GroupsFor(productToken).Select(g => g.CrawlDelay).FirstOrDefault(d => d is not null);

    private IEnumerable<Rule> RulesFor(string productToken) => GroupsFor(productToken).SelectMany(g => g.Rules);

    private List<Group> GroupsFor(string productToken)
    {
        var token = productToken.ToLowerInvariant();
        var specific = _groups.Where(g => g.Agents.Any(a => a != "*" && token.StartsWith(a.Split('/')[0], StringComparison.Ordinal))).ToList();
        return specific.Count > 0 ? specific : _groups.Where(g => g.Agents.Contains("*")).ToList();
    }

    private static string Normalize(string path)
    {
        // Compare in percent-encoded form, with the unreserved characters decoded, as RFC 9309 2.2.2 describes.
        var builder = new StringBuilder(path.Length);
        foreach (var b in Encoding.UTF8.GetBytes(Uri.UnescapeDataString(path)))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || "-._~/?=&;:@!$'()*+,%#".Contains(c, StringComparison.Ordinal)))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        var body = Normalize(anchored ? pattern[..^1] : pattern);
        return Glob(body, 0, path, 0, anchored);
    }

    /// <summary>Wildcard match by the two-pointer method (linear backtracking to the last star), so hostile patterns cannot explode.</summary>
    private static bool Glob(string pattern, int p, string path, int s, bool anchored)
    {
        int star = -1, mark = 0;
        while (s < path.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = s;
            }
            else if (p < pattern.Length && pattern[p] == path[s])
            {
                p++;
                s++;
            }
            else if (p == pattern.Length && !anchored)
            {
                return true;
            }
            else if (star >= 0)
            {
                p = star + 1;
                s = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private sealed class Group(List<string> agents, List<Rule> rules, TimeSpan? crawlDelay)
    {
        public List<string> Agents { get; } = agents;

        public List<Rule> Rules { get; } = rules;

        public TimeSpan? CrawlDelay { get; set; } = crawlDelay;
    }

    private sealed record Rule(string Pattern, bool Allow);
}
