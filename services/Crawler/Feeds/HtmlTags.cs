using System.Text.RegularExpressions;

namespace MediaMonitor.Crawler.Feeds;

/// <summary>Removes markup from the short HTML snippets feeds put into titles.</summary>
internal static partial class HtmlTags
{
    public static string Strip(string html) => TagPattern().Replace(html, string.Empty);

    public static bool HasTags(string text) => TagPattern().IsMatch(text);

    [GeneratedRegex(@"</?[A-Za-z][^>]*>")]
    private static partial Regex TagPattern();
}
