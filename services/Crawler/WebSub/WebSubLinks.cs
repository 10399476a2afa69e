using System.Xml.Linq;

namespace MediaMonitor.Crawler.WebSub;

/// <summary>
/// What a feed advertises for WebSub (https://www.w3.org/TR/websub/#discovery): its hub and its own URL (rel="self", the
/// topic). Pure functions read them from HTTP Link headers, from an Atom or RSS document (atom:link) and from a JSON Feed.
/// </summary>
public sealed record WebSubLinks(string Hub, string? Self)
{
    /// <summary>
    /// The hub and topic to subscribe with: Link headers win over the document (the spec's order); the topic is the
    /// self URL, or the URL the feed was fetched from when it names none. Null when no http(s) hub is advertised.
    /// </summary>
    public static (string Hub, string Topic)? Choose(WebSubLinks? fromHeaders, WebSubLinks? fromDocument, Uri fetched)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        var chosen = fromHeaders ?? fromDocument;
        if (chosen is null)
        {
            return null;
        }

        var self = fromHeaders?.Self ?? fromDocument?.Self ?? fetched.AbsoluteUri;
        return (chosen.Hub, self);
    }

    /// <summary>The first rel="hub" and rel="self" of RFC 8288 Link header values, resolved against the fetched URL.</summary>
    public static WebSubLinks? FromLinkHeaders(IEnumerable<string> values, Uri fetched)
    {
        ArgumentNullException.ThrowIfNull(values);
        string? hub = null, self = null;
        foreach (var (target, rels) in values.SelectMany(ParseLinkHeader))
        {
            var absolute = Absolute(fetched, target);
            if (absolute is null)
            {
                continue;
            }

            if (hub is null && rels.Contains("hub"))
            {
                hub = absolute;
            }

            if (self is null && rels.Contains("self"))
            {
                self = absolute;
            }
        }

        return hub is null ? null : new WebSubLinks(hub, self);
    }

    /// <summary>The feed-level link elements with an href (Atom link, atom:link in an RSS channel) whose rel is hub or self.</summary>
    public static WebSubLinks? FromFeedElement(XElement? feed, Uri? baseUri)
    {
        if (feed is null)
        {
            return null;
        }

        string? hub = null, self = null;
        foreach (var link in feed.Elements().Where(e => e.Name.LocalName.Equals("link", StringComparison.OrdinalIgnoreCase)))
        {
            var href = (string?)link.Attribute("href");
            var rels = ((string?)link.Attribute("rel") ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (href is null || Absolute(baseUri, href) is not { } absolute)
            {
                continue;
            }

            if (hub is null && rels.Contains("hub", StringComparer.OrdinalIgnoreCase))
            {
                hub = absolute;
            }

            if (self is null && rels.Contains("self", StringComparer.OrdinalIgnoreCase))
            {
                self = absolute;
            }
        }

        return hub is null ? null : new WebSubLinks(hub, self);
    }

    /// <summary>Splits Link header values into (target, rel values): commas inside &lt;...&gt; or quotes do not split.</summary>
    internal static IEnumerable<(string Target, HashSet<string> Rels)> ParseLinkHeader(string value)
    {
        var i = 0;
        while (i < value.Length)
        {
            var open = value.IndexOf('<', i);
            if (open < 0)
            {
                yield break;
            }

            var close = value.IndexOf('>', open + 1);
            if (close < 0)
            {
                yield break;
            }

            var target = value[(open + 1)..close].Trim();
            var end = close + 1;
            var quoted = false;
            while (end < value.Length && (quoted || value[end] != ','))
            {
                quoted ^= value[end] == '"';
                end++;
            }

            var rels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in value[(close + 1)..end].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = parameter.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0 && parameter[..eq].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var rel in parameter[(eq + 1)..].Trim().Trim('"').Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        rels.Add(rel);
                    }
                }
            }

            yield return (target, rels);
            i = end + 1;
        }
    }

    private static string? Absolute(Uri? baseUri, string link)
    {
        var ok = baseUri is null ? Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) : Uri.TryCreate(baseUri, link.Trim(), out uri);
        return ok && uri is { IsAbsoluteUri: true } && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri.AbsoluteUri : null;
    }
}
