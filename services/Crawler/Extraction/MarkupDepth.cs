namespace MediaMonitor.Crawler.Extraction;

/// <summary>
/// Estimates how deeply a page nests its elements without parsing it: an HTML tree builder spends quadratic time on
/// absurd nesting (100,000 open divs), so such pages are refused before they reach the parser.
/// </summary>
public static class MarkupDepth
{
    public const int Limit = 2_000;

    private static readonly HashSet<string> NonNesting = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
        "p", "li", "td", "th", "tr", "option", "dt", "dd", "!doctype",
    };

    /// <summary>The deepest nesting of start tags over end tags, scanning the markup once.</summary>
    public static int Estimate(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        int depth = 0, max = 0;
        for (var i = html.IndexOf('<', StringComparison.Ordinal); i >= 0 && i < html.Length - 1; i = html.IndexOf('<', i + 1))
        {
            var next = html[i + 1];
            if (next == '/')
            {
                depth = Math.Max(0, depth - 1);
                continue;
            }

            if (!char.IsAsciiLetter(next))
            {
                continue;
            }

            var end = i + 1;
            while (end < html.Length && (char.IsAsciiLetterOrDigit(html[end]) || html[end] == '-'))
            {
                end++;
            }

            var close = html.IndexOf('>', end);
            var selfClosing = close > 0 && html[close - 1] == '/';
            if (selfClosing || NonNesting.Contains(html[(i + 1)..end]))
            {
                continue;
            }

            depth++;
            max = Math.Max(max, depth);
        }

        return max;
    }
}
