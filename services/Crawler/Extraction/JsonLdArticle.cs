using System.Text.Json;
using AngleSharp.Dom;

namespace MediaMonitor.Crawler.Extraction;

/// <summary>The schema.org Article (NewsArticle, BlogPosting ...) a page describes in its JSON-LD, if any.</summary>
internal sealed record JsonLdArticle(string? Headline, string? Author, string? DatePublished, string? DateModified, string? Publisher, string? Image, string? Url)
{
    private static readonly string[] ArticleTypes =
        ["Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BlogPosting", "SocialMediaPosting", "TechArticle", "ScholarlyArticle", "Report", "LiveBlogPosting", "WebPage"];

    public static JsonLdArticle? From(IDocument document)
    {
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            try
            {
                using var json = JsonDocument.Parse(WithoutCData(script.TextContent), new JsonDocumentOptions { MaxDepth = 32, AllowTrailingCommas = true });
                var article = Find(json.RootElement, 0);
                if (article is { } found)
                {
                    return new JsonLdArticle(
                        String(found, "headline") ?? String(found, "name"),
                        Name(found, "author"),
                        String(found, "datePublished") ?? String(found, "dateCreated"),
                        String(found, "dateModified"),
                        Name(found, "publisher"),
                        ImageUrl(found),
                        String(found, "url"));
                }
            }
            catch (JsonException)
            {
                // Broken JSON-LD is common; the page's other metadata still counts.
            }
        }

        return null;
    }

    /// <summary>Pages wrap JSON-LD in "&lt;![CDATA[ ... ]]&gt;", often behind "//" so old parsers skip it; neither is JSON.</summary>
    internal static string WithoutCData(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("//", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..].TrimStart();
        }

        if (!trimmed.StartsWith("<![CDATA[", StringComparison.Ordinal))
        {
            return text;
        }

        trimmed = trimmed["<![CDATA[".Length..].TrimEnd();
        if (trimmed.EndsWith("]]>", StringComparison.Ordinal))
        {
            trimmed = trimmed[..^3].TrimEnd();
        }

        return trimmed.EndsWith("//", StringComparison.Ordinal) ? trimmed[..^2] : trimmed;
    }

    private static JsonElement? Find(JsonElement element, int depth)
    {
        if (depth > 4)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            var candidates = element.EnumerateArray().Select(e => Find(e, depth + 1)).Where(e => e is not null).ToList();
            return candidates.FirstOrDefault(c => !IsType(c!.Value, "WebPage")) ?? candidates.FirstOrDefault();
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (ArticleTypes.Any(t => IsType(element, t)))
        {
            return element;
        }

        return element.TryGetProperty("@graph", out var graph) ? Find(graph, depth + 1) : null;
    }

    private static bool IsType(JsonElement element, string type) =>
        element.TryGetProperty("@type", out var value) && (value.ValueKind == JsonValueKind.String
            ? value.GetString() == type
            : value.ValueKind == JsonValueKind.Array && value.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.String && v.GetString() == type));

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()?.Trim() : null;

    private static string? Name(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        var names = (value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : Enumerable.Repeat(value, 1))
            .Select(v => v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Object => String(v, "name"),
                _ => null,
            })
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .ToList();
        return names.Count == 0 ? null : string.Join(", ", names);
    }

    private static string? ImageUrl(JsonElement element)
    {
        if (!element.TryGetProperty("image", out var image))
        {
            return null;
        }

        var first = image.ValueKind == JsonValueKind.Array ? image.EnumerateArray().FirstOrDefault() : image;
        return first.ValueKind switch
        {
            JsonValueKind.String => first.GetString(),
            JsonValueKind.Object => String(first, "url"),
            _ => null,
        };
    }
}
