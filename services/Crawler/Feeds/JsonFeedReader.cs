using System.Text.Json;

namespace MediaMonitor.Crawler.Feeds;

/// <summary>Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).</summary>
internal static class JsonFeedReader
{
    public static ParsedFeed Read(byte[] content, Uri? feedUri)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new FeedRejectedException("not valid JSON: " + ex.Message, ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FeedRejectedException("a JSON document that is not a JSON Feed (no object at the top)");
            }

            var version = String(root, "version");
            if (version is null || !version.Contains("jsonfeed.org", StringComparison.OrdinalIgnoreCase))
            {
                throw new FeedRejectedException("a JSON document that is not a JSON Feed (no jsonfeed.org version)");
            }

            var problems = new List<string>();
            var items = new List<FeedItem>();
            if (root.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in array.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
                {
                    var link = Resolve(feedUri, String(item, "url") ?? String(item, "external_url") ?? String(item, "id"));
                    if (link is null)
                    {
                        continue;
                    }

                    var author = item.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array && authors.GetArrayLength() > 0
                        ? String(authors[0], "name")
                        : item.TryGetProperty("author", out var single) ? String(single, "name") : null;
                    items.Add(new FeedItem(link, String(item, "title"),
                        FeedDates.TryParse(String(item, "date_published")) ?? FeedDates.TryParse(String(item, "date_modified")),
                        String(item, "id") ?? link, String(item, "summary") ?? String(item, "content_text"), author));
                }
            }
            else
            {
                problems.Add("JSON Feed without an items array");
            }

            var format = version.Contains("1.1", StringComparison.Ordinal) ? "json feed 1.1" : "json feed 1.0";
            return new ParsedFeed(format, String(root, "title"), Resolve(feedUri, String(root, "home_page_url")), items, problems) { Push = Hub(root, feedUri) };
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>JSON Feed 1.1 "hubs": the first of type WebSub, with feed_url as the self URL.</summary>
    private static WebSub.WebSubLinks? Hub(JsonElement root, Uri? feedUri)
    {
        if (!root.TryGetProperty("hubs", out var hubs) || hubs.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var hub = hubs.EnumerateArray()
            .Where(h => string.Equals(String(h, "type"), "WebSub", StringComparison.OrdinalIgnoreCase))
            .Select(h => Resolve(feedUri, String(h, "url")))
            .FirstOrDefault(u => u is not null);
        return hub is null ? null : new WebSub.WebSubLinks(hub, Resolve(feedUri, String(root, "feed_url")));
    }

    private static string? Resolve(Uri? baseUri, string? link)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            return null;
        }

        var ok = baseUri is null ? Uri.TryCreate(link, UriKind.Absolute, out var uri) : Uri.TryCreate(baseUri, link, out uri);
        return ok && uri is not null && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri.AbsoluteUri : null;
    }
}
