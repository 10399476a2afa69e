using System.Text;

namespace MediaMonitor.Crawler.Urls;

/// <summary>
/// The one spelling of an article URL that its stream id is derived from: lower-case scheme and host, no default port,
/// no fragment, no tracking parameters, remaining query parameters in their original order.
/// </summary>
public static class CanonicalUrl
{
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl",
        "ref_src", "ref_url", "cmpid", "ocid", "icid", "ncid", "sr_share", "s_cid", "wt.mc_id", "at_medium", "at_campaign",
        "__twitter_impression", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "rb_clickid", "spm",
    };

    /// <summary>The canonical form of an absolute http(s) URL, or null when the text is not one.</summary>
    public static string? TryCanonicalize(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        var builder = new StringBuilder();
        builder.Append(uri.Scheme).Append("://").Append(uri.IdnHost.ToLowerInvariant().TrimEnd('.'));
        if (!uri.IsDefaultPort)
        {
            builder.Append(':').Append(uri.Port);
        }

        var path = uri.AbsolutePath;
        builder.Append(string.IsNullOrEmpty(path) ? "/" : path);
        var query = CleanQuery(uri.Query);
        if (query.Length > 0)
        {
            builder.Append('?').Append(query);
        }

        return builder.ToString();
    }

    /// <summary>Like <see cref="TryCanonicalize"/> but throws for text that is not an absolute http(s) URL.</summary>
    public static string Canonicalize(string url) =>
        TryCanonicalize(url) ?? throw new ArgumentException($"'{url}' is not an absolute http or https URL.", nameof(url));

    /// <summary>Whether a query parameter only tracks the reader and never selects content.</summary>
    public static bool IsTrackingParameter(string name) =>
        name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("pk_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("hsa_", StringComparison.OrdinalIgnoreCase)
        || TrackingParameters.Contains(name);

    private static string CleanQuery(string query)
    {
        if (query.Length <= 1)
        {
            return string.Empty;
        }

        var kept = query[1..]
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair =>
            {
                var name = Uri.UnescapeDataString(pair.Split('=', 2)[0].Replace('+', ' '));
                return !IsTrackingParameter(name);
            });
        return string.Join('&', kept);
    }
}
