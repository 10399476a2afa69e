using MediaMonitor.Crawler.Extraction;
using MediaMonitor.Crawler.Feeds;
using Npgsql;

namespace MediaMonitor.Crawler.Polling;

/// <summary>
/// PostgreSQL refuses U+0000 in text and jsonb (SQLSTATE 22P05), so an event holding it could never be appended:
/// every text taken from a feed or a page loses it at the boundary, and an append refused for it anyway is recorded
/// as the item's failure instead of being retried on every poll.
/// </summary>
public static class StorableText
{
    public const string UntranslatableCharacter = "22P05";

    /// <summary>The failure recorded for an item whose events the store refused anyway.</summary>
    public const string RefusedReason = "the event store refused a character in the item's text (SQLSTATE 22P05, e.g. U+0000)";

    public static string? WithoutNul(string? text) =>
        text is null || !text.Contains('\0', StringComparison.Ordinal) ? text : text.Replace("\0", string.Empty, StringComparison.Ordinal);

    public static FeedItem Clean(FeedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item with
        {
            Link = WithoutNul(item.Link), Title = WithoutNul(item.Title), Id = WithoutNul(item.Id),
            Summary = WithoutNul(item.Summary), Author = WithoutNul(item.Author),
        };
    }

    public static ExtractedArticle Clean(ExtractedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return article with
        {
            Title = WithoutNul(article.Title), Text = WithoutNul(article.Text) ?? string.Empty, SiteName = WithoutNul(article.SiteName),
            CanonicalUrl = WithoutNul(article.CanonicalUrl), Byline = WithoutNul(article.Byline), Language = WithoutNul(article.Language),
            LeadImage = WithoutNul(article.LeadImage),
        };
    }

    /// <summary>Whether an append failed because the store refuses a character in the text (it would fail again on every retry).</summary>
    public static bool IsRefusedCharacter(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: UntranslatableCharacter })
            {
                return true;
            }
        }

        return false;
    }
}
